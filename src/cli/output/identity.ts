/**
 * Path identity: two paths name the same file when device and inode (or real paths) agree,
 * never because they are spelt alike. Found before any work: the run's named inputs and walked
 * directories, which --out and --errors must never be written over or read back from.
 */
import { realpathSync, statSync } from "node:fs";
import { basename, dirname, relative, resolve, sep } from "node:path";
import type { Protected } from "./out-tree.js";

const keyOf = (path: string): { key: string; dir: boolean } | null => {
  try {
    const s = statSync(path);
    return { key: `${s.dev}:${s.ino}`, dir: s.isDirectory() };
  } catch {
    return null;
  }
};

/** The real path of `path`, or of its nearest existing parent with the rest appended (for a file not made yet). */
export function realPathOf(path: string): string {
  const missing: string[] = [];
  for (let p = path; ; p = dirname(p)) {
    try {
      return resolve(realpathSync(p), ...missing.reverse());
    } catch {
      if (dirname(p) === p) return path;
      missing.push(basename(p));
    }
  }
}

const within = (path: string, dir: string): boolean => path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);

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

/** What the walk would read: the glob and exclusions, as in inputs.ts. */
export interface WouldRead {
  include: (rel: string) => boolean;
  exclude: (rel: string) => boolean;
  hidden: boolean;
}

/**
 * Why the --errors file cannot be used, or null: it is a named input, or it lies where a walked
 * directory would read it back as an input.
 */
export function errorsProblem(errors: string, display: string, ids: Identity, read: WouldRead): string | null {
  const k = keyOf(errors);
  if (k !== null && ids.files.has(k.key)) return `the --errors file ${display} is also an input; it would be overwritten`;
  if (k !== null && (k.dir || ids.dirKeys.has(k.key))) return `the --errors file ${display} is a directory`;
  const real = realPathOf(errors);
  for (const root of ids.roots) {
    if (!within(real, root) || real === root) continue;
    const rel = relative(root, real).split(sep).join("/");
    const hiddenPart = rel.split("/").some((part) => part.startsWith("."));
    if (read.include(rel) && !read.exclude(rel) && (read.hidden || !hiddenPart)) {
      return `the --errors file ${display} is inside the input directory ${root}, where it would be read back as an input`;
    }
  }
  return null;
}

/** Whether the output directory is one of the walked directories (then the walk would read nothing). */
export function outIsInput(outDir: string, ids: Identity): boolean {
  const k = keyOf(outDir);
  return k !== null && ids.dirKeys.has(k.key);
}
