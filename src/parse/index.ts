/**
 * The pure parser: text (or bytes) → articles, records and diagnostics.
 */
import { missingLineBreaks } from "../flat-text.js";
import { decodeUnrepaired, mayHoldMojibake, repairLines } from "../decode.js";
import type { Diagnostic } from "../diagnostics.js";
import type { Article, Encoding } from "../schema.js";
import { parseArticle } from "./article.js";
import type { PartLines } from "./parts.js";
import { emptyInput, jsonClose, LOOKS_LIKE_JSON, notAnArticle } from "./input.js";
import { LineTable } from "./line-table.js";
import { splitLines } from "./lines.js";
import { COMPILE_AFTER, compileValidator, INTERPRETED, type RecordValidator, toRecord } from "./record.js";

export { compileValidator, type RecordValidator };
import { segment, type Segments } from "./segment.js";

export interface ParseOptions {
  /** The input's name, kept in each record's origin; null or absent for standard input. */
  file?: string | null;
  /** Turn every warning into an error, refusing the article. */
  strict?: boolean;
  /**
   * How records are validated (the same results either way): compileValidator()'s, made once by a
   * caller parsing many inputs; without one, an input of more than 500 articles compiles its own.
   */
  validator?: RecordValidator;
}

/** One article found in the input: its record (null when refused) and its diagnostics. */
export interface ParsedArticle {
  record: Article | null;
  diagnostics: Diagnostic[];
  startLine: number;
  endLine: number;
  /** Which input lines went to which part. */
  lines: PartLines;
}

export interface ParseResult {
  /** The valid records, in input order. */
  records: Article[];
  /** Every diagnostic, errors and warnings, in input order. */
  diagnostics: Diagnostic[];
  articles: ParsedArticle[];
  encoding: Encoding;
}

/** Whether the text, trimmed, opens and closes like JSON; read from its lines, so no copy is made. */
function looksLikeJson(t: LineTable): boolean {
  const close = jsonClose(t.lines[t.next(0)]);
  if (close === null) return false;
  let k = t.length - 1;
  while (k >= 0 && t.blank(k)) k--;
  const last = t.line(k).trimEnd();
  return last.charAt(last.length - 1) === close;
}

/**
 * The decoding warnings an article carries: how the input was decoded concerns every article (with
 * its line only in the article that holds it), and a mojibake repair the articles it happened in.
 * `repairs` are in line order and articles come in order, so one cursor walks them: linear.
 */
function decodingFor(inherited: Diagnostic[], repairs: Diagnostic[], cursor: { next: number }, from: number, to: number): Diagnostic[] {
  const inside = (x: Diagnostic): boolean => x.line !== null && x.line > from && x.line <= to;
  const out = inherited.map((x) => (x.line === null || inside(x) ? x : { ...x, line: null }));
  while (cursor.next < repairs.length && (repairs[cursor.next]?.line ?? 0) <= from) cursor.next++;
  const repair = repairs[cursor.next];
  if (repair && inside(repair)) out.push(repair);
  return out;
}

/**
 * Where a run of lines sits in its input, for the streaming parser (stream.ts), which parses a
 * feed dump a window of lines at a time: line i of the window is input line `base + i + 1`.
 */
export interface Placement {
  file: string | null;
  strict: boolean;
  encoding: Encoding;
  /** Decoding warnings for every article, and mojibake repairs (their lines counted in the input). */
  inherited: Diagnostic[];
  repairs: Diagnostic[];
  /** Lines of the input before the window. */
  base: number;
  /** Articles of the input before the window. */
  articlesBefore: number;
  /** Whether the input has only one article. */
  only: boolean;
  validator: RecordValidator;
}

/** Parse the first `count` articles that segment() found in the table into `result`. */
export function parseRanges(t: LineTable, { ranges }: Segments, count: number, o: Placement, result: ParseResult): void {
  const { inherited, repairs, base } = o;
  // Most inputs have no decoding warnings: then every article shares the one empty list.
  const none: Diagnostic[] = [];
  const cursor = { next: 0 };
  for (let k = 0; k < count; k++) {
    const [from, to] = ranges[k] as [number, number];
    const parts = parseArticle(t, from, to, base + 1);
    let last = to;
    while (last > from && t.blank(last - 1)) last--;
    let first = from;
    while (first < last && t.blank(first)) first++;
    const ctx = {
      file: o.file,
      article: o.articlesBefore + k + 1,
      only: o.only,
      startLine: base + first + 1,
      endLine: base + Math.max(last, first + 1),
      encoding: o.encoding,
      inherited: inherited.length + repairs.length === 0 ? none : decodingFor(inherited, repairs, cursor, base + from, base + to),
    };
    const { record, diagnostics } = toRecord(parts, ctx, o.strict, o.validator);
    result.articles.push({ record, diagnostics, startLine: ctx.startLine, endLine: ctx.endLine, lines: parts.lines });
    if (record) result.records.push(record);
    // A loop, not push(...diagnostics): spreading 200,000 warnings overflows the call stack.
    for (const d of diagnostics) result.diagnostics.push(d);
  }
}

/** Parse MENAFN-style text or bytes into validated records and diagnostics. No I/O. */
export function parse(input: string | Uint8Array, options: ParseOptions = {}): ParseResult {
  let lines: string[];
  let encoding: Encoding = "utf-8";
  let inherited: Diagnostic[] = [];
  let repairs: Diagnostic[] = [];
  const result: ParseResult = { records: [], diagnostics: [], articles: [], encoding };
  if (typeof input === "string") lines = splitLines(input);
  else {
    const decoded = decodeUnrepaired(input);
    result.encoding = encoding = decoded.encoding;
    inherited = decoded.diagnostics;
    if (inherited.some((x) => x.severity === "error")) {
      result.diagnostics = inherited;
      return result;
    }
    lines = splitLines(decoded.text);
    // Repairing line by line gives decode()'s text without building a second copy of it.
    // Only UTF-8 is checked at the byte level; other encodings always take the line-by-line scan.
    if (encoding !== "utf-8" || mayHoldMojibake(input)) repairs = repairLines(lines, decoded.text);
  }
  return parseLines(new LineTable(lines), options, result, inherited, repairs);
}

/** parse() after decoding: the input's line table into `result`. */
function parseLines(t: LineTable, options: ParseOptions, result: ParseResult, inherited: Diagnostic[], repairs: Diagnostic[]): ParseResult {
  const encoding = result.encoding;
  if (t.next(0) === t.length) {
    result.diagnostics = emptyInput(inherited, repairs);
    return result;
  }
  const flat = looksLikeJson(t) ? LOOKS_LIKE_JSON : missingLineBreaks(t.lines);
  if (flat !== undefined) {
    result.diagnostics = notAnArticle(inherited, repairs, flat);
    return result;
  }
  const segments = segment(t);
  const count = segments.ranges.length;
  const only = count === 1;
  const validator = options.validator ?? (count > COMPILE_AFTER ? compileValidator() : INTERPRETED);
  parseRanges(
    t,
    segments,
    count,
    { file: options.file ?? null, strict: options.strict === true, encoding, inherited, repairs, base: 0, articlesBefore: 0, only, validator },
    result,
  );
  return result;
}
