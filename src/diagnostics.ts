/**
 * Diagnostics are data: a stable code, a severity, a line and a message.
 * The wording of every code lives here, in one table, so that the parser and
 * the CLI only ever name a code and its arguments.
 */

export type Severity = "error" | "warning";

/** Every wording, keyed by code; `a` holds the code's arguments. */
const MESSAGES = {
  // Whole-input problems (always errors).
  EMPTY_INPUT: () => "the input is empty or holds only white space",
  BINARY_INPUT: (a: Args) => `the input looks binary (${a.detail}), not text`,
  NOT_AN_ARTICLE: (a: Args) => `the input is not a MENAFN-style article (${a.detail})`,
  INPUT_TOO_LARGE: (a: Args) => `the input is ${a.size} bytes, over the limit of ${a.limit} bytes (--max-bytes)`,
  ARTICLE_TOO_LARGE: (a: Args) => `the article is over ${a.limit} bytes (--max-bytes; ${a.size} bytes read); skipped to the next timestamp line`,
  READ_ERROR: (a: Args) => `cannot read the input: ${a.detail}`,
  // Batch problems: inputs found by walking a directory or a glob, and the --out tree.
  NO_MATCH: (a: Args) => `the pattern ${a.pattern} matched no files`,
  NOT_A_FILE: (a: Args) => `matched as an input but it is ${a.kind}, not a regular file`,
  VANISHED: () => "the file disappeared before it could be read",
  SYMLINK_LOOP: (a: Args) => `a symbolic link loop${a.target ? `: it leads back to ${a.target}` : ""}; not followed`,
  OUTPUT_OUTSIDE: (a: Args) => `the output path ${a.path} would fall outside the output directory; not written`,
  OUTPUT_CONFLICT: (a: Args) => `the output ${a.path} was already written in this run from ${a.first}; not overwritten`,
  OUTPUT_IS_INPUT: (a: Args) => `the output path ${a.path} is the input itself; not overwritten`,
  WRITE_ERROR: (a: Args) => `cannot write ${a.path}: ${a.detail}`,
  // Article problems that refuse the record.
  MISSING_HEADLINE: (a: Args) => `the article has no headline${a.detail ? ` (${a.detail})` : ""}`,
  MISSING_BODY: () => "the article has no body text",
  INVALID_RECORD: (a: Args) => `the record failed schema validation: ${a.detail}`,
  // Odd but parseable.
  MISSING_TIMESTAMP: () => "no timestamp line; timestamp is null",
  INVALID_TIMESTAMP: (a: Args) => `the timestamp line "${a.text}" is not a valid date and time (${a.detail}); timestamp is null`,
  TIMESTAMP_WEEKDAY_MISMATCH: (a: Args) => `the timestamp says ${a.said}, but ${a.date} was a ${a.actual}`,
  MISSING_SOURCE_TAG: () => "the lead has no (MENAFN- Provider) tag; source is null",
  UNCLOSED_SOURCE_TAG: () => "the source tag opens with \"(MENAFN\" but its parenthesis is never closed; source is null",
  MISSING_ID: () => "no MENAFN ID line; id is null",
  INVALID_ID_DATE: (a: Args) => `the ID line ${a.id} holds the date ${a.date}, which is not a real calendar date`,
  MALFORMED_ID: (a: Args) => `"${a.text}" looks like an ID line but does not have the form MENAFN + DDMMYYYY + 12 digits + ID + 10 digits`,
  REPEATED_ID: (a: Args) => `the ID line is repeated (first on line ${a.first})`,
  CONFLICTING_ID: (a: Args) => `a second, different ID line ${a.id} (the first, on line ${a.first}, is kept)`,
  TIMESTAMP_ID_DATE_MISMATCH: (a: Args) =>
    `the timestamp's date ${a.timestampDate} and the ID's date ${a.idDate} are ${a.days} days apart`,
  MISSING_DISCLAIMER: () => "no Legal Disclaimer; disclaimer is null",
  EMPTY_DISCLAIMER: () => "the Legal Disclaimer heading has no text; disclaimer is null",
  UNRECOGNISED_TEXT: (a: Args) => `text after the article's end belongs to no part: "${a.text}" (kept in extras)`,
  DECODED_LEGACY: (a: Args) => `the input is not valid UTF-8; decoded as ${a.encoding}`,
  REPAIRED_MOJIBAKE: (a: Args) => `repaired mojibake (UTF-8 read as windows-1252), for example "${a.from}" to "${a.to}"`,
  DUPLICATE_ID: (a: Args) => `the ID ${a.id} was already seen at ${a.first}`,
} as const;

type Args = Record<string, string | number | undefined>;

/** The stable code of a diagnostic. */
export type DiagnosticCode = keyof typeof MESSAGES;

/** Every code, for schemas and documentation. */
export const DIAGNOSTIC_CODES = Object.keys(MESSAGES) as [DiagnosticCode, ...DiagnosticCode[]];

/** One problem found in the input; `line` is 1-based, null for the whole input. */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  line: number | null;
}

/** Build a diagnostic from its code, with the wording from the table above. */
export function diagnostic(
  code: DiagnosticCode,
  severity: Severity,
  line: number | null,
  args: Args = {},
): Diagnostic {
  return { code, severity, message: MESSAGES[code](args), line };
}

/** Shorthand for a warning. */
export const warning = (code: DiagnosticCode, line: number | null, args: Args = {}): Diagnostic =>
  diagnostic(code, "warning", line, args);

/** Shorthand for an error. */
export const error = (code: DiagnosticCode, line: number | null, args: Args = {}): Diagnostic =>
  diagnostic(code, "error", line, args);
