// What a batch's parsing costs cold (the first pass, while V8 interprets and then compiles the
// parser) against warm (the same files again): parse() over every file of a corpus, three passes.
//   node bench/warmup.mjs CORPUS_DIR   → prints one JSON line (CPU ms of this process, all threads)
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "../dist/index.js";

const files = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, e.name);
    if (e.isDirectory()) walk(path);
    else files.push(path);
  }
};
walk(process.argv[2] ?? ".");
const inputs = files.map((f) => readFileSync(f));
const passes = [];
for (let pass = 0; pass < 3; pass++) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  let records = 0;
  for (let i = 0; i < inputs.length; i++) records += parse(inputs[i], { file: files[i] }).records.length;
  const used = process.cpuUsage(cpu);
  passes.push({ wallMs: Math.round(performance.now() - start), cpuMs: Math.round((used.user + used.system) / 1000), records });
}
console.log(JSON.stringify({ node: process.version, files: files.length, passes }));
