// CPU time per thread of one node process: the main thread, its worker threads and V8's own
// background threads (TurboFan's concurrent compiler, concurrent GC), for --jobs (BENCHMARKS.md,
// "Both cores"). Linux only: it samples /proc/self/task/*/stat every 20 ms (a worker thread's
// figures vanish when it ends) and at exit appends one JSON line to THREADS_OUT:
//   {"main": ms, "worker": ms (all worker threads), "other": ms (V8's and libuv's threads)}
//   THREADS_OUT=/tmp/t.jsonl node -r ./bench/threads.cjs bin/ingest.js corpus/ --jobs 2 > /dev/null
const fs = require("node:fs");
const { isMainThread } = require("node:worker_threads");

const out = process.env.THREADS_OUT ?? "threads.jsonl";
// Each worker thread says which thread it is, by its id in /proc (preloaded modules run in workers too).
const workerIds = `${out}.workers`;
/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICK_MS = 10;

if (!isMainThread) {
  fs.appendFileSync(workerIds, `${fs.readlinkSync("/proc/thread-self").split("/").pop()}\n`);
} else {
  fs.rmSync(workerIds, { force: true });
  const seen = new Map();
  const sample = () => {
    for (const tid of fs.readdirSync("/proc/self/task")) {
      try {
        const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        const ms = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
        if ((seen.get(tid) ?? -1) < ms) seen.set(tid, ms);
      } catch {
        // The thread ended between the listing and the read.
      }
    }
  };
  setInterval(sample, 20).unref();
  process.on("exit", () => {
    sample();
    let workers = new Set();
    try {
      workers = new Set(fs.readFileSync(workerIds, "utf8").split("\n"));
      fs.rmSync(workerIds, { force: true });
    } catch {
      // No worker thread ran.
    }
    const groups = { main: 0, worker: 0, other: 0 };
    for (const [tid, ms] of seen) groups[tid === String(process.pid) ? "main" : workers.has(tid) ? "worker" : "other"] += ms;
    fs.appendFileSync(out, `${JSON.stringify(groups)}\n`);
  });
}
