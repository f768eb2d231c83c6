/**
 * Diagnostics are data: a stable code, a severity, a line and a message.
 * The wording of every code lives here, in one table, so that the parser and
 * the CLI only ever name a code and its arguments.
 */

export type Severity = "error" | "warning";

/** Every wording, keyed by code; the type of `a` declares the arguments the code takes (see `ArgsOf`). */
const MESSAGES = {
  // Whole-input problems (always errors).
  EMPTY_INPUT: () => "the input is empty or holds only white space",
  BINARY_INPUT: (a: { detail: string }) => `the input looks binary (${a.detail}), not text`,
  // The wrong kind of file, named by its first bytes (src/sniff.ts), each with what to do instead.
  HTML_INPUT: (a: { kind: string }) =>
    `the input is ${a.kind}, not text: open the page in a browser, select the article (headline to disclaimer) and save or paste it as plain text in a .txt file`,
  PDF_INPUT: () => "the input is a PDF document, not text: extract its text first (for example pdftotext -layout FILE.pdf FILE.txt) and ingest that",
  OFFICE_INPUT: (a: { kind: string }) =>
    `the input is ${a.kind}, not text: save it as plain text (.txt) from its application, or convert it (libreoffice --headless --convert-to txt FILE) and ingest that`,
  IMAGE_INPUT: (a: { kind: string }) =>
    `the input is ${a.kind} image, not text: ingest reads an article's text (run OCR on a scan first, for example tesseract FILE out)`,
  ARCHIVE_INPUT: (a: { kind: string; unpack: string }) => `the input is ${a.kind}, not text: unpack it first (${a.unpack})`,
  NOT_AN_ARTICLE: (a: { detail: string }) => `the input is not a MENAFN-style article (${a.detail})`,
  INPUT_TOO_LARGE: (a: { size: number; limit: number; flag?: string }) =>
    `the input is ${a.size} bytes, over the limit of ${a.limit} bytes (${a.flag ?? "--max-bytes"})`,
  ARTICLE_TOO_LARGE: (a: { size: number; limit: number; longLine?: number }) =>
    a.longLine === undefined
      ? `the article is over the limit of ${a.limit} bytes (--max-bytes; ${a.size} bytes read); skipped to the next timestamp line (if an article is really this long, raise --max-bytes)`
      : `line ${a.longLine} runs over the limit of ${a.limit} bytes (--max-bytes) with no line break (${a.size} bytes read): the input's line breaks are missing, or it is no text; the article was skipped to the next timestamp line (to read such a line whole, raise --max-bytes)`,
  READ_ERROR: (a: { detail: string }) => `cannot read the input: ${a.detail}`,
  INVALID_DOCUMENT: (a: { detail: string }) => `not an input document ({"path", "text"} or {"path", "bytes"}): ${a.detail}`,
  // Batch problems: inputs found by walking a directory or a glob, and the --out tree.
  NO_MATCH: (a: { pattern: string; under?: string; skipped?: string; glob?: string }) =>
    `no input files matched ${a.pattern}${a.under ? ` under ${a.under}` : ""}${
      a.skipped ? `; passed over ${a.skipped}${a.glob ? `: to read them, name a pattern (${a.glob})` : ""}` : ""
    }`,
  NOT_A_FILE: (a: { kind: string }) => `matched as an input but it is ${a.kind}, not a regular file`,
  VANISHED: () => "the file disappeared before it could be read",
  SYMLINK_LOOP: (a: { target?: string }) => `a symbolic link loop${a.target ? `: it leads back to ${a.target}` : ""}; not followed`,
  OUTPUT_OUTSIDE: (a: { path: string }) => `the output path ${a.path} would fall outside the output directory; not written`,
  OUTPUT_CONFLICT: (a: { path: string; first: string }) => `the output ${a.path} was already written in this run from ${a.first}; not overwritten`,
  OUTPUT_IS_INPUT: (a: { path: string }) => `the output path ${a.path} is an input of this run, or lies in a directory being read; not written`,
  WRITE_ERROR: (a: { path: string; detail: string; errno?: string }) => `cannot write ${a.path}: ${a.detail}`,
  INPUT_CHANGED: (a: { detail: string }) => `the input changed while it was converted (${a.detail}); not marked done, so --incremental converts it again`,
  // Article problems that refuse the record.
  MISSING_HEADLINE: (a: { detail?: string }) => `the article has no headline${a.detail ? ` (${a.detail})` : ""}`,
  MISSING_BODY: () => "the article has no body text",
  INVALID_RECORD: (a: { detail: string }) => `the record failed schema validation: ${a.detail}`,
  // Odd but parseable.
  MISSING_TIMESTAMP: () => "no timestamp line; timestamp is null",
  INVALID_TIMESTAMP: (a: { text: string; detail: string }) => `the timestamp line "${a.text}" is not a valid date and time (${a.detail}); timestamp is null`,
  TIMESTAMP_WEEKDAY_MISMATCH: (a: { said: string; date: string; actual: string }) => `the timestamp says ${a.said}, but ${a.date} was a ${a.actual}`,
  UNMARKED_ARTICLE: (a: { evidence: string }) =>
    `the text has none of MENAFN's marks (timestamp or publication line, source tag, ID line, disclaimer): read as an article from its title line over ${a.evidence}`,
  MISSING_SOURCE_TAG: () => "the lead has no (MENAFN- Provider) tag; source is null",
  UNCLOSED_SOURCE_TAG: () => 'the source tag opens with "(MENAFN" but its parenthesis is never closed; source is null',
  MISSING_ID: () => "no MENAFN ID line; id is null",
  INVALID_ID_DATE: (a: { id: string; date: string }) => `the ID line ${a.id} holds the date ${a.date}, which is not a real calendar date`,
  MALFORMED_ID: (a: { text: string }) => `"${a.text}" looks like an ID line but does not have the form MENAFN + DDMMYYYY + 12 digits + ID + 10 digits`,
  REPEATED_ID: (a: { first: number }) => `the ID line is repeated (first on line ${a.first})`,
  CONFLICTING_ID: (a: { id: string; first: number }) => `a second, different ID line ${a.id} (the first, on line ${a.first}, is kept)`,
  TIMESTAMP_ID_DATE_MISMATCH: (a: { timestampDate: string; idDate: string; days: number }) =>
    `the timestamp's date ${a.timestampDate} and the ID's date ${a.idDate} are ${a.days} days apart`,
  MISSING_DISCLAIMER: () => "no Legal Disclaimer; disclaimer is null",
  EMPTY_DISCLAIMER: () => "the Legal Disclaimer heading has no text; disclaimer is null",
  LEADING_JUNK: (a: { count: number }) =>
    `${a.count} line${a.count === 1 ? "" : "s"} of page text before the article ${a.count === 1 ? "was" : "were"} set aside (kept in extras)`,
  SITE_CLOCK: (a: { text: string; publication: number }) =>
    `"${a.text}" is the site's clock, not the article's time: the timestamp comes from the publication line on line ${a.publication} (the clock is kept in extras)`,
  UNRECOGNISED_TEXT: (a: { text: string }) => `text after the article's end belongs to no part: "${a.text}" (kept in extras)`,
  DECODED_LEGACY: (a: { encoding: string }) => `the input is not valid UTF-8; decoded as ${a.encoding}`,
  REPAIRED_MOJIBAKE: (a: { from: string; to: string }) => `repaired mojibake (UTF-8 read as windows-1252), for example "${a.from}" to "${a.to}"`,
  DUPLICATE_ID: (a: { id: string; first: string }) => `the ID ${a.id} was already seen at ${a.first}`,
  // ingest watch: a refusal that may be a file caught half-written.
  INCOMPLETE_FILE: (a: { settle: number }) =>
    `refused as it stood after ${a.settle} ms more with no change; if a writer was still at it, have it write under a temporary name (NAME.tmp, NAME.part or .NAME) and rename it into place when done, or raise --settle above its longest pause`,
} as const;

