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

/**
 * One kind of match, kept per line: a byte a line says whether it was asked and found, and the
 * matches themselves (one line in many) sit in a Map. Arrays of a pointer per line would cost the
 * garbage collector a scan of millions of slots on a large dump.
 */
class Answers<T> {
  private readonly asked: Uint8Array;
  private readonly found = new Map<number, T>();
  constructor(n: number) {
    this.asked = new Uint8Array(n);
  }
  get(k: number, line: string, match: (line: string) => T | null): T | null {
    const a = this.asked[k];
    if (a === NO) return null;
    if (a === YES) return this.found.get(k) ?? null;
    const m = match(line);
    if (k < this.asked.length) {
      this.asked[k] = m === null ? NO : YES;
      if (m !== null) this.found.set(k, m);
    }
    return m;
  }
}

const tagOf = (line: string): SourceTag | "unclosed" | null => matchTag(line);
const publicationOf = (line: string): TimestampLine | null => matchPublication(line.trim());

export class LineTable {
  readonly lines: readonly string[];
  readonly length: number;
  private readonly blanks: Uint8Array;
  private readonly ends: Uint8Array;
  private readonly tags: Answers<SourceTag | "unclosed">;
  private readonly stamps: Answers<TimestampLine>;
  private readonly publications: Answers<TimestampLine>;

  constructor(lines: readonly string[]) {
    this.lines = lines;
    const n = lines.length;
    this.length = n;
    this.blanks = new Uint8Array(n);
    for (let i = 0; i < n; i++) if (isBlank(lines[i] ?? "")) this.blanks[i] = 1;
    this.ends = new Uint8Array(n);
    this.tags = new Answers(n);
    this.stamps = new Answers(n);
    this.publications = new Answers(n);
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
    return this.tags.get(k, this.line(k), tagOf);
  }

  /** Whether line k ends an article's body: an ID-shaped line, the footer or a disclaimer heading (isEndMarker). */
  isEnd(k: number): boolean {
    let e = this.ends[k];
    if (e === UNKNOWN) {
      e = isEndMarker(this.line(k)) ? YES : NO;
      if (k < this.length) this.ends[k] = e;
    }
    return e === YES;
  }

  /** The MENAFN-form timestamp on line k (matchTimestamp), even one that bends the form, or null. */
  timestamp(k: number): TimestampLine | null {
    return this.stamps.get(k, this.line(k), matchTimestamp);
  }

  /** The page's publication line on line k (matchPublication), or null. */
  publication(k: number): TimestampLine | null {
    return this.publications.get(k, this.line(k), publicationOf);
  }
}
