import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { article, tempDir, writeTree } from "./batch-helpers.js";
import { jsonLines, runBin } from "./helpers.js";
import { corpus, killedAfter } from "./store/helpers.js";
import { startWatch } from "./watch-helpers.js";

const URL_ = process.env.INGEST_TEST_PG;
const require = createRequire(import.meta.url);

type Client = { query(sql: string, p?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>; connect(): Promise<void>; end(): Promise<void> };
const client = (url: string): Client => {
  const { Client } = require("pg") as { Client: new (o: { connectionString: string }) => Client };
  return new Client({ connectionString: url });
};

const made: string[] = [];
/** A fresh database on the server; its URL. */
async function freshDb(): Promise<string> {
  const name = `ingest_test_${process.pid}_${made.length}`;
  const admin = client(URL_ as string);
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  made.push(name);
  const u = new URL(URL_ as string);
  u.pathname = `/${name}`;
  return u.toString();
}

afterAll(async () => {
  if (URL_ === undefined) return;
  const admin = client(URL_);
  await admin.connect();
  for (const name of made) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

async function rows(url: string, sql: string, params: unknown[] = []): Promise<Array<Record<string, unknown>>> {
  const c = client(url);
  await c.connect();
  try {
    return (await c.query(sql, params)).rows;
  } finally {
    await c.end();
  }
}

const articlesOf = async (url: string): Promise<string> =>
  (await rows(url, "SELECT key, hash, revision FROM articles ORDER BY key")).map((r) => `${r.key} ${r.hash} ${r.revision}`).join("\n");

describe.skipIf(URL_ === undefined)("--db on PostgreSQL", () => {
  it("stores, reruns without change, updates a changed article with its revision, keeps the problems", async () => {
    const db = await freshDb();
    const root = tempDir();
    writeTree(root, {
      "feeds/a.txt": article(1),
      "feeds/multi.txt": `${article(2)}\n\n${article(3)}`,
      "feeds/noid.txt": article(4).replace(/^MENAFN\d+ID\d+\n/m, ""),
      "feeds/empty.txt": "",
    });
    const r = await runBin(["feeds", "--db", db], { cwd: root });
    expect([r.code, r.stdout]).toEqual([1, ""]);
    expect((await rows(db, "SELECT count(*)::int AS n FROM articles"))[0]?.n).toBe(4);
    expect((await rows(db, "SELECT key FROM articles WHERE id IS NULL"))[0]?.key).toMatch(/^content:[0-9a-f]{32}$/);
    const first = await articlesOf(db);
    await runBin(["feeds", "--db", db], { cwd: root });
    expect(await articlesOf(db)).toBe(first);
    writeFileSync(join(root, "feeds/a.txt"), article(1).replace("Story 1 proposes", "Story 1 (updated) proposes"));
    await runBin(["feeds", "--db", db], { cwd: root });
    const changed = await rows(db, "SELECT headline, revision FROM articles WHERE id LIKE '%ID0000000001'");
    expect(changed).toEqual([{ headline: "Story 1 (updated) proposes arming CSTO forces with Russian weapons", revision: 2 }]);
    expect((await rows(db, "SELECT record->>'headline' AS h FROM revisions"))[0]?.h).toBe("Story 1 proposes arming CSTO forces with Russian weapons");
    const runs = await rows(db, "SELECT run::int, inserted, updated, unchanged, exit_code FROM runs ORDER BY run");
    expect(runs).toEqual([
      { run: 1, inserted: 4, updated: 0, unchanged: 0, exit_code: 1 },
      { run: 2, inserted: 0, updated: 0, unchanged: 4, exit_code: 1 },
      { run: 3, inserted: 0, updated: 1, unchanged: 3, exit_code: 1 },
    ]);
    expect(await rows(db, "SELECT DISTINCT input, code, severity FROM problems WHERE severity = 'error'")).toEqual([
      { input: join("feeds", "empty.txt"), code: "EMPTY_INPUT", severity: "error" },
    ]);
  }, 60_000);

  it("search: ranked hits, accents folded, phrase, prefix, NOT, --limit, --source, dates; a malformed query is exit 2", async () => {
    const db = await freshDb();
    const root = tempDir();
    writeTree(root, {
      "feeds/oil.txt": article(1).replace("Story 1 proposes arming CSTO forces with Russian weapons", "Oil prices climb as Gulf supply tightens"),
      "feeds/cafe.txt": article(2).replace("Story 2 proposes arming CSTO forces with Russian weapons", "Café owners in Doha expect a busy season"),
      "feeds/other.txt": article(3),
    });
    await runBin(["feeds", "--db", db], { cwd: root });
    const search = async (...args: string[]) =>
      jsonLines((await runBin(["search", ...args, "--db", db], { cwd: root })).stdout) as Array<{ headline: string; snippet: string; score: number }>;
    const oil = await search("oil prices");
    expect(oil.map((h) => h.headline)).toEqual(["Oil prices climb as Gulf supply tightens"]);
    expect(oil[0]?.snippet).toContain("<mark>Oil</mark> <mark>prices</mark>");
    expect((await search("cafe")).map((h) => h.headline)).toEqual(["Café owners in Doha expect a busy season"]);
    expect(await search('"supply tightens"')).toHaveLength(1);
    expect(await search('"tightens supply"')).toHaveLength(0);
    expect(await search("tight*")).toHaveLength(1);
    expect(await search("putin NOT oil")).toHaveLength(2);
    expect(await search("putin", "--limit", "1")).toHaveLength(1);
    expect(await search("putin", "--source", "Nobody")).toHaveLength(0);
    expect(await search("putin", "--since", "2024-01-03")).toHaveLength(0);
    expect(await search("putin", "--until", "2024-01-02")).toHaveLength(3);
    const bad = await runBin(["search", "(oil", "--db", db], { cwd: root });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^ingest: error: the query "\(oil" is not valid: a \( is not closed/);
  }, 60_000);

  it("--incremental with --db alone: marks in the database skip unchanged inputs; a kill, then a rerun, gives one run's articles", async () => {
    const db = await freshDb();
    const ref = await freshDb();
    const root = tempDir();
    corpus(root, "feeds", 300);
    expect((await runBin(["feeds", "--db", ref, "-q"], { cwd: root })).code).toBe(0);
    const killed = await killedAfter(["feeds", "--db", db, "-q", "--incremental"], root, {}, 600);
    // Killed mid-load (or done first), never refused at start.
    expect(killed.signal === "SIGKILL" || killed.code === 0, JSON.stringify(killed)).toBe(true);
    const rerun = await runBin(["feeds", "--db", db, "--incremental"], { cwd: root });
    expect(rerun.code).toBe(0);
    expect(await articlesOf(db)).toBe(await articlesOf(ref));
    expect((await rows(db, "SELECT count(*)::int AS n FROM marks"))[0]?.n).toBe(300);
    const again = await runBin(["feeds", "--db", db, "--incremental"], { cwd: root });
    expect(again.stderr).toMatch(/300 files \(0 ok, (0 with errors, )?300 up to date\): 0 records/);
    writeFileSync(join(root, "feeds/0/7.txt"), article(7).replace("Story 7 proposes", "Story 7 (updated) proposes"));
    const changed = await runBin(["feeds", "--db", db, "--incremental"], { cwd: root });
    expect(changed.stderr).toMatch(/300 files \(1 ok, (0 with errors, )?299 up to date\): 1 record/);
    expect((await rows(db, "SELECT revision FROM articles WHERE id LIKE '%ID0000000007'"))[0]?.revision).toBe(2);
  }, 60_000);

  it("SIGKILL mid-load, then a rerun: one run's articles; --jobs 2 gives the same", async () => {
    const db = await freshDb();
    const ref = await freshDb();
    const root = tempDir();
    corpus(root, "feeds", 600);
    expect((await runBin(["feeds", "--db", ref, "-q", "--jobs", "2"], { cwd: root })).code).toBe(0);
    const killed = await killedAfter(["feeds", "--db", db, "-q"], root, {}, 700);
    // Killed mid-load (or done first), never refused at start.
    expect(killed.signal === "SIGKILL" || killed.code === 0, JSON.stringify(killed)).toBe(true);
    expect((await runBin(["feeds", "--db", db, "-q"], { cwd: root })).code).toBe(0);
    expect(await articlesOf(db)).toBe(await articlesOf(ref));
  }, 60_000);

  it("watch --db killed between its store commit and its journal: exactly once", async () => {
    const db = await freshDb();
    const ref = await freshDb();
    const root = tempDir();
    corpus(root, "inbox", 150);
    corpus(root, "copy", 150);
    const args = ["inbox", "--db", db, "--journal", "j.jsonl", "--once", "--settle", "0", "-q"];
    const crashed = startWatch(args, root, { INGEST_WATCH_CRASH: "outputs:70" });
    expect((await crashed.exited).signal).toBe("SIGKILL");
    expect((await startWatch(args, root).exited).code).toBe(0);
    await runBin(["copy", "--db", ref, "-q"], { cwd: root });
    expect(await articlesOf(db)).toBe(await articlesOf(ref));
  }, 60_000);

  it("a server that cannot be reached is exit 2, one line, without the password", async () => {
    const r = await runBin(["feeds", "--db", "postgres://me:secret@127.0.0.1:1/none"], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ingest: error: cannot connect to the store postgres:\/\/me:\*\*\*@127\.0\.0\.1:1\/none: .*\n$/);
    expect(r.stderr).not.toContain("secret");
  });
});
