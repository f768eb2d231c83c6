// A directory listed sorted by its names' bytes (UTF-8), with names that are not valid UTF-8 kept
// as bytes: the walk (walk.ts) sees every entry in the same order on every run.
import { readdir as readdirCallback, readdirSync, type Dirent } from "node:fs";
import { promisify } from "node:util";
import { join, sep } from "node:path";

// The callback API, promisified: node:fs/promises loads ~20 more built-in modules (readline,
// watchers, directory streams) at every start, ~1 ms (BENCHMARKS.md, "Start-up").
const readdir = promisify(readdirCallback);

/** What `join(dir, name)` puts before a single path segment `name` (never "." or ".."): one normalisation per directory, not per entry. */
export const joinPrefix = (dir: string): string => join(dir, "x").slice(0, -1);

export const SEP = Buffer.from(sep);

/** A name's bytes shown with every byte outside printable ASCII as \xHH: no byte of it is lost or hidden. */
export const escapeBytes = (name: Buffer): string =>
  Array.from(name, (b) => (b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, "0")}`)).join("");

/** Whether a name's bytes are valid UTF-8 (so its string form opens the same file). */
export function isUtf8(name: Buffer): boolean {
  for (const b of name) if (b >= 0x80) return Buffer.from(name.toString("utf8"), "utf8").equals(name);
  return true;
}

/** List a directory with its names as bytes; or the problem with it. */
function listBytes(dir: string | Buffer, sync: boolean): Promise<Dirent<Buffer>[]> | Dirent<Buffer>[] {
  return sync ? readdirSync(dir, { withFileTypes: true, encoding: "buffer" }) : readdir(dir, { withFileTypes: true, encoding: "buffer" });
}

/**
 * List a directory sorted by its names' bytes (UTF-8). Names come as strings, which cost far less
 * than a Buffer per name; a directory with a name that did not decode (a U+FFFD in it, which a
 * valid name may also hold) is listed again as bytes, as is one under such a name (`raw`).
 */
export async function list(dir: string, raw: Buffer | undefined, sync: boolean): Promise<Dirent<string>[] | Dirent<Buffer>[]> {
  if (raw === undefined) {
    const named = sync ? readdirSync(dir, { withFileTypes: true }) : await readdir(dir, { withFileTypes: true });
    if (!named.some((d) => d.name.includes("\uFFFD"))) return named.sort((a, b) => byUtf8(a.name, b.name));
  }
  const entries = await listBytes(raw ?? dir, sync);
  return entries.sort((a, b) => Buffer.compare(a.name, b.name));
}

/**
 * Two strings compared as their UTF-8 bytes (Buffer.compare's order), which is code point order:
 * UTF-16 code units agree with it except that U+E000–U+FFFF sort after the surrogates of
 * U+10000 and above, so those two ranges swap.
 */
function byUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}
