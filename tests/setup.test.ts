/**
 * Set-up that cannot be done wrong (#22): in a fresh clone, `npm link` or `npm install -g .`
 * (which leave out the development dependencies) stop with "run `npm install` first" instead of
 * `sh: 1: tsc: not found`; a link to a checkout never built says the same when `ingest` runs; and
 * the README's set-up line is the quiet one.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "./batch-helpers.js";
import { ROOT } from "./helpers.js";

/** A checkout as `npm link` leaves it in a fresh clone: the scripts and the bin, no dev dependencies, no build. */
function freshClone(): string {
  const root = tempDir();
  for (const dir of ["scripts", "bin"]) mkdirSync(join(root, dir));
  copyFileSync(join(ROOT, "scripts", "prepare.mjs"), join(root, "scripts", "prepare.mjs"));
  copyFileSync(join(ROOT, "bin", "ingest.js"), join(root, "bin", "ingest.js"));
  copyFileSync(join(ROOT, "bin", "package.json"), join(root, "bin", "package.json"));
  mkdirSync(join(root, "node_modules", "commander"), { recursive: true });
  return root;
}

describe("prepare in a fresh clone", () => {
  it("without the development dependencies and no build, says to run npm install first (exit 1)", () => {
    const root = freshClone();
    const r = spawnSync(process.execPath, ["scripts/prepare.mjs"], { cwd: root, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Run `npm install` first");
    expect(r.stderr).toContain("then `npm link --ignore-scripts`");
    expect(r.stderr).not.toContain("tsc: not found");
  });
  it("already built (npm link after npm install), does nothing", () => {
    const root = freshClone();
    mkdirSync(join(root, "dist", "cli-bundle"), { recursive: true });
    writeFileSync(join(root, "dist", "cli-bundle", "load.cjs"), "");
    writeFileSync(join(root, "dist", "index.js"), "");
    const r = spawnSync(process.execPath, ["scripts/prepare.mjs"], { cwd: root, encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
  });
  it("ingest linked from a checkout never built says to run npm install there (exit 2), not a stack", () => {
    const root = freshClone();
    const r = spawnSync(process.execPath, [join(root, "bin", "ingest.js"), "version"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`ingest: error: ingest is not built: run \`npm install\` in ${root} (it builds)\n`);
  });
});

describe("the README's set-up", () => {
  it("links with --ignore-scripts (no second build, no allowScripts notice) and package.json's prepare is the checked one", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(readme).toContain("```sh skip\nnpm install && npm link --ignore-scripts\nnpm test\n```");
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.prepare).toBe("node scripts/prepare.mjs");
  });
});
