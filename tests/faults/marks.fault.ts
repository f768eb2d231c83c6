/**
 * Issue #24, "'Done' marks that vouch for what was not read": every flag that writes a marker or
 * a journal entry × every way its input can change between the read and the mark (and every
 * option that shapes the output, changed between runs). Whatever happened in between, the next
 * run must leave what a fresh run over the inputs as they are now leaves: the same outputs, the
 * same exit code, no record lost. A new marker-writing flag is covered by adding a row.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { ingest, noStackTrace, scenario, temp } from "./harness.js";
import { query } from "../store/helpers.js";
import { exitOf, feeds, multi, MUTATE, mutation, recordKeys, sha256, startWatch, treeDiff, visibleTree, writeTree } from "./trust.js";

type Change = "append" | "replace" | "truncate" | "rewrite";
const CHANGES: Change[] = ["append", "replace", "truncate", "rewrite"];
/** What an append adds and a replace puts in place: articles the first version did not have. */
const NEW_TEXT = multi(2, 900);
const REPLACEMENT = multi(3, 700);

/** Batch rows: the flags of the first run (which the input changes under) and of the rerun. */
const BATCH_ROWS: Array<{ name: string; first: string[]; rerun: string[]; fillers: number }> = [
  { name: "--out-dir --incremental", first: ["--incremental"], rerun: ["--incremental"], fillers: 3 },
  { name: "--out-dir --incremental -j 2 (read in a worker thread)", first: ["--incremental", "-j", "2"], rerun: ["--incremental", "-j", "2"], fillers: 40 },
  {
    name: "--out-dir --incremental, streamed (over --max-bytes)",
    first: ["--incremental", "--max-bytes", "4K"],
    rerun: ["--incremental", "--max-bytes", "4K"],
    fillers: 3,
  },
  { name: "--out-dir, then --incremental", first: [], rerun: ["--incremental"], fillers: 3 },
];

/** The input that changes: six articles, last in the walk's order. */
const TARGET = "in/zz.txt";

/** A tree of `fillers` inputs and TARGET, and a first run of `args` during which TARGET changes right after its read; the tree's root. */
async function changedDuringRun(fillers: number, change: Change, args: string[]): Promise<string> {
  const root = temp("marks");
  feeds(root, fillers);
  writeTree(root, { [TARGET]: multi(6, 100) });
  const m = mutation(root, join(root, TARGET), change, "read", change === "append" ? NEW_TEXT : REPLACEMENT);
  const first = await ingest(args, { cwd: root, env: m.env, nodeArgs: ["--require", MUTATE] });
  expect(noStackTrace(first.stderr)).toBe(true);
  expect(existsSync(m.flag), "the preload changed the input during the run").toBe(true);
  return root;
}

describe("batch: the input changes between its read and its marker", () => {
  for (const row of BATCH_ROWS) {
    for (const change of CHANGES) {
      scenario(`${row.name} × ${change} after the read`, async (s) => {
        const root = await changedDuringRun(row.fillers, change, ["in", "--out-dir", "out", ...row.first]);
        const rerun = await ingest(["in", "--out-dir", "out", ...row.rerun], { cwd: root });
        // What a fresh run over the input as it is now gives.
        const fresh = await ingest(["in", "--out-dir", "fresh", ...row.rerun.filter((a) => a !== "--incremental")], { cwd: root });
        const diff = treeDiff(visibleTree(join(root, "fresh")), visibleTree(join(root, "out")));
        s.lost(diff.filter((f) => visibleTree(join(root, "fresh")).has(f)).length);
        expect(diff, "outputs that differ from a fresh run's").toEqual([]);
        expect(rerun.code).toBe(fresh.code);
      });
    }
  }
});

/** --db alone: the marks live in the store, written with the input's rows (one transaction). */
const STORE_ROWS: Array<{ name: string; flags: string[]; fillers: number }> = [
  { name: "--db --incremental", flags: [], fillers: 3 },
  { name: "--db --incremental -j 2 (read in a worker thread)", flags: ["-j", "2"], fillers: 40 },
  { name: "--db --incremental, streamed (over --max-bytes)", flags: ["--max-bytes", "4K"], fillers: 3 },
];

