/**
 * Path identity: two paths name the same file when device and inode (or real paths) agree,
 * never because they are spelt alike. Found before any work: the run's named inputs and walked
 * directories, which the --out tree checks each file it writes against (out-tree.ts). Whether a
 * run may write its outputs at all is the write guard's (output/guard.ts).
 */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import type { Protected } from "./out-tree.js";
import { realPathOf } from "./guard.js";

export { realPathOf } from "./guard.js";

const keyOf = (path: string): { key: string; dir: boolean } | null => {
  try {
    const s = statSync(path);
    return { key: `${s.dev}:${s.ino}`, dir: s.isDirectory() };
  } catch {
    return null;
  }
};

/** The run's inputs by identity: named files, walked directories (real paths and `dev:ino`). */
export type Identity = Protected & { dirKeys: Set<string> };

/** The run's inputs by identity: named files (`dev:ino`) and walked directories (real paths). */
export function inputIdentity(inputs: string[], cwd: string): Identity {
  const files = new Set<string>();
  const dirKeys = new Set<string>();
  const roots: string[] = [];
  for (const arg of inputs) {
    if (arg === "-") continue;
    const abs = resolve(cwd, arg);
    const k = keyOf(abs);
    if (k === null) continue; // a pattern, or a missing file the reader will report
    if (k.dir) {
      dirKeys.add(k.key);
      roots.push(realPathOf(abs));
    } else files.add(k.key);
  }
  return { files, roots, dirKeys };
}
