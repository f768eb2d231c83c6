/**
 * The write guard and its helpers in-process (issue #24): src/cli/output/guard.ts, deliver.ts,
 * closed.ts and report/special-files.ts. The CLI runs them through every flag in
 * tests/faults/{aliasing,write-failures,special-files}.fault.ts.
 */
import { execFileSync } from "node:child_process";
import { linkSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { closedStreamProblem } from "../src/cli/output/closed.js";
import { moveNew, numbered, writeNew } from "../src/cli/output/deliver.js";
import { type Target, walkReads, WriteGuard } from "../src/cli/output/guard.js";
import { openRegular, readRegular } from "../src/cli/report/special-files.js";

const dir = (): string => mkdtempSync(join(tmpdir(), "ingest-guard-"));
const file = (path: string, what = "the output file", mode: Target["mode"] = "replace"): Target => ({ flag: "-o", what, path, display: path, mode });
const txt = (rel: string): boolean => rel.endsWith(".txt");

describe("WriteGuard", () => {
  it("finds an output that is an input by identity, whatever the spelling", () => {
    const d = dir();
    writeFileSync(join(d, "a.jsonl"), "x");
    symlinkSync(d, join(d, "link"));
    linkSync(join(d, "a.jsonl"), join(d, "hard.jsonl"));
    for (const spelt of ["a.jsonl", "link/a.jsonl", "./link/../a.jsonl", "hard.jsonl"]) {
      const g = new WriteGuard().read({ kind: "file", path: join(d, "a.jsonl"), display: "a.jsonl" }).write(file(join(d, spelt)));
      expect(g.check(), spelt).toMatch(/is also an input; it would be overwritten$/);
    }
  });

  it("refuses what a walk would read back, and only that", () => {
    const d = dir();
    mkdirSync(join(d, "in"));
    const root = { kind: "root" as const, path: join(d, "in"), display: "in", reads: walkReads({ include: txt, exclude: () => false, hidden: false }) };
    expect(
      new WriteGuard()
        .read(root)
        .write(file(join(d, "in/new.txt")))
        .check(),
    ).toMatch(/would be read back as an input$/);
    expect(
      new WriteGuard()
        .read(root)
        .write(file(join(d, "in/new.jsonl")))
        .check(),
    ).toBe(null);
    expect(
      new WriteGuard()
        .read(root)
        .write(file(join(d, "in/.hidden.txt")))
        .check(),
    ).toBe(null);
    expect(
      new WriteGuard()
        .read({ ...root, watched: true })
        .write(file(join(d, "in/sub/x.txt")))
        .check(),
    ).toMatch(/inside the watched directory in/);
  });

  it("refuses two outputs on one file, and a file where a tree writes its own", () => {
    const d = dir();
    const g = new WriteGuard().write(file(join(d, "x.jsonl"))).write({ ...file(join(d, "x.jsonl")), flag: "--errors", mode: "append" });
    expect(g.check()).toMatch(/name the same file$/);
    const tree: Target = { flag: "--out-dir", what: "the output directory", path: join(d, "out"), display: "out", mode: "tree" };
    expect(
      new WriteGuard()
        .write(tree)
        .write(file(join(d, "out/a.json")))
        .check(),
    ).toMatch(/where ingest writes its own files$/);
    expect(
      new WriteGuard()
        .write(tree)
        .write(file(join(d, "out/log.jsonl")))
        .check(),
    ).toBe(null);
    expect(
      new WriteGuard()
        .write(tree)
        .write({ ...file(join(d, "out/.j.jsonl")), ownedBy: "--out-dir" })
        .check(),
    ).toBe(null);
  });

  it("refuses special files, hard-linked logs and files ingest did not write; allows /dev/null for a log", () => {
    const d = dir();
    execFileSync("mkfifo", [join(d, "fifo")]);
    expect(new WriteGuard().write(file(join(d, "fifo"), "the --errors file", "append")).check()).toMatch(/is a named pipe/);
    expect(new WriteGuard().write(file("/dev/zero", "the --errors file", "append")).check()).toMatch(/is a device/);
    expect(new WriteGuard().write(file("/dev/null", "the --errors file", "append")).check()).toBe(null);
    writeFileSync(join(d, "log.jsonl"), "{}\n");
    linkSync(join(d, "log.jsonl"), join(d, "other"));
    expect(new WriteGuard().write(file(join(d, "log.jsonl"), "the --log file", "append")).check()).toMatch(/has 2 names/);
    writeFileSync(join(d, "notes.jsonl"), "notes\n");
    expect(new WriteGuard().write(file(join(d, "notes.jsonl"))).check()).toMatch(/exists and it begins "notes\?", not as the JSON Lines/);
    writeFileSync(join(d, "ours.jsonl"), '{"headline":"x"}\n');
    expect(new WriteGuard().write(file(join(d, "ours.jsonl"))).check()).toBe(null);
  });

  it("answers for an input met later by its stat", () => {
    const d = dir();
    writeFileSync(join(d, "x.jsonl"), "");
    const g = new WriteGuard().write(file(join(d, "x.jsonl")));
    const s = { dev: 0, ino: 0 };
    expect(g.isTarget(s)).toBe(null);
    expect(g.isTarget(statSync(join(d, "x.jsonl")))?.flag).toBe("-o");
  });
});

describe("deliveries that never replace", () => {
  it("numbers a second and third delivery of one name", () => {
    expect(numbered("/q/a.txt", 1)).toBe("/q/a.txt");
    expect(numbered("/q/a.txt", 2)).toBe("/q/a~2.txt");
    expect(numbered("/q/README", 3)).toBe("/q/README~3");
  });

  it("keeps every delivery, and finishes a move a crash cut short", () => {
    const d = dir();
    mkdirSync(join(d, "kept"));
    for (const k of [1, 2, 3]) {
      writeFileSync(join(d, "a.txt"), `delivery ${k}`);
      moveNew(join(d, "a.txt"), join(d, "kept/a.txt"));
    }
    expect(["a.txt", "a~2.txt", "a~3.txt"].map((n) => readFileSync(join(d, "kept", n), "utf8"))).toEqual(["delivery 1", "delivery 2", "delivery 3"]);
    // A link made, the unlink not: the move is finished, not made again as a~4.txt.
    writeFileSync(join(d, "b.txt"), "b");
    linkSync(join(d, "b.txt"), join(d, "kept/b.txt"));
    expect(moveNew(join(d, "b.txt"), join(d, "kept/b.txt"))).toBe(join(d, "kept/b.txt"));
  });

  it("writes a new file beside others, and takes one with the same text as written", () => {
    const d = dir();
    writeFileSync(join(d, "e.json"), "other");
    expect(writeNew((n) => numbered(join(d, "e.json"), n), "mine", join(d, ".t1"))).toBe(join(d, "e~2.json"));
    expect(writeNew((n) => numbered(join(d, "e.json"), n), "mine", join(d, ".t2"))).toBe(join(d, "e~2.json"));
  });
});

describe("special files", () => {
  it("opens a named pipe with nobody at the other end without blocking, and refuses it", () => {
    const d = dir();
    execFileSync("mkfifo", [join(d, "p")]);
    expect(() => openRegular(join(d, "p"), 0)).toThrow("it is a named pipe");
    expect(() => openRegular(join(d, "p"), 1)).toThrow("it is a named pipe");
  });

  it("reads a file to a bound: /dev/zero is refused, not read", () => {
    expect(() => readRegular("/dev/zero", 1024)).toThrow("it is a device");
    const d = dir();
    writeFileSync(join(d, "big"), Buffer.alloc(2048));
    expect(() => readRegular(join(d, "big"), 1024)).toThrow("the limit is 1024");
    expect(readRegular(join(d, "big"), 4096)).toHaveLength(2048);
  });

  it("says when a standard stream was closed at start", () => {
    const closed = { closedAtStart: true };
    expect(closedStreamProblem({}, {}, true)).toBe(null);
    expect(closedStreamProblem(closed, {}, true)).toMatch(/^standard output is closed/);
    expect(closedStreamProblem(closed, {}, false)).toBe(null);
    expect(closedStreamProblem({}, closed, false)).toMatch(/^standard error is closed/);
  });
});