/** A store's articles as `key hash` lines. */
const storedArticles = (path: string): string[] => query(path, "SELECT key, hash FROM articles ORDER BY key").map((r) => `${r.key} ${r.hash}`);

describe("batch --db alone: the input changes between its read and its mark in the store", () => {
  for (const row of STORE_ROWS) {
    for (const change of CHANGES) {
      scenario(`${row.name} × ${change} after the read`, async (s) => {
        const args = ["in", "--db", "news.sqlite", "--incremental", ...row.flags];
        const root = await changedDuringRun(row.fillers, change, args);
        const rerun = await ingest(args, { cwd: root });
        // Every article a fresh run over the inputs as they are now stores is in the store, as that run stores it
        // (a store keeps what an input no longer holds: earlier articles are not removed).
        const fresh = await ingest(["in", "--db", "fresh.sqlite", ...row.flags], { cwd: root });
        const stored = new Set(storedArticles(join(root, "news.sqlite")));
        const missing = storedArticles(join(root, "fresh.sqlite")).filter((a) => !stored.has(a));
        s.lost(missing.length);
        expect(missing, "articles of a fresh run the store lacks").toEqual([]);
        expect(rerun.code).toBe(fresh.code);
      });
    }
  }
});

/** Option changes between a first run and an --incremental rerun: [name, first run's flags, rerun's flags]. */
const OPTION_ROWS: Array<[string, string[], string[]]> = [
  ["-f json → -f ninjs", [], ["-f", "ninjs"]],
  ["-f ninjs → --ninjs-version 3.1", ["-f", "ninjs"], ["-f", "ninjs", "--ninjs-version", "3.1"]],
  ["plain → --strict", [], ["--strict"]],
  ["--strict → plain", ["--strict"], []],
  ["plain → --error-on TIMESTAMP_ID_DATE_MISMATCH", [], ["--error-on", "TIMESTAMP_ID_DATE_MISMATCH"]],
  ["--max-bytes 10M → --max-bytes 1K", [], ["--max-bytes", "1K"]],
];

describe("batch: an option that shapes the output changes between runs", () => {
  for (const [name, first, rerun] of OPTION_ROWS) {
    scenario(`--out-dir --incremental × ${name}`, async (s) => {
      const root = temp("marks");
      feeds(root, 3);
      writeTree(root, { [TARGET]: multi(3, 100) });
      s.inputs(join(root, "in"));
      await ingest(["in", "--out-dir", "out", "--incremental", ...first], { cwd: root });
      const again = await ingest(["in", "--out-dir", "out", "--incremental", ...rerun], { cwd: root });
      const fresh = await ingest(["in", "--out-dir", "fresh", ...rerun], { cwd: root });
      const diff = treeDiff(visibleTree(join(root, "fresh")), visibleTree(join(root, "out")));
      expect(diff, "outputs that differ from a fresh run's").toEqual([]);
      expect(again.code).toBe(fresh.code);
    });
  }
});

describe("batch: output conflicts are checked across the whole tree, skipped inputs included", () => {
  scenario("a new a.1.txt beside an up-to-date a.txt of two articles: OUTPUT_CONFLICT, as in a fresh run", async (s) => {
    const root = temp("marks");
    writeTree(root, { "in/a.txt": multi(2, 1) });
    await ingest(["in", "--out-dir", "out", "--incremental"], { cwd: root });
    const before = readFileSync(join(root, "out/a.1.json"));
    writeTree(root, { "in/a.1.txt": multi(1, 50) });
    s.inputs(join(root, "in"));
    const again = await ingest(["in", "--out-dir", "out", "--incremental"], { cwd: root });
    const fresh = await ingest(["in", "--out-dir", "fresh"], { cwd: root });
    expect(fresh.stderr).toContain("OUTPUT_CONFLICT");
    expect(again.stderr).toContain("OUTPUT_CONFLICT");
    expect(again.code).toBe(fresh.code);
    // a.txt's article 1 was not overwritten behind its marker's back.
    expect(readFileSync(join(root, "out/a.1.json")).equals(before)).toBe(true);
    // And the conflict is reported again on the next run, never passed as up to date.
    const third = await ingest(["in", "--out-dir", "out", "--incremental"], { cwd: root });
    expect(third.stderr).toContain("OUTPUT_CONFLICT");
    expect(third.code).toBe(1);
  });
});

