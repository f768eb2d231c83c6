// The floor any Node tool pays for a batch: list the files under a directory (sorted, like
// ingest), read each, and write its text as one JSON string line to stdout. No parsing.
//   node bench/floor.mjs DIR
import { readdirSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";

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
      pending.push(line);
      if ((size += line.length) > 1 << 20) flush();
    }
  }
}

walk(process.argv[2] ?? ".");
flush();
