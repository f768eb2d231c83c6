/**
 * The pure parts of issue #24's marks and shared trees, fast enough for `npm test`: which locks
 * exclude which, stale and live locks, names cut to fit, the journal's header and damaged lines,
 * what a read identity vouches for. The fault suite (marks, shared, limits) runs the real thing.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { racy, type ReadIdentity, unchangedSince } from "../src/cli/convert/read-identity.js";
import { fitName, isFitted, NAME_MAX } from "../src/cli/output/fit-name.js";
import { Lock, lockJournal, lockTree, treeConflict, treeLockName } from "../src/cli/output/lock.js";
import { Journal, JOURNAL_HEADER, NotAJournal } from "../src/cli/watch/journal.js";

const temp = (): string => mkdtempSync(join(tmpdir(), "ingest-trust-"));

describe("which runs may share an --out-dir", () => {
  const table: Array<[string, string, boolean]> = [
    ["tree", "tree", true],
    ["tree", "shard-1-of-2", true],
    ["shard-1-of-2", "tree", true],
    ["shard-1-of-2", "shard-2-of-2", false],
    ["shard-1-of-2", "shard-1-of-2", true],
    ["shard-1-of-2", "shard-1-of-3", true],
    ["shard-2-of-4", "shard-3-of-4", false],
  ];
  for (const [mine, other, conflict] of table) {
    it(`${mine} beside ${other}: ${conflict ? "refused" : "side by side"}`, () => expect(treeConflict(mine, other)).toBe(conflict));
  }
  it("names a run's lock by its shard", () => {
    expect(treeLockName(null)).toBe("tree");
    expect(treeLockName({ k: 3, n: 4 })).toBe("shard-3-of-4");
  });
});

describe("locks", () => {
  it("refuses a second holder while the first lives, then lets it in once released", () => {
    const out = temp();
    const first = lockTree(out, "out", null, "ingest");
    expect(first).toBeInstanceOf(Lock);
    const second = lockTree(out, "out", null, "ingest");
    expect(second).toMatch(/^the output directory out is in use by ingest \(pid \d+, since .*; if no such process runs, remove .*\.ingest-locks\/tree\)$/);
    (first as Lock).release();
    const third = lockTree(out, "out", null, "ingest");
    expect(third).toBeInstanceOf(Lock);
    (third as Lock).release();
    // The directory of locks goes with the last one.
    expect(existsSync(join(out, ".ingest-locks"))).toBe(false);
  });
  it("lets shards of one split in side by side, and refuses the whole tree beside them", () => {
    const out = temp();
    const a = lockTree(out, "out", { k: 1, n: 2 }, "ingest");
    const b = lockTree(out, "out", { k: 2, n: 2 }, "ingest");
    expect(a).toBeInstanceOf(Lock);
    expect(b).toBeInstanceOf(Lock);
    expect(lockTree(out, "out", null, "ingest")).toMatch(/in use by/);
    expect(lockTree(out, "out", { k: 1, n: 3 }, "ingest")).toMatch(/in use by/);
    // A refused run leaves no lock of its own behind.
    expect(readdirSync(join(out, ".ingest-locks")).sort()).toEqual(["shard-1-of-2", "shard-2-of-2"]);
    (a as Lock).release();
    (b as Lock).release();
  });
  it("takes over the lock of a process that is gone (a pid no process can have)", () => {
    const out = temp();
    mkdirSync(join(out, ".ingest-locks"));
    const boot = existsSync("/proc/sys/kernel/random/boot_id") ? readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim() : null;
    writeFileSync(join(out, ".ingest-locks/tree"), JSON.stringify({ pid: 4194305, host: hostname(), boot, start: 1, command: "ingest", since: "x" }));
    const got = lockTree(out, "out", null, "ingest");
    expect(got).toBeInstanceOf(Lock);
    expect(JSON.parse(readFileSync(join(out, ".ingest-locks/tree"), "utf8")).pid).toBe(process.pid);
    (got as Lock).release();
  });
  it("takes over a lock of this host's previous boot, whatever its pid", () => {
    const out = temp();
    mkdirSync(join(out, ".ingest-locks"));
    writeFileSync(
      join(out, ".ingest-locks/tree"),
      JSON.stringify({ pid: 1, host: hostname(), boot: "an-earlier-boot", start: 1, command: "ingest", since: "x" }),
    );
    const got = lockTree(out, "out", null, "ingest");
    if (existsSync("/proc/sys/kernel/random/boot_id")) expect(got).toBeInstanceOf(Lock);
    if (got instanceof Lock) got.release();
  });
  it("leaves a fresh lock of another host alone (it cannot know that process)", () => {
    const out = temp();
    mkdirSync(join(out, ".ingest-locks"));
    writeFileSync(join(out, ".ingest-locks/tree"), JSON.stringify({ pid: 1, host: "elsewhere", boot: null, start: null, command: "ingest watch", since: "x" }));
    expect(lockTree(out, "out", null, "ingest")).toMatch(/in use by ingest watch \(pid 1 on elsewhere,/);
  });
  it("locks a journal beside it, with a hidden name, and never removes the journal's directory", () => {
    const dir = temp();
    const journal = join(dir, "j.jsonl");
    const lock = lockJournal(journal);
    expect(lock).toBeInstanceOf(Lock);
    expect(existsSync(join(dir, ".j.jsonl.lock"))).toBe(true);
    expect(lockJournal(journal)).toMatch(/^the journal .*j\.jsonl is in use by ingest watch/);
    (lock as Lock).release();
    expect(existsSync(dir)).toBe(true);
  });
});

describe("names cut to fit", () => {
  it("keeps a name that fits as it is", () => expect(fitName("a.txt", ".json")).toBe("a.txt.json"));
  it("cuts a long name at a character boundary and ends it with a hash of the whole name", () => {
    for (const name of ["n".repeat(251), "é".repeat(126), `${"日".repeat(83)}.txt`]) {
      const fitted = fitName(name, ".errors.json");
      expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(NAME_MAX);
      expect(fitted.endsWith(".errors.json")).toBe(true);
      expect(fitted).not.toContain("\ufffd");
      expect(isFitted(fitted)).toBe(true);
    }
  });
  it("gives two long names that share their start two names", () => {
    const a = `${"x".repeat(300)}a`;
    const b = `${"x".repeat(300)}b`;
    expect(fitName(a, ".json")).not.toBe(fitName(b, ".json"));
  });
});

describe("the watch journal", () => {
  const entry = (path: string, hash = "h"): string =>
    JSON.stringify({ v: 1, event: "ingested", path, size: 1, mtimeMs: 1, ino: 1, hash, records: 1, outputs: [], moved: null, at: "" });
  it("starts a new journal with its header", () => {
    const path = join(temp(), "j.jsonl");
    Journal.open(path).close();
    expect(readFileSync(path, "utf8")).toBe(`${JSON.stringify(JOURNAL_HEADER)}\n`);
  });
  it("skips a damaged line in the middle, naming it, and keeps every line after it", () => {
    const path = join(temp(), "j.jsonl");
    const text = `${JSON.stringify(JOURNAL_HEADER)}\n${entry("a")}\n{"v":1,"event":"ingest###\n${entry("b")}\n${entry("c")}\n`;
    writeFileSync(path, text);
    const j = Journal.open(path);
    j.close();
    expect([...j.index.keys()]).toEqual(["a", "b", "c"]);
    expect(j.loaded.damaged).toEqual([3]);
    expect(readFileSync(path, "utf8")).toBe(text);
  });
  it("cuts only a torn last line (no line break after it)", () => {
    const path = join(temp(), "j.jsonl");
    const whole = `${JSON.stringify(JOURNAL_HEADER)}\n${entry("a")}\n`;
    writeFileSync(path, `${whole}${entry("b").slice(0, 30)}`);
    const j = Journal.open(path);
    j.close();
    expect([...j.index.keys()]).toEqual(["a"]);
    expect(readFileSync(path, "utf8")).toBe(whole);
  });
  it("reads a journal of an earlier build (entries, no header), and adds no header to it", () => {
    const path = join(temp(), "j.jsonl");
    writeFileSync(path, `${entry("a")}\n${entry("b")}\n`);
    const j = Journal.open(path);
    j.close();
    expect([...j.index.keys()]).toEqual(["a", "b"]);
    expect(readFileSync(path, "utf8")).toBe(`${entry("a")}\n${entry("b")}\n`);
  });
  for (const [what, text] of [
    ["prose", "dear diary,\nremember the milk\n"],
    ["another program's JSON Lines", '{"event":"login","user":"a"}\n'],
    ["a JSON document", '{\n  "a": 1\n}\n'],
    ["one long line without a break", "x".repeat(100_000)],
  ] as const) {
    it(`refuses a file that is not a journal (${what}) and leaves it as it was`, () => {
      const path = join(temp(), "notes.txt");
      writeFileSync(path, text);
      expect(() => Journal.open(path)).toThrow(NotAJournal);
      expect(readFileSync(path, "utf8")).toBe(text);
    });
  }
});

describe("what a read vouches for", () => {
  const read: ReadIdentity = { size: 10, mtimeMs: 1000, ino: 7, dev: 1, read: 10, hash: "h", complete: true, readAt: 5000 };
  it("holds while the file is the same inode, size and time", () => {
    expect(unchangedSince(read, { size: 10, mtimeMs: 1000, ino: 7, dev: 1 })).toBe(true);
  });
  for (const [change, now] of [
    ["appended to", { size: 12, mtimeMs: 1001, ino: 7, dev: 1 }],
    ["truncated", { size: 3, mtimeMs: 1001, ino: 7, dev: 1 }],
    ["rewritten in place", { size: 10, mtimeMs: 1001, ino: 7, dev: 1 }],
    ["replaced by mv", { size: 10, mtimeMs: 1000, ino: 8, dev: 1 }],
  ] as const) {
    it(`fails once it was ${change}`, () => expect(unchangedSince(read, now)).toBe(false));
  }
  it("fails for what was not read whole, or not there", () => {
    expect(unchangedSince({ ...read, read: 4, complete: false }, { size: 10, mtimeMs: 1000, ino: 7, dev: 1 })).toBe(false);
    expect(unchangedSince(read, null)).toBe(false);
  });
  it("calls a modification within 2 s of the read (or after it) racy", () => {
    expect(racy(1000, 5000)).toBe(false);
    expect(racy(3500, 5000)).toBe(true);
    expect(racy(6000, 5000)).toBe(true);
  });
});
