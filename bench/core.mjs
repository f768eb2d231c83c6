// The parser core alone: MB/s of parse() in-process on a feed dump, median of several runs.
//   node bench/core.mjs DUMP [RUNS]   → prints one JSON line
import { readFileSync } from "node:fs";
import { parse } from "../dist/index.js";

const bytes = readFileSync(process.argv[2] ?? "");
const runs = Number(process.argv[3] ?? 3);
const times = [];
let result;
for (let r = 0; r < runs; r++) {
  result = undefined; // let the previous result go before the next run
  const start = performance.now();
  result = parse(bytes, { file: "dump.txt" });
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const ms = times[times.length >> 1];
console.log(JSON.stringify({ bytes: bytes.length, ms, mbps: bytes.length / 1e6 / (ms / 1000), records: result.records.length, times }));
