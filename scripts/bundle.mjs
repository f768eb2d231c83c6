// Bundles the CLI into dist/cli-bundle/ with esbuild, so that `ingest` starts by reading one file
// instead of resolving and compiling ~100 modules of commander, zod and chalk, and loads it with
// V8's code cache (scripts/cli-loader.cjs), so that start-up comes close to
// `node -e 0`'s (BENCHMARKS.md has the figures).
// What a plain run does not need (the JSON Schema generator, the summary renderer and
// chalk, directory walking, ninjs) sits behind dynamic imports, which the bundle evaluates (and
// V8 compiles) only when reached. tsc still builds dist/ for the library and its types.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { copyFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
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

/**
 * esbuild writes non-ASCII characters as escapes except in regular expression literals, and one
 * such character (a curly quote in a pattern) makes V8 hold the whole bundle's text as a two-byte
 * string, twice its size, decoded at every start. Our sources are given to esbuild with every
 * non-ASCII character as a \u escape, which means the same in a string, a template, a regular
 * expression (with or without the u flag), an identifier or a comment; an identity escape (`\’`)
 * loses its backslash. Lines stay as they are, so the source maps still point at the right line
 * (a column after such a character is off by a few).
 */
const asciiSources = {
  name: "ascii-sources",
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      if (!args.path.startsWith(path("../src/"))) return undefined;
      const text = readFileSync(args.path, "utf8");
      const contents = text.replace(
        /(\\*)([^\0-~])/g,
        (_, slashes, c) => `${slashes.length % 2 === 1 ? slashes.slice(1) : slashes}\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
      );
      return { contents, loader: "ts" };
    });
  },
};

// The source map sits beside the bundle (no comment in it, nothing to load at start-up): a bug's
// report (src/cli/report/internal-error.ts) maps its stack back to the TypeScript sources with it.
const common = { bundle: true, platform: "node", target: "node20", minify: true, logLevel: "warning", sourcemap: "external", sourcesContent: false };
// CommonJS's function header (on a line of its own), written by the bundler, not by the loader at
// every start: V8 compiles the file's text as it is read, with no second copy to collect.
// A dynamic import of a chunk becomes a require (Promise.resolve().then(...)): a script vm.Script
// runs has no import() of its own.
const wrapper = {
  supported: { "dynamic-import": false },
  banner: { js: '(function (exports, require, module, __filename, __dirname) {\nvar __ingestUrl=require("node:url").pathToFileURL(__filename).href;' },
  footer: { js: "})" },
};
rmSync(outdir, { recursive: true, force: true });
const stage = `${outdir}esm/`;
// 1. The CLI split into ES modules: what only a subcommand, a flag or a later stage needs (watch
//    and chokidar, validate, the JSON Schema generator, the man page, the worker pool, fast-glob
//    and picomatch, the summary and ninjs renderers, the config file) sits in chunks of its own.
const split = await build({
  ...common,
  sourcemap: "linked",
  entryPoints: [path("../src/cli/main.ts")],
  outdir: stage,
  format: "esm",
  splitting: true,
  metafile: true,
  chunkNames: "chunk-[hash]",
  plugins: [lazyChildProcess, asciiSources],
  // pool.ts finds the worker script beside the bundle through import.meta.url.
  define: { "import.meta.url": "__ingestUrl" },
});
// 2. Each chunk as CommonJS, which vm.Script loads with a code cache (an ES module cannot, on Node
//    20): main.cjs holds main and every chunk it imports statically (what a plain run needs), one
//    file to read; each chunk loaded later is a file of its own (chunk-*.cjs, watch-*.cjs, ...),
//    which the loader (scripts/cli-loader.cjs) reads on first use. Their source maps chain to the
//    TypeScript sources through the first step's.
// Not "type": "module" (the package's): an import of a chunk then reads the chunk's `default` export
// as it was, not the chunk's whole namespace, as Node's interop would for a CommonJS module.
writeFileSync(`${stage}package.json`, '{ "type": "commonjs" }\n');
const outputs = split.metafile.outputs;
const chunkName = (file) => basename(file, ".js");
const startup = new Set();
const visit = (file) => {
  if (startup.has(file)) return;
  startup.add(file);
  for (const i of outputs[file].imports) if (i.kind === "import-statement" && !i.external) visit(i.path);
};
const entry = Object.keys(outputs).find((f) => outputs[f].entryPoint?.endsWith("src/cli/main.ts"));
visit(entry);
// A chunk that only re-exports startup chunks (the chunk of a module both imported and imported
// dynamically, as globs.ts) goes into main.cjs too: no file read for nothing.
for (const [file, o] of Object.entries(outputs)) {
  const facade =
    Object.values(o.inputs).every((i) => i.bytesInOutput === 0) && o.imports.every((i) => i.external || (i.kind === "import-statement" && startup.has(i.path)));
  if (file.endsWith(".js") && facade) startup.add(file);
}
// In the second step an import of a chunk stays an import (a require the loader answers) unless
// `inside(args)`: then the chunk is bundled into the file being built.
const chunkImports = (inside) => ({
  name: "chunk-imports",
  setup(b) {
    b.onResolve({ filter: /^\.\/[^/]+\.js$/ }, (args) => (inside(args) ? undefined : { path: args.path, external: true }));
  },
});
const shared = [...startup].filter((f) => f !== entry);
await build({
  ...common,
  ...wrapper,
  stdin: {
    contents: [
      `export { main, formatInternalError, fileOutput } from "./${basename(entry)}";`,
      "export const chunks = {};",
      ...shared.map((f, k) => `import * as c${k} from "./${basename(f)}"; chunks[${JSON.stringify(chunkName(f))}] = c${k};`),
    ].join("\n"),
    resolveDir: stage,
    sourcefile: "cli-entry.js",
  },
  outfile: `${outdir}main.cjs`,
  format: "cjs",
  // The startup chunks go into main.cjs; every other chunk stays a file of its own.
  plugins: [chunkImports((args) => [...startup].some((f) => basename(f) === args.path.slice(2)))],
});
const later = Object.keys(outputs).filter((f) => f.endsWith(".js") && !startup.has(f));
await build({
  ...common,
  ...wrapper,
  entryPoints: later,
  outdir,
  outExtension: { ".js": ".cjs" },
  format: "cjs",
  // Each chunk on its own: its imports of other chunks stay requires.
  plugins: [chunkImports(() => false)],
});
rmSync(stage, { recursive: true, force: true });
// The worker-thread script for batches, an ES module of its own.
await build({
  ...common,
  entryPoints: [path("../src/cli/convert/convert-worker.ts")],
  outfile: `${outdir}convert-worker.js`,
  format: "esm",
  plugins: [asciiSources],
  banner: { js: "import{createRequire as __ingestRequire}from'node:module';const require=__ingestRequire(import.meta.url);" },
});
copyFileSync(path("cli-loader.cjs"), `${outdir}load.cjs`);
// One run writes the code cache, with the functions a plain run compiles.
const run = spawnSync(process.execPath, [path("../bin/ingest.js"), path("../fixtures/000_ee22b7415f82c1d2.txt")], {
  env: { ...process.env, INGEST_WRITE_CODE_CACHE: "1" },
  // Its records and diagnostics are not wanted, but on a descriptor opened as a shell's `> /dev/null`
  // does: /dev/null opened read-write (stdio "ignore") reads as a closed stream, and is refused.
  stdio: ["ignore", "pipe", "pipe"],
});
if (run.status !== 0 && run.status !== 1) throw new Error(`writing the code cache: the CLI exited ${run.status}`);
