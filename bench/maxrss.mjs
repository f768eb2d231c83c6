// Preloaded with `node --import`: on exit, writes the process's peak resident set size (KiB,
// worker threads included) to the file named by BENCH_RSS_FILE. No external `time` needed.
import { writeFileSync } from "node:fs";

const file = process.env.BENCH_RSS_FILE;
if (file) process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
