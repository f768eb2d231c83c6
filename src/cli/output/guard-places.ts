// Where a path of the write guard (guard.ts) lies: its identity and real path, whether two are
// the same file, and whether a file's first bytes are what ingest writes.
import { closeSync, constants, openSync, readSync, realpathSync, statSync, type Stats } from "node:fs";
import { basename, dirname, resolve, sep } from "node:path";
import type { Target } from "./guard-types.js";

/** What the guard knows of a path: its identity when it exists, and its real path either way. */
export interface Place {
  key: string | null;
  stats: Stats | null;
  real: string;
}

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

export function place(path: string): Place {
  let stats: Stats | null = null;
  try {
    stats = statSync(path);
  } catch {
    // Not there (yet), or not reachable: the real path of its parent still places it.
  }
  return { key: stats === null ? null : `${stats.dev}:${stats.ino}`, stats, real: realPathOf(path) };
}

/** The same file: one identity, or (for what does not exist yet) one real path. */
export const same = (a: Place, b: Place): boolean => (a.key !== null && a.key === b.key) || a.real === b.real;

/** The first bytes of a file, without blocking on a named pipe (the caller has already refused one). */
export function head(path: string, n: number): Buffer {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

/** The first 16 bytes of every SQLite database file. */
export const SQLITE_HEADER = Buffer.from("SQLite format 3\u0000", "latin1");

export const shownBytes = (b: Buffer): string => JSON.stringify(b.toString("latin1").replace(/[^\x20-\x7e]/g, "?"));

/** Whether a file's content is not what ingest writes there: JSON Lines, each line an object. */
export function notOurs(path: string): string | null {
  let first: Buffer;
  try {
    first = head(path, 16);
  } catch {
    return null; // unreadable (write-only, say): opening it for writing decides
  }
  if (first.length === 0 || first[0] === 0x7b) return null;
  return `it begins ${shownBytes(first)}, not as the JSON Lines ingest writes`;
}

export const isTreePath = (rel: string): boolean => {
  const parts = rel.split(sep);
  return parts.some((p) => p === ".ingest" || p === ".ingest-tmp") || /\.json$/i.test(rel);
};

/** Each path of a target: its own, then what is written beside it. */
export const pathsOf = (t: Target): string[] => [t.path, ...(t.also ?? [])];

export const isDir = (t: Target): boolean => t.mode === "tree" || t.mode === "moves";
