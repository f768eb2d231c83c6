// dist/cli-bundle/load.cjs (copied there by scripts/bundle.mjs): loads the CommonJS bundle main.cjs
// with V8's code cache from main.cjs.cache, which the build writes after one run. Compiling the
// bundle was a large part of a run's start-up (BENCHMARKS.md); Node 20 has no
// module.enableCompileCache to do this. CommonJS, like bin/ingest.js: an ES module entry point
// costs Node ~4 ms more at every start.
// A cache from another Node version is rejected by V8 and the bundle is compiled as usual.
// What a plain run never needs (watch, validate, the worker pool, fast-glob, ...) is in chunks
// beside main.cjs (scripts/bundle.mjs), loaded here, the same way, on first use.
"use strict";
const { readFileSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const vm = require("node:vm");

// The build sets this for one run, so the cache also holds the functions that run compiled.
const writeCache = process.env.INGEST_WRITE_CODE_CACHE === "1";
const scripts = [];
/** The chunks main.cjs holds, by name, and the chunks loaded (or being loaded) from their own files. */
let inMain = {};
const loaded = new Map();

/** Run one bundle file (one function expression: CommonJS's wrapper, written by the bundler) with its code cache. */
function load(name, bundle) {
  const file = join(__dirname, name);
  let cachedData;
  try {
    cachedData = readFileSync(`${file}.cache`);
  } catch {
    // No cache (yet): compile as usual.
  }
  const script = new vm.Script(readFileSync(file, "utf8"), { filename: file, cachedData });
  if (writeCache) scripts.push([file, script]);
  script.runInThisContext()(bundle.exports, chunkRequire, bundle, file, __dirname);
  return bundle.exports;
}

/** The bundles' require: `./name.js` is a chunk (in main.cjs, or name.cjs beside it), anything else Node's. */
function chunkRequire(id) {
  if (!id.startsWith("./")) return require(id);
  const name = id.slice(2, -".js".length);
  if (Object.hasOwn(inMain, name)) return inMain[name];
  let chunk = loaded.get(name);
  if (chunk === undefined) {
    // Registered before it runs, as Node does, should two chunks import each other.
    chunk = { exports: {} };
    loaded.set(name, chunk);
    load(`${name}.cjs`, chunk);
  }
  return chunk.exports;
}
chunkRequire.resolve = require.resolve;
chunkRequire.cache = require.cache;
chunkRequire.main = require.main;

const bundle = load("main.cjs", { exports: {} });
inMain = bundle.chunks;
if (writeCache) {
  process.once("exit", () => {
    for (const [file, script] of scripts) writeFileSync(`${file}.cache`, script.createCachedData());
  });
}

/** The CLI's `main(argv, io)`, the report of a bug that escaped it, and standard output as a file (src/cli/output/file-output.ts). */
module.exports = { main: bundle.main, formatInternalError: bundle.formatInternalError, fileOutput: bundle.fileOutput };
