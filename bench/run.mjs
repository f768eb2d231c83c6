// `npm run bench`: start-up, batch throughput (against a plain Python script, a bare Node floor
// and cat), worker threads, parser core, streaming a 2 GB dump, and peak memory of ingest, each as
// the median of several runs and as a ratio against a baseline measured in the same run,
// interleaved with it. Prints a Markdown report; with --write it also replaces the results
// section of BENCHMARKS.md.
// Not part of `npm test`: timings depend on the machine and on what else it is doing.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeDump, writeCorpus } from "./corpus.mjs";
import { makeRealDump, writeRealCorpus } from "./real-corpus.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin/ingest.js");
const MAXRSS = join(ROOT, "bench/maxrss.mjs");
const SMALL = Number(process.env.BENCH_FILES ?? 20_000);
const LARGE = Number(process.env.BENCH_FILES_LARGE ?? 100_000);
const DUMP_BYTES = 50 * 1024 * 1024;
const STREAM_BYTES = Number(process.env.BENCH_STREAM_BYTES ?? 2 * 1024 ** 3);
const PYTHON = process.env.PYTHON ?? "python3";
const START_RUNS = 21;
const BATCH_RUNS = 3;

const tmp = mkdtempSync(join(tmpdir(), "ingest-bench-"));
const devNull = openSync("/dev/null", "w");
const lines = [];
const say = (line = "") => {
  lines.push(line);
  console.log(line);
};
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ms = (x) => `${x.toFixed(x < 100 ? 1 : 0)} ms`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
const mib = (kib) => `${(kib / 1024).toFixed(0)} MiB`;
const n = (x) => Math.round(x).toLocaleString("en");

/** GNU time, when installed, gives the CPU time of any command (the Python peer's too). */
const GNU_TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

/**
 * Run a command once with stdout and stderr to /dev/null; wall ms, exit code, CPU ms (user +
 * system, all threads and children: GNU time, or the preload for node commands) and peak RSS
 * (KiB, node commands: bench/maxrss.mjs).
 */
function time(cmd, args, { node = false, env = {} } = {}) {
  const rssFile = join(tmp, "rss");
  const timeFile = join(tmp, "time");
  rmSync(rssFile, { force: true });
  rmSync(timeFile, { force: true });
  const argv = node ? ["--import", MAXRSS, ...args] : args;
  const [run, runArgs] = GNU_TIME ? [GNU_TIME, ["-f", "%U %S", "-o", timeFile, cmd, ...argv]] : [cmd, argv];
  const start = process.hrtime.bigint();
  const r = spawnSync(run, runArgs, { stdio: ["ignore", devNull, devNull], env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile } });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const usage = existsSync(rssFile) ? JSON.parse(readFileSync(rssFile, "utf8")) : null;
  const timed = existsSync(timeFile) ? readFileSync(timeFile, "utf8").trim().split("\n").pop()?.split(" ").map(Number) : undefined;
  const cpu = timed && timed.length === 2 && timed.every(Number.isFinite) ? (timed[0] + timed[1]) * 1000 : (usage?.cpu ?? null);
  return { wall, code: r.status, rss: usage?.rss ?? null, cpu };
}

/** Interleave the commands `runs` times (so drift in machine load hits all alike); median per command. */
function compare(cmds, runs) {
  const walls = cmds.map(() => []);
  const cpus = cmds.map(() => []);
  const rss = cmds.map(() => []);
  const codes = cmds.map(() => new Set());
  for (let r = 0; r < runs; r++) {
    cmds.forEach((c, k) => {
      c.before?.();
      const t = time(c.cmd, c.args, c);
      walls[k].push(t.wall);
      if (t.rss !== null) rss[k].push(t.rss);
      if (t.cpu !== null) cpus[k].push(t.cpu);
      codes[k].add(t.code);
    });
  }
  return cmds.map((c, k) => ({
    ...c,
    wall: median(walls[k]),
    walls: walls[k],
    cpu: cpus[k].length ? median(cpus[k]) : null,
    rss: rss[k].length ? Math.max(...rss[k]) : null,
    codes: [...codes[k]],
  }));
}