/** Watch rows: the flags of both --once runs. `out` marks rows with an output tree. */
const WATCH_ROWS: Array<{ name: string; args: string[]; out: boolean; journal: string }> = [
  { name: "watch --out-dir", args: ["--out-dir", "out"], out: true, journal: ".ingest-journal" },
  { name: "watch --journal FILE (records on stdout)", args: ["--journal", "j.jsonl"], out: false, journal: "j.jsonl" },
  {
    name: "watch --out-dir --archive --quarantine",
    args: ["--out-dir", "out", "--archive", "done", "--quarantine", "bad"],
    out: true,
    journal: ".ingest-journal",
  },
];

/** Run `watch in --once ARGS` from the build under test; its exit and output. */
async function once(root: string, args: string[], o: { env?: Record<string, string>; nodeArgs?: string[] } = {}) {
  const w = startWatch(["in", "--once", "--settle", "0", ...args], root, o);
  const { code } = await exitOf(w, "watch --once", 60_000);
  return { code, stdout: w.stdout(), stderr: w.stderr() };
}

/** A batch over the inputs as they are now (wherever the watch left them), laid out as `in/`: the reference. */
async function reference(root: string, rows: { archive: boolean }): Promise<{ tree: Map<string, string>; records: string[] }> {
  const ref = join(root, "ref");
  mkdirSync(join(ref, "in"), { recursive: true });
  for (const dir of ["in", ...(rows.archive ? ["done", "bad"] : [])]) {
    if (existsSync(join(root, dir))) cpSync(join(root, dir), join(ref, "in"), { recursive: true, filter: (src) => !src.endsWith(".errors.json") });
  }
  await ingest(["in", "--out-dir", "out", "-q"], { cwd: ref });
  const lines = await ingest(["in", "-q"], { cwd: ref });
  return { tree: visibleTree(join(ref, "out")), records: recordKeys(lines.stdout) };
}

/**
 * What the watch left equals a batch over the inputs as they are now (wherever it left them): the
 * --out tree file for file, or on stdout (`stdout`, every run's) at least once every record.
 */
async function expectAsReference(s: { lost(n: number): void }, root: string, row: { args: string[]; out: boolean }, stdout: string): Promise<void> {
  const ref = await reference(root, { archive: row.args.includes("--archive") });
  if (row.out) {
    const diff = treeDiff(ref.tree, visibleTree(join(root, "out")));
    s.lost(diff.filter((f) => ref.tree.has(f)).length);
    expect(diff, "outputs that differ from a batch over the inputs as they are now").toEqual([]);
  } else {
    const delivered = new Set(recordKeys(stdout));
    const missing = ref.records.filter((k) => !delivered.has(k));
    s.lost(missing.length);
    expect(missing, "records of the inputs as they are now never delivered").toEqual([]);
  }
}

describe("watch: the input changes between its read and its journal entry", () => {
  for (const row of WATCH_ROWS) {
    for (const change of CHANGES) {
      for (const when of ["read", "mark"] as const) {
        scenario(`${row.name} × ${change} ${when === "read" ? "after the read" : "just before the journal entry"}`, async (s) => {
          const root = temp("marks");
          feeds(root, 3);
          writeTree(root, { [TARGET]: multi(6, 100) });
          const m = mutation(root, join(root, TARGET), change, when, change === "append" ? NEW_TEXT : REPLACEMENT, row.journal);
          const first = await once(root, row.args, { env: m.env, nodeArgs: ["--require", MUTATE] });
          expect(existsSync(m.flag), "the preload changed the input during the run").toBe(true);
          const second = await once(root, row.args);
          expect([first.code, second.code]).toEqual([0, 0]);
          await expectAsReference(s, root, row, first.stdout + second.stdout);
        });
      }
    }
  }
});

