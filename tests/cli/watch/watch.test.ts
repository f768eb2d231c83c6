import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync, writeSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main.js";
import { article, tempDir, writeTree } from "../../batch-helpers.js";
import { BIN, ingest, runBin, UNIT } from "../../helpers.js";
import { batch, files, journal, refusals, sleep, startWatch, tree, until } from "../../watch-helpers.js";

const literal = (s: string): string => s.replace(/[[\]\\^$.|?*+()]/g, "\\$&");

/** Make files look finished long ago, so --settle does not hold them back. */
function age(root: string, rels: string[]): void {
  const past = new Date(Date.now() - 60_000);
  for (const rel of rels) utimesSync(join(root, rel), past, past);
}

function dropTree(): string {
  const root = tempDir();
  writeTree(join(root, "inbox"), {
    "a.txt": article(1),
    "2025/b.txt": article(2),
    "2025/multi.txt": `${article(3)}\n\n${article(4)}`,
    "empty.txt": refusals.empty,
    "bin.txt": refusals.binary,
    "notes.md": article(5),
    "c.txt.tmp": article(6),
    ".d.txt": article(7),
    "e.txt.part": article(8),
  });
  age(join(root, "inbox"), ["a.txt", "2025/b.txt", "2025/multi.txt", "empty.txt", "bin.txt"]);
  return root;
}

