// Reading one named input whole: a regular file by its size (or left open to be streamed when
// over --max-bytes), a named pipe or device to its end, each refused with a diagnostic.
import { constants as buffers } from "node:buffer";
import { closeSync, constants, createReadStream, fstatSync, openSync, readFileSync, readSync, type Stats, statSync } from "node:fs";
import { error, type Diagnostic } from "../../diagnostics.js";
import { describeError } from "../report/fs-errors.js";

export const MAX_STRING_LENGTH = buffers.MAX_STRING_LENGTH;

type Loaded = { bytes: Uint8Array; info?: Stats } | { problem: Diagnostic; missing: boolean } | { large: true; size: number; fd: number; info?: Stats };

/** Paths that name this process's standard input. */
export const STDIN_NAMES = new Set(["/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"]);

/** Whether a path names a pipe, socket or character device (following links, as /dev/stdin is one). */
export function isStream(path: string): boolean {
  try {
    const info = statSync(path);
    return info.isFIFO() || info.isCharacterDevice() || info.isSocket();
  } catch {
    return false;
  }
}

/** Read a named pipe or device to its end, refusing it once it passes `maxBytes`. */
export async function readStream(path: string, maxBytes: number): Promise<Loaded> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of createReadStream(path)) {
      size += (chunk as Buffer).length;
      // A stream is not read past the limit (it may never end): the size is what was read by then.
      if (size > maxBytes) return { problem: error("INPUT_TOO_LARGE", null, { size, limit: maxBytes }), missing: false };
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    return { problem: error("READ_ERROR", null, { detail: describeError(err) }), missing: false };
  }
  return { bytes: Buffer.concat(chunks) };
}

/**
 * Files up to this size, read `transient`ly, go into one buffer reused from file to file (per
 * thread). A buffer of their own per file was an array buffer per file for V8's young-generation
 * collector to sweep: in a batch of 20,000 files, more of its pauses than the objects it copied.
 */
export const SCRATCH_MAX = 256 * 1024;
let scratch: Buffer | null = null;

/**
 * Read a file, refusing it before reading when it is no regular file or over the size limit.
 * Synchronous on purpose: for the small files of a batch, four plain system calls cost far less
 * main-thread time than the promise API's FileHandle, which was most of a batch's CPU profile
 * (BENCHMARKS.md, measured costs). Parallelism comes from worker threads instead.
 * `transient`: the bytes of a file up to SCRATCH_MAX may sit in the reused buffer, so they are
 * good only until the next transient load; the caller must be done with them before it yields.
 */
export function load(path: string | Buffer, maxBytes: number, keepLarge: boolean, transient = false): Loaded {
  let fd: number;
  try {
    // O_NONBLOCK: opening a named pipe must not hang the batch; regular files ignore it.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { problem: error("READ_ERROR", null, { detail: describeError(err) }), missing: code === "ENOENT" };
  }
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) return { problem: error("READ_ERROR", null, { detail: "it is a directory" }), missing: false };
    if (!info.isFile()) return { problem: error("NOT_A_FILE", null, { kind: info.isFIFO() ? "a named pipe" : "a special file" }), missing: false };
    // Over the limit: streamed article by article, each article then held to the limit, from this
    // descriptor (left open for the stream, which closes it).
    if (info.size > maxBytes) {
      if (!keepLarge) return { large: true, size: info.size, fd: -1 };
      const large = { large: true as const, size: info.size, fd, info };
      fd = -1;
      return large;
    }
    if (info.size > MAX_STRING_LENGTH) {
      return { problem: error("READ_ERROR", null, { detail: `too large to decode in memory (${info.size} bytes)` }), missing: false };
    }
    return { bytes: readKnownSize(fd, info.size, transient && info.size <= SCRATCH_MAX), info };
  } catch (err) {
    return { problem: error("READ_ERROR", null, { detail: describeError(err) }), missing: false };
  } finally {
    if (fd !== -1) closeSync(fd);
  }
}

/**
 * The bytes of an open regular file whose size `fstat` gave: what `readFileSync(fd)` returns, without
 * its own second `fstat` (and Stats object) per file. Like it, it reads up to that size; a size of 0
 * (a file of /proc, which says 0 and is not empty) is read to its end by readFileSync.
 */
function readKnownSize(fd: number, size: number, reuse: boolean): Buffer {
  if (size === 0) return readFileSync(fd);
  let bytes: Buffer;
  if (reuse) {
    if (scratch === null || scratch.length < size) scratch = Buffer.allocUnsafeSlow(Math.max(size, 64 * 1024));
    bytes = scratch.subarray(0, size);
  } else bytes = Buffer.allocUnsafe(size);
  let at = 0;
  while (at < size) {
    const n = readSync(fd, bytes, at, size - at, null);
    if (n === 0) break;
    at += n;
  }
  return at < size ? bytes.subarray(0, at) : bytes;
}