describe("watch: an option that shapes the output changes between runs", () => {
  for (const [name, first, rerun] of [
    ["plain → --strict", [], ["--strict"]],
    ["--strict → plain", ["--strict"], []],
    ["--max-input-bytes 10M → --max-input-bytes 4K", [], ["--max-input-bytes", "4K"]],
  ] as Array<[string, string[], string[]]>) {
    scenario(`watch --out-dir × ${name}`, async () => {
      const root = temp("marks");
      feeds(root, 2);
      writeTree(root, { [TARGET]: multi(3, 100) });
      await once(root, ["--out-dir", "out", ...first]);
      const again = await once(root, ["--out-dir", "out", ...rerun]);
      // A fresh watch with the new options over a copy of the same inbox.
      cpSync(join(root, "in"), join(root, "fresh/in"), { recursive: true });
      const fresh = await once(join(root, "fresh"), ["--out-dir", "out", ...rerun]);
      expect(treeDiff(visibleTree(join(root, "fresh/out")), visibleTree(join(root, "out")))).toEqual([]);
      // The summary counts the same files ingested and refused (`unchanged` aside).
      const counts = (t: string) => /\((\d+) ingested, (\d+) refused/.exec(t)?.slice(1);
      expect(counts(again.stderr)).toEqual(counts(fresh.stderr));
    });
  }
});

describe("watch: a briefly unreadable input is retried, never journaled as done", () => {
  for (const row of WATCH_ROWS) {
    scenario(`${row.name} × unreadable at the first run, readable at the next`, async (s) => {
      const root = temp("marks");
      feeds(root, 2);
      writeTree(root, { [TARGET]: multi(2, 100) });
      const m = mutation(root, join(root, TARGET), "unreadable", "read", "");
      const first = await once(root, row.args, { env: m.env, nodeArgs: ["--require", MUTATE] });
      expect(first.stderr).toContain("permission denied");
      // Readable again (the flag file ends the preload's refusals): the next run must produce it.
      writeFileSync(m.flag, "");
      const second = await once(root, row.args);
      expect([first.code, second.code]).toEqual([0, 0]);
      await expectAsReference(s, root, row, first.stdout + second.stdout);
    });
  }
  scenario("a running watch takes the file once it can be read, without a restart", async (s) => {
    const root = temp("marks");
    writeTree(root, { [TARGET]: multi(2, 100) });
    const m = mutation(root, join(root, TARGET), "unreadable", "read", "");
    const w = startWatch(["in", "--out-dir", "out", "--settle", "0"], root, { env: m.env, nodeArgs: ["--require", MUTATE] });
    const deadline = Date.now() + 20_000;
    while (!w.stderr().includes("permission denied") && Date.now() < deadline) await new Promise((d) => setTimeout(d, 50));
    writeFileSync(m.flag, "");
    const end = Date.now() + 20_000;
    while (!existsSync(join(root, "out/zz.2.json")) && Date.now() < end) await new Promise((d) => setTimeout(d, 100));
    w.child.kill("SIGTERM");
    const { code } = await exitOf(w, "watch after SIGTERM");
    const made = ["zz.1.json", "zz.2.json"].filter((f) => existsSync(join(root, "out", f))).length;
    s.lost(2 - made);
    expect(made).toBe(2);
    expect(code).toBe(0);
  });
});

/** A journal of ten inputs from one --once run (records on stdout when `stdout`), its lines, and the run. */
async function tenJournaled(root: string, stdout: boolean) {
  feeds(root, 10);
  const args = stdout ? ["--journal", "j.jsonl"] : ["--out-dir", "out"];
  const first = await once(root, args);
  const path = join(root, stdout ? "j.jsonl" : "out/.ingest-journal.jsonl");
  return { args, path, first };
}

describe("watch: the journal", () => {
  for (const stdout of [false, true]) {
    scenario(`a damaged line in the middle is skipped with a warning naming it, never a cut (${stdout ? "stdout + --journal" : "--out-dir"})`, async (s) => {
      const root = temp("marks");
      const { args, path } = await tenJournaled(root, stdout);
      const lines = readFileSync(path, "utf8").split("\n");
      const entryLines = lines.map((l, i) => [l, i + 1] as const).filter(([l]) => l.includes('"path"'));
      expect(entryLines.length).toBe(10);
      // The third entry: garbage in its middle, its line break kept.
      const [victim, lineNo] = entryLines[2] as readonly [string, number];
      lines[lineNo - 1] = `${victim.slice(0, 40)}#####${victim.slice(60)}`;
      writeFileSync(path, lines.join("\n"));
      const damaged = readFileSync(path);
      const again = await once(root, args);
      expect(again.code).toBe(0);
      expect(again.stderr).toMatch(new RegExp(`line ${lineNo}\\b`));
      // Nothing after the damaged line was cut.
      expect(readFileSync(path).subarray(0, damaged.length).equals(damaged)).toBe(true);
      if (stdout) {
        // Only the damaged entry's input may be delivered again (at least once); none of the others.
        const again2 = recordKeys(again.stdout);
        s.lost(0);
        expect(again2.length).toBeLessThanOrEqual(1);
      }
    });
  }
  scenario("--journal naming a file that is not a journal (prose) is refused, the file unchanged", async (s) => {
    const root = temp("marks");
    feeds(root, 2);
    writeFileSync(join(root, "notes.txt"), Array.from({ length: 2000 }, (_, i) => `note ${i}: remember the milk`).join("\n"));
    s.inputs(join(root, "notes.txt"), join(root, "in"));
    const r = await once(root, ["--journal", "notes.txt"]);
    expect(r.code).toBe(2);
    // Refused by the write guard (a file ingest did not write) or by the journal's own check: either says so.
    expect(r.stderr).toMatch(/journal .*notes\.txt.* not |notes\.txt is not a journal/);
    expect(r.stdout).toBe("");
  });
  scenario("--journal naming another program's JSON Lines is refused, the file unchanged", async (s) => {
    const root = temp("marks");
    feeds(root, 2);
    writeFileSync(join(root, "events.jsonl"), '{"event":"login","user":"a"}\n{"event":"logout","user":"a"}\n');
    s.inputs(join(root, "events.jsonl"));
    const r = await once(root, ["--journal", "events.jsonl"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/events\.jsonl.*not .*journal/);
  });
  scenario("--journal naming an input of the inbox is refused, the input unchanged", async (s) => {
    const root = temp("marks");
    feeds(root, 3);
    s.inputs(join(root, "in"));
    const r = await once(root, ["--journal", "in/0000.txt"]);
    expect(r.code).toBe(2);
  });
  scenario("a journal written before the header line existed (entries only) is still ours: nothing redone", async () => {
    const root = temp("marks");
    const { args, path } = await tenJournaled(root, true);
    // The old form: the same entries without a header line.
    const entries = readFileSync(path, "utf8")
      .split("\n")
      .filter((l) => l.includes('"path"'));
    const legacy = entries.map((l) => {
      const { opts: _, ...rest } = JSON.parse(l) as Record<string, unknown>;
      return JSON.stringify(rest);
    });
    writeFileSync(path, `${legacy.join("\n")}\n`);
    const again = await once(root, args);
    expect(again.code).toBe(0);
    expect(recordKeys(again.stdout)).toEqual([]);
  });
  scenario("an empty existing --journal file is taken", async () => {
    const root = temp("marks");
    feeds(root, 2);
    writeFileSync(join(root, "j.jsonl"), "");
    const r = await once(root, ["--journal", "j.jsonl"]);
    expect(r.code).toBe(0);
    expect(recordKeys(r.stdout)).toHaveLength(2);
    const again = await once(root, ["--journal", "j.jsonl"]);
    expect(recordKeys(again.stdout)).toEqual([]);
  });
});

// Kept for the table's readers: the hash the journal keeps is of the bytes parsed.
void sha256;
void copyFileSync;