describe("ingest watch --once (catch-up)", () => {
  it("an --archive or --journal where no directory can be made (/proc) is an error, never a spin of recursive mkdir", async () => {
    const root = tempDir();
    writeTree(join(root, "inbox"), { "a.txt": article(1) });
    age(join(root, "inbox"), ["a.txt"]);
    const archived = await ingest(["watch", "inbox", "--out-dir", "out", "--archive", "/proc/nope/arch", "--once"], { cwd: root });
    // Made at start, where the inbox's lock goes (#24): refused before any work.
    expect(archived.code).toBe(2);
    expect(archived.stderr).toContain("ingest: error: cannot open the --archive directory /proc/nope/arch (where the lock on inbox goes): no such file");
    expect(existsSync(join(root, "inbox", "a.txt"))).toBe(true);
    const journaled = await ingest(["watch", "inbox", "--out-dir", "out2", "--journal", "/proc/nope/j.jsonl", "--once"], { cwd: root });
    expect(journaled.code).toBe(2);
    expect(journaled.stderr).toContain("ingest: error: cannot open the journal /proc/nope/j.jsonl: no such file");
  });

  it("ingests the files present, archives the good, quarantines the refused with their errors, and matches a batch", async () => {
    const root = dropTree();
    const r = await ingest(["watch", "inbox", "--out-dir", "out", "--archive", "arch", "--quarantine", "q", "--once", "--log", "events.jsonl"], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("inbox/empty.txt: error: EMPTY_INPUT");
    expect(r.stderr.trimEnd().split("\n").at(-1)).toMatch(
      /^watch stopped \(nothing left\) after \d+\.\ds: 5 files \(3 ingested, 2 refused\): 4 records, \d+ warnings, 2 errors$/,
    );
    expect(files(join(root, "arch"))).toEqual(["2025/b.txt", "2025/multi.txt", "a.txt"]);
    expect(files(join(root, "q"))).toEqual(["bin.txt", "bin.txt.errors.json", "empty.txt", "empty.txt.errors.json"]);
    expect(JSON.parse(readFileSync(join(root, "q/empty.txt.errors.json"), "utf8"))).toEqual({
      file: "inbox/empty.txt",
      diagnostics: [{ line: null, article: null, code: "EMPTY_INPUT", severity: "error", message: "the input is empty or holds only white space", data: {} }],
    });
    // Temporary and hidden names, and files outside --glob, are never inputs.
    expect(files(join(root, "inbox"), true)).toEqual([".d.txt", "c.txt.tmp", "e.txt.part", "notes.md"]);
    const j = journal(join(root, "out/.ingest-journal.jsonl"));
    expect(j.map((e) => [e.path, e.event, e.moved, e.outputs])).toEqual([
      ["2025/b.txt", "ingested", "archive", ["2025/b.json"]],
      ["2025/multi.txt", "ingested", "archive", ["2025/multi.1.json", "2025/multi.2.json"]],
      ["a.txt", "ingested", "archive", ["a.json"]],
      ["bin.txt", "refused", "quarantine", []],
      ["empty.txt", "refused", "quarantine", []],
    ]);
    const events = readFileSync(join(root, "events.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.map((e) => [e.event, e.file, e.records, e.errors])).toEqual([
      ["ingested", "inbox/2025/b.txt", 1, 0],
      ["ingested", "inbox/2025/multi.txt", 2, 0],
      ["ingested", "inbox/a.txt", 1, 0],
      ["refused", "inbox/bin.txt", 0, 1],
      ["refused", "inbox/empty.txt", 0, 1],
    ]);
    // The same files through a batch give the same outputs, byte for byte.
    const copy = dropTree();
    await batch(copy, "inbox", "out");
    expect(tree(join(root, "out"))).toEqual(tree(join(copy, "out")));
  });

  it("without --archive, a restart does nothing again; a changed input is redone and its outputs replaced; a deleted input's outputs stay", async () => {
    const root = dropTree();
    const args = ["watch", "inbox", "--out-dir", "out", "--once"];
    expect((await ingest(args, { cwd: root })).code).toBe(0);
    const again = await ingest(args, { cwd: root });
    expect(again.stderr.trimEnd().split("\n").at(-1)).toMatch(/: 0 files \(0 ingested, 0 refused, 5 unchanged\): 0 records/);
    // Touched but the same bytes: still nothing to do.
    age(join(root, "inbox"), ["a.txt"]);
    utimesSync(join(root, "inbox/a.txt"), new Date(Date.now() - 30_000), new Date(Date.now() - 30_000));
    expect((await ingest(args, { cwd: root })).stderr).toMatch(/0 files \(0 ingested, 0 refused, 5 unchanged\)/);
    // Two articles become one; one file goes away.
    writeFileSync(join(root, "inbox/2025/multi.txt"), article(9));
    rmSync(join(root, "inbox/a.txt"));
    age(join(root, "inbox"), ["2025/multi.txt"]);
    const changed = await ingest(args, { cwd: root });
    expect(changed.stderr).toMatch(/1 file \(1 ingested, 0 refused, 3 unchanged\): 1 record/);
    expect(files(join(root, "out"))).toEqual(["2025/b.json", "2025/multi.json", "a.json"]);
    expect(readFileSync(join(root, "out/2025/multi.json"), "utf8")).toContain("Story 9 proposes");
    const j = journal(join(root, "out/.ingest-journal.jsonl"));
    expect(j.filter((e) => e.path === "2025/multi.txt").map((e) => e.outputs)).toEqual([["2025/multi.1.json", "2025/multi.2.json"], ["2025/multi.json"]]);
    expect(j.length).toBe(6);
  });

  it("writes JSON Lines to stdout without --out, and with --journal does not emit them again", async () => {
    const root = dropTree();
    const args = ["watch", "inbox", "--once", "--journal", "j.jsonl", "-q"];
    const first = await ingest(args, { cwd: root });
    expect(first.code).toBe(0);
    const lines = first.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { origin: { file: string; article: number } });
    expect(lines.map((l) => `${l.origin.file}#${l.origin.article}`)).toEqual([
      "inbox/2025/b.txt#1",
      "inbox/2025/multi.txt#1",
      "inbox/2025/multi.txt#2",
      "inbox/a.txt#1",
    ]);
    expect(first.stderr).toContain("EMPTY_INPUT");
    expect((await ingest(args, { cwd: root })).stdout).toBe("");
  });

  it.skipIf(UNIT)("ends quietly when standard output is closed, journaling nothing whose records may not have been read", () => {
    const root = tempDir();
    const many: Record<string, string> = {};
    for (let i = 0; i < 60; i++) many[`f${String(i).padStart(2, "0")}.txt`] = article(i);
    writeTree(join(root, "inbox"), many);
    age(join(root, "inbox"), Object.keys(many));
    // 60 records (~190 KB) are more than a pipe holds: head's exit closes it under the writer.
    const r = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" watch inbox --once --journal j.jsonl 2>err.txt | head -1 >/dev/null`], {
      cwd: root,
      encoding: "utf8",
    });
    expect(r.status).toBe(0);
    expect(readFileSync(join(root, "err.txt"), "utf8")).toMatch(/^watch stopped \(standard output closed\) after/m);
    expect(journal(join(root, "j.jsonl"))).toEqual([]);
    // The next start emits them all.
    const again = spawnSync(process.execPath, [BIN, "watch", "inbox", "--once", "--journal", "j.jsonl", "-q"], {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 1 << 24,
    });
    expect(again.stdout.trim().split("\n")).toHaveLength(60);
    expect(journal(join(root, "j.jsonl"))).toHaveLength(60);
  });

  it("cuts a torn last journal line (a crash in the middle of an append) and redoes that input", async () => {
    const root = dropTree();
    const args = ["watch", "inbox", "--out-dir", "out", "--once"];
    await ingest(args, { cwd: root });
    const path = join(root, "out/.ingest-journal.jsonl");
    const lines = readFileSync(path, "utf8")
      .split("\n")
      .filter((l) => l !== "");
    writeFileSync(path, `${lines.slice(0, -1).join("\n")}\n${(lines.at(-1) ?? "").slice(0, 40)}`);
    const r = await ingest(args, { cwd: root });
    expect(r.stderr).toMatch(/1 file \(0 ingested, 1 refused, 4 unchanged\)/);
    // The header line first (watch-journal.ts), then the entries: the torn one is there again, redone.
    expect(journal(path).map((e) => e.path)).toEqual(lines.slice(1).map((l) => (JSON.parse(l) as { path: string }).path));
  });

  it("refuses flags that cannot work, with exit 2", async () => {
    const root = dropTree();
    const inside = await ingest(["watch", "inbox", "--archive", "inbox/done"], { cwd: root });
    expect(inside.code).toBe(2);
    expect(inside.stderr).toBe("ingest: error: the --archive directory inbox/done must be outside the watched directory inbox\n");
    const missing = await ingest(["watch", "nowhere"], { cwd: root });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("ingest: error: cannot watch nowhere: no such file\n");
    const settle = await ingest(["watch", "inbox", "--settle", "soon"], { cwd: root });
    expect(settle.code).toBe(2);
    expect(settle.stderr).toContain("ingest: error: option '--settle <ms>' argument 'soon' is invalid. not a whole number of at least 0.");
    const root2 = await ingest(["--strict", "watch", "inbox"], { cwd: root });
    expect(root2.code).toBe(2);
    expect(root2.stderr).toBe("ingest: error: --strict is not an option of ingest watch (run ingest watch --help)\n");
  });

  it("shows one status line on a terminal (in-process, stderr a TTY)", async () => {
    const root = dropTree();
    const stderr = Object.assign(new PassThrough(), { isTTY: true });
    let err = "";
    stderr.on("data", (c: Buffer) => (err += c.toString()));
    const stdout = new PassThrough();
    stdout.resume();
    const code = await main(["watch", "inbox", "--out-dir", "out", "--once"], { stdin: new PassThrough(), stdout, stderr, env: {}, cwd: root });
    expect(code).toBe(0);
    const CLEAR = "\r\u001b[K";
    expect(err).toMatch(new RegExp(`${literal(CLEAR)}watching inbox: 3 ingested, 2 refused, 0 queued, \\d+\\.\\d files/s`));
    expect(err).toContain(`${CLEAR}watch stopped`);
  });
});

