#!/usr/bin/env node
// A corpus of regular files for the scale-out tests (examples/spark, GNU parallel):
//   node scripts/make-corpus.mjs DIR COUNT [BAD_LIST]
// Every fixture in turn (UTF-8, UTF-16, windows-1252, mojibake, feed dumps, refusals ...), each
// copy with its own article number, and 1 file in 10 made bad on purpose (empty, white space,
// binary, JSON, plain prose). Only regular files, no links or odd names, so an engine's listing
// (Hadoop skips names starting with . or _) sees exactly what `ingest DIR` walks.
// BAD_LIST receives the paths (relative to DIR) of the files made bad.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [dir, countArg = "2400", badList] = process.argv.slice(2);
if (!dir) {
  console.error("usage: node scripts/make-corpus.mjs DIR [COUNT] [BAD_LIST]");
  process.exit(2);
}
const count = Number(countArg);
const fixtures = new URL("../fixtures/", import.meta.url);
const seeds = readdirSync(fixtures)
  .filter((n) => n.endsWith(".txt"))
  .sort()
  .map((n) => readFileSync(new URL(n, fixtures)));
const BAD = [
  Buffer.alloc(0),
  Buffer.from(" \n\t\n"),
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]),
  Buffer.from('{"not": "wire text"}\n'),
  Buffer.from("Nothing here looks like an article.\nJust two lines of prose.\n"),
];
const bad = [];
for (let i = 0; i < count; i++) {
  const rel = join(String(2020 + (i % 6)), String(1 + (i % 12)).padStart(2, "0"), `${String(i).padStart(6, "0")}.txt`);
  mkdirSync(join(dir, rel, ".."), { recursive: true });
  let bytes;
  if (i % 10 === 7) {
    bytes = BAD[((i / 10) % BAD.length) | 0];
    bad.push(rel);
  } else {
    // A new article number per copy (ASCII in every encoding but UTF-16, which keeps its own).
    bytes = Buffer.from(seeds[i % seeds.length].toString("latin1").replace(/ID(\d{10})/g, `ID${String(i).padStart(10, "0")}`), "latin1");
  }
  writeFileSync(join(dir, rel), bytes);
}
if (badList) writeFileSync(badList, bad.map((p) => `${p}\n`).join(""));
console.log(`wrote ${count} files under ${dir} (${bad.length} made bad)`);
