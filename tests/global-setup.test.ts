import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BUILD_INPUTS, BUILD_OUTPUTS, staleness } from "./global-setup.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A project tree whose inputs were written at `inputAt` and outputs at `outputAt` (seconds). */
function project(inputAt: number, outputAt: number): string {
  const root = mkdtempSync(join(tmpdir(), "ingest-setup-"));
  dirs.push(root);
  const put = (rel: string, at: number): void => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), "");
    utimesSync(join(root, rel), at, at);
  };
  put("src/cli/main.ts", inputAt);
  utimesSync(join(root, "src/cli"), inputAt, inputAt);
  utimesSync(join(root, "src"), inputAt, inputAt);
  for (const p of BUILD_INPUTS.filter((p) => p !== "src")) put(p, inputAt);
  for (const p of BUILD_OUTPUTS) put(p, outputAt);
  return root;
}

describe("the test run's rebuild check", () => {
  it("finds nothing to do when the build is newer than its inputs", () => {
    expect(staleness(project(1000, 2000))).toBeNull();
  });

  it("rebuilds when a source file deep in src/ changed after the build", () => {
    const root = project(1000, 2000);
    utimesSync(join(root, "src/cli/main.ts"), 3000, 3000);
    expect(staleness(root)).toBe("dist/index.js is older than the sources");
  });

  it("rebuilds when the bundler script changed", () => {
    const root = project(1000, 2000);
    utimesSync(join(root, "scripts/bundle.mjs"), 3000, 3000);
    expect(staleness(root)).not.toBeNull();
  });

  it("rebuilds when an output is missing (a fresh clone)", () => {
    const root = project(1000, 2000);
    rmSync(join(root, "dist/cli-bundle/main.cjs"));
    expect(staleness(root)).toBe("dist/cli-bundle/main.cjs is missing");
  });
});
