#!/usr/bin/env node
// Build a tree of wire files mixing good and bad ones, for measuring batch runs:
//   node scripts/make-tree.mjs DIR [COUNT]
// About 1 in 10 files is bad (empty, binary, JSON, a directory named x.txt, a
// dangling symlink, a repeated ID); 1 in 20 holds two articles.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [dir, countArg = "10000"] = process.argv.slice(2);
if (!dir) {
  console.error("usage: node scripts/make-tree.mjs DIR [COUNT]");
  process.exit(2);
}
const count = Number(countArg);
const seed = readFileSync(new URL("../fixtures/000_ee22b7415f82c1d2.txt", import.meta.url), "utf8");
const article = (n) => seed.replace("Putin proposes", `Story ${n}: Putin proposes`).replace("ID1110406018", `ID${String(n).padStart(10, "0")}`);

for (let i = 0; i < count; i++) {
  const sub = join(dir, String(2020 + (i % 6)), String(1 + (i % 12)).padStart(2, "0"));
  mkdirSync(sub, { recursive: true });
  const path = join(sub, `${String(i).padStart(6, "0")}.txt`);
  switch (i % 20) {
    case 3:
      writeFileSync(path, "");
      break;
    case 7:
      writeFileSync(path, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]));
      break;
    case 11:
      writeFileSync(path, '{"not": "wire text"}\n');
      break;
    case 13:
      mkdirSync(path, { recursive: true });
      break;
    case 17:
      symlinkSync("no-such-target.txt", path);
      break;
    case 19:
      writeFileSync(path, article(i - 1));
      break; // the same ID as an earlier file
    case 5:
      writeFileSync(path, `${article(i)}\n\n${article(i + count)}`);
      break;
    default:
      writeFileSync(path, article(i));
  }
}
console.log(`wrote ${count} entries under ${dir}`);
