// What the record's language costs: detectLanguage() over every body of a parsed feed dump, against
// parse() of the same dump (which includes it), median of several runs.
//   npm run build && node bench/language.mjs [MB] [RUNS]   → prints one JSON line
import { detectLanguage } from "../dist/parse/language.js";
import { parse } from "../dist/index.js";
import { makeDump } from "./corpus.mjs";

const bytes = makeDump(Number(process.argv[2] ?? 16) * 1024 * 1024);
const runs = Number(process.argv[3] ?? 5);
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
const parseTimes = [];
const detectTimes = [];
let bodies = [];
for (let r = 0; r < runs; r++) {
  let start = performance.now();
  const { records } = parse(bytes, { file: "dump.txt" });
  parseTimes.push(performance.now() - start);
  bodies = records.map((x) => x.body);
  let seen = 0;
  start = performance.now();
  for (const body of bodies) if (detectLanguage(body) !== null) seen++;
  detectTimes.push(performance.now() - start);
  if (seen !== bodies.length) throw new Error(`${bodies.length - seen} bodies without a language`);
}
const parseMs = median(parseTimes);
const detectMs = median(detectTimes);
console.log(
  JSON.stringify({
    bytes: bytes.length,
    records: bodies.length,
    parseMs,
    detectMs,
    usPerArticle: (detectMs * 1000) / bodies.length,
    shareOfParse: detectMs / parseMs,
  }),
);
