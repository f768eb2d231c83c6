// `npm run bench`: start-up, batch throughput, parser core and peak memory of ingest, each as the
// median of several runs and as a ratio against a baseline measured in the same run. Prints a
// Markdown report; with --write it also replaces the results section of BENCHMARKS.md.
// Not part of `npm test`: timings depend on the machine and on what else it is doing.
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeDump, writeCorpus } from "./corpus.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin/ingest.js");
const MAXRSS = join(ROOT, "bench/maxrss.mjs");
const SMALL = Number(process.env.BENCH_FILES ?? 20_000);
const LARGE = Number(process.env.BENCH_FILES_LARGE ?? 100_000);
const DUMP_BYTES = 50 * 1024 * 1024;
const START_RUNS = 11;
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

/** Run a command once with stdout and stderr to /dev/null; returns wall ms, exit code and peak RSS (KiB) for node commands. */
function time(cmd, args, { node = false, env = {} } = {}) {
  const rssFile = join(tmp, "rss");
  rmSync(rssFile, { force: true });
  const argv = node ? ["--import", MAXRSS, ...args] : args;
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { stdio: ["ignore", devNull, devNull], env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile } });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, "utf8")) : null;
  return { wall, code: r.status, rss };
}

/** Interleave the commands `runs` times (so drift in machine load hits all alike); median per command. */
function compare(cmds, runs) {
  const walls = cmds.map(() => []);
  const rss = cmds.map(() => []);
  const codes = cmds.map(() => new Set());
  for (let r = 0; r < runs; r++) {
    cmds.forEach((c, k) => {
      c.before?.();
      const t = time(c.cmd, c.args, c);
      walls[k].push(t.wall);
      if (t.rss !== null) rss[k].push(t.rss);
      codes[k].add(t.code);
    });
  }
  return cmds.map((c, k) => ({ ...c, wall: median(walls[k]), walls: walls[k], rss: rss[k].length ? Math.max(...rss[k]) : null, codes: [...codes[k]] }));
}

const node = (args, extra = {}) => ({ cmd: process.execPath, args, node: true, ...extra });

function machine() {
  const cpu = cpus();
  const mem = readFileSync("/proc/meminfo", "utf8").match(/MemTotal:\s+(\d+)/)?.[1];
  return `${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores${mem ? `, ${(Number(mem) / 1048576).toFixed(0)} GiB` : ""}; Node ${process.version}; ${new Date().toISOString().slice(0, 16)}Z`;
}

