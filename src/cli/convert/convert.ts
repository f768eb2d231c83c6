// src/cli/convert/: one input into records. Reading and parsing (in the main thread or the worker
// pool), rendering a record's bytes, input-order delivery, duplicate IDs across a run, the memory
// budget and V8 heap tuning. Imports inputs/ and report/, never output/.
/**
 * Read and parse one input. Everything a batch does per file before output
 * sits behind `convertInput`, so it can later move to a worker pool.
 */
import { constants as buffers } from "node:buffer";
import { closeSync, constants, createReadStream, fstatSync, openSync, readFileSync, readSync, type Stats, statSync } from "node:fs";
import { error, type Diagnostic } from "../../diagnostics.js";
import { compileValidator, parse, type ParseResult, type RecordValidator } from "../../parse/index.js";
import { parseStream } from "../../parse/stream.js";
import { tuneHeap } from "./heap.js";
import type { Article } from "../../schema.js";
import type { Reported } from "../report/diagnostic-line.js";
import type { InputEntry } from "../inputs/inputs.js";
import { describeError } from "../report/fs-errors.js";
import { overBudget } from "./memory-budget.js";
import { identityOf, type ReadIdentity, sha256 } from "./read-identity.js";

/** One record, the line its ID sits on (for duplicate reports), and its text when a worker rendered it. */
export interface Converted {
  /** The record, or null where a worker thread sent it rendered (`bytes`). */
  record: Article | null;
  id: string | null;
  /** The article's number in its input (record.origin.article). */
  article: number;
  line: number;
  /** The record's output text as UTF-8 bytes, rendered by a worker thread; null from the main thread. */
  bytes: Uint8Array | null;
}

/** The records and diagnostics of one window of a streamed input's articles. */
export interface Part {
  records: Converted[];
  diagnostics: Reported[];
  /** The input could not be read to its end. */
  io?: boolean;
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
  /** For a skipped input: the outputs an earlier run wrote (relative to --out-dir), still its own in this run. */
  seenOutputs?: string[];
  /** A large input (a feed dump, standard input) parsed a window of articles at a time, after `records`. */
  stream?: AsyncIterable<Part>;
  /** Over --max-bytes, so left for the main thread to stream (a worker thread's answer). */
  deferred?: boolean;
  /**
   * A file's identity as it was read, and the hash of the bytes parsed (with `identity` asked
   * for): what its marker or journal entry records. For a streamed input it is complete once
   * the stream has been read to its end.
   */
  identity?: ReadIdentity;
}

export interface ConvertOptions {
  maxBytes: number;
  strict: boolean;
  stdin: NodeJS.ReadableStream;
  /** Ctrl-C (or SIGTERM, SIGHUP): abandons a read of standard input. */
  signal?: AbortSignal;
  /**
   * What to do with a file over --max-bytes: stream it article by article (the default), defer it
   * to the main thread (worker threads), or refuse it with INPUT_TOO_LARGE (`ingest watch`).
   */
  oversize?: "stream" | "defer" | "refuse";
  /** Take each file's identity and hash as it is read (Result.identity): the --out-dir tree's markers and the watch journal need it. */
  identity?: boolean;
  /**
   * Called before a large input is parsed: the records of the inputs before it are written out
   * first, so that whatever happens while it is parsed (an abort of V8 that no estimate foresaw)
   * cannot take them with it.
   */
  beforeLarge?: () => Promise<unknown>;
}

/** Inputs from this size up are "large" (ConvertOptions.beforeLarge). */
const LARGE = 1024 * 1024;

/**
 * Standard input up to this size is parsed whole, as a file is; beyond it, article by article. A
 * file is streamed when it is over --max-bytes, which then limits each article instead.
 */
const STDIN_WHOLE = 8 * 1024 * 1024;
/** Bytes read at a time from a streamed input. */
const STREAM_CHUNK = 256 * 1024;

