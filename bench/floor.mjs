// The floor any Node tool pays for a batch: list the files under a directory (sorted, like
// ingest), read each, and write its text as one JSON string line to stdout. No parsing.
// With OUTDIR, each goes to OUTDIR/<same path>.json instead (the floor of --out).
//   node bench/floor.mjs DIR [OUTDIR]
import { mkdirSync, readdirSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { join, relative } from "node:path";

const root = process.argv[2] ?? ".";
const outDir = process.argv[3];

let pending = [];
let size = 0;
const flush = () => {
  const data = pending.join("");
  for (let at = 0; at < data.length; ) at += writeSync(1, data.slice(at));
  pending = [];
  size = 0;
};

function walk(dir) {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) walk(path);
    else if (e.isFile() && e.name.endsWith(".txt")) {
      const line = `${JSON.stringify(readFileSync(path, "utf8"))}\n`;
      if (outDir !== undefined) {
        const target = join(outDir, `${relative(root, path)}.json`);
        mkdirSync(join(target, ".."), { recursive: true });
        writeFileSync(target, line);
        continue;
      }
      pending.push(line);
      if ((size += line.length) > 1 << 20) flush();
    }
  }
}

walk(root);
flush();
