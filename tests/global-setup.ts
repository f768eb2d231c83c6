/**
 * Vitest global setup: the CLI tests spawn bin/ingest.js, which runs the built bundle in dist/, and
 * the package test packs dist/. So that `npx vitest` (and watch mode) never test a stale build,
 * rebuild before the run (and before each watch-mode rerun) when any build input is newer than
 * the build's outputs; a failed build stops the run with the compiler's message.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, type Stats, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** What the build reads: the sources, the bundler script and loader, the compiler settings, the dependencies. */
export const BUILD_INPUTS = ["src", "scripts/bundle.mjs", "scripts/cli-loader.cjs", "tsconfig.json", "tsconfig.build.json", "package-lock.json"];
/** What the build writes (each rewritten by every build): tsc's library tree and the CLI bundle. */
export const BUILD_OUTPUTS = ["dist/index.js", "dist/index.d.ts", "dist/cli-bundle/main.cjs", "dist/cli-bundle/load.cjs", "dist/cli-bundle/convert-worker.js"];

/** The newest modification time under `path` (a file or a directory walked whole); -Infinity when it is missing. */
export function newest(path: string): number {
  let info: Stats;
  try {
    info = statSync(path);
  } catch {
    return -Infinity;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = info.mtimeMs; // a deleted file shows only as its directory's change
  for (const name of readdirSync(path)) latest = Math.max(latest, newest(join(path, name)));
  return latest;
}

/** Why the build in `root` must be redone, or null when every output is newer than every input. */
export function staleness(root: string): string | null {
  const input = Math.max(...BUILD_INPUTS.map((p) => newest(join(root, p))));
  for (const p of BUILD_OUTPUTS) {
    const output = newest(join(root, p));
    if (output === -Infinity) return `${p} is missing`;
    if (output < input) return `${p} is older than the sources`;
  }
  return null;
}

function rebuildIfStale(): void {
  const why = staleness(ROOT);
  if (why === null) return;
  process.stderr.write(`[global-setup] rebuilding: ${why}\n`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const r = spawnSync(npm, ["run", "build"], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) {
    throw new Error(`the build failed (npm run build, exit ${r.status ?? r.signal}), so the CLI tests would run stale code:\n${r.stdout}${r.stderr}`);
  }
}

/** Vitest's global setup hook: before the run, and again before each watch-mode rerun. */
export default function setup(project: TestProject): void {
  rebuildIfStale();
  project.onTestsRerun(rebuildIfStale);
}
