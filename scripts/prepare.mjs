// npm's `prepare`: build (tsc, then the CLI bundle) when the development dependencies are there,
// as after `npm install` or `npm ci`. `npm link` or `npm install -g .` in a fresh clone installs
// only the runtime dependencies, and the build then failed with `sh: 1: tsc: not found`: say
// what to do instead. A checkout already built (`npm link` after `npm install`) needs nothing.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const has = (path) => existsSync(new URL(`../${path}`, import.meta.url));

if (!has("node_modules/typescript/package.json") || !has("node_modules/esbuild/package.json")) {
  if (has("dist/cli-bundle/load.cjs") && has("dist/index.js")) process.exit(0);
  console.error(
    [
      "ingest is not built, and this install left out the tools that build it (TypeScript, esbuild).",
      `Run \`npm install\` first, in ${root} (it installs them and builds),`,
      "then `npm link --ignore-scripts` (or `npm link`) to put `ingest` on your PATH.",
    ].join("\n"),
  );
  process.exit(1);
}
const build = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
process.exit(build.status ?? 1);
