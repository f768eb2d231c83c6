/**
 * The parts of one article as the part parsers fill them in: types only, shared by the
 * article parser and the context its helpers work on.
 */
import type { Diagnostic } from "../diagnostics.js";
import type { IdLine, TimestampLine } from "./patterns.js";

/**
 * Which part each non-blank line went to (1-based line numbers). Every non-blank line of
 * an article is in exactly one place, except the tag's line, which may also hold the
 * credit or the start of the body.
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
}

/** The parts of one article before they become a record. */
export interface ArticleParts {
  timestamp: TimestampLine | null;
  headline: string | null;
  source: string | null;
  credit: string | null;
  paragraphs: string[];
  id: IdLine | null;
  disclaimer: string | null;
  extras: Array<{ line: number; text: string }>;
  diagnostics: Diagnostic[];
  lines: PartLines;
}
