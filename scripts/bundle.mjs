// Bundles the CLI into dist/cli-bundle/ with esbuild, so that `ingest` starts by reading one file
// instead of resolving and compiling ~100 modules of commander, zod and chalk: start-up goes from
// about 2.6x to about 1.3x the time of `node -e 0`. What a plain run does not need (the JSON Schema
// generator, the summary renderer and chalk, directory walking) is behind dynamic imports, which
// esbuild splits into chunks loaded on demand. tsc still builds dist/ for the library and types.
import { build } from "esbuild";
import { rmSync } from "node:fs";

/**
 * commander requires node:child_process at load (for executable subcommands, which ingest has
 * none of), and child_process pulls in net and dgram: about 2 ms at every start. Give commander
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

const outdir = new URL("../dist/cli-bundle/", import.meta.url).pathname;
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    main: new URL("../src/cli/main.ts", import.meta.url).pathname,
    // The worker-thread script for batches (src/cli/pool.ts finds it beside the chunk that loads it).
    "convert-worker": new URL("../src/cli/convert-worker.ts", import.meta.url).pathname,
  },
  outdir,
  bundle: true,
  splitting: process.env.SPLIT !== "0",
  format: "esm",
  platform: "node",
  target: "node20",
  minify: true,
  // commander and other CommonJS dependencies call require(); an ES module has none of its own.
  banner: { js: "import{createRequire as __ingestRequire}from'node:module';const require=__ingestRequire(import.meta.url);" },
  chunkNames: "chunk-[hash]",
  plugins: [lazyChildProcess],
  logLevel: "warning",
});
