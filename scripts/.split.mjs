import { build } from "esbuild";
import { rmSync } from "node:fs";
rmSync(".s1", { recursive: true, force: true });
const lazy = { name: "x", setup(b) {
  b.onResolve({ filter: /^(node:)?child_process$/ }, (a) => /commander/.test(a.importer) ? { path: "child_process", namespace: "lazy" } : undefined);
  b.onLoad({ filter: /.*/, namespace: "lazy" }, () => ({ contents: 'let real; module.exports = new Proxy({}, { get: (_, key) => (real ??= require("node:child_process"))[key] });', loader: "js" }));
} };
const r = await build({ entryPoints: ["src/cli/main.ts"], outdir: ".s1", bundle: true, splitting: true, platform: "node", target: "node20", minify: true, format: "esm", plugins: [lazy], metafile: true, sourcemap: "linked", sourcesContent: false,
  define: { "import.meta.url": "__ingestUrl" }, chunkNames: "[name]-[hash]" });
for (const [f, o] of Object.entries(r.metafile.outputs)) if (!f.endsWith(".map")) console.log(o.bytes, f, o.entryPoint ?? "", o.imports.filter(i=>!i.external).map((i) => i.kind[0] + ":" + i.path.replace(".s1/", "")).join(" "));