try {
  const began = performance.now();
  say(`## Results\n\nMachine: ${machine()}\n`);
  const corpus = join(tmp, "corpus");
  const one = join(tmp, "one-article.txt");
  writeFileSync(one, readFileSync(join(ROOT, "fixtures/000_ee22b7415f82c1d2.txt")));
  const corpusBytes = writeCorpus(corpus, SMALL);
  const dump = join(tmp, "dump.txt");
  writeFileSync(dump, makeDump(DUMP_BYTES));

  // 1. Start-up.
  const [base, start] = compare([node(["-e", "0"]), node([BIN, one])], START_RUNS);
  say("| measurement | median | baseline | ratio | target |");
  say("| --- | --- | --- | --- | --- |");
  say(`| start-up: \`ingest one-article.txt\` | ${ms(start.wall)} | \`node -e 0\` ${ms(base.wall)} | ${ratio(start.wall, base.wall)} | ≤ 1.3× |`);

  // 2. Batch, against the bare Node floor and cat.
  const out = join(tmp, "out");
  const clearOut = () => rmSync(out, { recursive: true, force: true });
  const batch = compare(
    [
      node([join(ROOT, "bench/floor.mjs"), corpus], { name: "floor" }),
      { cmd: "sh", args: ["-c", `find "${corpus}" -type f -name '*.txt' -print0 | sort -z | xargs -0 cat`], name: "cat" },
      node([BIN, corpus], { name: "stdout" }),
      node([BIN, corpus, "--out", out], { name: "out", before: clearOut }),
      node([join(ROOT, "bench/floor.mjs"), corpus, out], { name: "floorOut", before: clearOut }),
      node([BIN, corpus, "--jobs", "2"], { name: "jobs2" }),
    ],
    BATCH_RUNS,
  );
  const by = Object.fromEntries(batch.map((b) => [b.name, b]));
  const files = `${SMALL.toLocaleString("en")} files, ${(corpusBytes / 1e6).toFixed(0)} MB`;
  const rate = (b) => `${Math.round(SMALL / (b.wall / 1000)).toLocaleString("en")} files/s`;
  const codes = (b) => (b.codes.some((c) => c === 2 || c === null) ? ` (exit ${b.codes.join(",")}: see note)` : "");
  say(
    `| batch: \`ingest corpus/ > /dev/null\` (${files}) | ${ms(by.stdout.wall)}, ${rate(by.stdout)}${codes(by.stdout)} | floor ${ms(by.floor.wall)} | ${ratio(by.stdout.wall, by.floor.wall)} | ≤ 1.5× |`,
  );
  say(`| | | \`cat\` ${ms(by.cat.wall)} | ${ratio(by.stdout.wall, by.cat.wall)} | |`);
  say(
    `| batch: \`ingest corpus/ --out DIR\` | ${ms(by.out.wall)}, ${rate(by.out)}${codes(by.out)} | floor ${ms(by.floor.wall)} | ${ratio(by.out.wall, by.floor.wall)} | ≤ 2× |`,
  );
  say(`| | | floor writing one file per input ${ms(by.floorOut.wall)} | ${ratio(by.out.wall, by.floorOut.wall)} | |`);
  say(
    `| batch, two worker threads: \`ingest corpus/ --jobs 2\` | ${ms(by.jobs2.wall)}${codes(by.jobs2)} | one thread (default) ${ms(by.stdout.wall)} | ${ratio(by.jobs2.wall, by.stdout.wall)} | < 1× (both cores pay) |`,
  );
  clearOut();

  // 3. Parser core, in a process of its own.
  const core = spawnSync(process.execPath, [join(ROOT, "bench/core.mjs"), dump, "3"], { encoding: "utf8" });
  const c = JSON.parse(core.stdout.trim().split("\n").pop() ?? "{}");
  say(
    `| parser core: \`parse()\` on a ${(c.bytes / 1e6).toFixed(1)} MB dump (${c.records.toLocaleString("en")} records) | ${ms(c.ms)}, **${c.mbps.toFixed(0)} MB/s** | | | ≥ 100 MB/s |`,
  );

  // 4. Peak memory at SMALL and LARGE files: the same tree, grown.
  const [small] = compare([node([BIN, corpus], { name: "small" })], 1);
  writeCorpus(corpus, LARGE);
  const [large] = compare([node([BIN, corpus], { name: "large" })], 1);
  const mib = (kib) => `${(kib / 1024).toFixed(0)} MiB`;
  say(`| peak RSS: \`ingest corpus/\`, ${SMALL.toLocaleString("en")} files | ${mib(small.rss)} | floor ${mib(by.floor.rss)} | | ≤ 150 MiB |`);
  say(
    `| peak RSS: \`ingest corpus/\`, ${LARGE.toLocaleString("en")} files | ${mib(large.rss)} (${ms(large.wall)}, ${Math.round(LARGE / (large.wall / 1000)).toLocaleString("en")} files/s) | ${SMALL.toLocaleString("en")} files ${mib(small.rss)} | ${ratio(large.rss, small.rss)} | ≤ 150 MiB, flat |`,
  );
  say("");
  say(`Medians of ${START_RUNS} runs (start-up) and ${BATCH_RUNS} runs (batch), interleaved; every batch run writes to /dev/null.`);
  say(
    `Runs, ms: start-up ${start.walls.map(Math.round).join(", ")} vs ${base.walls.map(Math.round).join(", ")}; ` +
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
