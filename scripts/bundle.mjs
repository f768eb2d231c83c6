// Bundles the CLI into dist/cli-bundle/ with esbuild, so that `ingest` starts by reading one file
// instead of resolving and compiling ~100 modules of commander, zod and chalk, and loads it with
// V8's code cache (scripts/cli-loader.cjs), so that start-up comes close to
// `node -e 0`'s (BENCHMARKS.md has the figures).
// What a plain run does not need (the JSON Schema generator, the summary renderer and
// chalk, directory walking, ninjs) sits behind dynamic imports, which the bundle evaluates (and
// V8 compiles) only when reached. tsc still builds dist/ for the library and its types.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { copyFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const path = (rel) => fileURLToPath(new URL(rel, import.meta.url));
const outdir = path("../dist/cli-bundle/");

/**
 * commander requires node:child_process at load (for executable subcommands, which ingest has
 * none of), and child_process pulls in net and dgram, at every start (BENCHMARKS.md). Give commander
 * a stand-in that requires the real module on first use.
 */
const lazyChildProcess = {
  name: "lazy-child-process",
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]commander[\\/]/.test(args.importer) ? { path: "child_process", namespace: "lazy" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "lazy" }, () => ({
      contents: 'let real; module.exports = new Proxy({}, { get: (_, key) => (real ??= require("node:child_process"))[key] });',
      loader: "js",
    }));
  },
};

// The source map sits beside the bundle (no comment in it, nothing to load at start-up): a bug's
// report (src/cli/internal-error.ts) maps its stack back to the TypeScript sources with it.
const common = { bundle: true, platform: "node", target: "node20", minify: true, logLevel: "warning", sourcemap: "external", sourcesContent: false };
rmSync(outdir, { recursive: true, force: true });
// The CLI as one CommonJS file: vm.Script can load it with a code cache (an ES module cannot, on Node 20).
await build({
  ...common,
  entryPoints: [path("../src/cli/main.ts")],
  outfile: `${outdir}main.cjs`,
  format: "cjs",
  plugins: [lazyChildProcess],
  // pool.ts finds the worker script beside the bundle through import.meta.url.
  define: { "import.meta.url": "__ingestUrl" },
  // Wrapped in CommonJS's function header (on a line of its own) by the bundler, not by the loader at
  // every start: V8 compiles the file's text as it is read, with no second 400 KB copy to collect.
  banner: { js: '(function (exports, require, module, __filename, __dirname) {\nvar __ingestUrl=require("node:url").pathToFileURL(__filename).href;' },
  footer: { js: "})" },
});
// The worker-thread script for batches, an ES module of its own.
await build({
  ...common,
  entryPoints: [path("../src/cli/convert-worker.ts")],
  outfile: `${outdir}convert-worker.js`,
  format: "esm",
  banner: { js: "import{createRequire as __ingestRequire}from'node:module';const require=__ingestRequire(import.meta.url);" },
});
copyFileSync(path("cli-loader.cjs"), `${outdir}load.cjs`);
// One run writes the code cache, with the functions a plain run compiles.
const run = spawnSync(process.execPath, [path("../bin/ingest.js"), path("../fixtures/000_ee22b7415f82c1d2.txt")], {
  env: { ...process.env, INGEST_WRITE_CODE_CACHE: "1" },
  stdio: "ignore",
});
if (run.status !== 0 && run.status !== 1) throw new Error(`writing the code cache: the CLI exited ${run.status}`);
