/**
 * The one parser driver: decoded text in, one ParseResult per window of articles out, in input
 * order, with line and article numbers counted over the whole input. parse() feeds it an input's
 * whole text (index.ts); the streaming parser feeds it each chunk as it is decoded (stream.ts).
 *
 * A window is cut only at the start of an article that segment() has settled: one with at least
 * MARGIN non-blank lines after it, more than any decision of segment() looks ahead. Since the
 * segmenter's state at an article's start is always the same, every window is segmented, and
 * every article parsed, exactly as if the input were one window; memory holds a window and the
 * one article that straddles its end. An article over `maxArticleBytes` is refused
 * (ARTICLE_TOO_LARGE) and the input is skipped up to the next timestamp line.
 */
import { warning, type Diagnostic } from "../diagnostics.js";
import { missingLineBreaks } from "../flat-text.js";
import type { Encoding } from "../schema.js";
import { LineCarry } from "./carry.js";
import { emptyInput, jsonClose, LOOKS_LIKE_JSON, notAnArticle } from "./input.js";
import { LineTable } from "./line-table.js";
import { isBlank, nextNonBlank } from "./lines.js";
import { bytesOf, overLimit, refuseTooLarge } from "./limit.js";
import { parseRanges, type ParseResult } from "./ranges.js";
import { COMPILE_AFTER, compileValidator, INTERPRETED, type RecordValidator } from "./record.js";
import { segment } from "./segment.js";

/** One window's articles; they are numbered from `firstArticle` in the input. */
export interface StreamWindow extends ParseResult {
  firstArticle: number;
}

export interface WindowOptions {
  file: string | null;
  strict: boolean;
  /** An article over this many bytes (its lines in UTF-8, with one byte per line break) is refused. */
  maxArticleBytes: number;
  /** Characters of text gathered before segmenting: the size of a window. */
  window: number;
  /** How records are validated; without one, the parser compiles its own after COMPILE_AFTER articles. */
  validator?: RecordValidator | undefined;
  /** What the text was decoded from. */
  encoding: Encoding;
  /** Decoding warnings for every article: parse()'s decision on its whole input (DECODED_LEGACY). */
  inherited?: Diagnostic[];
  /** Whether the text may hold mojibake to repair. */
  repair: boolean;
  /** Refuse JSON by the input's opening, as a stream must; parse() decided it from the whole input. */
  jsonByOpening: boolean;
}

/** Non-blank lines that must follow an article's start before the window may be cut there. */
const MARGIN = 4;

type Range = [number, number];

export class WindowParser {
  /** What the text is decoded from; the stream's decoder may change it (invalid UTF-8). */
  encoding: Encoding;
  /** Set once the input is refused (the refusal yielded): nothing more is read. */
  done = false;
  readonly carry: LineCarry;
  private readonly o: WindowOptions;
  private articlesBefore = 0;
  private validator: RecordValidator;
  private inherited: Diagnostic[];
  /** The input line where invalid UTF-8 switched the rest of a stream to windows-1252, or null. */
  private legacyLine: number | null = null;
  private first = true;
  /** After a window with no settled cut, the next try waits for the carry to double. */
  private drainAt: number;

  constructor(o: WindowOptions) {
    this.o = o;
    this.encoding = o.encoding;
    this.carry = new LineCarry(o.repair);
    this.validator = o.validator ?? INTERPRETED;
    this.inherited = o.inherited ?? [];
    this.drainAt = o.window;
  }

  /** A whole input's text: cut into windows at line feeds, with no partial line to carry. */
  *whole(text: string): Generator<StreamWindow> {
    const size = this.o.window;
    for (let at = 0; at < text.length; ) {
      const lf = at + size >= text.length ? -1 : text.indexOf("\n", at + size);
      const end = lf < 0 ? text.length : lf + 1;
      this.carry.add(at === 0 && end === text.length ? text : text.slice(at, end), end === text.length);
      at = end;
      if (at < text.length && this.carry.chars >= this.drainAt) {
        const result = this.drain(false);
        if (result) yield result;
      }
    }
    yield* this.end();
  }

