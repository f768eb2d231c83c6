/**
 * --shard K/N: keep only the inputs whose path falls in shard K of N, so that N processes
 * (GNU parallel --sshlogin, Kubernetes indexed Jobs, Slurm arrays) split one tree with no
 * coordinator. The hash is FNV-1a 64 of the UTF-8 bytes of the path relative to its input
 * root, with `/` separators; an input is in shard `hash mod N + 1`. Every shard sees the same
 * walk, so the shards' union is the unsharded run, with no overlap.
 */
import { relative, sep } from "node:path";
import type { InputEntry } from "./inputs.js";

/** Shard K of N, 1-based. */
export interface Shard {
  k: number;
  n: number;
}

/** The largest N accepted: keeps `hash mod N` exact in doubles, and is far beyond any cluster. */
export const MAX_SHARDS = 1_000_000;

/** Parse `K/N`; a string saying what is wrong when it is not 1 ≤ K ≤ N. */
export function parseShard(text: string): Shard | string {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return `--shard wants K/N (shard K of N, counted from 1, such as 1/4), not ${text}`;
  const k = Number(m[1]),
    n = Number(m[2]);
  if (n < 1 || n > MAX_SHARDS) return `--shard ${text}: N must be between 1 and ${MAX_SHARDS}`;
  if (k < 1 || k > n) return `--shard ${text}: K must be between 1 and N (${n})`;
  return { k, n };
}

const encoder = new TextEncoder();

/** FNV-1a 64 of the UTF-8 bytes of `text`, as 16 lower-case hex digits. */
export function fnv1a64(text: string): string {
  const [hi, lo] = fnvHalves(encoder.encode(text));
  return hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0");
}

/** The hash as two unsigned 32-bit halves; multiplying by the prime 2^40 + 0x1b3 without BigInt. */
function fnvHalves(bytes: Uint8Array): [number, number] {
  let hi = 0xcbf29ce4,
    lo = 0x84222325;
  for (const b of bytes) {
    lo = (lo ^ b) >>> 0;
    const t = lo * 0x1b3; // < 2^41: exact in a double
    const carry = Math.floor(t / 0x100000000);
    hi = (Math.imul(hi, 0x1b3) + carry + (lo << 8)) >>> 0;
    lo = t >>> 0;
  }
  return [hi, lo];
}

/** The 1-based shard of N that a relative path falls in. */
export function shardOf(rel: string, n: number): number {
  const [hi, lo] = fnvHalves(encoder.encode(rel));
  // (hi·2^32 + lo) mod n, with every product below 2^53.
  return (((((hi % n) * (0x100000000 % n)) % n) + (lo % n)) % n) + 1;
}

/**
 * The path an input is sharded by: relative to its root (the directory argument, the glob's
 * base, a named file's own directory, the --files-from list's directory of reference), with
 * `/` separators; null for what every shard reports (an argument that matched nothing or could
 * not be read as a whole).
 */
export function shardKey(entry: InputEntry): string | null {
  if (entry.kind === "file") return slashes(relative(entry.root, entry.path));
  if (entry.kind === "problem") return entry.rel ?? null;
  if (entry.kind === "document") return entry.display;
  return null;
}

const slashes = (p: string): string => (sep === "/" ? p : p.split(sep).join("/"));

/** Keep the entries of shard `shard` (all of them when it is null). */
export async function* inShard(entries: AsyncIterable<InputEntry>, shard: Shard | null): AsyncGenerator<InputEntry> {
  if (shard === null || shard.n === 1) {
    yield* entries;
    return;
  }
  for await (const entry of entries) {
    const key = shardKey(entry);
    if (key === null || shardOf(key, shard.n) === shard.k) yield entry;
  }
}
