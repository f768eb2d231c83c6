/**
 * The streaming parser: a feed dump of any size, or standard input, parsed a window of lines at a
 * time, so memory stays bounded (a window, and the one article that straddles its end).
 *
 * A window is cut only at the start of an article that segment() has settled: one with at least
 * MARGIN non-blank lines after it, more than any decision of segment() looks ahead. Since the
 * segmenter's state at an article's start is always the same, every window is segmented, and
 * every article parsed, exactly as in a whole-input parse(); line and article numbers count from
 * the start of the input. What differs, because the input is not seen whole (README, "Large
 * inputs"): invalid UTF-8 makes the input windows-1252 from its chunk on, not from its start; a
 * NUL byte refuses the rest of the input, not what came before it; an input that opens with "{"
 * or "[" is refused as JSON without reading its end; an article over `maxArticleBytes` is refused
 * (ARTICLE_TOO_LARGE) and the input is skipped up to the next timestamp line; and each window's
 * diagnostics come before its records rather than the whole input's before all of them.
 */
import { type DecodedChunk, repairLines, StreamDecoder } from "../decode.js";
import { missingLineBreaks } from "../flat-text.js";
import type { Encoding } from "../schema.js";
import { MOJIBAKE_LEAD } from "../mojibake.js";
import { error, warning, type Diagnostic } from "../diagnostics.js";
import { emptyInput, jsonClose, LOOKS_LIKE_JSON, notAnArticle } from "./input.js";
import { parseRanges, type ParseResult } from "./index.js";
import { noPartLines } from "./parts.js";
import { COMPILE_AFTER, compileValidator, INTERPRETED, type RecordValidator } from "./record.js";
import { LineTable } from "./line-table.js";
import { dropBom, isBlank, nextNonBlank, splitBody } from "./lines.js";
import { matchTimestamp, maybeTimestamp } from "./patterns.js";
import { segment } from "./segment.js";

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

/** Non-blank lines that must follow an article's start before the window may be cut there. */
const MARGIN = 4;

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
 * The streaming parser's state, one per input, with the steps that change it: push() a chunk of
 * bytes, finish() at the end of the input; each yields the windows it completes.
 */
export class StreamParser {
  private readonly file: string | null;
  private readonly strict: boolean;
  private readonly windowSize: number;
  private readonly maxArticleBytes: number;
  private readonly decoder = new StreamDecoder();
  /** Set once the input is refused (the refusal yielded): nothing more is read. */
  done = false;
  /** Complete lines not yet parsed; carry[0] is input line base + 1. */
  private carry: string[] = [];
  private carryChars = 0;
  /** The text after the last line break so far (a line not known to be complete). */
  private partial = "";
  private base = 0;
  private articlesBefore = 0;
  private validator: RecordValidator;
  private readonly ownValidator: boolean;
  private repairs: Diagnostic[] = [];
  private inherited: Diagnostic[] = [];
  private sawContent = false;
  /** The input line where invalid UTF-8 switched the rest to windows-1252, or null. */
  private legacyLine: number | null = null;
  private atStart = true;
  private first = true;
  /** After a window with no settled cut, the next try waits for the carry to double. */
  private drainAt: number;
  /** Skipping an article over the size limit, up to the next timestamp line. */
  private skipping = false;
  /** Dropping the rest of a line over the size limit, up to its break. */
  private dropping = false;

  constructor(o: StreamOptions) {
    this.file = o.file ?? null;
    this.strict = o.strict === true;
    this.windowSize = o.window ?? 64 * 1024;
    this.maxArticleBytes = o.maxArticleBytes;
    this.drainAt = this.windowSize;
    this.validator = o.validator ?? INTERPRETED;
    this.ownValidator = o.validator === undefined;
  }

  /** Take a chunk of bytes; yields the windows it completes. */
  *push(chunk: Uint8Array): Generator<StreamWindow> {
    if (this.done) return;
    if (yield* this.afterDecode(this.decoder.push(chunk, false), false)) return;
    if (this.partial.length > this.maxArticleBytes) {
      yield* this.overlongLine();
      return;
    }
    if (this.carryChars >= this.drainAt) {
      const result = this.drain(false);
      if (result) yield result;
    }
  }

  /** The end of the input: the rest of the windows. */
  *finish(): Generator<StreamWindow> {
    if (this.done) return;
    if (yield* this.afterDecode(this.decoder.push(new Uint8Array(0), true), true)) return;
    const result = this.drain(true);
    if (result) yield result;
    if (!this.sawContent) {
      const empty = this.newResult();
      empty.diagnostics = emptyInput(this.inherited, this.repairs);
      yield empty;
    }
  }

