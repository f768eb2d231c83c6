/**
 * Article parts → a validated record, or the errors that refuse it.
 */
import { error, warning, type Diagnostic } from "../diagnostics.js";
import { compile, validate } from "zod/mini";
import { articleSchema, issuePath, type Article, type Encoding } from "../schema.js";
import { isCreditLike } from "./credit.js";
import { matchDateline } from "./dateline.js";
import { detectLanguage } from "./language.js";
import type { ArticleParts } from "./parts.js";

export interface RecordContext {
  file: string | null;
  article: number;
  startLine: number;
  endLine: number;
  encoding: Encoding;
  /** Whether this is the input's only article (whole-input errors then carry no line). */
  only: boolean;
  /** Input-level warnings (decoding) that the record carries. */
  inherited: Diagnostic[];
}

const DAY_MS = 86_400_000;

/**
 * How records are validated: zod's record schema as it is, or compiled ahead of time. The compiled
 * fast path validates a record faster, with the same result and messages (it falls back to the
 * runtime parser on failure), but compiling costs more than a short run's whole validation
 * (BENCHMARKS.md). The caller chooses: parse() compiles one for an input of more than
 * COMPILE_AFTER articles; a caller parsing many small inputs makes one with compileValidator()
 * and passes it in (ParseOptions.validator). Nothing is remembered between calls.
 */
export interface RecordValidator {
  readonly schema: typeof articleSchema;
}

/** Inputs with more articles than this get a compiled validator of their own. */
export const COMPILE_AFTER = 500;

/** The schema as it is: no set-up cost. */
export const INTERPRETED: RecordValidator = Object.freeze({ schema: articleSchema });

/** A compiled validator, to pass to parse() and parseStream() for many records. */
export const compileValidator = (): RecordValidator => ({ schema: compile(articleSchema) });

/** The white space that separates words: space, LF, tab, CR, form feed and NBSP (1), by UTF-16 code unit. */
const SPACE = new Uint8Array(0x10000);
for (const c of [32, 10, 9, 13, 12, 0xa0]) SPACE[c] = 1;

/** Words in text: runs of non-white-space characters. */
export function countWords(text: string): number {
  // A table lookup and integer arithmetic, no branch per character: every body goes through here.
  let words = 0;
  let before = 1; // whether the character before is white space (the start counts as such)
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const space = SPACE[text.charCodeAt(i)] as number;
    words += before & ~space; // a word starts where white space is followed by anything else
    before = space;
  }
  return words;
}

/** Extras by line: the parts set lines aside in the order they parse, nearly always already sorted. */
function inLineOrder(extras: Array<{ line: number; text: string }>): Array<{ line: number; text: string }> {
  for (let i = 1; i < extras.length; i++) {
    if ((extras[i]?.line ?? 0) < (extras[i - 1]?.line ?? 0)) return [...extras].sort((a, b) => a.line - b.line);
  }
  return extras;
}

const lineOrder = (a: Diagnostic, b: Diagnostic): number => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER);

/**
 * Days since 1970-01-01 of a YYYY-MM-DD date, by arithmetic (days from civil): Date.parse was a
 * few microseconds an article. Anything else goes through Date.parse as before.
 */
