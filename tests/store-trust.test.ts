/**
 * The store's promises tried for real: SIGKILL at seeded random moments (the file opens, passes
 * PRAGMA integrity_check, and a rerun gives exactly what one uninterrupted run gives), two
 * processes writing one file, a search while a batch writes, `watch --db` killed between its
 * store commit and its journal, and a full or read-only file system (exit 2, one line).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { seededRandom, tempDir } from "./batch-helpers.js";
import { jsonLines, runBin } from "./helpers.js";
import { articlesOf, BACKENDS, corpus, killedAfter, query } from "./store/helpers.js";
import { startWatch } from "./watch-helpers.js";

describe.each(BACKENDS)("the store's promises on %s", (backend) => {
  const env = { INGEST_SQLITE: backend };

  it("SIGKILL at random moments: the file is whole, and a rerun (with or without --incremental, marks in --out-dir or in the store) gives one run's articles", async () => {
    const root = tempDir();
    corpus(root, "feeds", 600);
    expect((await runBin(["feeds", "--db", "ref.sqlite", "-q"], { cwd: root, env })).code).toBe(0);
    const reference = articlesOf(join(root, "ref.sqlite"));
    const random = seededRandom(19);
    for (let trial = 0; trial < 6; trial++) {
      const db = `t${trial}.sqlite`;
      // Plain; marks in an --out tree; marks in the store itself (--db alone).
      const how = trial % 3;
      const extra = how === 1 ? ["--out-dir", `out${trial}`] : [];
      const incremental = how === 0 ? [] : ["--incremental"];
      const killed = await killedAfter(["feeds", "--db", db, "-q", ...extra, ...(how === 2 ? incremental : [])], root, env, 150 + random() * 900);
      // Killed mid-run, or done before the kill: never refused at start.
      expect(killed.signal === "SIGKILL" || killed.code === 0, JSON.stringify(killed)).toBe(true);
      expect(query(join(root, db), "PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
      const rerun = await runBin(["feeds", "--db", db, "-q", ...extra, ...incremental], { cwd: root, env });
      expect(rerun.code).toBe(0);
      expect(articlesOf(join(root, db))).toBe(reference);
    }
  }, 120_000);

  it("two batches writing one file at once both succeed and lose nothing; a search meanwhile works", async () => {
    const root = tempDir();
    corpus(root, "one", 500, 0);
    corpus(root, "two", 500, 500);
    // The file exists (schema made) before they start, as a store in use would.
    await runBin(["one/0/0.txt", "--db", "news.sqlite", "-q"], { cwd: root, env });
    const a = runBin(["one", "--db", "news.sqlite", "-q"], { cwd: root, env });
    const b = runBin(["two", "--db", "news.sqlite", "-q", "--jobs", "2"], { cwd: root, env });
    const searches: number[] = [];
    for (let i = 0; i < 5; i++) searches.push((await runBin(["search", "putin", "--db", "news.sqlite", "--limit", "3"], { cwd: root, env })).code ?? -1);
    const [ra, rb] = await Promise.all([a, b]);
    expect([ra.code, rb.code, ra.stderr, rb.stderr]).toEqual([0, 0, "", ""]);
    expect(searches).toEqual([0, 0, 0, 0, 0]);
    expect(query(join(root, "news.sqlite"), "SELECT count(*) AS n FROM articles")[0]?.n).toBe(1000);
    expect(query(join(root, "news.sqlite"), "SELECT count(*) AS n FROM runs WHERE exit_code = 0")[0]?.n).toBe(3);
  }, 60_000);

  it("GNU parallel's recipe: shards writing one store at once hold exactly the unsharded run's articles", async () => {
    const root = tempDir();
    corpus(root, "feeds", 400);
    await runBin(["feeds", "--db", "one.sqlite", "-q"], { cwd: root, env });
    const shards = await Promise.all([1, 2, 3].map((k) => runBin(["feeds", "--shard", `${k}/3`, "--db", "sharded.sqlite", "-q"], { cwd: root, env })));
    expect(shards.map((r) => [r.code, r.stderr])).toEqual([
      [0, ""],
      [0, ""],
      [0, ""],
    ]);
    expect(articlesOf(join(root, "sharded.sqlite"))).toBe(articlesOf(join(root, "one.sqlite")));
  }, 60_000);

  it("a watch and a batch on one file both succeed; a search works while the watch writes", async () => {
    const root = tempDir();
    corpus(root, "inbox", 300, 0);
    corpus(root, "batch", 300, 1000);
    const w = startWatch(["inbox", "--db", "news.sqlite", "--once", "--settle", "0", "-q"], root, env);
    const b = runBin(["batch", "--db", "news.sqlite", "-q"], { cwd: root, env });
    const s = await runBin(["search", "putin", "--db", "news.sqlite", "--limit", "1"], { cwd: root, env });
    const [rb, rw] = await Promise.all([b, w.exited]);
    expect(rb.code).toBe(0);
    expect(rw.code).toBe(0);
    expect([0, 2]).toContain(s.code);
    if (s.code === 2) expect(s.stderr).toMatch(/^ingest: error: no store at/);
    expect(query(join(root, "news.sqlite"), "SELECT count(*) AS n FROM articles")[0]?.n).toBe(600);
  }, 60_000);

  it("watch --db killed between its store commit and its journal, or before the commit: exactly once", async () => {
    for (const step of ["converted", "outputs", "journal"]) {
      const root = tempDir();
      corpus(root, "inbox", 150);
      corpus(root, "copy", 150);
      const args = ["inbox", "--db", "news.sqlite", "--journal", "j.jsonl", "--once", "--settle", "0", "-q"];
      const crashed = startWatch(args, root, { ...env, INGEST_WATCH_CRASH: `${step}:70` });
      expect((await crashed.exited).signal).toBe("SIGKILL");
      const again = startWatch(args, root, env);
      expect((await again.exited).code).toBe(0);
      await runBin(["copy", "--db", "batch.sqlite", "-q"], { cwd: root, env });
      expect(query(join(root, "news.sqlite"), "PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
      expect(articlesOf(join(root, "news.sqlite"))).toBe(articlesOf(join(root, "batch.sqlite")));
    }
  }, 60_000);

  const root = process.getuid?.() === 0;
  it.skipIf(!root)(
    "a full disk or a read-only file system: exit 2, one line, the committed rows intact",
    async () => {
      const dir = tempDir();
      corpus(dir, "feeds", 400);
      const full = join(dir, "full");
      const ro = join(dir, "ro");
      mkdirSync(full);
      mkdirSync(ro);
      expect(spawnSync("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", full]).status).toBe(0);
      expect(spawnSync("mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", ro]).status).toBe(0);
      try {
        const r = await runBin(["feeds", "--db", "full/news.sqlite", "-q"], { cwd: dir, env });
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/^ingest: error: cannot (write|use) the store full\/news.sqlite: database or disk is full\n$/);
        expect(query(join(full, "news.sqlite"), "PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
        // Read-only: a file system remounted so after a first run.
        const first = await runBin(["feeds/0", "--db", "ro/news.sqlite", "-q"], { cwd: dir, env });
        expect([first.code, first.stderr]).toEqual([0, ""]);
        expect(spawnSync("mount", ["-o", "remount,ro", ro]).status).toBe(0);
        const refused = await runBin(["feeds/1", "--db", "ro/news.sqlite", "-q"], { cwd: dir, env });
        expect(refused.code).toBe(2);
        expect(refused.stderr.split("\n").filter(Boolean)).toHaveLength(1);
        expect(refused.stderr).toMatch(/^ingest: error: cannot use the store ro\/news.sqlite: /);
        // And a search of it still works.
        const hits = await runBin(["search", "putin", "--db", "ro/news.sqlite", "--limit", "200"], { cwd: dir, env });
        expect(jsonLines(hits.stdout)).toHaveLength(100);
      } finally {
        // Lazily: this process may still hold a file there open until SQLite's handle is collected.
        spawnSync("umount", ["-l", full]);
        spawnSync("umount", ["-l", ro]);
      }
    },
    60_000,
  );
});
