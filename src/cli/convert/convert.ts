// src/cli/convert/: one input into records. Reading and parsing (in the main thread or the worker
// pool), rendering a record's bytes, input-order delivery, duplicate IDs across a run, the memory
// budget and V8 heap tuning. Imports inputs/ and report/, never output/.
/**
 * Read and parse one input. Everything a batch does per file before output
 * sits behind `convertInput`, so it can later move to a worker pool.
 */
import { createReadStream } from "node:fs";
import { error, type Diagnostic } from "../../diagnostics.js";
import { compileValidator, parse, type RecordValidator } from "../../parse/index.js";
import type { InputEntry } from "../inputs/inputs.js";
import { describeError } from "../report/fs-errors.js";
import { overBudget } from "./memory-budget.js";
import { identityOf, type ReadIdentity } from "./read-identity.js";
import { isStream, load, MAX_STRING_LENGTH, readStream, STDIN_NAMES } from "./read-input.js";
import { type ConvertOptions, converted, numbered, type Result } from "./result.js";
import { readUpTo, STREAM_CHUNK, streamed, streamIdentity } from "./streamed.js";

export type { Converted, ConvertOptions, Part, Result } from "./result.js";

/** Inputs from this size up are "large" (ConvertOptions.beforeLarge). */
const LARGE = 1024 * 1024;

/**
 * Standard input up to this size is parsed whole, as a file is; beyond it, article by article. A
 * file is streamed when it is over --max-bytes, which then limits each article instead.
 */
const STDIN_WHOLE = 8 * 1024 * 1024;

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

type FileEntry = Extract<InputEntry, { kind: "file" }>;

/** Read one input and parse it; never throws for I/O problems, which become diagnostics. */
export async function convertInput(entry: InputEntry, o: ConvertOptions): Promise<Result> {
  if (entry.kind === "problem")
    return refused(entry, entry.diagnostic, entry.named && (entry.diagnostic.code === "NO_MATCH" || entry.diagnostic.code === "READ_ERROR"));
  if (entry.kind === "document") return parseBytes(entry, entry.bytes, undefined, o);
  // Standard input by name (/dev/stdin) is read from the stream this process was given: reopening
  // it fails when it is a socket (as under a Node parent) and would lose what a pipe held.
  if (entry.kind === "stdin" || (entry.named && STDIN_NAMES.has(entry.path))) return convertStdin(entry, o);
  return convertFile(entry, o);
}

/**
 * Standard input has no size to check first: up to STDIN_WHOLE it is parsed whole, beyond it
 * article by article (so an endless input is read with bounded memory, and stops at Ctrl-C).
 */
async function convertStdin(entry: InputEntry, o: ConvertOptions): Promise<Result> {
  const read = await readUpTo(o.stdin, STDIN_WHOLE, o.signal).catch((err: unknown) => ({ error: err }));
  if ("error" in read) return refused(entry, error("READ_ERROR", null, { detail: describeError(read.error) }), true);
  if ("aborted" in read) return refused(entry, error("READ_ERROR", null, { detail: "interrupted before the end of the input" }));
  if (read.rest !== null) return streamed(entry, read.bytes, read.rest, null, o, o.stdin);
  return parseBytes(entry, read.bytes, undefined, o);
}

/**
 * A file: read whole and parsed, or (over --max-bytes) streamed, deferred or refused. A named pipe
 * or device named on the command line (<(cat a.txt)) is read as a stream, opened once: opening a
 * pipe to look at it and then again would lose what a writer had put in it. In a worker the raw
 * name arrives as a plain Uint8Array.
 */
async function convertFile(entry: FileEntry, o: ConvertOptions): Promise<Result> {
  const readAt = Date.now();
  const loaded =
    entry.named && isStream(entry.path)
      ? await readStream(entry.path, o.maxBytes)
      : // Transient: these bytes are parsed below before anything yields (parseBytes awaits only from LARGE, over SCRATCH_MAX).
        load(entry.raw ? Buffer.from(entry.raw) : entry.path, o.maxBytes, o.oversize === "stream" || o.oversize === undefined, true);
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
  const identity = o.identity === true && loaded.info !== undefined ? identityOf(loaded.info, loaded.bytes, readAt) : undefined;
  return parseBytes(entry, loaded.bytes, identity, o);
}

/** Parse an input read whole (`identity`: what was read of its file, when asked). */
async function parseBytes(entry: InputEntry, bytes: Uint8Array, identity: ReadIdentity | undefined, o: ConvertOptions): Promise<Result> {
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
    result = parse(bytes, { file: entry.kind === "stdin" ? null : entry.display, validator: batchValidator() });
  } catch (err) {
    // V8 cannot hold a string over ~512 MiB (or the heap is exhausted for one input): that input's
    // error, and the batch goes on. Anything else is a bug.
    if (!(err instanceof RangeError) && (err as NodeJS.ErrnoException).code !== "ERR_STRING_TOO_LONG") throw err;
    return { ...refused(entry, error("READ_ERROR", null, { detail: `too large to decode in memory (${bytes.length} bytes)` })), identity };
  }
  validation.articles += result.articles.length;
  return { entry, records: converted(result), diagnostics: numbered(result, 1), articleCount: result.articles.length, io: false, skipped: false, identity };
}