function dayNumber(date: string): number {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return Date.parse(date) / DAY_MS;
  const y0 = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const leap = y0 % 4 === 0 && (y0 % 100 !== 0 || y0 % 400 === 0);
  const monthDays = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  // Not a real date (Date.parse gives NaN, and no mismatch is reported), or not digits: as before.
  if (!Number.isInteger(y0) || !Number.isInteger(m) || !Number.isInteger(d) || m < 1 || m > 12 || d < 1 || d > monthDays) return Date.parse(date) / DAY_MS;
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The diagnostics every article gets from what is missing or inconsistent. */
function crossChecks(p: ArticleParts, out: Diagnostic[]): void {
  const tsDate = p.timestamp?.date ?? null;
  const idDate = p.id?.date ?? null;
  if (tsDate && idDate) {
    const days = Math.round(Math.abs(dayNumber(tsDate) - dayNumber(idDate)));
    if (days > 1) {
      out.push(warning("TIMESTAMP_ID_DATE_MISMATCH", p.lines.id[0] ?? null, { timestampDate: tsDate, idDate, days }));
    }
  }
  if (p.timestamp === null) out.push(warning("MISSING_TIMESTAMP", null));
  if (p.id === null) out.push(warning("MISSING_ID", null));
  // The heading line is always recorded, so no disclaimer lines means no disclaimer at all.
  if (p.lines.disclaimer.length === 0) out.push(warning("MISSING_DISCLAIMER", null));
}

/** Why a text with no MENAFN marker is no article: what it holds, and what is missing. */
function notAnArticle(p: ArticleParts): string {
  const l = p.lines;
  const n = (l.headline === null ? 0 : 1) + l.credit.length + l.body.length + l.extras.length - l.split.length;
  const found = [`${n} line${n === 1 ? "" : "s"} of text`];
  if (p.clues.unclosedTag !== null) found.push(`a source tag that never closes on line ${p.clues.unclosedTag}`);
  if (p.clues.tagFragment !== null) found.push(`a source tag without its opening parenthesis on line ${p.clues.tagFragment}`);
  const tag = found.length > 1 ? "a complete (MENAFN) source tag" : "a (MENAFN) source tag";
  return `found ${found.join(" and ")}; missing a timestamp or publication line, ${tag}, an ID line and a disclaimer`;
}

/** Whether anything marks the text as MENAFN-style. */
function hasMarker(p: ArticleParts): boolean {
  return (
    p.timestamp !== null || p.lines.tag !== null || p.clues.tag !== null || p.lines.id.length > 0 || p.lines.footer.length > 0 || p.lines.disclaimer.length > 0
  );
}

/** A paragraph or title that ends like a sentence: `.`, `!` or `?`, perhaps inside a closing quote or bracket. */
const SENTENCE_END = /[.!?]["”’)]?$/;
/** Without any mark, the lead must be a full sentence of this many words, and the next paragraph of this many. */
const LEAD_WORDS = 15;
const NEXT_WORDS = 8;

/** A line that ends like a dateline's separator (`KUWAIT, Nov 12 (KUNA) --`, `Doha:`) opens a lead; it is no title. */
const SEPARATOR_END = /(?:-|–|—|:)$/;

/**
 * Whether an unmarked text's first line can be its title: not a sentence (a short first sentence
 * is the lead), not a dateline alone on its line (`KUWAIT, Nov 12 (KUNA) --`, or one with a date
 * or an agency), not a byline (`By Jane Doe`).
 */
function isUnmarkedTitle(title: string): boolean {
  if (SENTENCE_END.test(title) || SEPARATOR_END.test(title)) return false;
  if (title.startsWith("By ") && isCreditLike(title)) return false;
  const dateline = matchDateline(`${title} x`);
  return dateline === null || (dateline.date === null && dateline.agency === null);
}

/**
 * Why a text with none of MENAFN's marks still reads as an article, or null: a title line (not a
 * sentence: a short sentence over the text is its lead) over a lead that opens with a wire dateline
 * naming an agency, or over several paragraphs of prose. Body paragraphs alone have no title line
 * (parseArticle found none) and stay refused.
 */
function unmarkedEvidence(p: ArticleParts): string | null {
  if (p.headline === null || !isUnmarkedTitle(p.headline)) return null;
  const [lead, next] = p.paragraphs;
  if (lead === undefined) return null;
  if (matchDateline(lead)?.agency != null) return "a wire dateline";
  if (next === undefined || !SENTENCE_END.test(lead) || !SENTENCE_END.test(next)) return null;
  return countWords(lead) >= LEAD_WORDS && countWords(next) >= NEXT_WORDS ? `${p.paragraphs.length} paragraphs of prose` : null;
}

/** Turn parts into a record; with `strict`, any warning refuses it. */
export function toRecord(
  p: ArticleParts,
  ctx: RecordContext,
  strict: boolean,
  validator: RecordValidator = INTERPRETED,
): { record: Article | null; diagnostics: Diagnostic[] } {
  // The parts are not used after this: without inherited warnings (nearly always) their list is reused.
  const diagnostics = ctx.inherited.length === 0 ? p.diagnostics : [...ctx.inherited, ...p.diagnostics];
  if (!hasMarker(p)) {
    const evidence = unmarkedEvidence(p);
    if (evidence === null) {
      // Not an article at all: its own part-by-part diagnostics (a missing headline) would only be noise.
      const line = ctx.only ? null : ctx.startLine;
      return { record: null, diagnostics: [...ctx.inherited, error("NOT_AN_ARTICLE", line, { detail: notAnArticle(p) })] };
    }
    diagnostics.push(warning("UNMARKED_ARTICLE", null, { evidence }));
  }
  const refused = diagnostics.some((x) => x.severity === "error");
  if (!refused) {
    if (p.headline !== null && p.paragraphs.length === 0) {
      diagnostics.push(error("MISSING_BODY", p.lines.headline));
    }
    crossChecks(p, diagnostics);
  }
  diagnostics.sort(lineOrder);
  const final = strict ? diagnostics.map((x) => ({ ...x, severity: "error" as const })) : diagnostics;
  if (final.some((x) => x.severity === "error") || p.headline === null) return { record: null, diagnostics: final };
  const body = p.paragraphs.join("\n\n");
  const candidate = {
    headline: p.headline,
    timestamp: p.timestamp?.iso ?? null,
    source: p.source,
    body,
    id: p.id?.id ?? null,
    disclaimer: p.disclaimer,
    warnings: final.map(({ code, message, line }) => ({ code, message, line })),
    extras: inLineOrder(p.extras),
    timestampText: p.timestamp?.text ?? null,
    idDate: p.id?.date ?? null,
    articleNumber: p.id?.articleNumber ?? null,
    credit: p.credit,
    dateline: p.paragraphs.length > 0 ? matchDateline(p.paragraphs[0] ?? "") : null,
    endMarker: p.endMarker,
    paragraphCount: p.paragraphs.length,
    wordCount: countWords(body),
    language: detectLanguage(body),
    encoding: ctx.encoding,
    origin: { file: ctx.file, article: ctx.article, startLine: ctx.startLine, endLine: ctx.endLine },
  };
  // The candidate is built fresh in the schema's key order with no transforms, so zod's parsed copy
  // would equal it: validate it (the compiled assert-only path, no copy) and keep it; only a
  // rejected one is parsed again, for the issues.
  const schema = validator.schema;
  if (validate(schema, candidate)) return { record: candidate, diagnostics: final };
  const checked = schema.safeParse(candidate);
  if (checked.success) return { record: checked.data, diagnostics: final };
  const detail = checked.error.issues.map((x) => `${issuePath(x.path)}: ${x.message}`).join("; ");
  return { record: null, diagnostics: [...final, error("INVALID_RECORD", ctx.startLine, { detail })] };
}
