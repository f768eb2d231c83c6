/**
 * Opening the files a run names besides its inputs (`--config`, `--errors`, `--log`, the
 * journal) so that a special file can neither block nor flood it: opened with O_NONBLOCK (a
 * named pipe with no reader or writer does not hold open(2), so signals are still heard), then
 * refused unless `fstat` says it is a regular file (/dev/null allowed where asked); what is read
 * is read to a bound, so /dev/zero or a huge file cannot fill memory. Race-free: the checks are
 * on the descriptor opened, not on a name that could change between a look and the open.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from "node:fs";

/** /dev/null's device number, looked up on first use. */
let devNull: number | undefined;

/** Whether `stats` is /dev/null (the one device a log may be sent to: nothing is kept). */
export function isDevNull(stats: Stats): boolean {
  if (!stats.isCharacterDevice()) return false;
  try {
    devNull ??= statSync("/dev/null").rdev;
  } catch {
    return false;
  }
  return stats.rdev === devNull;
}

/** What kind of special file `stats` is, for a message; null for a regular file or a directory. */
export function specialKind(stats: Stats): string | null {
  if (stats.isFIFO()) return "a named pipe";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (!stats.isFile() && !stats.isDirectory()) return "not a regular file";
  return null;
}

/** A path that is no regular file: the message says what it is (`it is a named pipe`). */
export class NotRegularFile extends Error {
  readonly code = "ENOTREG";
}

export interface OpenOptions {
  /** Allow /dev/null (a log sent nowhere on purpose). */
  devNull?: boolean;
  /** Permissions of a file created. */
  mode?: number;
}

/** open(2) flags for appending, creating the file when missing. */
export const APPEND = constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND;

/** Open `path` with `flags`; throws NotRegularFile for a pipe, socket, device or directory (and any open error as it is). */
export function openRegular(path: string, flags: number, o: OpenOptions = {}): number {
  let fd: number;
  try {
    fd = openSync(path, flags | constants.O_NONBLOCK | constants.O_NOCTTY, o.mode ?? 0o666);
  } catch (e) {
    // A named pipe opened for writing with no reader: ENXIO at once instead of a wait without end.
    if ((e as NodeJS.ErrnoException).code === "ENXIO") {
      const kind = (() => {
        try {
          return specialKind(statSync(path));
        } catch {
          return null;
        }
      })();
      throw new NotRegularFile(`it is ${kind ?? "a special file"}`);
    }
    throw e;
  }
  try {
    const s = fstatSync(fd);
    if (s.isDirectory()) throw Object.assign(new Error("it is a directory"), { code: "EISDIR" });
    const kind = specialKind(s);
    if (kind !== null && !(o.devNull === true && isDevNull(s))) throw new NotRegularFile(`it is ${kind}`);
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  return fd;
}

/** A file larger than a read allows. */
export class TooLarge extends Error {
  readonly code = "ETOOLARGE";
}

/** Read a regular file whole, refusing it past `limit` bytes (never reading more than limit + 1). */
export function readRegular(path: string, limit: number): Buffer {
  const fd = openRegular(path, constants.O_RDONLY);
  try {
    const size = fstatSync(fd).size;
    if (size > limit) throw new TooLarge(`it is ${size} bytes; the limit is ${limit}`);
    // Read to the end, not to the size fstat gave (a file of /proc says 0 and is not empty), never past the bound.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(64 * 1024, limit + 1 - total));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > limit) throw new TooLarge(`it is over ${limit} bytes`);
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}
