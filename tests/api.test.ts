/**
 * The library's public surface, and the module graph under it: what the root exports, that the
 * root does not pull in the terminal-only chalk, that no two modules import each other, and the
 * CLI's layers (which folder of src/cli may import which).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";
import * as root from "../src/index.js";
import * as summary from "../src/summary.js";
import { ROOT } from "./helpers.js";

const SRC = join(ROOT, "src");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith(".ts") ? [p] : [];
  });
}

const target = (file: string, spec: string): string => (spec.startsWith(".") ? resolve(dirname(file), spec).replace(/\.js$/, ".ts") : spec);

/** A module's imports (and re-exports) as `{ to, typeOnly }`: relative ones as absolute .ts paths, packages by name. */
function importsOf(file: string): Array<{ to: string; typeOnly: boolean }> {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^(import|export)(\s+type)?[^;]*?from\s+"([^"]+)"/gm)].map((m) => ({
    to: target(file, m[3]!),
    typeOnly: m[2] !== undefined,
  }));
}

/** Every module a module names: static imports, re-exports and dynamic `import()`s alike. */
function allImportsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...importsOf(file).map((i) => i.to), ...[...text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)].map((m) => target(file, m[1]!))];
}

const CLI = join(SRC, "cli");

/** Modules of the top of src/cli that every folder may import. */
const SHARED = ["io.ts", "paths.ts"];

/**
 * The CLI's layers: which folders of src/cli each folder may import (besides itself, io.ts, paths.ts and
 * the core outside src/cli). The top of src/cli (main.ts, run.ts, dispatch.ts) wires them together
 * and no folder imports it. ARCHITECTURE.md draws the same picture.
 */
const LAYERS: Record<string, string[]> = {
  report: [],
  inputs: ["report"],
  args: ["inputs", "report"],
  convert: ["inputs", "report"],
  output: ["args", "convert", "inputs", "report"],
  store: ["args", "convert", "output", "report"],
  validate: ["report"],
  watch: ["args", "convert", "inputs", "output", "report", "store"],
};

/** The CLI folder a module sits in (`"watch"`), `"top"` for src/cli's own files, null outside src/cli. */
const folderOf = (file: string): string | null => {
  const rel = relative(CLI, file);
  if (rel.startsWith("..")) return null;
  const parts = rel.split(sep);
  return parts.length === 1 ? "top" : parts[0]!;
};

describe("the public API", () => {
  it("exports these values from the root", () => {
    expect(Object.keys(root).sort()).toEqual([
      "DIAGNOSTIC_CODES",
      "ENCODINGS",
      "NINJS_VERSIONS",
      "VERSION",
      "articleJsonSchema",
      "articleSchema",
      "compileValidator",
      "decode",
      "extraSchema",
      "formatTag",
      "formatTimestamp",
      "ninjsUri",
      "originSchema",
      "parse",
      "renderJson",
      "renderNinjs",
      "renderText",
      "renderTexts",
      "toNinjs",
      "warningSchema",
    ]);
  });

  it("keeps the summary renderer behind menafn-ingest/summary", () => {
    expect(Object.keys(summary)).toEqual(["renderSummary"]);
  });

  it("loads no chalk (nor any other terminal code) on a root import", () => {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const i of importsOf(file)) if (!i.typeOnly && i.to.endsWith(".ts")) visit(i.to);
    };
    visit(join(SRC, "index.ts"));
    const packages = [...seen].flatMap((f) =>
      importsOf(f)
        .filter((i) => !i.typeOnly && !i.to.endsWith(".ts"))
        .map((i) => i.to),
    );
    // zod, and node:crypto for ninjs's URIs: no chalk, no file system.
    expect(packages.filter((p) => !/^(zod(\/|$)|node:crypto$)/.test(p))).toEqual([]);
    expect([...seen].map((f) => relative(SRC, f)).filter((f) => f.startsWith("cli/"))).toEqual([]);
  });

  it("has no import cycles in src, type-only imports included", () => {
    const files = sources(SRC);
    const state = new Map<string, "open" | "done">();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]): void => {
      state.set(file, "open");
      for (const { to } of importsOf(file)) {
        if (state.get(to) === "open") cycles.push([...path.slice(path.indexOf(to)), file, to].map((f) => relative(SRC, f)).join(" → "));
        else if (!state.has(to) && to.endsWith(".ts")) visit(to, [...path, file]);
      }
      state.set(file, "done");
    };
    for (const f of files) if (!state.has(f)) visit(f, []);
    expect(cycles).toEqual([]);
  });
});

describe("the CLI's layers", () => {
  const files = sources(SRC);
  const edges = files.flatMap((from) =>
    allImportsOf(from)
      .filter((to) => to.endsWith(".ts"))
      .map((to) => ({ from, to })),
  );
  const name = (f: string): string => relative(SRC, f);

  it("gives every folder of src/cli a rule", () => {
    const folders = readdirSync(CLI).filter((n) => statSync(join(CLI, n)).isDirectory());
    expect(folders.filter((f) => !(f in LAYERS))).toEqual([]);
  });

  it("keeps each folder to the layers below it", () => {
    const broken = edges.filter(({ from, to }) => {
      const a = folderOf(from);
      const b = folderOf(to);
      if (a === null) return b !== null; // the core never imports the CLI
      if (a === "top" || b === null || a === b || SHARED.some((n) => to === join(CLI, n))) return false;
      return b === "top" || !(LAYERS[a] ?? []).includes(b);
    });
    expect(broken.map(({ from, to }) => `${name(from)} → ${name(to)}`)).toEqual([]);
  });

  it("never lets inputs/ import output/, nor report/ import convert/", () => {
    const crossing = (a: string, b: string) => edges.filter((e) => folderOf(e.from) === a && folderOf(e.to) === b).map((e) => name(e.from));
    expect(crossing("inputs", "output")).toEqual([]);
    expect(crossing("report", "convert")).toEqual([]);
  });

  it("has watch and the batch write and report through the same folders", () => {
    const uses = (from: (f: string) => boolean, folder: string) => edges.some((e) => from(e.from) && folderOf(e.to) === folder);
    const watch = (f: string) => folderOf(f) === "watch";
    const batch = (f: string) => ["run.ts", "dispatch.ts", "batch.ts", "open-targets.ts"].some((n) => f === join(CLI, n));
    for (const folder of ["output", "report", "convert"]) {
      expect([folder, uses(watch, folder), uses(batch, folder)]).toEqual([folder, true, true]);
    }
  });
});
