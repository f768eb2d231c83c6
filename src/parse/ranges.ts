/**
 * What parsing gives (ParseResult, one ParsedArticle per article) and the last step both entry
 * points share: the articles segment() found in a window's line table, parsed, validated and
 * placed in the input (line and article numbers, decoding warnings).
 */
import type { Diagnostic } from "../diagnostics.js";
import type { Article, Encoding } from "../schema.js";
import { parseArticle } from "./article.js";
import type { LineTable } from "./line-table.js";
import type { PartLines } from "./parts.js";
import { type RecordValidator, toRecord } from "./record.js";
import type { Segments } from "./segment.js";

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
 * Where a run of lines sits in its input (windows.ts parses an input a window of lines at a
 * time): line i of the window is input line `base + i + 1`.
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
