/**
 * One diagnostic as a line of text, in the form stock problem matchers read (gcc's, VS Code's
 * `$gcc`, GitHub Actions'): `FILE:LINE:COL: severity: CODE message (article N)`. The one regex:
 *
 *   ^(?<file>.+?):(?:(?<line>\d+):(?:(?<column>\d+):)?)? (?<severity>error|warning): (?<code>[A-Z_]+) (?<message>.*)$
 */
import type { Diagnostic } from "../../diagnostics.js";
import { escapeName, stripControls } from "../../render/sanitize.js";

/** A diagnostic as the CLI reports it: with the article it belongs to and a column where one is known. */
export type Reported = Diagnostic & {
  /** 1-based position of the article in its input; absent or null for the whole input. */
  article?: number | null;
  /** 1-based column, where known. */
  column?: number | null;
};

const paint = (on: boolean, open: string, text: string, close = "\u001b[0m"): string => (on ? `${open}${text}${close}` : text);

export interface LineOptions {
  /** Colour for a terminal. */
  color?: boolean;
  /** Add `(article N)`: when the input held more than one article. */
  article?: boolean;
}

/** The last name escaped: an input's diagnostics come together, so one escape serves them all. */
let lastFile = "";
let lastName = "";

/** One diagnostic as a stderr line, ending with a line break. */
export function formatDiagnostic(file: string, d: Reported, o: LineOptions = {}): string {
  // Walked file names are input too: a name can hold a newline (a forged line) or terminal escapes.
  if (file !== lastFile) {
    lastName = escapeName(file);
    lastFile = file;
  }
  const name = lastName;
  const col = d.line !== null && d.column != null ? `:${d.column}` : "";
  const where = d.line === null ? `${name}:` : `${name}:${d.line}${col}:`;
  const severity = paint(o.color === true, d.severity === "error" ? "\u001b[1;31m" : "\u001b[1;33m", `${d.severity}:`);
  const article = o.article === true && d.article != null ? ` (article ${d.article})` : "";
  return `${paint(o.color === true, "\u001b[1m", where)} ${severity} ${paint(o.color === true, "\u001b[2m", d.code)} ${stripControls(d.message)}${article}\n`;
}
