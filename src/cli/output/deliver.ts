/**
 * Placing a file where another may already be (watch's --archive and --quarantine): never over
 * it. A second delivery of `a.txt` is kept as `a~2.txt`, then `a~3.txt`, and so on; the first
 * stays as it was. The placing itself cannot replace either: a hard link (link(2) fails with
 * EEXIST, atomically) and then the unlink of the old name, or, across file systems, a copy
 * opened with O_EXCL. A placing cut short by a crash is finished, not repeated: a name that
 * already holds this very file (the same inode after a link, the same bytes after a copy) is
 * taken as the one it went to.
 */
import { closeSync, constants, copyFileSync, fsyncSync, linkSync, openSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { extname } from "node:path";

/** The n-th name for a delivery to `path`: the path itself, then `a~2.txt`, `a~3.txt`, ... */
export function numbered(path: string, n: number): string {
  if (n <= 1) return path;
  const ext = extname(path);
  return `${path.slice(0, path.length - ext.length)}~${n}${ext}`;
}

/** Past this many deliveries of one name, something is wrong: an error rather than a search without end. */
const MAX_NAMES = 100_000;

const stats = (path: string) => {
  try {
    return statSync(path);
  } catch {
    return null;
  }
};

/** Whether two files hold the same bytes (a copy made before a crash). */
function sameBytes(a: string, b: string): boolean {
  const [sa, sb] = [stats(a), stats(b)];
  if (sa === null || sb === null || sa.size !== sb.size) return false;
  const [fa, fb] = [openSync(a, "r"), openSync(b, "r")];
  try {
    const [ba, bb] = [Buffer.alloc(64 * 1024), Buffer.alloc(64 * 1024)];
    for (;;) {
      const na = readSync(fa, ba, 0, ba.length, null);
      const nb = readSync(fb, bb, 0, bb.length, null);
      if (na !== nb || !ba.subarray(0, na).equals(bb.subarray(0, nb))) return false;
      if (na === 0) return true;
    }
  } finally {
    closeSync(fa);
    closeSync(fb);
  }
}

const code = (e: unknown): string | undefined => (e as NodeJS.ErrnoException).code;

/** File systems without hard links say so with one of these. */
const NO_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "EMLINK", "ENOSYS"]);

/** Put `from` at `to` without replacing anything there; false when `to` is taken by another file. */
function placeAt(from: string, to: string): boolean {
  try {
    linkSync(from, to);
  } catch (e) {
    if (code(e) === "EEXIST") {
      const [a, b] = [stats(from), stats(to)];
      // A link made before a crash: this file is already there.
      if (a === null || b === null || a.dev !== b.dev || a.ino !== b.ino) return false;
    } else if (code(e) === "EXDEV") {
      return copyAt(from, to);
    } else if (NO_LINKS.has(code(e) as string)) {
      // No hard links here: a look, then a rename (a race with another writer is the one gap).
      if (stats(to) !== null) return false;
      renameSync(from, to);
      return true;
    } else throw e;
  }
  unlinkSync(from);
  return true;
}

/** Across file systems: a copy that cannot replace (O_EXCL), made durable, then the original removed. */
function copyAt(from: string, to: string): boolean {
  try {
    copyFileSync(from, to, constants.COPYFILE_EXCL);
  } catch (e) {
    if (code(e) !== "EEXIST") throw e;
    // A copy made before a crash holds the same bytes: finish that move.
    if (!sameBytes(from, to)) return false;
  }
  const fd = openSync(to, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  unlinkSync(from);
  return true;
}

/**
 * Move `from` to `to`, or to the first free numbered name beside it (`free` may pass over a
 * name); never over another file. Returns where it went.
 */
export function moveNew(from: string, to: string, free: (candidate: string) => boolean = () => true): string {
  for (let n = 1; n <= MAX_NAMES; n++) {
    const candidate = numbered(to, n);
    if (free(candidate) && placeAt(from, candidate)) return candidate;
  }
  throw Object.assign(new Error(`${MAX_NAMES} files named like ${to} already`), { code: "EEXIST" });
}

/** The first of `path`, `a~2.txt`, `a~3.txt`, ... that `free` accepts (watch/names.ts: a delivery's name). */
export function firstFree(path: string, free: (candidate: string) => boolean): string {
  for (let n = 1; n <= MAX_NAMES; n++) {
    const candidate = numbered(path, n);
    if (free(candidate)) return candidate;
  }
  throw Object.assign(new Error(`${MAX_NAMES} files named like ${path} already`), { code: "EEXIST" });
}

/** Whether anything is at `path` (a file, a directory, a link). */
export const taken = (path: string): boolean => stats(path) !== null;

/**
 * Write `text` as a new file at the first name `nameOf(1)`, `nameOf(2)`, ... that is not null
 * and where no other file is; a file already there with exactly this text is taken as written (a
 * crash came between writing it and what follows). Written to `temp` first and made durable, so
 * the name never shows half of it. Returns the name written.
 */
export function writeNew(nameOf: (n: number) => string | null, text: string, temp: string): string {
  writeFileSync(temp, text, { flag: "wx" });
  try {
    const fd = openSync(temp, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    for (let n = 1; n <= MAX_NAMES; n++) {
      const candidate = nameOf(n);
      if (candidate === null) continue;
      try {
        linkSync(temp, candidate);
        return candidate;
      } catch (e) {
        if (code(e) === "EEXIST" && sameBytes(temp, candidate)) return candidate;
        if (code(e) === "EEXIST") continue;
        if (!NO_LINKS.has(code(e) as string)) throw e;
        if (taken(candidate)) continue;
        renameSync(temp, candidate);
        return candidate;
      }
    }
    throw Object.assign(new Error(`${MAX_NAMES} files named like ${nameOf(1)} already`), { code: "EEXIST" });
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // Renamed into place.
    }
  }
}
