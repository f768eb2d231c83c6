/**
 * Read and parse one input. Everything a batch does per file before output
 * sits behind `convertInput`, so it can later move to a worker pool.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs";
import { error, type Diagnostic } from "../diagnostics.js";
import { parse } from "../parse/index.js";
import type { Article } from "../schema.js";
import type { InputEntry } from "./inputs.js";
import { describeError } from "./fs-errors.js";
import { readAll } from "./io.js";

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
}

export interface ConvertOptions {
  maxBytes: number;
  strict: boolean;
  stdin: NodeJS.ReadableStream;
}

const refused = (entry: InputEntry, d: Diagnostic, io = false): Result => ({ entry, records: [], diagnostics: [d], articleCount: 0, io, skipped: false });

/** Read one input and parse it; never throws for I/O problems, which become diagnostics. */
export async function convertInput(entry: InputEntry, o: ConvertOptions): Promise<Result> {
  if (entry.kind === "problem") return refused(entry, entry.diagnostic, entry.named && entry.diagnostic.code === "NO_MATCH");
  let bytes: Uint8Array;
  if (entry.kind === "stdin") bytes = await readAll(o.stdin);
  else {
    const loaded = load(entry.path, o.maxBytes);
    if ("problem" in loaded) {
      const vanished = loaded.problem.code === "READ_ERROR" && loaded.missing && !entry.named;
      return refused(entry, vanished ? error("VANISHED", null) : loaded.problem, entry.named && loaded.problem.code === "READ_ERROR");
    }
    bytes = loaded.bytes;
  }
  const result = parse(bytes, { file: entry.kind === "stdin" ? null : entry.display, strict: o.strict });
  const records: Converted[] = [];
  for (const a of result.articles) {
    if (a.record) records.push({ record: a.record, id: a.record.id, article: a.record.origin.article, line: a.lines.id[0] ?? a.startLine, bytes: null });
  }
  return { entry, records, diagnostics: result.diagnostics, articleCount: result.articles.length, io: false, skipped: false };
}

type Loaded = { bytes: Uint8Array } | { problem: Diagnostic; missing: boolean };

/**
 * Read a file, refusing it before reading when it is no regular file or over the size limit.
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