/**
 * The batch's record validator, per process (each worker thread decides for its own share): zod's
 * schema as it is for the first 500 articles parsed, then one compiled validator, made once
 * (compiling costs more than a short run's whole validation; BENCHMARKS.md). The results are the
 * same either way.
 */
const validation: { articles: number; compiled: RecordValidator | undefined } = { articles: 0, compiled: undefined };
function batchValidator(): RecordValidator | undefined {
  if (validation.compiled === undefined && validation.articles > 500) validation.compiled = compileValidator();
  return validation.compiled;
}

const refused = (entry: InputEntry, d: Diagnostic, io = false): Result => ({ entry, records: [], diagnostics: [d], articleCount: 0, io, skipped: false });

/** Read one input and parse it; never throws for I/O problems, which become diagnostics. */
export async function convertInput(entry: InputEntry, o: ConvertOptions): Promise<Result> {
  if (entry.kind === "problem")
    return refused(entry, entry.diagnostic, entry.named && (entry.diagnostic.code === "NO_MATCH" || entry.diagnostic.code === "READ_ERROR"));
  let bytes: Uint8Array;
  let identity: ReadIdentity | undefined;
  // Standard input by name (/dev/stdin) is read from the stream this process was given: reopening
  // it fails when it is a socket (as under a Node parent) and would lose what a pipe held.
  if (entry.kind === "stdin" || (entry.named && STDIN_NAMES.has(entry.path))) {
    // Standard input has no size to check first: up to STDIN_WHOLE it is parsed whole, beyond it
    // article by article (so an endless input is read with bounded memory, and stops at Ctrl-C).
    const read = await readUpTo(o.stdin, STDIN_WHOLE, o.signal).catch((err: unknown) => ({ error: err }));
    if ("error" in read) return refused(entry, error("READ_ERROR", null, { detail: describeError(read.error) }), true);
    if ("aborted" in read) return refused(entry, error("READ_ERROR", null, { detail: "interrupted before the end of the input" }));
    if (read.rest !== null) return streamed(entry, read.bytes, read.rest, null, o, o.stdin);
    bytes = read.bytes;
  } else if (entry.kind === "document") bytes = entry.bytes;
  else {
    // A named pipe or device named on the command line (<(cat a.txt)) is read as a stream, opened
    // once: opening a pipe to look at it and then again would lose what a writer had put in it.
    // In a worker the raw name arrives as a plain Uint8Array.
    const readAt = Date.now();
    const loaded =
      entry.named && isStream(entry.path)
        ? await readStream(entry.path, o.maxBytes)
        : load(entry.raw ? Buffer.from(entry.raw) : entry.path, o.maxBytes, o.oversize === "stream" || o.oversize === undefined);
    if ("problem" in loaded) {
      const vanished = loaded.problem.code === "READ_ERROR" && loaded.missing && !entry.named;
      return refused(entry, vanished ? error("VANISHED", null) : loaded.problem, entry.named && loaded.problem.code === "READ_ERROR");
    }
    if ("large" in loaded) {
      if (o.oversize === "defer") return { entry, records: [], diagnostics: [], articleCount: 0, io: false, skipped: false, deferred: true };
      // Refused whole only by `ingest watch`, whose limit is --max-input-bytes.
      if (o.oversize === "refuse") return refused(entry, error("INPUT_TOO_LARGE", null, { size: loaded.size, limit: o.maxBytes, flag: "--max-input-bytes" }));
      // Streamed from the descriptor whose stat is the identity: the file read is the file vouched for.
      const input = createReadStream("", { fd: loaded.fd, highWaterMark: STREAM_CHUNK });
      const identity = o.identity === true && loaded.info !== undefined ? streamIdentity(loaded.info, readAt) : undefined;
      return streamed(entry, new Uint8Array(0), input[Symbol.asyncIterator](), entry.display, o, input, identity);
    }
    bytes = loaded.bytes;
    if (o.identity === true && loaded.info !== undefined) identity = identityOf(loaded.info, bytes, readAt);
  }
  // Decoded, these bytes could not be one JavaScript string (V8's limit, ~512 MiB): that input's
  // error, before the decoder tries (and throws, or spends a gigabyte on a failing fallback).
  if (bytes.length > MAX_STRING_LENGTH) {
    return refused(entry, error("READ_ERROR", null, { detail: `too large to decode in memory (${bytes.length} bytes)` }));
  }
  if (bytes.length >= LARGE) await o.beforeLarge?.();
  const tooCostly = overBudget(bytes, o.maxBytes);
  if (tooCostly !== null) return { ...refused(entry, error("READ_ERROR", null, { detail: tooCostly })), identity };
  let result: ReturnType<typeof parse>;
  try {
    result = parse(bytes, { file: entry.kind === "stdin" ? null : entry.display, strict: o.strict, validator: batchValidator() });
  } catch (err) {
    // V8 cannot hold a string over ~512 MiB (or the heap is exhausted for one input): that input's
    // error, and the batch goes on. Anything else is a bug.
    if (!(err instanceof RangeError) && (err as NodeJS.ErrnoException).code !== "ERR_STRING_TOO_LONG") throw err;
    return { ...refused(entry, error("READ_ERROR", null, { detail: `too large to decode in memory (${bytes.length} bytes)` })), identity };
  }
  validation.articles += result.articles.length;
  return { entry, records: converted(result), diagnostics: numbered(result, 1), articleCount: result.articles.length, io: false, skipped: false, identity };
}

