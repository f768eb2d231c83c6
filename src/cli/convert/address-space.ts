/**
 * The address-space limit (`ulimit -v`, RLIMIT_AS) and what this process has reserved of it, on
 * Linux. Under such a limit V8 cannot grow its heap past what is left, and when it cannot it
 * aborts the process: nothing can catch that. So what would not fit is never started: a worker
 * thread (a V8 isolate reserves a 512 MiB code range of its own) or the parse of an input whose
 * estimated cost (memory-budget.ts) is over the room left. bin/relay.cjs makes the room
 * predictable by running ingest with few malloc arenas.
 */
import { closeSync, openSync, readSync } from "node:fs";

/** Read a small /proc file; null when there is none (not Linux). */
function proc(path: string): string | null {
  try {
    const fd = openSync(path, "r");
    try {
      const buf = Buffer.allocUnsafe(8192);
      return buf.toString("latin1", 0, readSync(fd, buf, 0, buf.length, null));
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
}

let limit: number | null | undefined;

/** The address-space limit in bytes, or null when there is none (or it cannot be known). Read once. */
export function addressLimit(): number | null {
  if (limit === undefined) {
    const m = /^Max address space +(\S+)/m.exec(proc("/proc/self/limits") ?? "");
    limit = m === null || m[1] === "unlimited" ? null : Number(m[1]);
    if (limit !== null && !Number.isFinite(limit)) limit = null;
  }
  return limit;
}

/** Bytes of address space this process has reserved now (VmSize), or null. */
function reserved(): number | null {
  const m = /^VmSize:\s+(\d+) kB/m.exec(proc("/proc/self/status") ?? "");
  return m === null ? null : Number(m[1]) * 1024;
}

/** Kept free for everything else the process does meanwhile (stacks, buffers, V8's own growth). */
const MARGIN = 96 * 1024 * 1024;

/** The address space left for new work, in bytes; null when there is no limit. */
export function addressRoom(): number | null {
  const l = addressLimit();
  if (l === null) return null;
  const used = reserved();
  return used === null ? null : Math.max(0, l - used - MARGIN);
}

/** What one worker thread reserves: V8's code range (512 MiB) and a heap to start with. */
const PER_WORKER = 640 * 1024 * 1024;

/** How many of `wanted` worker threads fit in the address space left (all of them when there is no limit). */
export function workersThatFit(wanted: number): number {
  if (wanted <= 0) return 0;
  const room = addressRoom();
  return room === null ? wanted : Math.min(wanted, Math.floor(room / PER_WORKER));
}
