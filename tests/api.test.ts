/**
 * The library's public surface, and the module graph under it: what the root exports, that the
 * root does not pull in the terminal-only chalk, and that no two modules import each other.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
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

/** A module's imports (and re-exports) as `{ to, typeOnly }`: relative ones as absolute .ts paths, packages by name. */
function importsOf(file: string): Array<{ to: string; typeOnly: boolean }> {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^(import|export)(\s+type)?[^;]*?from\s+"([^"]+)"/gm)].map((m) => ({
    to: m[3]!.startsWith(".") ? resolve(dirname(file), m[3]!).replace(/\.js$/, ".ts") : m[3]!,
    typeOnly: m[2] !== undefined,
  }));
}

describe("the public API", () => {
  it("exports these values from the root", () => {
    expect(Object.keys(root).sort()).toEqual([
      "DIAGNOSTIC_CODES",
      "ENCODINGS",
      "NINJS_VERSIONS",
      "VERSION",
      "articleJsonSchema",
      "articleSchema",
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