/** The stable code of a diagnostic. */
export type DiagnosticCode = keyof typeof MESSAGES;

/** The arguments a code's wording takes (as zod types each issue kind); none for a code whose wording has none. */
export type ArgsOf<C extends DiagnosticCode> = Parameters<(typeof MESSAGES)[C]> extends [infer A] ? A : Record<string, never>;

/** The arguments as a parameter list: optional when the code needs none. */
type ArgList<C extends DiagnosticCode> = Record<string, never> extends ArgsOf<C> ? [args?: ArgsOf<C>] : [args: ArgsOf<C>];

/** Every code, for schemas and documentation. */
export const DIAGNOSTIC_CODES = Object.keys(MESSAGES) as [DiagnosticCode, ...DiagnosticCode[]];

/**
 * One problem found in the input; `line` is 1-based, null for the whole input. `data` holds the
 * arguments its message was worded from, typed by its code: narrow on `code` to read them.
 */
export type Diagnostic<C extends DiagnosticCode = DiagnosticCode> = C extends DiagnosticCode
  ? { code: C; severity: Severity; message: string; line: number | null; data: ArgsOf<C> }
  : never;

/** Build a diagnostic from its code and arguments, with the wording from the table above. */
export function diagnostic<C extends DiagnosticCode>(code: C, severity: Severity, line: number | null, ...[args]: ArgList<C>): Diagnostic<C> {
  const data = (args ?? {}) as ArgsOf<C>;
  const message = (MESSAGES[code] as (a: ArgsOf<C>) => string)(data);
  return { code, severity, message, line, data } as Diagnostic<C>;
}

/** Shorthand for a warning. */
export const warning = <C extends DiagnosticCode>(code: C, line: number | null, ...args: ArgList<C>): Diagnostic<C> =>
  diagnostic(code, "warning", line, ...args);

/** Shorthand for an error. */
export const error = <C extends DiagnosticCode>(code: C, line: number | null, ...args: ArgList<C>): Diagnostic<C> => diagnostic(code, "error", line, ...args);