  private newResult(): StreamWindow {
    return { records: [], diagnostics: [], articles: [], encoding: this.decoder.encoding, firstArticle: this.articlesBefore + 1 };
  }

  /**
   * A line longer than an article may be: the articles before it go first, then the one holding
   * the line is refused and the line dropped up to its break.
   */
  private *overlongLine(): Generator<StreamWindow> {
    const settledPart = this.drain(false, true);
    if (settledPart) yield settledPart;
    const refused = this.newResult();
    const carry = this.carry;
    // The size counts the long line read so far, which the message names (not only the lines before it).
    const longLine = this.base + carry.length + 1;
    const first = carry.length > 0 ? this.base + Math.min(nextNonBlank(carry, 0, carry.length), carry.length - 1) + 1 : longLine;
    this.refuse(refused, first, longLine, bytesOf(carry, 0, carry.length) + bytesOf([this.partial], 0, 1) - 1, longLine);
    this.base += carry.length;
    this.carry = [];
    this.carryChars = 0;
    this.partial = "";
    this.dropping = true;
    this.skipping = true;
    this.sawContent = true;
    yield refused;
  }

  /** Add complete lines (their first is input line base + carry.length + 1); `mojibake`: they may hold some. */
  private addLines(lines: string[], mojibake: boolean): void {
    let from = 0;
    if (this.skipping) {
      while (from < lines.length && !opensArticle(lines[from] ?? "")) from++;
      this.base += from;
      if (from === lines.length) return;
      this.skipping = false;
    }
    const carry = this.carry;
    const at = carry.length;
    for (let i = from; i < lines.length; i++) {
      const line = lines[i] ?? "";
      carry.push(line);
      this.carryChars += line.length + 1;
      if (!this.sawContent && !isBlank(line)) this.sawContent = true;
    }
    // Mojibake repairs line by line, numbered in the input.
    if (!mojibake) return;
    const added = carry.slice(at);
    const found = repairLines(added);
    for (let i = 0; i < added.length; i++) carry[at + i] = added[i] ?? "";
    for (const r of found) this.repairs.push({ ...r, line: (r.line ?? 0) + this.base + at });
  }

  /** The rest of a line over the limit, dropped up to its line break: the text after it, or null when it goes on. */
  private afterDropped(text: string): string | null {
    const lf = text.indexOf("\n");
    const cr = text.indexOf("\r");
    const at = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
    if (at < 0) return null;
    this.dropping = false;
    this.base++;
    return text.slice(at + (text.charCodeAt(at) === CR && text.charCodeAt(at + 1) === LF ? 2 : 1));
  }

  /** Split decoded text into lines after `partial`; the text after the last break stays partial. */
  private addText(input: string, last: boolean): void {
    let text = input;
    if (this.dropping) {
      const rest = this.afterDropped(text);
      if (rest === null) return;
      text = rest;
    }
    const known = this.partial.length;
    let all = this.partial + text;
    if (this.atStart && all.length > 0) {
      this.atStart = false;
      all = dropBom(all);
    }
    const end = last ? all.length : completeEnd(all, known);
    this.partial = all.slice(end);
    if (end === 0) return;
    const body = all.slice(0, end);
    const lines = splitBody(body);
    // One search of the text instead of one per line: most text has no possible mojibake lead.
    this.addLines(lines, MOJIBAKE_LEAD.test(body));
  }

  /** Blank lines only so far: nothing to segment; they still count for line numbers. */
  private skipBlank(): void {
    this.base += this.carry.length;
    this.carry = [];
    this.carryChars = 0;
  }

  /** Parse the settled articles of the carry (all of them when `last`); a result, or null when none. */
  private drain(last: boolean, allButLast = false): StreamWindow | null {
    if (this.carry.length === 0) return null;
    if (!this.sawContent) {
      this.skipBlank();
      return null;
    }
    if (last && this.articlesBefore === 0) {
      // Nothing parsed yet at the end: the whole input is here, and may be one flattened article.
      const flat = missingLineBreaks(this.carry, this.base);
      if (flat !== undefined) return this.refusedWhole(flat);
    }
    const table = new LineTable(this.carry);
    const segments = segment(table);
    const count = allButLast ? segments.ranges.length - 1 : last ? segments.ranges.length : settledCount(this.carry, segments.ranges);
    if (count === 0) return last || allButLast ? null : this.firstTooLarge(segments.ranges);
    const result = this.newResult();
    this.parseSettled(table, segments.ranges, count, last, result);
    this.drainAt = this.windowSize;
    this.dropParsed(count < segments.ranges.length ? (segments.ranges[count] as [number, number])[0] : this.carry.length);
    return result;
  }

