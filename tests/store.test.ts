/**
 * --db and `ingest search`, in-process through `ingest()` (the real bin where a second process
 * must hold a lock while the search waits), on every SQLite binding this Node has (libsql
 * everywhere, node:sqlite from Node 22.13): the same tests on each.
 */
import { chmodSync, existsSync, linkSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { article, tempDir, writeTree } from "./batch-helpers.js";
import { fixture, ingest, jsonLines, ROOT, runBin, UNIT } from "./helpers.js";
import { openSqlite } from "../src/cli/store/sqlite-driver.js";
import { migrate, SCHEMA_VERSION } from "../src/cli/store/sqlite-schema.js";
import { BACKENDS, reader } from "./store/helpers.js";

const idless = readFileSync(fixture("id-missing.txt"), "utf8");

/** A small feed: three good inputs (one with two articles), one without an ID, one refused. */
function feed(): string {
  const root = tempDir();
  writeTree(root, {
    "feeds/a.txt": article(1),
    "feeds/b.txt": article(2),
    "feeds/multi.txt": `${article(3)}\n\n${article(4)}`,
    "feeds/noid.txt": idless,
    "feeds/empty.txt": "",
  });
  return root;
}

describe.each(BACKENDS)("--db on %s", (backend) => {
  const env = { INGEST_SQLITE: backend };
  // The stores here are written in this process: read with the binding that wrote them (store/helpers.ts).
  const { query, articlesOf } = reader(backend);
  const run = (args: string[], cwd: string) => ingest(args, { cwd, env });

  it("stores one row per article, prints no records, and says the summary", async () => {
    const root = feed();
    const plain = await run(["feeds"], root);
    const r = await run(["feeds", "--db", "news.sqlite"], root);
    expect(r.stdout).toBe("");
    expect(r.code).toBe(plain.code);
    expect(r.stderr).toMatch(/5 files \(4 ok, 1 with errors\): 5 records/);
    const rows = query(join(root, "news.sqlite"), "SELECT key, id, headline, revision, input, record FROM articles ORDER BY key");
    expect(rows).toHaveLength(5);
    const records = jsonLines(plain.stdout) as Array<{ id: string | null; headline: string }>;
    expect(rows.map((x) => JSON.parse(x.record as string))).toEqual(
      expect.arrayContaining(records.map((rec) => expect.objectContaining({ id: rec.id, headline: rec.headline }))),
    );
    const noId = rows.find((x) => x.id === null);
    expect(noId?.key).toMatch(/^content:[0-9a-f]{32}$/);
    expect(rows.every((x) => x.revision === 1)).toBe(true);
  });

  it("--incremental with --db alone: marks kept in the store skip unchanged inputs; a changed or failed one is read again", async () => {
    const root = feed();
    const first = await run(["feeds", "--db", "news.sqlite", "--incremental"], root);
    expect(first.stderr).toMatch(/5 files \(4 ok, 1 with errors\): 5 records/);
    const marks = query(join(root, "news.sqlite"), "SELECT input, marker FROM marks ORDER BY input");
    expect(marks.map((m) => m.input)).toEqual(["a.txt", "b.txt", "empty.txt", "multi.txt", "noid.txt"].map((f) => join(root, "feeds", f)));
    expect(marks.map((m) => JSON.parse(m.marker as string)).map((m) => [m.done, m.failed, m.ids.length])).toEqual([
      [true, false, 1],
      [true, false, 1],
      [true, true, 0],
      [true, false, 2],
      [true, false, 0],
    ]);
    const stored = articlesOf(join(root, "news.sqlite"));
    const again = await run(["feeds", "--db", "news.sqlite", "--incremental"], root);
    // Only the refused input is read (and reported) again.
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/5 files \(0 ok, 1 with errors, 4 up to date\): 0 records/);
    expect(again.stderr).toContain("feeds/empty.txt: error: EMPTY_INPUT");
    expect(articlesOf(join(root, "news.sqlite"))).toBe(stored);
    // A changed input: read again, its article's row gets a new revision.
    writeFileSync(join(root, "feeds/b.txt"), article(2).replace("Story 2", "Story 2 again"));
    const changed = await run(["feeds", "--db", "news.sqlite", "--incremental"], root);
    expect(changed.stderr).toMatch(/5 files \(1 ok, 1 with errors, 3 up to date\): 1 record/);
    expect(query(join(root, "news.sqlite"), "SELECT max(revision) AS r, sum(revision) AS s FROM articles")[0]).toEqual({ r: 2, s: 6 });
    // Another set of options shapes other rows (--strict refuses what was stored): every input is read again.
    const strict = await run(["feeds", "--db", "news.sqlite", "--incremental", "--strict"], root);
    expect(strict.stderr).not.toContain("up to date");
    // The IDs of skipped inputs still count: a new input repeating one is a DUPLICATE_ID.
    writeFileSync(join(root, "feeds/z.txt"), article(1));
    const dup = await run(["feeds", "--db", "news.sqlite", "--incremental"], root);
    expect(dup.stderr).toMatch(/feeds\/z\.txt:\d+: warning: DUPLICATE_ID .* was already seen at feeds\/a\.txt/);
  });

  it("a store made by an older ingest (schema 1) is migrated on open, its rows kept and searchable; a newer one is refused", async () => {
    const root = feed();
    const old = openSqlite(join(root, "old.sqlite"), {}, env);
    migrate(old, 1);
    old
      .prepare(
        `INSERT INTO articles (key, headline, body, paragraph_count, word_count, warning_count, record, hash, revision, first_seen, last_seen, run)
         VALUES ('MENAFN01012020000000000001ID0000000099', 'Camel races return', 'Camel races return to the desert.', 1, 6, 0, '{}', 'h', 1, 't', 't', 1)`,
      )
      .run();
    old.close();
    const r = await run(["feeds", "--db", "old.sqlite", "--incremental"], root);
    expect(r.stderr).toMatch(/5 files \(4 ok, 1 with errors\): 5 records/);
    expect(query(join(root, "old.sqlite"), "PRAGMA user_version")).toEqual([{ user_version: SCHEMA_VERSION }]);
    expect(query(join(root, "old.sqlite"), "SELECT count(*) AS n FROM marks")).toEqual([{ n: 5 }]);
    const camel = await run(["search", "camel", "--db", "old.sqlite"], root);
    expect([camel.code, camel.stdout]).toEqual([0, expect.stringContaining("<mark>Camel</mark> races return")]);
    const story = await run(["search", "proposes", "--db", "old.sqlite"], root);
    expect(jsonLines(story.stdout)).toHaveLength(4);
    const newer = openSqlite(join(root, "old.sqlite"), {}, env);
    newer.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();
    const refused = await run(["feeds", "--db", "old.sqlite"], root);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`it has schema version ${SCHEMA_VERSION + 1}, newer than this ingest's ${SCHEMA_VERSION}: upgrade ingest`);
  });

  it("--incremental needs a place for its marks, and no one file of records that would leave skipped inputs out", async () => {
    const root = feed();
    const none = await run(["feeds", "--incremental"], root);
    expect(none).toMatchObject({ code: 2, stderr: "ingest: error: --incremental needs --out-dir or --db\n" });
    const file = await run(["feeds", "--db", "news.sqlite", "--incremental", "-o", "all.jsonl"], root);
    expect(file).toMatchObject({ code: 2, stderr: "ingest: error: --incremental leaves out the inputs it skips: with --db, give no -o (or use --out-dir)\n" });
    expect(existsSync(join(root, "news.sqlite"))).toBe(false);
  });

  it("a rerun adds no row and bumps no revision; the runs table has both runs", async () => {
    const root = feed();
    await run(["feeds", "--db", "news.sqlite"], root);
    const first = articlesOf(join(root, "news.sqlite"));
    const again = await run(["feeds", "--db", "news.sqlite"], root);
    expect(again.code).toBe(1);
    expect(articlesOf(join(root, "news.sqlite"))).toBe(first);
    const runs = query(join(root, "news.sqlite"), "SELECT run, files, records, inserted, updated, unchanged, exit_code, argv FROM runs ORDER BY run");
    expect(runs).toEqual([
      expect.objectContaining({ run: 1, files: 5, records: 5, inserted: 5, updated: 0, unchanged: 0, exit_code: 1 }),
      expect.objectContaining({ run: 2, files: 5, records: 5, inserted: 0, updated: 0, unchanged: 5, exit_code: 1 }),
    ]);
    expect(JSON.parse(runs[0]?.argv as string)).toEqual(["feeds", "--db", "news.sqlite"]);
  });

  it("a changed article updates its row and revision; the previous text is kept in revisions", async () => {
    const root = feed();
    await run(["feeds", "--db", "news.sqlite"], root);
    writeFileSync(join(root, "feeds/a.txt"), article(1).replace("Story 1 proposes", "Story 1 (updated) proposes"));
    await run(["feeds", "--db", "news.sqlite"], root);
    const db = join(root, "news.sqlite");
    const row = query(db, "SELECT key, headline, revision, first_seen, last_seen FROM articles WHERE id LIKE '%ID0000000001'")[0];
    expect(row?.headline).toBe("Story 1 (updated) proposes arming CSTO forces with Russian weapons");
    expect(row?.revision).toBe(2);
    const old = query(db, "SELECT revision, record FROM revisions WHERE key = ?", row?.key as string);
    expect(old).toHaveLength(1);
    expect(JSON.parse(old[0]?.record as string).headline).toBe("Story 1 proposes arming CSTO forces with Russian weapons");
    expect(query(db, "SELECT count(*) AS n FROM articles")[0]?.n).toBe(5);
    // The index follows the new text.
    const hits = await run(["search", "updated", "--db", "news.sqlite"], root);
    expect((jsonLines(hits.stdout) as Array<{ headline: string }>).map((h) => h.headline)).toEqual([row?.headline]);
  });

  it("a batch indexes its articles at its end; one killed before that leaves them to the next writer's open", async () => {
    const root = feed();
    const db = join(root, "news.sqlite");
    await run(["feeds", "--db", "news.sqlite"], root);
    const csto = async () => jsonLines((await run(["search", "CSTO", "--db", "news.sqlite"], root)).stdout).length;
    const indexed = () => {
      const w = openSqlite(db, {}, { INGEST_SQLITE: "libsql" });
      try {
        // FTS5's own check that the index holds exactly the articles' text (rank 1: against the content).
        w.exec("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)");
        return w.prepare("SELECT behind FROM fts_state").get()?.behind ?? null;
      } finally {
        w.close();
      }
    };
    expect(indexed()).toBeNull();
    expect(await csto()).toBe(4);
    // The state a batch killed mid-load leaves: the articles above rowid 2 committed, not indexed.
    const w = openSqlite(db, {}, { INGEST_SQLITE: "libsql" });
    w.exec(
      "BEGIN; INSERT INTO articles_fts(articles_fts) VALUES ('delete-all'); INSERT INTO articles_fts(rowid, headline, body) SELECT rowid, headline, body FROM articles WHERE rowid <= 2; UPDATE fts_state SET behind = 2; COMMIT",
    );
    w.close();
    expect(await csto()).toBeLessThan(4);
    const stale = await run(["search", "CSTO", "--db", "news.sqlite"], root);
    expect(stale.code).toBe(0);
    expect(stale.stderr).toBe(
      "ingest: note: 3 stored articles are not in the search index yet (an ingest --db run is loading them, or one stopped before its end; the next ingest --db adds them)\n",
    );
    // Any writer's open indexes them (here a rerun, which changes no article).
    await run(["feeds", "--db", "news.sqlite"], root);
    expect(indexed()).toBeNull();
    expect(await csto()).toBe(4);
    expect((await run(["search", "CSTO", "--db", "news.sqlite"], root)).stderr).toBe("");
  });

  it("the same ID twice in one run with two texts keeps the first, as DUPLICATE_ID does", async () => {
    const root = tempDir();
    writeTree(root, { "feeds/1.txt": article(7), "feeds/2.txt": article(7).replace("Story 7 proposes", "Story 7 again proposes") });
    const r = await run(["feeds", "--db", "news.sqlite"], root);
    expect(r.stderr).toMatch(/DUPLICATE_ID/);
    expect(query(join(root, "news.sqlite"), "SELECT headline, revision FROM articles")).toEqual([
      { headline: "Story 7 proposes arming CSTO forces with Russian weapons", revision: 1 },
    ]);
  });

  it("every problem of the run, refusals included, is in problems", async () => {
    const root = feed();
    await run(["feeds", "--db", "news.sqlite", "--errors", "errors.jsonl"], root);
    const problems = query(join(root, "news.sqlite"), "SELECT run, input, article, line, code, severity, message FROM problems ORDER BY input, code");
    const logged = jsonLines(readFileSync(join(root, "errors.jsonl"), "utf8")) as Array<{ code: string }>;
    expect(problems.map((p) => p.code).sort()).toEqual(logged.map((l) => l.code).sort());
    expect(problems).toContainEqual(expect.objectContaining({ run: 1, input: join("feeds", "empty.txt"), code: "EMPTY_INPUT", severity: "error", line: null }));
  });

  it("combines with -o and with --jobs: the same rows either way", async () => {
    const root = feed();
    const r = await run(["feeds", "--db", "one.sqlite", "-o", "all.jsonl"], root);
    expect(r.stdout).toBe("");
    expect(jsonLines(readFileSync(join(root, "all.jsonl"), "utf8"))).toHaveLength(5);
    // Enough files for the worker pool to start (it waits for 32).
    const many: Record<string, string> = {};
    for (let n = 0; n < 80; n++) many[`many/${n}.txt`] = article(100 + n);
    writeTree(root, many);
    await run(["many", "--db", "j1.sqlite"], root);
    await run(["many", "--db", "j2.sqlite", "--jobs", "2"], root);
    expect(articlesOf(join(root, "j2.sqlite"))).toBe(articlesOf(join(root, "j1.sqlite")));
    expect(query(join(root, "j2.sqlite"), "SELECT count(*) AS n FROM articles")[0]?.n).toBe(80);
  });

  it("as Spark's pipe stage: documents on stdin, records and problems still on stdout (-o -), and stored", async () => {
    const root = feed();
    const docs = [
      { path: "in/a.txt", text: article(61) },
      { path: "in/empty.txt", text: "" },
    ]
      .map((d) => JSON.stringify(d))
      .join("\n");
    const r = await ingest(["--input-format", "jsonl", "--inline-errors", "--db", "news.sqlite", "-o", "-", "-"], { cwd: root, env, input: `${docs}\n` });
    expect(r.code).toBe(1);
    const lines = jsonLines(r.stdout) as Array<{ headline?: string; code?: string }>;
    // Each input's problems before its records, as --inline-errors writes them.
    expect(lines.map((l) => l.headline ?? l.code)).toEqual([
      "TIMESTAMP_ID_DATE_MISMATCH",
      "Story 61 proposes arming CSTO forces with Russian weapons",
      "EMPTY_INPUT",
    ]);
    expect(query(join(root, "news.sqlite"), "SELECT input, headline FROM articles")).toEqual([
      { input: "in/a.txt", headline: "Story 61 proposes arming CSTO forces with Russian weapons" },
    ]);
    expect(query(join(root, "news.sqlite"), "SELECT input, code FROM problems ORDER BY input")).toEqual([
      { input: "in/a.txt", code: "TIMESTAMP_ID_DATE_MISMATCH" },
      { input: "in/empty.txt", code: "EMPTY_INPUT" },
    ]);
  });

  it("refuses a store that cannot be: missing directory, an input, a directory, a read-only file (exit 2, one line)", async () => {
    const root = feed();
    const missing = await run(["feeds", "--db", "no/such/news.sqlite"], root);
    expect(missing).toMatchObject({ code: 2, stdout: "" });
    expect(missing.stderr).toBe("ingest: error: --db no/such/news.sqlite: no directory no/such to create it in\n");
    const input = await run(["feeds/a.txt", "--db", "feeds/a.txt"], root);
    expect(input).toMatchObject({ code: 2, stderr: "ingest: error: the store feeds/a.txt is also an input\n" });
    // Identity, not spelling: a hard link of an input is that input.
    linkSync(join(root, "feeds/a.txt"), join(root, "link.txt"));
    writeFileSync(join(root, "other.txt"), "");
    const linked = await run(["feeds/a.txt", "--db", "link.txt"], root);
    expect(linked).toMatchObject({ code: 2, stderr: "ingest: error: the store link.txt is also an input; it would be overwritten\n" });
    // A hard link of a file that is no input: still refused, since it could be one of another run.
    linkSync(join(root, "other.txt"), join(root, "linked.sqlite"));
    const otherName = await run(["feeds", "--db", "linked.sqlite"], root);
    expect(otherName).toMatchObject({
      code: 2,
      stderr: "ingest: error: the store linked.sqlite has 2 names (hard links): ingest writes in place only to a file with one name, which no input can be\n",
    });
    const inside = await run(["feeds", "--db", "feeds/store.txt"], root);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toMatch(
      /^ingest: error: the store feeds\/store.txt is inside the input directory .*feeds, where it would be read back as an input\n$/,
    );
    expect(existsSync(join(root, "feeds/store.txt"))).toBe(false);
    const dir = await run(["feeds", "--db", "feeds"], root);
    expect(dir).toMatchObject({ code: 2, stderr: "ingest: error: --db feeds is a directory; name an SQLite file (news.sqlite)\n" });
    await run(["feeds", "--db", "ro.sqlite"], root);
    const before = articlesOf(join(root, "ro.sqlite"));
    writeFileSync(join(root, "feeds/new.txt"), article(50));
    chmodSync(join(root, "ro.sqlite"), 0o444);
    // As root the mode alone does not stop a write: a read-only store is one the process cannot write.
    if (process.getuid?.() !== 0) {
      const ro = await run(["feeds", "--db", "ro.sqlite"], root);
      expect(ro.code).toBe(2);
      expect(ro.stderr.split("\n").filter((l) => l.startsWith("ingest: error:"))).toHaveLength(1);
      expect(articlesOf(join(root, "ro.sqlite"))).toBe(before);
    }
  });

  it.skipIf(UNIT)("a plain run does not load the store (its code is in a chunk of its own)", () => {
    const main = readFileSync(join(ROOT, "dist/cli-bundle/main.cjs"), "utf8");
    expect(main).not.toMatch(/articles_fts/);
    expect(main).not.toMatch(/libsql/);
    expect(main).not.toMatch(/pg-copy-streams|ingest_staging/);
  });

  describe("ingest search", () => {
    const stored = async (): Promise<string> => {
      const root = tempDir();
      writeTree(root, {
        "feeds/oil.txt": article(1).replace("Story 1 proposes arming CSTO forces with Russian weapons", "Oil prices climb as Gulf supply tightens"),
        "feeds/cafe.txt": article(2).replace("Story 2 proposes arming CSTO forces with Russian weapons", "Café owners in Doha expect a busy season"),
        "feeds/other.txt": article(3),
        // No ID line: stored under its content key, and searchable all the same.
        "feeds/noid.txt": article(4).replace(/^MENAFN\d+ID\d+\n/m, ""),
      });
      const r = await run(["feeds", "--db", "news.sqlite"], root);
      expect(r.code).toBe(0);
      return root;
    };

    it("gives ranked hits as JSON Lines: the record, a score and a snippet with the match marked", async () => {
      const root = await stored();
      const r = await run(["search", "oil prices", "--db", "news.sqlite"], root);
      expect(r).toMatchObject({ code: 0, stderr: "" });
      const hits = jsonLines(r.stdout) as Array<{ headline: string; score: number; snippet: string; id: string }>;
      expect(hits.map((h) => h.headline)).toEqual(["Oil prices climb as Gulf supply tightens"]);
      expect(hits[0]?.snippet).toContain("<mark>Oil</mark> <mark>prices</mark>");
      expect(typeof hits[0]?.score).toBe("number");
      expect(hits[0]?.id).toMatch(/ID0000000001$/);
    });

    it("folds diacritics and stems (porter): cafe finds Café, proposing finds proposes", async () => {
      const root = await stored();
      const cafe = jsonLines((await run(["search", "cafe", "--db", "news.sqlite"], root)).stdout) as Array<{ headline: string }>;
      expect(cafe.map((h) => h.headline)).toEqual(["Café owners in Doha expect a busy season"]);
      const stem = jsonLines((await run(["search", "headline:proposing", "--db", "news.sqlite"], root)).stdout) as Array<{ headline: string }>;
      expect(stem.map((h) => h.headline).sort()).toEqual([
        "Story 3 proposes arming CSTO forces with Russian weapons",
        "Story 4 proposes arming CSTO forces with Russian weapons",
      ]);
    });

    it("phrase, prefix, NOT and --limit work as FTS5's syntax says", async () => {
      const root = await stored();
      const count = async (q: string, ...more: string[]) => jsonLines((await run(["search", q, "--db", "news.sqlite", ...more], root)).stdout).length;
      expect(await count('"supply tightens"')).toBe(1);
      expect(await count('"tightens supply"')).toBe(0);
      expect(await count("tight*")).toBe(1);
      expect(await count("russian NOT oil")).toBeGreaterThan(0);
      expect(await count("putin")).toBe(4);
      expect(await count("putin", "--limit", "2")).toBe(2);
    });

    it("filters by --source and by --since/--until on the timestamp", async () => {
      const root = await stored();
      const count = async (...more: string[]) => jsonLines((await run(["search", "putin", "--db", "news.sqlite", ...more], root)).stdout).length;
      expect(await count("--source", "MENAFN")).toBe(4);
      expect(await count("--source", "Nobody")).toBe(0);
      expect(await count("--since", "2024-01-02", "--until", "2024-01-02")).toBe(4);
      expect(await count("--since", "2024-01-03")).toBe(0);
      expect(await count("--until", "2024-01-02T12:16:59Z")).toBe(0);
    });

    it("a summary for people: headline, source, time and the snippet, matches in colour when asked", async () => {
      const root = await stored();
      const plain = await run(["search", "oil", "--db", "news.sqlite", "-f", "summary"], root);
      expect(plain.stdout.split("\n").slice(0, 2)).toEqual([
        "Oil prices climb as Gulf supply tightens",
        "MENAFN · 2024-01-02T12:17:00Z · MENAFN27112025000045017640ID0000000001",
      ]);
      expect(plain.stdout).toContain("[Oil] prices climb");
      const color = await run(["search", "oil", "--db", "news.sqlite", "-f", "summary", "--color=always"], root);
      expect(color.stdout).toContain("\u001b[1;33mOil\u001b[0m");
    });

    it("a malformed query, a missing store or a bad date is one usage line, exit 2", async () => {
      const root = await stored();
      const bad = await run(["search", '"oil', "--db", "news.sqlite"], root);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^ingest: error: the query "\\"oil" is not valid: unterminated string \(FTS5 syntax: .*\)\n$/);
      const column = await run(["search", "nosuch:oil", "--db", "news.sqlite"], root);
      expect(column).toMatchObject({ code: 2, stdout: "" });
      expect(column.stderr).toMatch(/^ingest: error: the query "nosuch:oil" is not valid: no such column: nosuch/);
      const none = await run(["search", "oil", "--db", "nope.sqlite"], root);
      expect(none).toMatchObject({ code: 2, stderr: "ingest: error: no store at nope.sqlite (make one with: ingest FILES --db nope.sqlite)\n" });
      expect(existsSync(join(root, "nope.sqlite"))).toBe(false);
      writeFileSync(join(root, "empty.sqlite"), "");
      const empty = await run(["search", "oil", "--db", "empty.sqlite"], root);
      expect(empty).toMatchObject({
        code: 2,
        stderr: "ingest: error: no store at empty.sqlite yet (the file has no tables; make one with: ingest FILES --db empty.sqlite)\n",
      });
      const date = await run(["search", "oil", "--db", "news.sqlite", "--since", "yesterday"], root);
      expect(date).toMatchObject({ code: 2, stderr: "ingest: error: --since yesterday is not a date (2024-03-01) or a UTC time (2024-03-01T10:00:00Z)\n" });
      const noDb = await run(["search", "oil"], root);
      expect(noDb.code).toBe(2);
      expect(noDb.stderr).toMatch(/^ingest: error: ingest search needs --db/);
    });
  });

  it.skipIf(UNIT)(
    "a search waits for a writer's lock (a store being made, a WAL switch) instead of failing at once",
    async () => {
      const root = await (async () => {
        const r = feed();
        // In a process of its own too: libsql closes a connection whose statements are still to be
        // collected only when they are, and this test switches the journal mode, which needs it closed.
        await runBin(["feeds", "--db", "news.sqlite", "-q"], { cwd: r, env });
        return r;
      })();
      // An exclusive lock in rollback mode blocks readers, as a writer creating the store does.
      const db = openSqlite(join(root, "news.sqlite"), {}, {});
      db.exec("PRAGMA journal_mode = DELETE");
      db.exec("BEGIN EXCLUSIVE");
      db.exec("UPDATE fts_state SET behind = behind");
      // Its own process: SQLite's busy wait blocks the thread it runs on, and this one must commit meanwhile.
      const search = runBin(["search", "oil", "--db", "news.sqlite", "--limit", "1"], { cwd: root, env });
      await new Promise((r) => setTimeout(r, 700));
      db.exec("COMMIT");
      db.close();
      const s = await search;
      expect([s.code, s.stderr]).toEqual([0, ""]);
      expect(s.stdout).toContain("<mark>oil</mark>");
    },
    30_000,
  );

  it("cleans up", () => {
    rmSync(tempDir(), { recursive: true });
  });
});
