// The floor under any parse() that returns these records as JavaScript objects: decoding the dump
// and splitting it into lines, plus building the same records (every field, every string) with
// V8's own C++ JSON parser from their JSON text, all of them kept, as parse() keeps its result.
// No recognising, no diagnostics, no part lines: what is left of the parser core's time budget.
//   node bench/record-floor.mjs DUMP [RUNS]   → prints one JSON line
import { readFileSync } from "node:fs";
import { parse } from "../dist/index.js";

const bytes = readFileSync(process.argv[2] ?? "");
const runs = Number(process.argv[3] ?? 3);
const texts = parse(bytes, { file: "dump.txt" }).records.map((r) => JSON.stringify(r));
const build = [];
const decode = [];
for (let r = 0; r < runs; r++) {
  let kept = [];
  let start = performance.now();
  for (const t of texts) kept.push(JSON.parse(t));
  build.push(performance.now() - start);
  kept = null;
  start = performance.now();
  const lines = new TextDecoder("utf-8", { fatal: true }).decode(bytes).split("\n");
  decode.push(performance.now() - start);
  if (lines.length === 0) throw new Error("no lines");
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ms = median(build) + median(decode);
console.log(
  JSON.stringify({
    bytes: bytes.length,
    records: texts.length,
    buildMs: median(build),
    decodeSplitMs: median(decode),
    ms,
    mbps: bytes.length / 1e6 / (ms / 1000),
  }),
);
