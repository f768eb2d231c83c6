// The store's rows of `npm run bench` (bench/run.mjs runs this and adds its lines), or alone:
// `node bench/store.mjs [ARTICLES]` (default BENCH_STORE_ARTICLES or 200,000).
// 1. Loading the 20,000-file corpus with --db (SQLite; PostgreSQL when INGEST_TEST_PG names a
//    server) against the same run to /dev/null, interleaved, medians of three.
// 2. ARTICLES articles in feed dumps, loaded in four quarters into one SQLite store: the peak RSS
//    of each quarter (flat as the store grows), the store's size against the same records as
//    JSON Lines, then `ingest search` latency (p50, p95) for one-word, two-word and phrase queries,
//    as the whole command and as the query alone in-process.
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadFixtures, writeCorpus } from "./corpus.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin/ingest.js");
const MAXRSS = join(ROOT, "bench/maxrss.mjs");
const FILES = Number(process.env.BENCH_FILES ?? 20_000);
// A count given on this script's own command line; imported by run.mjs, argv[2] is run.mjs's (--write).
const given = /^\d+$/.test(process.argv[2] ?? "") ? process.argv[2] : undefined;
const ARTICLES = Number(given ?? process.env.BENCH_STORE_ARTICLES ?? 200_000);
const PG = process.env.INGEST_TEST_PG ?? null;
const RUNS = 3;
const SEARCHES = 41;

const tmp = mkdtempSync(join(tmpdir(), "ingest-bench-store-"));
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (x) => `${x.toFixed(x < 100 ? 1 : 0)} ms`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
const mib = (bytes) => `${(bytes / 1048576).toFixed(0)} MiB`;
const n = (x) => Math.round(x).toLocaleString("en");

/** Run the bin once, stdout to /dev/null (or `to`); wall ms, exit code and peak RSS (KiB). */
function run(args, env = {}, to = "/dev/null") {
  const rssFile = join(tmp, "rss");
  rmSync(rssFile, { force: true });
  const out = openSync(to, "w");
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--import", MAXRSS, BIN, ...args], {
    stdio: ["ignore", out, out],
    env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile },
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  closeSync(out);
  const usage = existsSync(rssFile) ? JSON.parse(readFileSync(rssFile, "utf8")) : null;
  return { wall, code: r.status, rss: usage?.rss ?? null, cpu: usage?.cpu ?? null };
}

/** psql against the server of INGEST_TEST_PG. */
const psql = (sql, db = PG) => spawnSync("psql", ["-qAt", db, "-c", sql], { encoding: "utf8" });
const pgDb = (name) => `${PG.replace(/\/[^/]*$/, "")}/${name}`;

/** Feed dumps holding `count` articles, each with its own ID, 5,000 a file, in quarters (q0 … q3). */
function writeDumps(dir, count) {
  const texts = loadFixtures()
    .filter((f) => f.text !== null && !f.name.startsWith("refuse-") && f.text.trim() !== "" && /MENAFN\d{20}ID\d{10}/.test(f.text))
    .map((f) =>
      f.text
        .replace(/\r\n?/g, "\n")
        .replace(/^\ufeff/, "")
        .trimEnd(),
    );
  let bytes = 0;
  for (let q = 0; q < 4; q++) {
    mkdirSync(join(dir, `q${q}`), { recursive: true });
    const from = Math.floor((q * count) / 4);
    const to = Math.floor(((q + 1) * count) / 4);
    for (let f = from; f < to; f += 5000) {
      const parts = [];
      for (let i = f; i < Math.min(to, f + 5000); i++) {
        parts.push(`${texts[i % texts.length].replace(/(MENAFN\d{20}ID)\d{10}/g, (_, head) => head + String(i).padStart(10, "0"))}\n\n`);
      }
      const text = parts.join("");
      writeFileSync(join(dir, `q${q}`, `dump-${String(f).padStart(7, "0")}.txt`), text);
      bytes += Buffer.byteLength(text);
    }
  }
  return bytes;
}

/** The SQLite binding the CLI picks on this Node (src/cli/store/sqlite-driver.ts). */
const binding = (() => {
  try {
    process.removeAllListeners("warning");
    createRequire(import.meta.url)("node:sqlite");
    return process.env.INGEST_SQLITE === "libsql" ? "libsql" : "node:sqlite";
  } catch {
    return "libsql";
  }
})();

