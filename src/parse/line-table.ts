/**
 * The line table: the lines of one input (or one window of a stream) with what each line is,
 * found at most once per line. The segmenter, the article's anchor, head, body and end all ask the
 * table, so no recogniser runs twice on a line. Blank lines are found in one pass when the table is
 * made (every part parser skips them); the source tag, end marker, timestamp and publication line
 * the first time a part asks about a line, and kept for the next.
 *
 * A table belongs to one parse: it is made by the driver and passed down explicitly. Nothing in
 * src/parse keeps state between calls.
 */
import { isBlank } from "./lines.js";
import { isEndMarker, matchTag, matchTimestamp, type SourceTag, type TimestampLine } from "./patterns.js";
import { matchPublication } from "./publication.js";

/** A line's source tag: the tag, "unclosed" when it opens and never closes, or null. */
export type TagMatch = SourceTag | "unclosed" | null;

/** Not asked yet, no, yes: one byte a line for the yes-or-no kinds. */
const UNKNOWN = 0;
const NO = 1;
const YES = 2;

export class LineTable {
  readonly lines: readonly string[];
  readonly length: number;
  private readonly blanks: Uint8Array;
  private readonly ends: Uint8Array;
  private readonly tags: Array<TagMatch | undefined>;
  private readonly stamps: Array<TimestampLine | null | undefined>;
  private readonly publications: Array<TimestampLine | null | undefined>;
  private readonly texts: Array<string | undefined>;

  constructor(lines: readonly string[]) {
    this.lines = lines;
    const n = lines.length;
    this.length = n;
    this.blanks = new Uint8Array(n);
    for (let i = 0; i < n; i++) if (isBlank(lines[i] ?? "")) this.blanks[i] = 1;
    this.ends = new Uint8Array(n);
    this.tags = new Array(n);
    this.stamps = new Array(n);
    this.publications = new Array(n);
    this.texts = new Array(n);
  }

  /** Line k as it is (an empty string past the end). */
  line(k: number): string {
    return this.lines[k] ?? "";
  }

  /** Line k trimmed. */
  text(k: number): string {
    let t = this.texts[k];
    if (t === undefined) this.texts[k] = t = this.line(k).trim();
    return t;
  }

  /** Whether line k is blank (empty or white space); true past the end. */
  blank(k: number): boolean {
    return this.blanks[k] === 1 || k >= this.length;
  }

  /** The first index in [from, to) holding a non-blank line, or `to`. */
  next(from: number, to = this.length): number {
    let i = from;
    while (i < to && this.blanks[i] === 1) i++;
    return i;
  }

  /** The source tag opening line k (matchTag). */
  tag(k: number): TagMatch {
    let m = this.tags[k];
    if (m === undefined) this.tags[k] = m = matchTag(this.line(k));
    return m;
  }

  /** Whether line k ends an article's body: an ID-shaped line, the footer or a disclaimer heading (isEndMarker). */
  isEnd(k: number): boolean {
    let e = this.ends[k];
    if (e === UNKNOWN) this.ends[k] = e = isEndMarker(this.line(k)) ? YES : NO;
    return e === YES;
  }

  /** The MENAFN-form timestamp on line k (matchTimestamp), even one that bends the form, or null. */
  timestamp(k: number): TimestampLine | null {
    let m = this.stamps[k];
    if (m === undefined) this.stamps[k] = m = matchTimestamp(this.line(k));
    return m;
  }

  /** The page's publication line on line k (matchPublication), or null. */
  publication(k: number): TimestampLine | null {
    let m = this.publications[k];
    if (m === undefined) this.publications[k] = m = matchPublication(this.text(k));
    return m;
  }
}
