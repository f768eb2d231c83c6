/**
 * The line table: the lines of one input (or one window of a stream) with what each line is,
 * found at most once per line. The segmenter, the article's anchor, head, body and end all ask the
 * table, so no recogniser runs twice on a line. Blank lines are found in one pass when the table is
 * made (every part parser skips them); the source tag, end marker, timestamp and publication line
 * the first time a part asks about a line, and kept for the next (a byte a line, and the rare
 * matches in a Map).
 *
 * A table belongs to one parse: it is made by the driver and passed down explicitly. Nothing in
 * src/parse keeps state between calls.
 */
import { isBlank } from "./lines.js";
import { isEndMarker, matchTag, matchTimestamp, type SourceTag, type TimestampLine } from "./patterns.js";
import { matchPublication } from "./publication.js";

/** A line's source tag: the tag, "unclosed" when it opens and never closes, or null. */
export type TagMatch = SourceTag | "unclosed" | null;

/** Not asked yet, no, yes: one byte a line for each kind of question. */
const UNKNOWN = 0;
const NO = 1;
const YES = 2;

/** The kinds of question, each a block of `length` bytes in one array (one allocation a table). */
const BLANK = 0;
const END = 1;
const TAG = 2;
const STAMP = 3;
const PUBLICATION = 4;
const KINDS = 5;

const publicationOf = (line: string): TimestampLine | null => matchPublication(line.trim());

/**
 * The lines and, per kind of question, a byte a line saying whether it was asked and found; the
 * matches themselves (one line in many) sit in one Map, made when the first is found. Arrays of a
 * pointer per line would cost the garbage collector a scan of millions of slots on a large dump,
 * and a typed array per kind an allocation each for every small file of a batch.
 */
export class LineTable {
  readonly lines: readonly string[];
  readonly length: number;
  private readonly marks: Uint8Array;
  private found: Map<number, SourceTag | "unclosed" | TimestampLine> | null = null;

  constructor(lines: readonly string[]) {
    this.lines = lines;
    const n = lines.length;
    this.length = n;
    this.marks = new Uint8Array(KINDS * n);
    for (let i = 0; i < n; i++) if (isBlank(lines[i] ?? "")) this.marks[i] = 1;
  }

  /** Line k as it is (an empty string past the end). */
  line(k: number): string {
    return this.lines[k] ?? "";
  }

  /** Line k trimmed. */
  text(k: number): string {
    return this.line(k).trim();
  }

  /** Whether line k is blank (empty or white space); true past the end. */
  blank(k: number): boolean {
    return k >= this.length || this.marks[BLANK + k] === 1;
  }

  /** The first index in [from, to) holding a non-blank line, or `to`. */
  next(from: number, to = this.length): number {
    let i = from;
    while (i < to && this.marks[i] === 1) i++;
    return i;
  }

  /** The source tag opening line k (matchTag). */
  tag(k: number): TagMatch {
    const at = this.slot(TAG, k);
    const known = this.marks[at];
    if (known === NO) return null;
    if (known === YES) return this.found?.get(at) as TagMatch;
    return this.keep(at, matchTag(this.line(k)));
  }

  /** Whether line k ends an article's body: an ID-shaped line, the footer or a disclaimer heading (isEndMarker). */
  isEnd(k: number): boolean {
    const at = this.slot(END, k);
    if (at < 0) return isEndMarker(this.line(k));
    let e = this.marks[at];
    if (e === UNKNOWN) this.marks[at] = e = isEndMarker(this.line(k)) ? YES : NO;
    return e === YES;
  }

  /** The MENAFN-form timestamp on line k (matchTimestamp), even one that bends the form, or null. */
  timestamp(k: number): TimestampLine | null {
    const at = this.slot(STAMP, k);
    const known = this.marks[at];
    if (known === NO) return null;
    if (known === YES) return this.found?.get(at) as TimestampLine;
    return this.keep(at, matchTimestamp(this.line(k)));
  }

  /** The page's publication line on line k (matchPublication), or null. */
  publication(k: number): TimestampLine | null {
    const at = this.slot(PUBLICATION, k);
    const known = this.marks[at];
    if (known === NO) return null;
    if (known === YES) return this.found?.get(at) as TimestampLine;
    return this.keep(at, publicationOf(this.line(k)));
  }

  /** Where line k's answer of a kind is marked; -1 past the end (asked, never kept). */
  private slot(kind: number, k: number): number {
    return k >= 0 && k < this.length ? kind * this.length + k : -1;
  }

  /** Mark an answer (keeping a match), and return it. */
  private keep<T extends SourceTag | "unclosed" | TimestampLine>(at: number, m: T | null): T | null {
    if (at < 0) return m;
    this.marks[at] = m === null ? NO : YES;
    if (m !== null) (this.found ??= new Map()).set(at, m);
    return m;
  }
}
