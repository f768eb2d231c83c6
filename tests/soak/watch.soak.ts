/**
 * The soak test of `ingest watch` (npm run test:soak, in CI): a writer drops 5,000 files over
 * about a minute at varying rates (bursts, trickles, pauses), some bad, some renamed into place,
 * some written in place in chunks; the watcher is killed with SIGKILL five times at seeded
 * random moments and restarted at once. At the end the output equals a batch run over the same
 * files, the journal has each input exactly once, the archive holds exactly the good inputs and
 * the quarantine exactly the refused ones, and memory stayed flat. Figures go to stdout.
 * The database leg: the watch also stores into an SQLite file (--db), which after the kills opens,
 * passes PRAGMA integrity_check and holds exactly the articles a batch stores from the same files.
 */
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { expect, it, onTestFinished } from "vitest";
import { article, seededRandom, tempDir } from "../batch-helpers.js";
import { runBin } from "../helpers.js";
import { articlesOf, query } from "../store/helpers.js";
import { batch, files, journal, refusals, sleep, startWatch, tree, until, type Watcher } from "../watch-helpers.js";

const FILES = Number(process.env.SOAK_FILES ?? 5000);
const KILLS = 5;
const SEED = Number(process.env.SOAK_SEED ?? 20261129);

const prng = seededRandom;

/** Resident set size of a process in MB, from /proc (null when it is gone). */
function rssMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

