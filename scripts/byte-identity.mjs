// Helpers of scripts/byte-identity.sh.
//   node scripts/byte-identity.mjs inputs ROOT DIR      writes the inputs under DIR, from the tree at ROOT
//   node scripts/byte-identity.mjs parse BUILD DIR      prints, per input, a hash of parse()'s result (bytes, text, strict)
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [mode, root, dir] = process.argv.slice(2);
const load = (path) => import(pathToFileURL(resolve(path)).href);

async function inputs() {
  const { writeRealCorpus, makeRealDump } = await load(join(root, "bench/real-corpus.mjs"));
  const { makeDump } = await load(join(root, "bench/corpus.mjs"));
  const page = await load(join(dir, "page-corpus.mjs"));
  mkdirSync(join(dir, "in/fixtures"), { recursive: true });
  for (const f of readdirSync(join(root, "fixtures"))) if (f.endsWith(".txt")) copyFileSync(join(root, "fixtures", f), join(dir, "in/fixtures", f));
  mkdirSync(join(dir, "in/page"), { recursive: true });
  for (const [i, c] of [...page.titled, ...page.refused].entries()) writeFileSync(join(dir, "in/page", `${String(i).padStart(3, "0")}.txt`), page.textOf(c));
  mkdirSync(join(dir, "in/real"), { recursive: true });
  mkdirSync(join(dir, "in/dumps"), { recursive: true });
  process.chdir(root); // the corpus generators read the fixtures from the working directory
  writeRealCorpus(join(dir, "in/real"), 3000);
  const real = makeRealDump(52e6);
  writeFileSync(join(dir, "in/dumps/real.txt"), real);
  writeFileSync(join(dir, "in/dumps/small.txt"), makeDump(20e6));
  // 8 MB of it with one invalid UTF-8 byte two thirds in (windows-1252), and with CRLF breaks.
  const legacy = Buffer.from(real.subarray(0, 8e6));
  legacy[Math.floor((legacy.length * 2) / 3)] = 0xff;
  writeFileSync(join(dir, "in/dumps/legacy.txt"), legacy);
  writeFileSync(join(dir, "in/dumps/crlf.txt"), Buffer.from(real.subarray(0, 8e6).toString("utf8").replace(/\n/g, "\r\n")));
}

async function parsed() {
  const { parse } = await load(join(root, "dist/index.js"));
  const hash = (x) => createHash("sha256").update(JSON.stringify(x)).digest("hex").slice(0, 16);
  for (const sub of ["fixtures", "page", "real", "dumps"]) {
    const names = readdirSync(join(dir, "in", sub), { recursive: true }).filter((x) => String(x).endsWith(".txt"));
    for (const f of names.sort()) {
      const bytes = readFileSync(join(dir, "in", sub, f));
      const b = parse(bytes, { file: f });
      const text = hash(parse(bytes.toString("utf8"), { file: f }));
      const strict = sub === "fixtures" ? hash(parse(bytes, { file: f, strict: true })) : "-";
      console.log(
        `${sub}/${f} bytes=${hash(b)} text=${text} strict=${strict} records=${b.records.length} diagnostics=${b.diagnostics.length} encoding=${b.encoding}`,
      );
    }
  }
}

await (mode === "inputs" ? inputs() : parsed());
