/**
 * Advisory locks between ingest processes that share an output tree, a journal or an inbox, so
 * that two runs which must not interleave never do: the second refuses at start, naming the
 * holder, before any work.
 *
 * A lock is a small file created exclusively (O_EXCL: one process wins, atomically, on any local
 * file system and on NFSv3+), holding who holds it: process id, host, boot, the process's start
 * time and the command. No native code and no dependency: `proper-lockfile` (a directory and a
 * refreshed mtime) can only tell a lock is stale once it has gone unrefreshed for its stale period,
 * so a watch restarted at once after `kill -9` (what the soak test does, and what a supervisor
 * does) would wait or fail; here a lock of this host is stale the moment its process is gone:
 * no such pid, or a pid reused by another process (its start time differs), or a lock from a
 * previous boot. A lock of another host (a shared NFS tree, another container) cannot be checked
 * that way: it is refreshed every REFRESH_MS while held and counts as stale once it has not been
 * for STALE_MS.
 *
 * Locks come in sets under one directory, with a rule for which names exclude which: a run takes
 * its own lock file, then looks for live locks that conflict with it and gives it back if there is
 * one. Two runs starting at the same instant may both give up (never both go on).
 */
import { closeSync, constants, openSync, readdirSync, readFileSync, rmdirSync, statSync, unlinkSync, utimesSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { fnv1a64 } from "../inputs/shard.js";
import { makeDirs } from "./make-dirs.js";

/** How often a held lock's mtime is refreshed, and how old a lock of another host must be to count as stale. */
export const REFRESH_MS = 10_000;
export const STALE_MS = 60_000;

/** What a lock file says of its holder. */
export interface Holder {
  pid: number;
  host: string;
  /** The kernel's boot id (Linux), so a lock of a previous boot is known stale. */
  boot: string | null;
  /** The process's start time in clock ticks since boot (Linux), so a reused pid is not taken for the holder. */
  start: number | null;
  /** `ingest` or `ingest watch`. */
  command: string;
  since: string;
}

const readText = (path: string): string | null => {
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    return null;
  }
};

let me: Holder | undefined;

/** The start time of process `pid` (field 22 of /proc/PID/stat, after the parenthesised name), or null. */
function startOf(pid: number | "self"): number | null {
  const stat = readText(`/proc/${pid}/stat`);
  if (stat === null) return null;
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const start = Number(fields[19]);
  return Number.isFinite(start) ? start : null;
}

function self(command: string): Holder {
  me ??= { pid: process.pid, host: hostname(), boot: readText("/proc/sys/kernel/random/boot_id"), start: startOf("self"), command, since: "" };
  return { ...me, command, since: new Date().toISOString() };
}