  /**
   * One article so far: refused once it outgrows the limit, and skipped to the next timestamp line.
   * The first article ends where the next one starts, if one is in sight (not settled yet).
   */
  private firstTooLarge(ranges: Array<[number, number]>): StreamWindow | null {
    const next = ranges.length > 1 ? (ranges[1] as [number, number])[0] : this.carry.length;
    if (!this.isTooLarge([0, next])) {
      this.drainAt = 2 * this.carryChars;
      return null;
    }
    // Skipped up to that start, else to the next timestamp line.
    const result = this.newResult();
    this.tooLarge(result, 0, next);
    this.base += next;
    this.carry = this.carry.slice(next);
    this.carryChars = 0;
    for (const line of this.carry) this.carryChars += line.length + 1;
    this.skipping = this.carry.length === 0;
    return result;
  }

  /** Articles over the limit are refused one by one; the others are parsed in runs of one encoding. */
  private parseSettled(table: LineTable, ranges: Array<[number, number]>, count: number, last: boolean, result: StreamWindow): void {
    const only = last && this.articlesBefore === 0 && count === 1;
    const legacyAt = this.legacyLine;
    const isLegacy = (k: number): boolean => legacyAt !== null && this.base + (ranges[k] as [number, number])[1] >= legacyAt;
    let k = 0;
    while (k < count) {
      let j = k;
      const legacy = isLegacy(k);
      while (j < count && !this.isTooLarge(ranges[j] as [number, number]) && isLegacy(j) === legacy) j++;
      if (j > k) {
        const encoding = legacyAt === null ? this.decoder.encoding : legacy ? "windows-1252" : "utf-8";
        this.parseRun(table, ranges.slice(k, j), { encoding, legacy, only }, result);
      }
      if (j < count && this.isTooLarge(ranges[j] as [number, number])) {
        const [a, b] = ranges[j] as [number, number];
        this.tooLarge(result, a, b);
        j++;
      }
      k = j;
    }
  }

  /** Parse a run of articles of one encoding, none over the limit. */
  private parseRun(table: LineTable, run: Array<[number, number]>, how: { encoding: Encoding; legacy: boolean; only: boolean }, result: StreamWindow): void {
    const offset = (run[0] as [number, number])[0];
    const lines = offset === 0 ? table : new LineTable(this.carry.slice(offset, (run[run.length - 1] as [number, number])[1]));
    const ranges = offset === 0 ? run : run.map(([a, b]): [number, number] => [a - offset, b - offset]);
    if (this.ownValidator && this.validator === INTERPRETED && this.articlesBefore + run.length > COMPILE_AFTER) this.validator = compileValidator();
    parseRanges(
      lines,
      { ranges },
      run.length,
      {
        file: this.file,
        strict: this.strict,
        encoding: how.encoding,
        inherited: how.legacy ? this.inherited : [],
        repairs: this.repairs,
        base: this.base + offset,
        articlesBefore: this.articlesBefore,
        only: how.only,
        validator: this.validator,
      },
      result,
    );
    this.articlesBefore += run.length;
  }

  /** The carry after the window cut at `cut`: the lines before it are parsed. */
  private dropParsed(cut: number): void {
    this.carry = this.carry.slice(cut);
    this.carryChars = 0;
    for (const line of this.carry) this.carryChars += line.length + 1;
    this.base += cut;
    const base = this.base;
    this.repairs = this.repairs.filter((r) => (r.line ?? 0) > base);
    // A legacy-decoding warning names its line only in the article holding it; later ones get none.
    this.inherited = this.inherited.map((d) => (d.line !== null && d.line <= base ? { ...d, line: null } : d));
  }

  private isTooLarge([a, b]: [number, number]): boolean {
    let chars = 0;
    for (let i = a; i < b; i++) chars += (this.carry[i] ?? "").length + 1;
    return chars > this.maxArticleBytes / 3 && bytesOf(this.carry, a, b) > this.maxArticleBytes;
  }

  private tooLarge(result: ParseResult, a: number, b: number): void {
    const start = nextNonBlank(this.carry, a, b);
    this.refuse(result, this.base + Math.min(start, b - 1) + 1, this.base + b, bytesOf(this.carry, a, b));
  }

  /** An article over the limit: refused, as an article of its own (no record, one error). */
  private refuse(result: ParseResult, startLine: number, endLine: number, size: number, longLine?: number): void {
    const limit = this.maxArticleBytes;
    const d = error("ARTICLE_TOO_LARGE", startLine, longLine === undefined ? { size, limit } : { size, limit, longLine });
    result.diagnostics.push(d);
    result.articles.push({ record: null, diagnostics: [d], startLine, endLine: Math.max(startLine, endLine), lines: noPartLines() });
    this.articlesBefore++;
  }

