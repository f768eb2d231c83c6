/**
 * What was read of an input, taken while it was read: the file's identity at that moment (from
 * the descriptor the bytes came through) and a hash of the very bytes parsed. A marker of the
 * --out-dir tree or a watch journal entry vouches for this, never for a stat taken later: before
 * one is written the file is looked at again, and any change in between (an append, a truncation,
 * a file renamed over it, a rewrite) means the input is not done.
 *
 * A file's size and modification time cannot prove its bytes unchanged when it was modified
 * within the file system's clock resolution of the read ("racily clean", as git calls it): a
 * same-size rewrite in that window leaves the same stat. Such a mark is trusted only after its
 * hash is checked against the file's bytes.
 */
import type { Hash } from "node:crypto";
import { closeSync, openSync, readSync, type Stats, statSync } from "node:fs";
import { createRequire } from "node:module";

export interface ReadIdentity {
  size: number;
  mtimeMs: number;
  ino: number;
  dev: number;
  /** Bytes read and parsed. */
  read: number;
  /** sha256 of those bytes, hex ("" until the read is over). */
  hash: string;
  /** Read to its end: every byte the descriptor's size promised, and no more to come. */
  complete: boolean;
  /** When the read began (ms since the epoch). */
  readAt: number;
}

/**
 * How close to the read a modification time must be for the stat to prove nothing (ms): the
 * coarsest clocks in use (FAT's 2 s; a jiffy-grained kernel clock is far finer). A modification
 * time after the read began is always racy.
 */
export const RACY_MS = 2000;

let crypto: typeof import("node:crypto") | undefined;

/** A sha256 hasher; node:crypto is loaded on first use (a run without --out-dir or watch never pays for it). */
export function sha256(): Hash {
  // Required, not imported: the CLI bundle is compiled by vm.Script, which has no module loader.
  crypto ??= createRequire(import.meta.url)("node:crypto") as typeof import("node:crypto");
  return crypto.createHash("sha256");
}

/** The identity of a file read whole: its descriptor's stat and the bytes read. */
export function identityOf(info: Stats, bytes: Uint8Array, readAt: number): ReadIdentity {
  return {
    size: info.size,
    mtimeMs: info.mtimeMs,
    ino: info.ino,
    dev: info.dev,
    read: bytes.length,
    hash: sha256().update(bytes).digest("hex"),
    complete: bytes.length === info.size,
    readAt,
  };
}

/** What a stat says of a file, to compare with what was read. */
export interface Looked {
  size: number;
  mtimeMs: number;
  ino: number;
  dev?: number;
}

/** Whether the file, as `now` says it is, is still the one read whole: same inode, size and modification time. */
export function unchangedSince(read: ReadIdentity, now: Looked | Stats | null): boolean {
  if (now === null || !read.complete || read.read !== read.size) return false;
  return now.size === read.size && now.mtimeMs === read.mtimeMs && now.ino === read.ino && (now.dev === undefined || now.dev === read.dev);
}

/** Whether a mark taken at `readAt` of a file modified at `mtimeMs` needs its hash checked to be trusted. */
export const racy = (mtimeMs: number, readAt: number): boolean => mtimeMs >= readAt - RACY_MS;

/** sha256 of a file's bytes, hex (read in chunks: memory does not grow with the file). Throws when it cannot be read. */
export function hashFile(path: string | Buffer): string {
  const fd = openSync(path, "r");
  try {
    const h = sha256();
    const buf = Buffer.allocUnsafe(64 * 1024);
    let n: number;
    while ((n = readSync(fd, buf, 0, buf.length, null)) > 0) h.update(buf.subarray(0, n));
    return h.digest("hex");
  } finally {
    closeSync(fd);
  }
}

/** The identity of a file refused unread (too large): its stat and the hash of all its bytes, or undefined when it cannot be read. */
export function readWhole(path: string): ReadIdentity | undefined {
  try {
    const before = statSync(path);
    const readAt = Date.now();
    const hash = hashFile(path);
    const after = statSync(path);
    const same = before.size === after.size && before.mtimeMs === after.mtimeMs && before.ino === after.ino;
    return { size: before.size, mtimeMs: before.mtimeMs, ino: before.ino, dev: before.dev, read: same ? before.size : -1, hash, complete: same, readAt };
  } catch {
    return undefined;
  }
}
