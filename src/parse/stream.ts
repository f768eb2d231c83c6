/**
 * The streaming parser: a feed dump of any size, or standard input, parsed as its bytes arrive,
 * so memory stays bounded. The bytes are decoded chunk by chunk (StreamDecoder) and the text goes
 * to the one parser driver (windows.ts), which yields a window of articles at a time.
 *
 * What differs from parse(), because the input is not seen whole (docs/large-inputs.md): invalid
 * UTF-8 makes the input windows-1252 from its chunk on, not from its start; a NUL byte refuses
 * the rest of the input, not what came before it; an input that opens with "{" or "[" is refused
 * as JSON without reading its end; an article over `maxArticleBytes` is refused
 * (ARTICLE_TOO_LARGE) and the input is skipped up to the next timestamp line; and each window's
 * diagnostics come before its records rather than the whole input's before all of them.
 */
import { type DecodedChunk, StreamDecoder } from "../decode.js";
import type { RecordValidator } from "./record.js";
import { type StreamWindow, WindowParser } from "./windows.js";

export type { StreamWindow } from "./windows.js";

export interface StreamOptions {
  /** The input's name, kept in each record's origin; null for standard input. */
  file?: string | null;
  strict?: boolean;
  /** An article over this many bytes (its lines in UTF-8, with one byte per line break) is refused. */
  maxArticleBytes: number;
  /** Characters of text gathered before segmenting (default 64 Ki): the size of a window. */
  window?: number;
  /** How records are validated (ParseOptions.validator); without one, the stream compiles its own after 500 articles. */
  validator?: RecordValidator;
}

/** Break characters: LF, and CR (alone or before LF). */
const LF = 10;
const CR = 13;

/**
 * Parse a stream of byte chunks; yields one ParseResult per window of articles, in input order,
 * with line and article numbers counted over the whole input.
 */
export async function* parseStream(chunks: AsyncIterable<Uint8Array>, o: StreamOptions): AsyncGenerator<StreamWindow> {
  const parser = new StreamParser(o);
  for await (const chunk of chunks) {
    yield* parser.push(chunk);
    if (parser.done) return;
  }
  yield* parser.finish();
}

/**
 * The streaming parser's state, one per input: push() a chunk of bytes, finish() at the end of the
 * input; each yields the windows it completes.
 */
export class StreamParser {
  private readonly decoder = new StreamDecoder();
  private readonly windows: WindowParser;

  constructor(o: StreamOptions) {
    this.windows = new WindowParser({
      file: o.file ?? null,
      strict: o.strict === true,
      maxArticleBytes: o.maxArticleBytes,
      window: o.window ?? 64 * 1024,
      validator: o.validator,
      encoding: "utf-8",
      repair: true,
      jsonByOpening: true,
    });
  }

  /** Set once the input is refused (the refusal yielded): nothing more is read. */
  get done(): boolean {
    return this.windows.done;
  }

  /** Take a chunk of bytes; yields the windows it completes. */
  *push(chunk: Uint8Array): Generator<StreamWindow> {
    if (this.done) return;
    yield* this.decoded(this.decoder.push(chunk, false), false);
  }

  /** The end of the input: the rest of the windows. */
  *finish(): Generator<StreamWindow> {
    if (this.done) return;
    yield* this.decoded(this.decoder.push(new Uint8Array(0), true), true);
    yield* this.windows.end();
  }

  /** Take a decoded chunk: a refusal ends the input; invalid UTF-8 turns the rest windows-1252. */
  private *decoded(decoded: DecodedChunk, last: boolean): Generator<StreamWindow> {
    const windows = this.windows;
    windows.encoding = this.decoder.encoding;
    if (decoded.refused) {
      yield windows.refusal([decoded.refused]);
      return;
    }
    if (decoded.legacyAt !== undefined) windows.legacyFrom(windows.carry.next + breaksBefore(decoded.text, decoded.legacyAt));
    yield* windows.text(decoded.text, last);
  }
}

/** Line breaks in `text` before `end`: where the first invalid byte's line is, counted from the chunk's first line. */
function breaksBefore(text: string, end: number): number {
  let breaks = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) breaks++;
  }
  return breaks;
}
