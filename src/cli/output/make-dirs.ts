/**
 * Create a directory and its missing parents without `mkdir({ recursive: true })`, which on some
 * file systems (/proc, where mkdir fails with ENOENT under an existing parent) retries forever at
 * 100% CPU. Walk up to the first existing ancestor, check that it is a directory, then create each
 * level once: any failure is an error, never a retry.
 */
import { mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";

/** Create `dir` and its missing parents; throws the first failure (ENOTDIR when an ancestor is a file). */
export function makeDirs(dir: string): void {
  const missing: string[] = [];
  for (let p = dir; ; p = dirname(p)) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT" || dirname(p) === p) throw err;
      missing.push(p);
      continue;
    }
    if (!isDir) throw Object.assign(new Error(`not a directory: ${p}`), { code: "ENOTDIR" });
    break;
  }
  for (let k = missing.length - 1; k >= 0; k--) {
    try {
      mkdirSync(missing[k] as string);
    } catch (err) {
      // Another run (or this one) made it meanwhile: only a directory will do.
      if ((err as NodeJS.ErrnoException).code !== "EEXIST" || !statSync(missing[k] as string).isDirectory()) throw err;
    }
  }
}
