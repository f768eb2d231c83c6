// dist/cli-bundle/main.js (copied here by scripts/bundle.mjs): loads the CommonJS bundle main.cjs
// with V8's code cache from main.cjs.cache, which the build writes after one run. Compiling the
// bundle was a large part of a run's start-up (BENCHMARKS.md); Node 20 has no
// module.enableCompileCache to do this.
// A cache from another Node version is rejected by V8 and the bundle is compiled as usual.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const file = fileURLToPath(new URL("./main.cjs", import.meta.url));
const cacheFile = `${file}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // No cache (yet): compile as usual.
}
// The header on a line of its own keeps the bundle's line and column numbers, which its source map
// (read by src/cli/internal-error.ts for a bug's report) refers to.
const source = `(function (exports, require, module, __filename, __dirname) {\n${readFileSync(file, "utf8")}\n})`;
const script = new vm.Script(source, { filename: file, cachedData });
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
// The build sets this for one run, so the cache also holds the functions that run compiled.
if (process.env.INGEST_WRITE_CODE_CACHE === "1") process.once("exit", () => writeFileSync(cacheFile, script.createCachedData()));

/** The CLI's `main(argv, io)`, and the report of a bug that escaped it. */
export const { main, formatInternalError } = module.exports;