describe("ingest watch (live)", () => {
  it("ingests files renamed into place as they arrive, ignores temporary names, and stops cleanly on SIGTERM", async () => {
    const root = tempDir();
    mkdirSync(join(root, "inbox/sub"), { recursive: true });
    // --out, the old name of --out-dir, as the batch still takes it.
    const w = startWatch(["inbox", "--out", "out", "--settle", "5000", "--log", "events.jsonl"], root);
    await until(() => existsSync(join(root, "out/.ingest-journal.jsonl")), "the journal");
    await sleep(300);
    for (const [n, rel] of [
      [1, "a.txt"],
      [2, "sub/b.txt"],
    ] as const) {
      // The writer's convention: write under a temporary name, then rename. Here the file is old
      // (its mtime set back), so the long --settle does not apply and it is taken at once.
      const tmp = join(root, "inbox", `${rel}.tmp`);
      writeFileSync(tmp, article(n));
      utimesSync(tmp, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
      renameSync(tmp, join(root, "inbox", rel));
    }
    await until(() => journal(join(root, "out/.ingest-journal.jsonl")).length === 2, "two journal entries");
    w.child.kill("SIGTERM");
    const { code } = await w.exited;
    expect(code).toBe(0);
    expect(w.stderr()).toMatch(/watch stopped \(SIGTERM\) after \d+\.\ds: 2 files \(2 ingested, 0 refused\): 2 records/);
    expect(files(join(root, "out"))).toEqual(["a.json", "sub/b.json"]);
    expect(readFileSync(join(root, "events.jsonl"), "utf8").trim().split("\n")).toHaveLength(2);
  });

  it("catches up on the files already there first, then takes new ones", async () => {
    const root = dropTree();
    const w = startWatch(["inbox", "--out-dir", "out", "--settle", "300", "-q"], root);
    const path = join(root, "out/.ingest-journal.jsonl");
    // The catch-up walk is over once the first input is journaled (the walk comes before any work).
    await until(() => journal(path).length >= 1, "the first entry");
    writeFileSync(join(root, "inbox/0-new.txt.tmp"), article(20));
    renameSync(join(root, "inbox/0-new.txt.tmp"), join(root, "inbox/0-new.txt"));
    await until(() => journal(path).length === 6, "six entries");
    w.child.kill("SIGINT");
    expect((await w.exited).code).toBe(0);
    // 0-new.txt sorts first, but arrived after the catch-up: it comes last.
    expect(journal(path).map((e) => e.path)).toEqual(["2025/b.txt", "2025/multi.txt", "a.txt", "bin.txt", "empty.txt", "0-new.txt"]);
  });

  it("ingests a changed input again while watching (an editor's atomic save), replacing its outputs", async () => {
    const root = tempDir();
    mkdirSync(join(root, "inbox"), { recursive: true });
    const w = startWatch(["inbox", "--out-dir", "out", "--settle", "300"], root);
    const path = join(root, "out/.ingest-journal.jsonl");
    await until(() => existsSync(path), "the journal");
    await sleep(300);
    const drop = (text: string): void => {
      writeFileSync(join(root, "inbox/a.txt.tmp"), text);
      renameSync(join(root, "inbox/a.txt.tmp"), join(root, "inbox/a.txt"));
    };
    drop(`${article(1)}\n\n${article(2)}`);
    await until(() => journal(path).length === 1, "the first entry");
    expect(files(join(root, "out"))).toEqual(["a.1.json", "a.2.json"]);
    drop(article(3));
    await until(() => journal(path).length === 2, "the second entry");
    w.child.kill("SIGTERM");
    expect((await w.exited).code).toBe(0);
    expect(files(join(root, "out"))).toEqual(["a.json"]);
    expect(readFileSync(join(root, "out/a.json"), "utf8")).toContain("Story 3 proposes");
    expect(journal(path).map((e) => e.outputs)).toEqual([["a.1.json", "a.2.json"], ["a.json"]]);
  });

  it("--poll sees new files too (chokidar's polling mode, for network file systems)", async () => {
    const root = tempDir();
    mkdirSync(join(root, "inbox"), { recursive: true });
    const w = startWatch(["inbox", "--out-dir", "out", "--poll", "--poll-interval", "100", "--settle", "0"], root);
    await until(() => existsSync(join(root, "out/.ingest-journal.jsonl")), "the journal");
    await sleep(300);
    writeFileSync(join(root, "inbox/p.txt.tmp"), article(3));
    renameSync(join(root, "inbox/p.txt.tmp"), join(root, "inbox/p.txt"));
    await until(() => journal(join(root, "out/.ingest-journal.jsonl")).length === 1, "the journal entry");
    w.child.kill("SIGTERM");
    expect((await w.exited).code).toBe(0);
    expect(files(join(root, "out"))).toEqual(["p.json"]);
  });

  it("never ingests a file that is still being written in chunks (size and mtime must settle)", async () => {
    const root = tempDir();
    mkdirSync(join(root, "inbox"), { recursive: true });
    // --settle is 12 times the writer's pause: a loaded machine must not make a pause look like the end.
    const w = startWatch(["inbox", "--out-dir", "out", "--settle", "3000"], root);
    await until(() => existsSync(join(root, "out/.ingest-journal.jsonl")), "the journal");
    await sleep(300);
    const text = Buffer.from(article(1));
    const fd = openSync(join(root, "inbox/slow.txt"), "w");
    // 12 chunks, 250 ms apart: 3 s of writing, each pause well under --settle.
    const step = Math.ceil(text.length / 12);
    for (let off = 0; off < text.length; off += step) {
      writeSync(fd, text.subarray(off, off + step));
      await sleep(250);
    }
    closeSync(fd);
    await until(() => journal(join(root, "out/.ingest-journal.jsonl")).length >= 1, "the journal entry", 20_000);
    w.child.kill("SIGINT");
    expect((await w.exited).code).toBe(0);
    const j = journal(join(root, "out/.ingest-journal.jsonl"));
    expect(j.map((e) => [e.path, e.event, e.size])).toEqual([["slow.txt", "ingested", text.length]]);
    expect(w.stderr()).not.toMatch(/: error /);
    expect(readFileSync(join(root, "out/slow.json"), "utf8")).toContain("Story 1 proposes");
  });
});

describe.skipIf(UNIT)("ingest watch: kill -9 at each step of an input, then restart", () => {
  for (const step of ["converted", "outputs", "journal", "moved"]) {
    it(`after '${step}': no duplicate, nothing missing, every input journaled once`, async () => {
      const root = dropTree();
      const args = ["watch", "inbox", "--out-dir", "out", "--archive", "arch", "--quarantine", "q", "--once", "-q"];
      // The third input done is the first to have its step crashed (the files are taken in order).
      const crashed = await runBin(args, { cwd: root, env: { INGEST_WATCH_CRASH: `${step}:3` } });
      expect(crashed.code).toBe(null);
      const r = await runBin(args, { cwd: root });
      expect(r.code).toBe(0);
      const j = journal(join(root, "out/.ingest-journal.jsonl"));
      expect(j.map((e) => e.path).sort()).toEqual(["2025/b.txt", "2025/multi.txt", "a.txt", "bin.txt", "empty.txt"]);
      expect(files(join(root, "arch"))).toEqual(["2025/b.txt", "2025/multi.txt", "a.txt"]);
      expect(files(join(root, "q"))).toEqual(["bin.txt", "bin.txt.errors.json", "empty.txt", "empty.txt.errors.json"]);
      expect(files(join(root, "out"), true).filter((f) => f.endsWith(".tmp"))).toEqual([]);
      const copy = dropTree();
      await batch(copy, "inbox", "out");
      expect(tree(join(root, "out"))).toEqual(tree(join(copy, "out")));
    });
  }
});
