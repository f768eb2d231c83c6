// What converting one input gives: its records (with their ID lines), its diagnostics, whole or as
// a stream of parts; and the options a conversion takes.
import type { ParseResult } from "../../parse/index.js";
import type { Article } from "../../schema.js";
import type { Reported } from "../report/diagnostic-line.js";
import type { InputEntry } from "../inputs/inputs.js";
import type { ReadIdentity } from "./read-identity.js";

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

/** The records of a parse, with the line each one's ID sits on. */
export function converted(result: ParseResult): Converted[] {
  const records: Converted[] = [];
  for (const a of result.articles) {
    if (a.record) records.push({ record: a.record, id: a.record.id, article: a.record.origin.article, line: a.lines.id[0] ?? a.startLine, bytes: null });
  }
  return records;
}

/** Without articles, the diagnostics are the whole input's; otherwise each article's, numbered from `first`. */
export function numbered(result: ParseResult, first: number): Reported[] {
  if (result.articles.length === 0) return result.diagnostics;
  // A loop, not flatMap: an array per article and a closure per call, for one or two diagnostics.
  const out: Reported[] = [];
  const articles = result.articles;
  for (let k = 0; k < articles.length; k++) {
    for (const d of (articles[k] as (typeof articles)[number]).diagnostics) out.push({ ...d, article: first + k });
  }
  return out;
}
