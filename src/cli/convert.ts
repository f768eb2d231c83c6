/**
 * Read and parse one input. Everything a batch does per file before output
 * sits behind `convertInput`, so it can later move to a worker pool.
 */
import { constants as buffers } from "node:buffer";
import { closeSync, constants, createReadStream, fstatSync, openSync, readFileSync, statSync } from "node:fs";
import { error, type Diagnostic } from "../diagnostics.js";
import { parse } from "../parse/index.js";
import type { Article } from "../schema.js";
import type { Reported } from "./diagnostic-line.js";
import type { InputEntry } from "./inputs.js";
import { describeError } from "./fs-errors.js";
import { readAll } from "./io.js";
import { overBudget } from "./memory-budget.js";

/** One record and the line its ID sits on (for duplicate reports). */
export interface Converted {
  record: Article;
  line: number;
}

/** What one input gave: its records, its diagnostics, and how many articles it held. */
export interface Result {
  entry: InputEntry;
  records: Converted[];
  /** In input order, each with the article it belongs to (none for problems of the whole input). */
  diagnostics: Reported[];
  articleCount: number;
  /** A named input could not be read (exit 2 rather than 1). */
  io: boolean;
  /** Not converted because its output is up to date (--incremental). */
  skipped: boolean;
  /** For a skipped input: the IDs (and lines) of the records an earlier run wrote. */
  seenIds?: Array<[string, number]>;
}

export interface ConvertOptions {
  maxBytes: number;
  strict: boolean;
  stdin: NodeJS.ReadableStream;
  /** Ctrl-C (or SIGTERM, SIGHUP): abandons a read of standard input. */
  signal?: AbortSignal;
}

const refused = (entry: InputEntry, d: Diagnostic, io = false): Result => ({ entry, records: [], diagnostics: [d], articleCount: 0, io, skipped: false });

/** Read one input and parse it; never throws for I/O problems, which become diagnostics. */
export async function convertInput(entry: InputEntry, o: ConvertOptions): Promise<Result> {
  if (entry.kind === "problem") return refused(entry, entry.diagnostic, entry.named && (entry.diagnostic.code === "NO_MATCH" || entry.diagnostic.code === "READ_ERROR"));
  let bytes: Uint8Array;
  // Standard input by name (/dev/stdin) is read from the stream this process was given: reopening
  // it fails when it is a socket (as under a Node parent) and would lose what a pipe held.
  if (entry.kind === "stdin" || (entry.named && STDIN_NAMES.has(entry.path))) {
    // Standard input has no size to check first: reading stops at --max-bytes + 1.
    const read = await readAll(o.stdin, o.maxBytes, o.signal).catch((err: unknown) => ({ error: err }));
    if ("error" in read) return refused(entry, error("READ_ERROR", null, { detail: describeError(read.error) }), true);
    if ("tooLarge" in read) return refused(entry, error("INPUT_TOO_LARGE", null, { size: read.tooLarge, limit: o.maxBytes }));
    if ("aborted" in read) return refused(entry, error("READ_ERROR", null, { detail: "interrupted before the end of the input" }));
    bytes = read.bytes;
  } else if (entry.kind === "document") bytes = entry.bytes;
  else {
    // A named pipe or device named on the command line (<(cat a.txt)) is read as a stream, opened
    // once: opening a pipe to look at it and then again would lose what a writer had put in it.
    // In a worker the raw name arrives as a plain Uint8Array.
    const loaded =
      entry.named && isStream(entry.path) ? await readStream(entry.path, o.maxBytes) : load(entry.raw ? Buffer.from(entry.raw) : entry.path, o.maxBytes);
    if ("problem" in loaded) {
      const vanished = loaded.problem.code === "READ_ERROR" && loaded.missing && !entry.named;
      return refused(entry, vanished ? error("VANISHED", null) : loaded.problem, entry.named && loaded.problem.code === "READ_ERROR");
    }
    bytes = loaded.bytes;
  }
  // Decoded, these bytes could not be one JavaScript string (V8's limit, ~512 MiB): that input's
  // error, before the decoder tries (and throws, or spends a gigabyte on a failing fallback).
  if (bytes.length > MAX_STRING_LENGTH) {
    return refused(entry, error("READ_ERROR", null, { detail: `too large to decode in memory (${bytes.length} bytes)` }));
  }
  const tooCostly = overBudget(bytes, o.maxBytes);
  if (tooCostly !== null) return refused(entry, error("READ_ERROR", null, { detail: tooCostly }));
  let result: ReturnType<typeof parse>;
  try {
    result = parse(bytes, { file: entry.kind === "stdin" ? null : entry.display, strict: o.strict });
  } catch (err) {
    // V8 cannot hold a string over ~512 MiB (or the heap is exhausted for one input): that input's
    // error, and the batch goes on. Anything else is a bug.
    if (!(err instanceof RangeError) && (err as NodeJS.ErrnoException).code !== "ERR_STRING_TOO_LONG") throw err;
    return refused(entry, error("READ_ERROR", null, { detail: `too large to decode in memory (${bytes.length} bytes)` }));
  }
  const records = result.articles.flatMap((a) => (a.record ? [{ record: a.record, line: a.lines.id[0] ?? a.startLine }] : []));
  // Without articles, the diagnostics are the whole input's; otherwise each article's, numbered.
  const diagnostics: Reported[] =
    result.articles.length === 0 ? result.diagnostics : result.articles.flatMap((a, k) => a.diagnostics.map((d) => ({ ...d, article: k + 1 })));
  return { entry, records, diagnostics, articleCount: result.articles.length, io: false, skipped: false };
}

const MAX_STRING_LENGTH = buffers.MAX_STRING_LENGTH;

type Loaded = { bytes: Uint8Array } | { problem: Diagnostic; missing: boolean };

/** Paths that name this process's standard input. */
const STDIN_NAMES = new Set(["/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"]);

/** Whether a path names a pipe, socket or character device (following links, as /dev/stdin is one). */
function isStream(path: string): boolean {
  try {
    const info = statSync(path);
    return info.isFIFO() || info.isCharacterDevice() || info.isSocket();
  } catch {
    return false;
  }
}

/** Read a named pipe or device to its end, refusing it once it passes `maxBytes`. */
async function readStream(path: string, maxBytes: number): Promise<Loaded> {
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
 * Read a file, refusing it before reading when it is no regular file or over the size limit.
 * Synchronous on purpose: for the small files of a batch, four plain system calls cost far less
 * main-thread time than the promise API's FileHandle, which was most of a batch's CPU profile
 * (BENCHMARKS.md, measured costs). Parallelism comes from worker threads instead.
 */
function load(path: string | Buffer, maxBytes: number): Loaded {
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
    if (info.size > MAX_STRING_LENGTH) {
      return { problem: error("READ_ERROR", null, { detail: `too large to decode in memory (${info.size} bytes)` }), missing: false };
    }
    if (info.size > maxBytes) {
      return { problem: error("INPUT_TOO_LARGE", null, { size: info.size, limit: maxBytes }), missing: false };
    }
    return { bytes: readFileSync(fd) };
  } catch (err) {
    return { problem: error("READ_ERROR", null, { detail: describeError(err) }), missing: false };
  } finally {
    closeSync(fd);
  }
}