/** Whether `h` (a lock's holder, its file last refreshed at `mtimeMs`) may still be running. */
function alive(h: Holder, mtimeMs: number): boolean {
  const here = self(h.command);
  // Another host (or container): only the lock's age can tell.
  if (h.host !== here.host) return Date.now() - mtimeMs < STALE_MS;
  // This host, an earlier boot: every process of that boot is gone.
  if (h.boot !== null && here.boot !== null && h.boot !== here.boot) return false;
  try {
    process.kill(h.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  // The pid runs: the holder only if it is the same process, not a reuse of its number.
  const start = h.pid === process.pid ? here.start : startOf(h.pid);
  return h.start === null || start === null || start === h.start;
}

/** The holder a lock file names, and whether it still holds it; null when there is no such file. */
function inspect(path: string): { holder: Holder | null; live: boolean } | null {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    return null;
  }
  const text = readText(path);
  if (text === null) return null;
  let holder: Holder | null = null;
  try {
    const h = JSON.parse(text) as Partial<Holder>;
    if (typeof h.pid === "number" && typeof h.host === "string") holder = h as Holder;
  } catch {
    // Being written (created, not yet filled), or not ours: see below.
  }
  // A lock file still empty is being written by its holder: live, unless it has stayed so for long.
  if (holder === null) return { holder: null, live: Date.now() - mtimeMs < STALE_MS };
  return { holder, live: alive(holder, mtimeMs) };
}

/** One line naming a holder, for the refusal message. */
export function describeHolder(h: Holder | null, path: string): string {
  if (h === null) return `another ingest process (its lock ${path} is being written)`;
  const where = h.host === hostname() ? "" : ` on ${h.host}`;
  return `${h.command} (pid ${h.pid}${where}, since ${h.since}; if no such process runs, remove ${path})`;
}

/** A lock this process holds; `release()` gives it back. */
export class Lock {
  private timer: NodeJS.Timeout | null = null;
  private released = false;

  private constructor(
    readonly path: string,
    /** The directory of the lock files, removed when the last is given back (null: not ours to remove). */
    private readonly dir: string | null,
  ) {
    // Refreshed while held, for other hosts (which can only judge it by its age).
    this.timer = setInterval(() => {
      try {
        const now = new Date();
        utimesSync(this.path, now, now);
      } catch {
        // Gone (removed by hand): nothing to refresh.
      }
    }, REFRESH_MS);
    this.timer.unref();
  }

  /**
   * Create the lock file `name` in `dir` for this process, unless a live lock holds it; then give
   * it back if `conflicts` (given the other lock files' names in `dir`) finds a live one. Returns
   * the lock, or who holds a conflicting one.
   */
  static take(dir: string, name: string, command: string, conflicts: (other: string) => boolean = () => false, ownDir = true): Lock | { heldBy: string } {
    makeDirs(dir);
    const path = join(dir, name);
    const holder = self(command);
    for (let attempt = 0; ; attempt++) {
      let fd: number;
      try {
        fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 2) throw e;
        const found = inspect(path);
        if (found?.live) return { heldBy: describeHolder(found.holder, path) };
        Lock.breakStale(path);
        continue;
      }
      try {
        writeSync(fd, `${JSON.stringify(holder)}\n`);
      } finally {
        closeSync(fd);
      }
      break;
    }
    const lock = new Lock(path, ownDir ? dir : null);
    // Then the others this one must not run beside (in a directory of locks only).
    for (const other of ownDir ? readdirSync(dir) : []) {
      if (other === name || other.endsWith(".break") || !conflicts(other)) continue;
      const found = inspect(join(dir, other));
      if (found === null) continue;
      if (found.live) {
        lock.release();
        return { heldBy: describeHolder(found.holder, join(dir, other)) };
      }
      Lock.breakStale(join(dir, other));
    }
    return lock;
  }

  /**
   * Remove a stale lock. Two processes that both found it stale must not remove each other's new
   * one: a breaker file (itself created exclusively, and stale after STALE_MS) lets one at a time
   * look again and remove it only if it is still stale.
   */
  private static breakStale(path: string): void {
    const breaker = `${path}.break`;
    let fd: number;
    try {
      fd = openSync(breaker, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      try {
        if (Date.now() - statSync(breaker).mtimeMs > STALE_MS) unlinkSync(breaker);
      } catch {
        // Gone meanwhile.
      }
      return;
    }
    closeSync(fd);
    try {
      if (inspect(path)?.live === false) unlinkSync(path);
    } catch {
      // Gone meanwhile.
    } finally {
      unlinkSync(breaker);
    }
  }

  /** Give the lock back (and its directory, when that is left empty). Idempotent. */
  release(): void {
    if (this.released) return;
    this.released = true;
    if (this.timer !== null) clearInterval(this.timer);
    try {
      unlinkSync(this.path);
    } catch {
      // Removed by hand meanwhile.
    }
    if (this.dir !== null) {
      try {
        rmdirSync(this.dir);
      } catch {
        // Other locks in it, or not ours to remove.
      }
    }
  }
}

/** The directory of an --out-dir tree's locks. */
export const TREE_LOCKS = ".ingest-locks";

/** Lock names in an --out-dir tree: `tree` for a run over the whole tree, `shard-K-of-N` for one shard. */
export const treeLockName = (shard: { k: number; n: number } | null): string => (shard === null ? "tree" : `shard-${shard.k}-of-${shard.n}`);

/**
 * Whether a run holding `mine` must not run beside a holder of `other`, in one --out-dir tree:
 * shards of one split (same N, another K) write disjoint inputs' outputs and may; anything else
 * (the whole tree, the same shard, or shards of another split, which overlap) may not.
 */
export function treeConflict(mine: string, other: string): boolean {
  if (other === "tree" || mine === "tree") return other === "tree" || other.startsWith("shard-");
  const a = /^shard-(\d+)-of-(\d+)$/.exec(mine);
  const b = /^shard-(\d+)-of-(\d+)$/.exec(other);
  if (a === null || b === null) return false;
  return a[2] !== b[2] || a[1] === b[1];
}

/** Take the lock of an --out-dir tree for a run (a shard, or the whole tree); a message naming the holder when it is in use. */
export function lockTree(outDir: string, display: string, shard: { k: number; n: number } | null, command: string): Lock | string {
  const name = treeLockName(shard);
  const got = Lock.take(join(outDir, TREE_LOCKS), name, command, (other) => treeConflict(name, other));
  return got instanceof Lock ? got : `the output directory ${display} is in use by ${got.heldBy}`;
}

/** Take the lock of a watch journal (beside it, hidden); a message naming the holder when it is in use. */
export function lockJournal(journal: string): Lock | string {
  const got = Lock.take(dirname(journal), `.${basename(journal)}.lock`, "ingest watch", undefined, false);
  return got instanceof Lock ? got : `the journal ${journal} is in use by ${got.heldBy}`;
}

/**
 * Take the lock of an inbox whose files a watch moves away (--archive, --quarantine); a message
 * naming the holder when it is in use. The lock lives in `dir` (the archive or quarantine, which
 * are the watch's own), named after the inbox's real path: never in the inbox, where a feed
 * agent (`rsync --delete`) could remove it and a writer would see it.
 */
export function lockInbox(inbox: string, display: string, dir: string): Lock | string {
  const got = Lock.take(dir, `.ingest-watch-${fnv1a64(inbox)}.lock`, "ingest watch", undefined, false);
  return got instanceof Lock ? got : `the watched directory ${display} is in use by ${got.heldBy}, which moves its files away`;
}
