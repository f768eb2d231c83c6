/**
 * Read and parse one input. Everything a batch does per file before output
 * sits behind `convertInput`, so it can later move to a worker pool.
 */
import { closeSync, constants, createReadStream, fstatSync, openSync, readFileSync } from "node:fs";
import { error, type Diagnostic } from "../diagnostics.js";
import { parse, type ParseResult } from "../parse/index.js";
import { parseStream } from "../parse/stream.js";
import type { Article } from "../schema.js";
import type { InputEntry } from "./inputs.js";
import { describeError } from "./fs-errors.js";

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
  diagnostics: Diagnostic[];
  /** The input could not be read to its end. */
  io?: boolean;
}

/** What one input gave: its records, its diagnostics, and how many articles it held. */
export interface Result {
  entry: InputEntry;
  records: Converted[];
  diagnostics: Diagnostic[];
  articleCount: number;
  /** A named input could not be read (exit 2 rather than 1). */
  io: boolean;
  /** Not converted because its output is up to date (--incremental). */
  skipped: boolean;
  /** A large input (a feed dump, standard input) parsed a window of articles at a time, after `records`. */
  stream?: AsyncIterable<Part>;
  /** Over --max-bytes, so left for the main thread to stream (a worker thread's answer). */
  deferred?: boolean;
}

export interface ConvertOptions {
  maxBytes: number;
  strict: boolean;
  stdin: NodeJS.ReadableStream;
  /** Whether a large input may be streamed here (false in worker threads, which defer it to the main thread). */
  stream?: boolean;
}

/**
 * Standard input up to this size is parsed whole, as a file is; beyond it, article by article. A
 * file is streamed when it is over --max-bytes, which then limits each article instead.
 */
const STDIN_WHOLE = 8 * 1024 * 1024;
/** Bytes read at a time from a streamed file. */
const STREAM_CHUNK = 256 * 1024;

const refused = (entry: InputEntry, d: Diagnostic, io = false): Result => ({ entry, records: [], diagnostics: [d], articleCount: 0, io, skipped: false });

/** Read one input and parse it; never throws for I/O problems, which become diagnostics. */
export async function convertInput(entry: InputEntry, o: ConvertOptions): Promise<Result> {
  if (entry.kind === "problem") return refused(entry, entry.diagnostic, entry.named && entry.diagnostic.code === "NO_MATCH");
  let bytes: Uint8Array;
  if (entry.kind === "stdin") {
    const head = await readUpTo(o.stdin, STDIN_WHOLE);
    if (head.rest !== null) return streamed(entry, head.bytes, head.rest, null, o);
    bytes = head.bytes;
  } else {
    const loaded = load(entry.path, o.maxBytes);
    if ("problem" in loaded) {
      const vanished = loaded.problem.code === "READ_ERROR" && loaded.missing && !entry.named;
      return refused(entry, vanished ? error("VANISHED", null) : loaded.problem, entry.named && loaded.problem.code === "READ_ERROR");
    }
    if ("large" in loaded) {
      if (o.stream === false) return { entry, records: [], diagnostics: [], articleCount: 0, io: false, skipped: false, deferred: true };
      return streamed(entry, new Uint8Array(0), createReadStream(entry.path, { highWaterMark: STREAM_CHUNK }), entry.display, o);
    }
    bytes = loaded.bytes;
  }
  const result = parse(bytes, { file: entry.kind === "stdin" ? null : entry.display, strict: o.strict });
  return { entry, records: converted(result), diagnostics: result.diagnostics, articleCount: result.articles.length, io: false, skipped: false };
}

/** The records of a parse, with the line each one's ID sits on. */
function converted(result: ParseResult): Converted[] {
  const records: Converted[] = [];
  for (const a of result.articles) {
    if (a.record) records.push({ record: a.record, id: a.record.id, article: a.record.origin.article, line: a.lines.id[0] ?? a.startLine, bytes: null });
  }
  return records;
}

/** Read up to `limit` bytes of a stream: all of it (rest null), or the bytes so far and the rest to come. */
async function readUpTo(stream: NodeJS.ReadableStream, limit: number): Promise<{ bytes: Uint8Array; rest: AsyncIterator<Buffer | string> | null }> {
  const chunks: Buffer[] = [];
  let size = 0;
  const it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  while (size < limit) {
    const next = await it.next();
    if (next.done === true) return { bytes: Buffer.concat(chunks), rest: null };
    const chunk = typeof next.value === "string" ? Buffer.from(next.value) : next.value;
    chunks.push(chunk);
    size += chunk.length;
  }
  return { bytes: Buffer.concat(chunks), rest: it };
}

/**
 * A large input parsed article by article (src/parse/stream.ts): `head` (bytes already read),
 * then the rest. Memory stays bounded whatever the input's size; --max-bytes limits each article.
 */
function streamed(entry: InputEntry, head: Uint8Array, rest: AsyncIterator<Buffer | string> | AsyncIterable<Buffer | string>, file: string | null, o: ConvertOptions): Result {
  const it = Symbol.asyncIterator in rest ? rest[Symbol.asyncIterator]() : rest;
  const source = async function* (): AsyncGenerator<Uint8Array> {
    // In chunks like the rest: the parser takes a window of text from each chunk it is given.
    for (let at = 0; at < head.length; at += STREAM_CHUNK) yield head.subarray(at, at + STREAM_CHUNK);
    for (;;) {
      const next = await it.next();
      if (next.done === true) return;
      yield typeof next.value === "string" ? Buffer.from(next.value) : next.value;
    }
  };
  const parts = async function* (): AsyncGenerator<Part> {
    try {
      for await (const r of parseStream(source(), { file, strict: o.strict, maxArticleBytes: o.maxBytes })) {
        yield { records: converted(r), diagnostics: r.diagnostics };
      }
    } catch (err) {
      yield { records: [], diagnostics: [error("READ_ERROR", null, { detail: describeError(err) })], io: true };
    }
  };
  // How many articles is not known ahead: more than one, for the --out file names.
  return { entry, records: [], diagnostics: [], articleCount: 2, io: false, skipped: false, stream: parts() };
}

type Loaded = { bytes: Uint8Array } | { problem: Diagnostic; missing: boolean } | { large: true };

/**
 * Read a file, refusing it before reading when it is no regular file; one over the size limit is
 * left to be streamed.
 * Synchronous on purpose: for the small files of a batch, four plain system calls cost a few
 * microseconds, where the promise API's FileHandle costs ~100 µs of main-thread time per file
 * (measured: 55% of a batch's CPU profile). Parallelism comes from worker threads instead.
 */
function load(path: string, maxBytes: number): Loaded {
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
    // Over the limit: streamed article by article, each article then held to the limit.
    if (info.size > maxBytes) return { large: true };
    return { bytes: readFileSync(fd) };
  } catch (err) {
    return { problem: error("READ_ERROR", null, { detail: describeError(err) }), missing: false };
  } finally {
    closeSync(fd);
  }
}