const node = (args, extra = {}) => ({ cmd: process.execPath, args, node: true, ...extra });

/** Wall ms of `count` copies of a command started together. */
function together(count, args) {
  const start = process.hrtime.bigint();
  return Promise.all(
    Array.from({ length: count }, () => new Promise((done) => spawn(process.execPath, args, { stdio: ["ignore", devNull, devNull] }).on("close", done))),
  ).then(() => Number(process.hrtime.bigint() - start) / 1e6);
}

function machine() {
  const cpu = cpus();
  const mem = readFileSync("/proc/meminfo", "utf8").match(/MemTotal:\s+(\d+)/)?.[1];
  const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(", ");
  return `${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores (os.availableParallelism() ${availableParallelism()})${mem ? `, ${(Number(mem) / 1048576).toFixed(0)} GiB` : ""}; Node ${process.version}; load average at start ${load}; ${new Date().toISOString().slice(0, 16)}Z`;
}

/** Lines a command writes to stdout. */
function countLines(cmd, args) {
  const r = spawnSync(cmd, args, { maxBuffer: 1 << 30, stdio: ["ignore", "pipe", devNull] });
  let count = 0;
  for (const b of r.stdout) if (b === 10) count++;
  return count;
}

try {
  const began = performance.now();
  say(`## Results\n\nMachine: ${machine()}\n`);
  const corpus = join(tmp, "corpus");
  const one = join(tmp, "one-article.txt");
  writeFileSync(one, readFileSync(join(ROOT, "fixtures/000_ee22b7415f82c1d2.txt")));
  // The main corpus: real-length articles (2–6 KB, bench/real-corpus.mjs); the small-file corpus
  // built from the fixtures (about 1 KB a file) is the second row.
  const corpusBytes = writeRealCorpus(corpus, SMALL);
  const smallCorpus = join(tmp, "small");
  const smallBytes = writeCorpus(smallCorpus, SMALL);
  const dump = join(tmp, "dump.txt");
  writeFileSync(dump, makeDump(DUMP_BYTES));
  const realDump = join(tmp, "real-dump.txt");
  writeFileSync(realDump, makeRealDump(DUMP_BYTES));
  const peer = [PYTHON, [join(ROOT, "bench/peer.py"), corpus]];
  const records = countLines(process.execPath, [BIN, corpus]);
  const peerRecords = countLines(...peer);
  if (records !== peerRecords) throw new Error(`the Python peer gave ${peerRecords} records and ingest ${records}: not a fair comparison`);
  const smallRecords = countLines(process.execPath, [BIN, smallCorpus]);
  const smallPeerRecords = countLines(PYTHON, [join(ROOT, "bench/peer.py"), smallCorpus]);
  if (smallRecords !== smallPeerRecords) throw new Error(`the Python peer gave ${smallPeerRecords} records and ingest ${smallRecords} on the small files`);

  // 0. Does this machine run two CPU-bound processes side by side at full speed?
  const spin = [join(ROOT, "bench/spin.mjs")];
  const alone = [],
    pair = [];
  for (let r = 0; r < 3; r++) {
    alone.push(await together(1, spin));
    pair.push(await together(2, spin));
  }
  say("| measurement | median | baseline | ratio | target |");
  say("| --- | --- | --- | --- | --- |");
  say(
    `| two CPU-bound \`node\` processes at once (\`bench/spin.mjs\`) | ${ms(median(pair))} | one alone ${ms(median(alone))} | ${ratio(median(pair), median(alone))} | 1.00× if a second core is free |`,
  );

  // 1. Start-up.
  // As a user starts it: without the peak-RSS preload, which makes Node load its ES module loader
  // (and cjs-module-lexer) for a CommonJS entry point such as bin/ingest.js, 1–3 ms that `node -e 0`
  // does not pay. CPU comes from GNU time.
  const [base, start] = compare([node(["-e", "0"], { node: false }), node([BIN, one], { node: false })], START_RUNS);
  say(`| start-up: \`ingest one-article.txt\` | ${ms(start.wall)} | \`node -e 0\` ${ms(base.wall)} | ${ratio(start.wall, base.wall)} | ≤ 1.2× |`);

  // 2. Batch, against the Python peer, the bare Node floor and cat; diagnostics; --out; threads.
  const out = join(tmp, "out");
  const clearOut = () => rmSync(out, { recursive: true, force: true });
  const batch = compare(
    [
      { cmd: peer[0], args: peer[1], name: "peer" },
      node([join(ROOT, "bench/floor.mjs"), corpus], { name: "floor" }),
      { cmd: "sh", args: ["-c", `find "${corpus}" -type f -name '*.txt' -print0 | sort -z | xargs -0 cat`], name: "cat" },
      node([BIN, corpus], { name: "stdout" }),
      node([BIN, corpus, "--quiet"], { name: "quiet" }),
      node([BIN, corpus, "--jobs", "1"], { name: "jobs1" }),
      node([BIN, corpus, "--jobs", "2"], { name: "jobs2" }),
      node([BIN, corpus, "--out", out], { name: "out", before: clearOut }),
      node([join(ROOT, "bench/floor.mjs"), corpus, out], { name: "floorOut", before: clearOut }),
    ],
    BATCH_RUNS,
  );
  const by = Object.fromEntries(batch.map((b) => [b.name, b]));
  const files = `${n(SMALL)} real-length files, ${(corpusBytes / 1e6).toFixed(0)} MB, ${n(records)} records`;
  const rate = (b) => `${n(SMALL / (b.wall / 1000))} files/s`;
  const cpu = (b) => (b.cpu === null ? "" : `, CPU ${ms(b.cpu)}`);
  const codes = (b) => (b.codes.some((c) => c === 2 || c === null) ? ` (exit ${b.codes.join(",")}: see note)` : "");
  say(
    `| batch, default flags: \`ingest corpus/ > /dev/null\` (${files}) | ${ms(by.stdout.wall)}, ${rate(by.stdout)}${cpu(by.stdout)}${codes(by.stdout)} | Python peer (\`bench/peer.py\`) ${ms(by.peer.wall)}${cpu(by.peer)} | ${ratio(by.stdout.wall, by.peer.wall)} | ≤ 0.7× |`,
  );
  say(`| | | Node floor (\`bench/floor.mjs\`) ${ms(by.floor.wall)}${cpu(by.floor)} | ${ratio(by.stdout.wall, by.floor.wall)} | ≤ 2× |`);
  say(`| | | \`cat\` ${ms(by.cat.wall)} | ${ratio(by.stdout.wall, by.cat.wall)} | |`);
  say(
    `| diagnostics: \`ingest corpus/\` (stderr, buffered) against \`--quiet\` | ${ms(by.stdout.wall)} | \`--quiet\` ${ms(by.quiet.wall)} | ${ratio(by.stdout.wall, by.quiet.wall)} | ≈ 1× |`,
  );
  say(
    `| both cores: \`ingest corpus/ --jobs 2\` | ${ms(by.jobs2.wall)}${cpu(by.jobs2)}${codes(by.jobs2)} | \`--jobs 1\` ${ms(by.jobs1.wall)}${cpu(by.jobs1)} | ${ratio(by.jobs2.wall, by.jobs1.wall)} | ≤ 0.6× |`,
  );
  say(
    `| batch: \`ingest corpus/ --out DIR\` | ${ms(by.out.wall)}, ${rate(by.out)}${codes(by.out)} | floor writing one file per input ${ms(by.floorOut.wall)} | ${ratio(by.out.wall, by.floorOut.wall)} | |`,
  );
  // ingest validate: the --out tree just written (one .json file per record) against the same
  // records as one JSON Lines file. Linear in the files since #22 (it was 13.3 s for 16,883 files).
  const jsonl = join(tmp, "records.jsonl");
  spawnSync(process.execPath, [BIN, corpus, "-o", jsonl, "-q"], { stdio: ["ignore", devNull, devNull] });
  const [vDir, vOne] = compare([node([BIN, "validate", out], { name: "validateDir" }), node([BIN, "validate", jsonl], { name: "validateOne" })], BATCH_RUNS);
  batch.push(vDir, vOne);
  say(
    `| \`ingest validate DIR\`: ${n(records)} .json files of one record (the tree above) | ${ms(vDir.wall)}${cpu(vDir)}${codes(vDir)} | the same records as one JSON Lines file ${ms(vOne.wall)}${cpu(vOne)} | ${ratio(vDir.wall, vOne.wall)} | ≤ 3× |`,
  );
  clearOut();
  const small = Object.fromEntries(
    compare(
      [
        { cmd: PYTHON, args: [join(ROOT, "bench/peer.py"), smallCorpus], name: "peer" },
        node([join(ROOT, "bench/floor.mjs"), smallCorpus], { name: "floor" }),
        node([BIN, smallCorpus], { name: "stdout" }),
      ],
      BATCH_RUNS,
    ).map((b) => [b.name, b]),
  );
  say(
    `| batch, small files: \`ingest small/ > /dev/null\` (${n(SMALL)} fixture-built files, ${(smallBytes / 1e6).toFixed(0)} MB, ${n(smallRecords)} records) | ${ms(small.stdout.wall)}${cpu(small.stdout)}${codes(small.stdout)} | Python peer ${ms(small.peer.wall)}${cpu(small.peer)} | ${ratio(small.stdout.wall, small.peer.wall)} | ≤ 0.7× |`,
  );
  say(`| | | Node floor ${ms(small.floor.wall)}${cpu(small.floor)} | ${ratio(small.stdout.wall, small.floor.wall)} | ≤ 2× |`);

  // 3. Parser core, in a process of its own.
  const core = spawnSync(process.execPath, [join(ROOT, "bench/core.mjs"), dump, "3"], { encoding: "utf8" });
  const c = JSON.parse(core.stdout.trim().split("\n").pop() ?? "{}");
  // Its floor: decoding and splitting the dump, and building the same records from their JSON.
  const floorRun = spawnSync(process.execPath, [join(ROOT, "bench/record-floor.mjs"), dump, "3"], { encoding: "utf8" });
  const f = JSON.parse(floorRun.stdout.trim().split("\n").pop() ?? "{}");
  say(
    `| parser core: \`parse()\` on a ${(c.bytes / 1e6).toFixed(1)} MB dump (${n(c.records)} records) | ${ms(c.ms)}, **${c.mbps.toFixed(0)} MB/s** | records floor (\`bench/record-floor.mjs\`: decode + split ${ms(f.decodeSplitMs)}, the same records built by \`JSON.parse\` ${ms(f.buildMs)}) ${ms(f.ms)}, ${f.mbps.toFixed(0)} MB/s | ${ratio(c.ms, f.ms)} | ≥ 120 MB/s, ≥ 0.9× the floor's speed |`,
  );
  const realCore = JSON.parse(
    spawnSync(process.execPath, [join(ROOT, "bench/core.mjs"), realDump, "3"], { encoding: "utf8" })
      .stdout.trim()
      .split("\n")
      .pop() ?? "{}",
  );
  const realFloor = JSON.parse(
    spawnSync(process.execPath, [join(ROOT, "bench/record-floor.mjs"), realDump, "3"], { encoding: "utf8" })
      .stdout.trim()
      .split("\n")
      .pop() ?? "{}",
  );
  say(
    `| parser core: \`parse()\` on a ${(realCore.bytes / 1e6).toFixed(1)} MB dump of real-length articles (${n(realCore.records)} records) | ${ms(realCore.ms)}, **${realCore.mbps.toFixed(0)} MB/s** | records floor ${ms(realFloor.ms)}, ${realFloor.mbps.toFixed(0)} MB/s | ${ratio(realCore.ms, realFloor.ms)} | ≥ 120 MB/s |`,
  );

  // 4. Streaming: a dump generated on the fly into standard input, and the 50 MB dump as a file.
  const gen = `"${process.execPath}" "${join(ROOT, "bench/gen-dump.mjs")}" ${STREAM_BYTES}`;
  const [stream] = compare([{ cmd: "sh", args: ["-c", `${gen} | "${process.execPath}" --import "${MAXRSS}" "${BIN}" - -q`], name: "stream" }], 1);
  const streamRss = JSON.parse(readFileSync(join(tmp, "rss"), "utf8"));
  const [dumpFile] = compare([node([BIN, dump, "-q"], { name: "dumpFile" })], 1);
  say(
    `| streaming: \`gen-dump.mjs ${(STREAM_BYTES / 1024 ** 3).toFixed(1)} GiB \\| ingest -\` | peak RSS **${mib(streamRss.rss)}**, ${(STREAM_BYTES / 1e6 / (stream.wall / 1000)).toFixed(0)} MB/s (${ms(stream.wall)}) | | | ≤ 200 MiB |`,
  );
  say(
    `| streaming: \`ingest dump.txt\` (${(DUMP_BYTES / 1e6).toFixed(0)} MB, over \`--max-bytes\`) | peak RSS ${mib(dumpFile.rss)}, ${(DUMP_BYTES / 1e6 / (dumpFile.wall / 1000)).toFixed(0)} MB/s | | | ≤ 200 MiB |`,
  );

  // 5. The DUPLICATE_ID set, in-process.
  const idsRun = spawnSync(process.execPath, [join(ROOT, "bench/ids.mjs"), "1000000"], { encoding: "utf8" });
  const ids = JSON.parse(idsRun.stdout.trim());
  say(
    `| DUPLICATE_ID set: bytes per ID at ${n(ids.ids)} IDs (\`bench/ids.mjs\`) | **${ids.perId.toFixed(1)} B**, at most ${ids.worstPerId.toFixed(1)} B from ${n(Math.min(10_000, ids.ids))} IDs on; ${ids.nsPerId.toFixed(0)} ns per ID | | | ≤ 16 B |`,
  );

  // 6. Peak memory at SMALL and LARGE files: the same tree, grown.
  const [smallRss] = compare([node([BIN, smallCorpus], { name: "small" })], 1);
  writeCorpus(smallCorpus, LARGE);
  const [large] = compare([node([BIN, smallCorpus], { name: "large" })], 1);
  say(`| peak RSS: \`ingest small/\`, ${n(SMALL)} files | ${mib(smallRss.rss)} | floor ${mib(small.floor.rss)} | | ≤ 150 MiB |`);
  say(
    `| peak RSS: \`ingest small/\`, ${n(LARGE)} files | ${mib(large.rss)} (${ms(large.wall)}, ${n(LARGE / (large.wall / 1000))} files/s) | ${n(SMALL)} files ${mib(smallRss.rss)} | ${ratio(large.rss, smallRss.rss)} | ≤ 150 MiB, flat |`,
  );
  // 7. The store (--db, ingest search): bench/store.mjs; BENCH_STORE_ARTICLES sets its size (200,000).
  const { storeBench } = await import("./store.mjs");
  await storeBench(say);
  say("");
  say("CPU is user + system time of all threads (GNU time), which the load of other jobs on the machine distorts less than wall time.");
  say(
    `Medians of ${START_RUNS} runs (start-up) and ${BATCH_RUNS} runs (batch), interleaved; every batch run writes to /dev/null; the streaming runs, the memory runs and the process check once (three pairs).`,
  );
  say(
    `Wall-clock runs, ms: spin ${alone.map(Math.round).join(", ")} alone vs ${pair.map(Math.round).join(", ")} together; start-up ${start.walls.map(Math.round).join(", ")} vs ${base.walls.map(Math.round).join(", ")}; ` +
      batch.map((b) => `${b.name} ${b.walls.map(Math.round).join(", ")}`).join("; ") +
      `; core ${c.times.map(Math.round).join(", ")}.`,
  );
  say(`Whole benchmark: ${((performance.now() - began) / 1000).toFixed(0)} s.`);

  if (process.argv.includes("--write")) {
    const file = join(ROOT, "BENCHMARKS.md");
    const doc = readFileSync(file, "utf8");
    const [head, rest] = doc.split("<!-- bench:start -->");
    const tail = rest?.split("<!-- bench:end -->")[1];
    if (tail === undefined) throw new Error("BENCHMARKS.md has no <!-- bench:start --> ... <!-- bench:end --> section");
    writeFileSync(file, `${head}<!-- bench:start -->\n${lines.join("\n")}\n<!-- bench:end -->${tail}`);
  }
} finally {
  closeSync(devNull);
  rmSync(tmp, { recursive: true, force: true });
}
