/**
 * The parts of one article as the part parsers fill them in: types, shared by the article parser
 * and the context its helpers work on, and the empty part lines of an article with none.
 */
import type { Diagnostic } from "../diagnostics.js";
import type { IdLine, TimestampLine } from "./patterns.js";

/**
 * Which part each non-blank line went to (1-based line numbers). Every non-blank line of
 * an article is in exactly one place, except the tag's line, which may also hold the
 * credit or the start of the body, and the lines in `split`, whose end went to extras
 * (` (end) aam.gta` after the last sentence, `Read more` after a byline).
 */
export interface PartLines {
  timestamp: number | null;
  headline: number | null;
  tag: number | null;
  credit: number[];
  body: number[];
  id: number[];
  footer: number[];
  disclaimer: number[];
  extras: number[];
  split: number[];
}

/** The part lines of an article with none: one parsed to nothing, or refused before it was parsed. */
export const noPartLines = (): PartLines => ({
  timestamp: null,
  headline: null,
  tag: null,
  credit: [],
  body: [],
  id: [],
  footer: [],
  disclaimer: [],
  extras: [],
  split: [],
});

/** The parts of one article before they become a record. */
export interface ArticleParts {
  timestamp: TimestampLine | null;
  headline: string | null;
  source: string | null;
  credit: string | null;
  paragraphs: string[];
  /** Whether a KUNA-style ` (end)` closed the body (and was taken off it). */
  endMarker: boolean;
  id: IdLine | null;
  disclaimer: string | null;
  extras: Array<{ line: number; text: string }>;
  diagnostics: Diagnostic[];
  lines: PartLines;
  /**
   * What a refusal should name (line numbers): the tag found, even when no headline was (then the
   * body is not parsed and `lines.tag` stays null); a tag that never closes or lost its parenthesis.
   */
  clues: { tag: number | null; unclosedTag: number | null; tagFragment: number | null };
}