/** The records of a parse, with the line each one's ID sits on. */
function converted(result: ParseResult): Converted[] {
  const records: Converted[] = [];
  for (const a of result.articles) {
    if (a.record) records.push({ record: a.record, id: a.record.id, article: a.record.origin.article, line: a.lines.id[0] ?? a.startLine, bytes: null });
  }
  return records;
}

/** Without articles, the diagnostics are the whole input's; otherwise each article's, numbered from `first`. */
function numbered(result: ParseResult, first: number): Reported[] {
  if (result.articles.length === 0) return result.diagnostics;
  // A loop, not flatMap: an array per article and a closure per call, for one or two diagnostics.
  const out: Reported[] = [];
  const articles = result.articles;
  for (let k = 0; k < articles.length; k++) {
    for (const d of (articles[k] as (typeof articles)[number]).diagnostics) out.push({ ...d, article: first + k });
  }
  return out;
}

type Chunks = AsyncIterator<Buffer | string>;

/** Read up to `limit` bytes of a stream: all of it (rest null), or the bytes so far and the rest to come. */
async function readUpTo(
  stream: NodeJS.ReadableStream,
  limit: number,
  signal?: AbortSignal,
): Promise<{ bytes: Uint8Array; rest: Chunks | null } | { aborted: true }> {
  const chunks: Buffer[] = [];
  let size = 0;
  const it = stream[Symbol.asyncIterator]() as Chunks;
  // Ctrl-C destroys the stream, which settles a read in progress even on an open, silent input.
  // (Not Promise.race against an abort promise: each race left a reaction on it that held its chunk.)
  const stop = (): void => void (stream as { destroy?: () => void }).destroy?.();
  signal?.addEventListener("abort", stop, { once: true });
  try {
    while (size < limit) {
      if (signal?.aborted) return { aborted: true };
      const next = await it.next().catch((err: unknown) => {
        if (signal?.aborted) return { done: true as const, value: undefined };
        throw err;
      });
      if (signal?.aborted) return { aborted: true };
      if (next.done === true) return { bytes: Buffer.concat(chunks), rest: null };
      const chunk = typeof next.value === "string" ? Buffer.from(next.value) : next.value;
      chunks.push(chunk);
      size += chunk.length;
    }
  } finally {
    signal?.removeEventListener("abort", stop);
  }
  return { bytes: Buffer.concat(chunks), rest: it };
}