export function storeBench(say) {
  // 1. The 20,000-file corpus: --db against /dev/null.
  const corpus = join(tmp, "corpus");
  writeCorpus(corpus, FILES);
  const db = join(tmp, "load.sqlite");
  const plain = [];
  const sqlite = [];
  const pg = [];
  for (let r = 0; r < RUNS; r++) {
    plain.push(run([corpus, "-q"]));
    for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
    sqlite.push(run([corpus, "-q", "--db", db]));
    if (PG !== null) {
      psql("DROP DATABASE IF EXISTS bench_load WITH (FORCE)");
      psql("CREATE DATABASE bench_load");
      pg.push(run([corpus, "-q", "--db", pgDb("bench_load")]));
    }
  }
  const wall = (xs) => median(xs.map((x) => x.wall));
  const cpu = (xs) => median(xs.map((x) => x.cpu ?? Number.NaN));
  const codes = (xs) => [...new Set(xs.map((x) => x.code))].join("/");
  const rows = PG !== null ? psql("SELECT count(*) FROM articles", pgDb("bench_load")).stdout.trim() : null;
  say(
    `| store: \`ingest corpus/ --db news.sqlite\` (${n(FILES)} files; ${binding}) | ${ms(wall(sqlite))}, CPU ${ms(cpu(sqlite))} (exit ${codes(sqlite)}) | \`ingest corpus/ > /dev/null\` ${ms(wall(plain))}, CPU ${ms(cpu(plain))} | ${ratio(wall(sqlite), wall(plain))} wall, ${ratio(cpu(sqlite), cpu(plain))} CPU | ≤ 1.5× |`,
  );
  if (PG !== null)
    say(
      `| store: \`ingest corpus/ --db postgres://…\` (${rows} rows; the server's own CPU not counted) | ${ms(wall(pg))}, CPU ${ms(cpu(pg))} (exit ${codes(pg)}) | \`> /dev/null\` ${ms(wall(plain))} | ${ratio(wall(pg), wall(plain))} wall, ${ratio(cpu(pg), cpu(plain))} CPU | |`,
    );
  rmSync(corpus, { recursive: true, force: true });

  // 2. ARTICLES articles, loaded in quarters into one store.
  const dumps = join(tmp, "dumps");
  const dumpBytes = writeDumps(dumps, ARTICLES);
  const big = join(tmp, "big.sqlite");
  const quarters = [0, 1, 2, 3].map((q) => run([join(dumps, `q${q}`), "-q", "--db", big]));
  const loadMs = quarters.reduce((a, q) => a + q.wall, 0);
  const jsonl = join(tmp, "all.jsonl");
  const written = run([dumps, "-q"], {}, jsonl);
  if (written.code !== 0 && written.code !== 1) throw new Error(`ingest ${dumps} > ${jsonl}: exit ${written.code}`);
  // The store's size once its write-ahead log is folded in (as a copy of it would be).
  const require = createRequire(import.meta.url);
  let Database;
  try {
    Database = require("node:sqlite").DatabaseSync;
  } catch {
    Database = require("libsql");
  }
  const check = new Database(big);
  check.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  const stored = Number(check.prepare("SELECT count(*) AS n FROM articles").get().n);
  check.close();
  const dbBytes = statSync(big).size;
  const jsonlBytes = statSync(jsonl).size;
  say(
    `| store: ${n(ARTICLES)} articles (${mib(dumpBytes)} of feed dumps) loaded in four quarters, ${ms(loadMs)} (${n(ARTICLES / (loadMs / 1000))} articles/s); peak RSS of each quarter | ${quarters.map((q) => `${(q.rss / 1024).toFixed(0)}`).join(", ")} MiB | first quarter ${((quarters[0]?.rss ?? 0) / 1024).toFixed(0)} MiB | ${ratio(quarters[3]?.rss ?? 0, quarters[0]?.rss ?? 1)} | flat |`,
  );
  say(
    `| store: size of news.sqlite (${n(stored)} rows, FTS5 index included) | ${mib(dbBytes)} | the same records as JSON Lines ${mib(jsonlBytes)} | ${ratio(dbBytes, jsonlBytes)} | |`,
  );

  // 3. Search latency.
  const queries = [
    ["one word", "oil"],
    ["two words", "oil prices"],
    ["phrase", '"central bank"'],
  ];
  const searchMod = pathToFileURL(join(ROOT, "dist/cli/store/sqlite-search.js")).href;
  return import(searchMod).then(async ({ SqliteSearcher }) => {
    const searcher = SqliteSearcher.open(big, "big.sqlite", process.env);
    for (const [name, q] of queries) {
      const cli = [];
      const inProcess = [];
      let hits = 0;
      for (let i = 0; i < SEARCHES; i++) {
        cli.push(run(["search", q, "--db", big]).wall);
        const t = performance.now();
        hits = (await searcher.search({ query: q, limit: 20, source: null, since: null, before: null })).length;
        inProcess.push(performance.now() - t);
      }
      say(
        `| search, ${name} (\`ingest search '${q}' --db\`, ${n(stored)} rows, ${hits} hits shown): p50 / p95 | command ${ms(pct(cli, 50))} / ${ms(pct(cli, 95))}; query ${ms(pct(inProcess, 50))} / ${ms(pct(inProcess, 95))} | | | p95 ≤ 50 ms |`,
      );
    }
    await searcher.close();
    rmSync(tmp, { recursive: true, force: true });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log("| measure | ingest | baseline | ratio | target |\n| --- | --- | --- | --- | --- |");
  await storeBench(console.log);
}