it("soak: 5,000 files, five SIGKILLs, exactly once, flat memory", async () => {
  const started = Date.now();
  const random = prng(SEED);
  const root = tempDir();
  const inbox = join(root, "inbox");
  const copy = join(root, "copy");
  const dirs = ["", "a", "b", "b/deep", "c", "d/e/f"];
  for (const d of dirs) {
    mkdirSync(join(inbox, d), { recursive: true });
    mkdirSync(join(copy, "inbox", d), { recursive: true });
  }
  const args = ["inbox", "--out-dir", "out", "--archive", "arch", "--quarantine", "q", "--settle", "300", "-q", "--db", "news.sqlite"];

  // The watcher, its restarts and its memory.
  let w: Watcher = startWatch(args, root);
  const segments: number[][] = [[]];
  onTestFinished(() => clearInterval(sampler));
  const sampler = setInterval(() => {
    const mb = rssMb(w.child.pid);
    if (mb !== null) segments.at(-1)?.push(mb);
  }, 200);
  let kills = 0;

  // The plan: bursts, trickles and pauses, in seeded proportions.
  const good = new Set<string>();
  const bad = new Set<string>();
  let written = 0;
  let renamed = 0;
  let chunked = 0;
  const drop = async (n: number): Promise<void> => {
    const d = dirs[Math.floor(random() * dirs.length)] as string;
    const rel = d === "" ? `f${n}.txt` : `${d}/f${n}.txt`;
    const r = random();
    let content: string | Uint8Array;
    if (r < 0.1) {
      const kinds = [refusals.empty, refusals.binary, refusals.noHeadline, refusals.json];
      content = kinds[n % kinds.length] as string | Uint8Array;
      bad.add(rel);
    } else {
      content = r < 0.13 ? `${article(n * 2)}\n\n${article(n * 2 + 1)}` : article(n * 2);
      good.add(rel);
    }
    writeFileSync(join(copy, "inbox", rel), content);
    const target = join(inbox, rel);
    const how = random();
    if (how < 0.45) {
      // The convention: a temporary name (three styles), then a rename into place.
      const tmp = how < 0.15 ? `${target}.tmp` : how < 0.3 ? join(inbox, d, `.f${n}.txt`) : `${target}.part`;
      writeFileSync(tmp, content);
      renameSync(tmp, target);
      renamed++;
    } else if (how < 0.5 && typeof content === "string" && content.length > 100) {
      // Written in place in two chunks with a pause under --settle: must never be read half-written.
      const fd = openSync(target, "w");
      const half = Math.floor(content.length / 2);
      writeSync(fd, content.slice(0, half));
      await sleep(60);
      writeSync(fd, content.slice(half));
      closeSync(fd);
      chunked++;
    } else writeFileSync(target, content);
    written++;
  };

  // Kill moments: seeded, spread over the first 80% of the files.
  const killAt = new Set<number>();
  while (killAt.size < KILLS) killAt.add(Math.floor(FILES * (0.05 + random() * 0.75)));
  let n = 0;
  while (n < FILES) {
    const phase = random();
    // A burst (as fast as the disk goes), a trickle (20–60 files/s), a steady flow (100–300/s), or a pause.
    const size = Math.min(FILES - n, phase < 0.25 ? 100 + Math.floor(random() * 400) : phase < 0.9 ? 50 + Math.floor(random() * 150) : 0);
    const perSecond = phase < 0.25 ? Infinity : phase < 0.5 ? 20 + random() * 40 : 100 + random() * 200;
    if (size === 0) await sleep(300 + random() * 1000);
    for (let i = 0; i < size; i++, n++) {
      await drop(n);
      if (perSecond !== Infinity) await sleep(1000 / perSecond);
      else if (i % 50 === 0) await sleep(0);
      if (killAt.has(n)) {
        await sleep(random() * 300);
        w.child.kill("SIGKILL");
        const { signal } = await w.exited;
        expect(signal).toBe("SIGKILL");
        kills++;
        segments.push([]);
        w = startWatch(args, root);
      }
    }
  }
  const writerDone = Date.now();

  // Drained: every input moved out of the inbox (archive or quarantine).
  await until(() => files(inbox, true).length === 0, "the inbox to drain", 90_000);
  w.child.kill("SIGTERM");
  const last = await w.exited;
  clearInterval(sampler);
  expect(last.code).toBe(0);
  expect(w.stderr()).not.toMatch(/^error: /m);

  // The same files through one batch.
  const b = await batch(copy, "inbox", "out");
  expect(b.code).toBe(1);
  const watched = tree(join(root, "out"));
  const batched = tree(join(copy, "out"));
  const duplicates = [...watched.keys()].filter((k) => !batched.has(k)).length;
  const missing = [...batched.keys()].filter((k) => !watched.has(k)).length;
  const differing = [...batched.keys()].filter((k) => watched.has(k) && watched.get(k) !== batched.get(k)).length;

  // The store: the batch's articles, each once, in a file that passes SQLite's own check.
  const stored = await runBin(["inbox", "--db", "news.sqlite", "-q"], { cwd: copy });
  expect(stored.code).toBe(1);
  const storeCheck = query(join(root, "news.sqlite"), "PRAGMA integrity_check");
  const storeSame = articlesOf(join(root, "news.sqlite")) === articlesOf(join(copy, "news.sqlite"));
  const storeRows = Number(query(join(root, "news.sqlite"), "SELECT count(*) AS n FROM articles")[0]?.n);

  // The journal: each input exactly once; refused exactly the bad ones.
  const entries = journal(join(root, "out/.ingest-journal.jsonl"));
  const perPath = new Map<string, number>();
  for (const e of entries) perPath.set(e.path, (perPath.get(e.path) ?? 0) + 1);
  const journaledTwice = [...perPath.values()].filter((c) => c > 1).length;
  const refused = new Set(entries.filter((e) => e.event === "refused").map((e) => e.path));

  const peak = Math.max(...segments.flat());
  const longest = segments.reduce((a, s) => (s.length > a.length ? s : a), [] as number[]);
  const quarter = Math.max(1, Math.floor(longest.length / 4));
  const early = Math.max(...longest.slice(quarter, 2 * quarter));
  const late = Math.max(...longest.slice(-quarter));
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `soak: ${written} files (${good.size} good, ${bad.size} bad; ${renamed} renamed into place, ${chunked} written in chunks), ` +
      `${kills} SIGKILLs, ${duplicates} duplicate outputs, ${storeRows} rows in the store (${storeSame ? "the same as" : "NOT the same as"} a batch's), ${missing} missing, ${differing} differing, ${journaledTwice} inputs journaled twice, ` +
      `peak RSS ${peak.toFixed(0)} MB (longest run: ${early.toFixed(0)} MB in its second quarter, ${late.toFixed(0)} MB in its last), ` +
      `RSS of the longest run every ~2 s: ${longest
        .filter((_, i) => i % 10 === 0)
        .map((x) => x.toFixed(0))
        .join(" ")} MB, ` +
      `writer ${((writerDone - started) / 1000).toFixed(1)} s, total ${seconds.toFixed(1)} s, seed ${SEED}`,
  );

  expect(kills).toBe(KILLS);
  expect(written).toBe(FILES);
  expect({ duplicates, missing, differing }).toEqual({ duplicates: 0, missing: 0, differing: 0 });
  expect(watched.size).toBe(batched.size);
  expect(storeCheck).toEqual([{ integrity_check: "ok" }]);
  expect(storeSame).toBe(true);
  expect(storeRows).toBe(batched.size);
  expect(entries.length).toBe(FILES);
  expect(journaledTwice).toBe(0);
  expect([...refused].sort()).toEqual([...bad].sort());
  expect(files(join(root, "arch"))).toEqual([...good].sort());
  expect(files(join(root, "q")).filter((f) => !f.endsWith(".errors.json"))).toEqual([...bad].sort());
  expect(files(join(root, "q")).filter((f) => f.endsWith(".errors.json"))).toEqual([...bad].map((f) => `${f}.errors.json`).sort());
  // No temporary file left anywhere in the outputs.
  expect(files(join(root, "out"), true).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  // Flat memory: the longest-lived watcher ends within 40 MB of where it stood early on.
  expect(late).toBeLessThan(early + 40);
  expect(peak).toBeLessThan(250);
}, 300_000);
