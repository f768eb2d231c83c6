// dist/cli-bundle/load.cjs (copied there by scripts/bundle.mjs): loads the CommonJS bundle main.cjs
// with V8's code cache from main.cjs.cache, which the build writes after one run. Compiling the
// bundle was a large part of a run's start-up (BENCHMARKS.md); Node 20 has no
// module.enableCompileCache to do this. CommonJS, like bin/ingest.js: an ES module entry point
// costs Node ~4 ms more at every start.
// A cache from another Node version is rejected by V8 and the bundle is compiled as usual.
"use strict";
const { readFileSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const vm = require("node:vm");

const file = join(__dirname, "main.cjs");
const cacheFile = `${file}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // No cache (yet): compile as usual.
}
// The bundle is one function expression: CommonJS's wrapper, written by the bundler (scripts/bundle.mjs).
const script = new vm.Script(readFileSync(file, "utf8"), { filename: file, cachedData });
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, require, bundle, file, __dirname);
// The build sets this for one run, so the cache also holds the functions that run compiled.
if (process.env.INGEST_WRITE_CODE_CACHE === "1") process.once("exit", () => writeFileSync(cacheFile, script.createCachedData()));

/** The CLI's `main(argv, io)`, and the report of a bug that escaped it. */
module.exports = { main: bundle.exports.main, formatInternalError: bundle.exports.formatInternalError };