  /** Decoded text of a stream (`last`: the end of the input), taken a window at a time. */
  *text(text: string, last: boolean): Generator<StreamWindow> {
    // What is held at once is a window's lines and records, not a whole chunk's (BENCHMARKS.md, "Streaming").
    for (let at = 0; ; ) {
      const end = Math.min(text.length, at + this.o.window);
      this.carry.add(end - at === text.length ? text : text.slice(at, end), last && end === text.length);
      if (this.opensAsJson()) {
        yield this.refusal(notAnArticle(this.inherited, this.carry.repairs, LOOKS_LIKE_JSON));
        return;
      }
      at = end;
      if (at >= text.length) break;
      if (this.carry.chars >= this.drainAt) yield* this.settledPart();
    }
    if (last) return;
    if (this.carry.partial.length > this.o.maxArticleBytes) yield* this.overlongLine();
    else if (this.carry.chars >= this.drainAt) yield* this.settledPart();
  }

  /** The end of the input: the rest of the articles; an input of blank lines only is refused. */
  *end(): Generator<StreamWindow> {
    if (this.done) return;
    const result = this.drain(true);
    if (result) yield result;
    if (!this.carry.sawContent) yield this.refusal(emptyInput(this.inherited, this.carry.repairs));
  }

  /** The input refused whole, with these diagnostics: nothing more is read. */
  refusal(diagnostics: Diagnostic[]): StreamWindow {
    const refused = this.newResult();
    refused.diagnostics = diagnostics;
    this.done = true;
    return refused;
  }

  /** Invalid UTF-8 at input line `line`: the articles from there on are windows-1252. */
  legacyFrom(line: number): void {
    this.inherited = [...this.inherited, warning("DECODED_LEGACY", line, { encoding: "windows-1252" })];
    this.legacyLine = line;
  }

  private newResult(): StreamWindow {
    return { records: [], diagnostics: [], articles: [], encoding: this.encoding, firstArticle: this.articlesBefore + 1 };
  }

  private *settledPart(): Generator<StreamWindow> {
    const result = this.drain(false);
    if (result) yield result;
  }

  /** Whether the input's first non-blank character says JSON (checked once, when content first arrives). */
  private opensAsJson(): boolean {
    if (!this.o.jsonByOpening || !this.first || !this.carry.sawContent) return false;
    this.first = false;
    return jsonClose(this.carry.lines.find((l) => !isBlank(l))) !== null;
  }

  /**
   * A line longer than an article may be: the articles before it go first, then the one holding
   * the line is refused and the line dropped up to its break.
   */
  private *overlongLine(): Generator<StreamWindow> {
    const settledPart = this.drain(false, true);
    if (settledPart) yield settledPart;
    const refused = this.newResult();
    const { lines, base, partial } = this.carry;
    // The size counts the long line read so far, which the message names (not only the lines before it).
    const longLine = base + lines.length + 1;
    const first = lines.length > 0 ? base + Math.min(nextNonBlank(lines, 0, lines.length), lines.length - 1) + 1 : longLine;
    this.refuse(refused, first, longLine, bytesOf(lines, 0, lines.length) + bytesOf([partial], 0, 1) - 1, longLine);
    this.carry.dropLongLine();
    yield refused;
  }

  /** Parse the settled articles of the carry (all of them when `last`); a result, or null when none. */
  private drain(last: boolean, allButLast = false): StreamWindow | null {
    const carry = this.carry;
    if (carry.lines.length === 0) return null;
    if (!carry.sawContent) {
      // Blank lines only so far: nothing to segment; they still count for line numbers.
      carry.cut(carry.lines.length);
      return null;
    }
    if (last && this.articlesBefore === 0) {
      // Nothing parsed yet at the end: the whole input is here, and may be one flattened article.
      const flat = missingLineBreaks(carry.lines, carry.base);
      if (flat !== undefined) return this.refusal(notAnArticle(this.inherited, carry.repairs, flat));
    }
    const table = new LineTable(carry.lines);
    const { ranges } = segment(table);
    const count = allButLast ? ranges.length - 1 : last ? ranges.length : settledCount(carry.lines, ranges);
    if (count === 0) return last || allButLast ? null : this.firstTooLarge(ranges);
    const result = this.newResult();
    this.parseSettled(table, ranges, count, last, result);
    this.drainAt = this.o.window;
    this.dropParsed(count < ranges.length ? (ranges[count] as Range)[0] : carry.lines.length);
    return result;
  }

