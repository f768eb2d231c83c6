/**
 * Durability for `ingest watch`: what the journal says is done must survive a
 * crash, so every file it points at is fsynced, and so is every directory
 * whose entries changed (a rename or a new file is only durable once its
 * directory is).
 */
import { closeSync, constants, fsyncSync, openSync } from "node:fs";
import { dirname, relative, sep } from "node:path";
import { makeDirs } from "../output/make-dirs.js";
import { moveNew } from "../output/deliver.js";

/** fsync a file or a directory by path. */
export function fsyncPath(path: string): void {
  const fd = openSync(path, constants.O_RDONLY);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Directories whose own entry is known to be durable, so that the chain up to the root is
 * synced once per directory and not once per file. Bounded by the number of directories.
 */
export class DurableDirs {
  private readonly known = new Set<string>();

  /** fsync `dir` (its entries changed); the first time, also each parent up to `root`. */
  sync(dir: string, root: string): void {
    fsyncPath(dir);
    this.chain(dir, root);
  }

  /** Create `dir` (and parents) under `root` if needed, with each new entry durable. */
  ensure(dir: string, root: string): void {
    if (this.known.has(dir)) return;
    makeDirs(dir);
    this.chain(dir, root);
  }

  private chain(dir: string, root: string): void {
    let d = dir;
    while (!this.known.has(d)) {
      this.known.add(d);
      if (d === root || !d.startsWith(root + sep)) break;
      d = dirname(d);
      fsyncPath(d);
    }
  }
}

/**
 * Move `from` to `to` (creating `to`'s directory under `root`) and make both directories durable.
 * Never over another file: an earlier delivery of the same name keeps it, and this one takes the
 * next free numbered name (`a~2.txt`; output/deliver.ts, which also copies across file systems).
 * Returns where it went.
 */
export function moveDurable(from: string, to: string, root: string, dirs: DurableDirs): string {
  dirs.ensure(dirname(to), root);
  const at = moveNew(from, to);
  fsyncPath(dirname(at));
  fsyncPath(dirname(from));
  return at;
}

/** `path` relative to `root` with forward slashes (the form journal entries and globs use). */
export const relSlash = (root: string, path: string): string => relative(root, path).split(sep).join("/");
