/**
 * The input-level checks, one of each, shared by both drivers: parse() (index.ts), which reads an
 * input whole, and the streaming parser (stream.ts), which reads it a window at a time. Splitting
 * and the BOM are in lines.ts; these are the refusals of a whole input.
 */
import { error, type Diagnostic } from "../diagnostics.js";

/**
 * The diagnostics of an input refused whole: how it was decoded, its first mojibake repair (the
 * rest are in articles that were never parsed), then the refusal.
 */
function refused(inherited: readonly Diagnostic[], repairs: readonly Diagnostic[], refusal: Diagnostic): Diagnostic[] {
  return [...inherited, ...repairs.slice(0, 1), refusal];
}

/** An input with nothing but blank lines. */
export function emptyInput(inherited: readonly Diagnostic[], repairs: readonly Diagnostic[]): Diagnostic[] {
  return refused(inherited, repairs, error("EMPTY_INPUT", null));
}

/** An input that is not wire text: JSON, or text flattened to long lines (`detail` says which). */
export function notAnArticle(inherited: readonly Diagnostic[], repairs: readonly Diagnostic[], detail: string): Diagnostic[] {
  return refused(inherited, repairs, error("NOT_AN_ARTICLE", null, { detail }));
}

/** Why an input is refused as JSON. */
export const LOOKS_LIKE_JSON = "it looks like JSON";

/** The bracket a JSON document would close with, when the input's first non-blank line opens like one; else null. */
export function jsonClose(firstLine: string | undefined): "}" | "]" | null {
  const open = firstLine?.trimStart().charAt(0);
  return open === "{" ? "}" : open === "[" ? "]" : null;
}

/** The first or last character of a text that is not white space (as `\s` and trim() see it), or "". */
const NON_BLANK = /\S/;
function edge(text: string, fromEnd: boolean): string {
  if (!fromEnd) {
    const at = text.search(NON_BLANK);
    return at < 0 ? "" : text.charAt(at);
  }
  for (let k = text.length - 1; k >= 0; k--) if (NON_BLANK.test(text.charAt(k))) return text.charAt(k);
  return "";
}

/** Whether a whole text, trimmed, opens and closes like JSON; read from its ends, so no copy is made. */
export function looksLikeJson(text: string): boolean {
  const close = jsonClose(edge(text, false));
  return close !== null && edge(text, true) === close;
}
