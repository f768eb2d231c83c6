/** Finding ingest.config.json, apart from its zod schema so that a run without one loads no schema. */
import { statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

export const CONFIG_NAME = "ingest.config.json";

/** The config file that applies in `cwd`: the nearest `ingest.config.json` in it or above, or null. */
export function findConfig(cwd: string): string | null {
  let dir = resolve(cwd);
  for (;;) {
    const candidate = join(dir, CONFIG_NAME);
    // Anything by that name counts (a directory or an unreadable file is reported when loaded).
    if (statSync(candidate, { throwIfNoEntry: false }) !== undefined) return candidate;
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}
