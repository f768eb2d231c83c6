/**
 * The pure parser: text (or bytes) → articles, records and diagnostics. parse() settles what only
 * a whole input can tell — its encoding (one invalid UTF-8 byte makes all of it windows-1252) and
 * whether it is JSON (it opens and closes like JSON) — then feeds its text to the one parser
 * driver (windows.ts) a window at a time, as the streaming parser (stream.ts) feeds its chunks.
 */
import { decodeUnrepaired, mayHoldMojibake, repairLines } from "../decode.js";
import type { Diagnostic } from "../diagnostics.js";
import type { Encoding } from "../schema.js";
import { LOOKS_LIKE_JSON, looksLikeJson, notAnArticle } from "./input.js";
import { splitLines } from "./lines.js";
import type { ParseResult } from "./ranges.js";
import { compileValidator, type RecordValidator } from "./record.js";
import { WindowParser } from "./windows.js";

export { compileValidator, type RecordValidator };
export type { ParsedArticle, ParseResult } from "./ranges.js";

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

/** Characters of text a window holds: parse() is fed in windows like a stream (less to hold and collect at once). */
const WINDOW = 64 * 1024;

/** Parse MENAFN-style text or bytes into validated records and diagnostics. No I/O. */
export function parse(input: string | Uint8Array, options: ParseOptions = {}): ParseResult {
  let text: string;
  let encoding: Encoding = "utf-8";
  let inherited: Diagnostic[] = [];
  let repair = false;
  if (typeof input === "string") text = input;
  else {
    const decoded = decodeUnrepaired(input);
    encoding = decoded.encoding;
    inherited = decoded.diagnostics;
    if (inherited.some((x) => x.severity === "error")) return { records: [], diagnostics: inherited, articles: [], encoding };
    text = decoded.text;
    // Only UTF-8 is checked at the byte level; other encodings always take the line-by-line scan.
    repair = encoding !== "utf-8" || mayHoldMojibake(input);
  }
  if (looksLikeJson(text)) {
    // Refused whole: the first mojibake repair goes with the refusal (input.ts).
    const repairs = repair ? repairLines(splitLines(text), text) : [];
    return { records: [], diagnostics: notAnArticle(inherited, repairs, LOOKS_LIKE_JSON), articles: [], encoding };
  }
  const windows = new WindowParser({
    file: options.file ?? null,
    strict: options.strict === true,
    maxArticleBytes: Number.POSITIVE_INFINITY,
    window: WINDOW,
    validator: options.validator,
    encoding,
    inherited,
    repair,
    jsonByOpening: false,
  });
  const result: ParseResult = { records: [], diagnostics: [], articles: [], encoding };
  for (const w of windows.whole(text)) {
    // Loops, not push(...): spreading 200,000 warnings overflows the call stack.
    for (const r of w.records) result.records.push(r);
    for (const d of w.diagnostics) result.diagnostics.push(d);
    for (const a of w.articles) result.articles.push(a);
  }
  return result;
}
