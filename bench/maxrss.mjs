// Preloaded with `node --import`: on exit, writes the process's peak resident set size (KiB,
// worker threads included) and its CPU time (ms, user + system, all threads) as JSON to the file
// named by BENCH_RSS_FILE. No external `time` needed.
import { writeFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

const file = process.env.BENCH_RSS_FILE;
if (file && isMainThread) {
  process.on("exit", () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ rss: u.maxRSS, cpu: (u.userCPUTime + u.systemCPUTime) / 1000 }));
  });
}