  /** The input refused whole, as not an article (`detail` says why): nothing more is read. */
  private refusedWhole(detail: string): StreamWindow {
    const refused = this.newResult();
    refused.diagnostics = notAnArticle(this.inherited, this.repairs, detail);
    this.done = true;
    return refused;
  }

  /** The line holding the first invalid byte, where the rest of the input turns windows-1252. */
  private legacyFrom(decoded: DecodedChunk): void {
    // The line holding the first invalid byte: lines so far, and the breaks before it in this chunk.
    const before = decoded.text.slice(0, decoded.legacyAt);
    let breaks = 0;
    for (let i = 0; i < before.length; i++) {
      const c = before.charCodeAt(i);
      if (c === LF || (c === CR && before.charCodeAt(i + 1) !== LF)) breaks++;
    }
    const line = this.base + this.carry.length + breaks + 1;
    this.inherited = [...this.inherited, warning("DECODED_LEGACY", line, { encoding: "windows-1252" })];
    this.legacyLine = line;
  }

  /** Whether the input's first non-blank character says JSON (checked once, when content first arrives). */
  private opensAsJson(): boolean {
    if (!this.first || !this.sawContent) return false;
    this.first = false;
    return jsonClose(this.carry.find((l) => !isBlank(l))) !== null;
  }

  /** Take a decoded chunk; true when the input is refused (the refusal is yielded). */
  private *afterDecode(decoded: DecodedChunk, last: boolean): Generator<StreamWindow, boolean> {
    if (decoded.refused) {
      const refused = this.newResult();
      refused.diagnostics = [decoded.refused];
      this.done = true;
      yield refused;
      return true;
    }
    if (decoded.legacyAt !== undefined) this.legacyFrom(decoded);
    // A chunk's text is taken a window at a time, its settled articles parsed after each: what is
    // held at once is a window's lines and records, not a whole chunk's (BENCHMARKS.md, "Streaming").
    const text = decoded.text;
    for (let at = 0; ; ) {
      const end = Math.min(text.length, at + this.windowSize);
      this.addText(end - at === text.length ? text : text.slice(at, end), last && end === text.length);
      if (this.opensAsJson()) {
        yield this.refusedWhole(LOOKS_LIKE_JSON);
        return true;
      }
      at = end;
      if (at >= text.length) return false;
      if (this.carryChars >= this.drainAt) {
        const result = this.drain(false);
        if (result) yield result;
      }
    }
  }
}

/**
 * Where the complete lines of `all` end: after the last break that is surely complete (a CR at the
 * very end may be half of CRLF). The first `known` characters (the partial line before) hold no
 * break but perhaps a CR at their end: only the new text is searched.
 */
function completeEnd(all: string, known: number): number {
  const stop = Math.max(0, known - 1);
  let k = all.length - 1;
  if (k >= 0 && all.charCodeAt(k) === CR) k--;
  while (k >= stop && all.charCodeAt(k) !== LF && all.charCodeAt(k) !== CR) k--;
  return k >= stop ? k + 1 : 0;
}

/** How many articles are settled: all before the last whose start has MARGIN non-blank lines after it (the window is cut there). */
function settledCount(carry: string[], ranges: Array<[number, number]>): number {
  for (let k = ranges.length - 1; k > 0; k--) if (settled(carry, (ranges[k] as [number, number])[0])) return k;
  return 0;
}

/** One window's articles; they are numbered from `firstArticle` in the input. */
export interface StreamWindow extends ParseResult {
  firstArticle: number;
}

/** Whether an article starting at `start` has MARGIN non-blank lines after it in `lines`. */
function settled(lines: string[], start: number): boolean {
  let seen = 0;
  for (let i = start + 1; i < lines.length; i++) if (!isBlank(lines[i] ?? "") && ++seen >= MARGIN) return true;
  return false;
}

/** UTF-8 bytes of lines [a, b), one per line break. */
function bytesOf(lines: string[], a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b; i++) {
    const line = lines[i] ?? "";
    n += line.length + 1;
    // Two bytes for U+0080–U+07FF, three above (a surrogate pair: 2 + 2 = 4).
    for (let k = 0; k < line.length; k++) {
      const c = line.charCodeAt(k);
      if (c >= 0x80) n += c < 0x800 ? 1 : c >= 0xd800 && c <= 0xdfff ? 1 : 2;
    }
  }
  return n;
}

/** Where to pick up after a skipped article: a timestamp line. */
function opensArticle(line: string): boolean {
  return maybeTimestamp(line) && matchTimestamp(line) !== null;
}
