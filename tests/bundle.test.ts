// The CLI bundle's layout (scripts/bundle.mjs, #11 start-up): what start-up depends on.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const dir = fileURLToPath(new URL("../dist/cli-bundle/", import.meta.url));
const scripts = readdirSync(dir).filter((f) => /\.(c?js)$/.test(f));

describe("dist/cli-bundle", () => {
  it("is ASCII, so that V8 holds each file's text as a one-byte string", () => {
    const wide = scripts.filter((f) => /[^\0-~]/.test(readFileSync(`${dir}${f}`, "utf8")));
    expect(wide).toEqual([]);
  });

  it("has main.cjs with its code cache, and a source map beside every script", () => {
    const files = new Set(readdirSync(dir));
    expect(files.has("main.cjs.cache")).toBe(true);
    expect(scripts.filter((f) => f !== "load.cjs" && !files.has(`${f}.map`))).toEqual([]);
    expect(scripts.filter((f) => f.startsWith("chunk-")).length).toBeGreaterThan(0);
  });
});