/**
 * A large input parsed article by article (src/parse/stream.ts): `head` (bytes already read),
 * then the rest. Memory stays bounded whatever the input's size; --max-bytes limits each article.
 * Reading stops at Ctrl-C, and the stream is closed when parsing stops early (a refusal).
 */
function streamed(
  entry: InputEntry,
  head: Uint8Array,
  it: Chunks,
  file: string | null,
  o: ConvertOptions,
  input: NodeJS.ReadableStream,
  identity?: StreamIdentity,
): Result {
  const stop = (): void => void (input as { destroy?: () => void }).destroy?.();
  const source = async function* (): AsyncGenerator<Uint8Array> {
    try {
      // In chunks like the rest: the parser takes a window of text from each chunk it is given.
      for (let at = 0; at < head.length; at += STREAM_CHUNK) yield head.subarray(at, at + STREAM_CHUNK);
      // Not held for the rest of the input (standard input's first 8 MiB).
      head = new Uint8Array(0);
      // Ctrl-C destroys the input, which ends the reading even while it is open but silent.
      o.signal?.addEventListener("abort", stop, { once: true });
      while (o.signal?.aborted !== true) {
        const next = await it.next().catch((err: unknown) => {
          if (o.signal?.aborted) return { done: true as const, value: undefined };
          throw err;
        });
        if (o.signal?.aborted) return;
        if (next.done === true) {
          identity?.end();
          return;
        }
        const chunk = typeof next.value === "string" ? Buffer.from(next.value) : next.value;
        identity?.add(chunk);
        yield chunk;
      }
    } finally {
      o.signal?.removeEventListener("abort", stop);
      // Not awaited: a read in progress on an open input would hold it.
      void it.return?.();
    }
  };
  const parts = async function* (): AsyncGenerator<Part> {
    tuneHeap("stream");
    try {
      for await (const r of parseStream(source(), { file, strict: o.strict, maxArticleBytes: o.maxBytes })) {
        yield { records: converted(r), diagnostics: numbered(r, r.firstArticle) };
      }
    } catch (err) {
      yield { records: [], diagnostics: [error("READ_ERROR", null, { detail: describeError(err) })], io: true };
    }
  };
  // How many articles is not known ahead: more than one, for the --out file names.
  return { entry, records: [], diagnostics: [], articleCount: 2, io: false, skipped: false, stream: parts(), identity: identity?.value };
}

/** The identity of a streamed file, filled in as its chunks are read; complete only at its end. */
interface StreamIdentity {
  value: ReadIdentity;
  add(chunk: Uint8Array): void;
  end(): void;
}

function streamIdentity(info: Stats, readAt: number): StreamIdentity {
  const hash = sha256();
  const value: ReadIdentity = { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino, dev: info.dev, read: 0, hash: "", complete: false, readAt };
  return {
    value,
    add(chunk) {
      hash.update(chunk);
      value.read += chunk.length;
    },
    end() {
      value.hash = hash.digest("hex");
      value.complete = value.read === value.size;
    },
  };
}

const MAX_STRING_LENGTH = buffers.MAX_STRING_LENGTH;

type Loaded = { bytes: Uint8Array; info?: Stats } | { problem: Diagnostic; missing: boolean } | { large: true; size: number; fd: number; info?: Stats };

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
function load(path: string | Buffer, maxBytes: number, keepLarge: boolean): Loaded {
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
    return { bytes: readKnownSize(fd, info.size), info };
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
function readKnownSize(fd: number, size: number): Buffer {
  if (size === 0) return readFileSync(fd);
  const bytes = Buffer.allocUnsafe(size);
  let at = 0;
  while (at < size) {
    const n = readSync(fd, bytes, at, size - at, null);
    if (n === 0) break;
    at += n;
  }
  return at < size ? bytes.subarray(0, at) : bytes;
}