  /**
   * One article so far: refused once it outgrows the limit, and skipped to the next timestamp line.
   * The first article ends where the next one starts, if one is in sight (not settled yet).
   */
  private firstTooLarge(ranges: Range[]): StreamWindow | null {
    const carry = this.carry;
    const next = ranges.length > 1 ? (ranges[1] as Range)[0] : carry.lines.length;
    if (!this.isTooLarge([0, next])) {
      this.drainAt = 2 * carry.chars;
      return null;
    }
    // Skipped up to that start, else to the next timestamp line.
    const result = this.newResult();
    this.tooLarge(result, 0, next);
    carry.cut(next);
    carry.skipping = carry.lines.length === 0;
    return result;
  }

  /** Articles over the limit are refused one by one; the others are parsed in runs of one encoding. */
  private parseSettled(table: LineTable, ranges: Range[], count: number, last: boolean, result: StreamWindow): void {
    const only = last && this.articlesBefore === 0 && count === 1;
    const legacyAt = this.legacyLine;
    const base = this.carry.base;
    const isLegacy = (k: number): boolean => legacyAt !== null && base + (ranges[k] as Range)[1] >= legacyAt;
    let k = 0;
    while (k < count) {
      let j = k;
      const legacy = isLegacy(k);
      while (j < count && !this.isTooLarge(ranges[j] as Range) && isLegacy(j) === legacy) j++;
      if (j > k) {
        const encoding = legacyAt === null ? this.encoding : legacy ? "windows-1252" : "utf-8";
        this.parseRun(table, ranges.slice(k, j), { encoding, inherit: legacyAt === null || legacy, only }, result);
      }
      if (j < count && this.isTooLarge(ranges[j] as Range)) {
        const [a, b] = ranges[j] as Range;
        this.tooLarge(result, a, b);
        j++;
      }
      k = j;
    }
  }

  /** Parse a run of articles of one encoding, none over the limit. */
  private parseRun(table: LineTable, run: Range[], how: { encoding: Encoding; inherit: boolean; only: boolean }, result: StreamWindow): void {
    const offset = (run[0] as Range)[0];
    const lines = offset === 0 ? table : new LineTable(this.carry.lines.slice(offset, (run[run.length - 1] as Range)[1]));
    const ranges = offset === 0 ? run : run.map(([a, b]): Range => [a - offset, b - offset]);
    const o = this.o;
    if (o.validator === undefined && this.validator === INTERPRETED && this.articlesBefore + run.length > COMPILE_AFTER) this.validator = compileValidator();
    const placement = {
      file: o.file,
      strict: o.strict,
      encoding: how.encoding,
      inherited: how.inherit ? this.inherited : [],
      repairs: this.carry.repairs,
      base: this.carry.base + offset,
      articlesBefore: this.articlesBefore,
      only: how.only,
      validator: this.validator,
    };
    parseRanges(lines, { ranges }, run.length, placement, result);
    this.articlesBefore += run.length;
  }

  /** The carry after the window cut at `cut`: the lines before it are parsed. */
  private dropParsed(cut: number): void {
    this.carry.cut(cut);
    const base = this.carry.base;
    // A legacy-decoding warning names its line only in the article holding it; later ones get none.
    this.inherited = this.inherited.map((d) => (d.line !== null && d.line <= base ? { ...d, line: null } : d));
  }

  private isTooLarge([a, b]: Range): boolean {
    return overLimit(this.carry.lines, a, b, this.o.maxArticleBytes);
  }

  private tooLarge(result: ParseResult, a: number, b: number): void {
    const { lines, base } = this.carry;
    const start = nextNonBlank(lines, a, b);
    this.refuse(result, base + Math.min(start, b - 1) + 1, base + b, bytesOf(lines, a, b));
  }

  /** An article over the limit: refused, as an article of its own (no record, one error). */
  private refuse(result: ParseResult, startLine: number, endLine: number, size: number, longLine?: number): void {
    refuseTooLarge(result, { startLine, endLine }, size, this.o.maxArticleBytes, longLine);
    this.articlesBefore++;
  }
}

/** How many articles are settled: all before the last whose start has MARGIN non-blank lines after it (the window is cut there). */
function settledCount(lines: string[], ranges: Range[]): number {
  for (let k = ranges.length - 1; k > 0; k--) if (settled(lines, (ranges[k] as Range)[0])) return k;
  return 0;
}

/** Whether an article starting at `start` has MARGIN non-blank lines after it in `lines`. */
function settled(lines: string[], start: number): boolean {
  let seen = 0;
  for (let i = start + 1; i < lines.length; i++) if (!isBlank(lines[i] ?? "") && ++seen >= MARGIN) return true;
  return false;
}
