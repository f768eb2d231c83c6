/**
 * Watch's paused writer (#22): a file refused as incomplete (empty, no body yet) is given one more
 * --settle period; a writer that goes on meanwhile has its finished file ingested, not quarantined
 * for good. A file that stays as it was is refused, with INCOMPLETE_FILE naming --settle and
 * writing under a temporary name.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Settler } from "../src/cli/watch/settle.js";
import { tempDir } from "./batch-helpers.js";
import { fixture } from "./helpers.js";
import { journal, sleep, startWatch, until } from "./watch-helpers.js";

const article = readFileSync(fixture("blank-lines-one.txt"), "utf8");
/** The article cut after its headline: a writer paused there. */
const cut = article.indexOf("(MENAFN");
const head = article.slice(0, cut);
const tail = article.slice(cut);

describe("a writer that pauses longer than --settle", () => {
  it("goes on writing within one more settle period: the finished file is ingested, nothing quarantined", async () => {
    const root = tempDir();
    mkdirSync(join(root, "inbox"));
    const w = startWatch(["inbox", "--out-dir", "out", "--quarantine", "refused", "--settle", "1500"], root);
    await until(() => w.stderr() !== "" || existsSync(join(root, "out")), "the watch to start", 10_000).catch(() => undefined);
    writeFileSync(join(root, "inbox", "a.txt"), head);
    // Longer than --settle: the half file is looked at (and refused as incomplete) ...
    await sleep(2200);
    // ... and the writer goes on before a second settle period has passed.
    appendFileSync(join(root, "inbox", "a.txt"), tail);
    await until(() => journal(join(root, "out", ".ingest-journal.jsonl")).length > 0, "the journal entry");
    w.child.kill("SIGTERM");
    await w.exited;
    expect(journal(join(root, "out", ".ingest-journal.jsonl")).map((e) => [e.event, e.path])).toEqual([["ingested", "a.txt"]]);
    expect(existsSync(join(root, "out", "a.json"))).toBe(true);
    expect(existsSync(join(root, "refused", "a.txt"))).toBe(false);
    expect(w.stderr()).not.toContain("error:");
  });

  it("stays as it was: refused after the second look, and the message names --settle and the rename habit", async () => {
    const root = tempDir();
    mkdirSync(join(root, "inbox"));
    const r = startWatch(["inbox", "--out-dir", "out", "--quarantine", "refused", "--settle", "1000"], root);
    await sleep(300);
    writeFileSync(join(root, "inbox", "b.txt"), head);
    await until(() => existsSync(join(root, "refused", "b.txt.errors.json")), "the refusal");
    r.child.kill("SIGTERM");
    expect((await r.exited).code).toBe(0);
    const errors = JSON.parse(readFileSync(join(root, "refused", "b.txt.errors.json"), "utf8")) as { diagnostics: Array<{ code: string; message: string }> };
    expect(errors.diagnostics.map((d) => d.code)).toEqual(["MISSING_BODY", "MISSING_ID", "MISSING_DISCLAIMER", "INCOMPLETE_FILE"]);
    const line =
      r
        .stderr()
        .split("\n")
        .find((l) => l.includes("INCOMPLETE_FILE")) ?? "";
    expect(line).toBe(
      "inbox/b.txt: warning: INCOMPLETE_FILE refused as it stood after 1000 ms more with no change; if a writer was still at it, have it write under a temporary name (NAME.tmp, NAME.part or .NAME) and rename it into place when done, or raise --settle above its longest pause",
    );
  });

  it("a file long untouched is refused at once; other refusals are never held back", async () => {
    const root = tempDir();
    mkdirSync(join(root, "inbox"));
    writeFileSync(join(root, "inbox", "c.txt"), new Uint8Array([1, 2, 0, 3]));
    writeFileSync(join(root, "inbox", "old.txt"), head);
    utimesSync(join(root, "inbox", "old.txt"), new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    const r = startWatch(["inbox", "--out-dir", "out", "--quarantine", "refused", "--settle", "1000", "--once"], root);
    await r.exited;
    const codes = (name: string) =>
      (JSON.parse(readFileSync(join(root, "refused", `${name}.errors.json`), "utf8")) as { diagnostics: Array<{ code: string }> }).diagnostics.map(
        (d) => d.code,
      );
    expect(codes("c.txt")).toEqual(["BINARY_INPUT"]);
    expect(codes("old.txt")).toEqual(["MISSING_BODY", "MISSING_ID", "MISSING_DISCLAIMER"]);
  });
});

describe("Settler.again", () => {
  it("holds an unchanged file a whole settle period from the refusal, though its mtime is old", async () => {
    const root = tempDir();
    const path = join(root, "f.txt");
    writeFileSync(path, "x");
    utimesSync(path, new Date(0), new Date(0));
    let now = 1_000_000;
    const ready: string[] = [];
    const s = new Settler(
      100,
      (rel) => join(root, rel),
      (rel) => ready.push(rel),
      () => now,
    );
    const { statSync } = await import("node:fs");
    const st = statSync(path);
    s.again("f.txt", { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino });
    // A change event for the unchanged file does not make it ready early (its mtime is ancient).
    await s.touch("f.txt");
    await sleep(150);
    expect(ready).toEqual([]);
    now += 100;
    await until(() => ready.length > 0, "ready", 5000);
    expect(ready).toEqual(["f.txt"]);
    s.close();
  });
});
