/**
 * Split a feed dump into articles. A later article starts at a timestamp line
 * that comes after the previous article's end (ID line, footer, disclaimer),
 * or right below another timestamp line, or that is followed by a headline and
 * a source tag; or, when it has no
 * timestamp line, at a headline directly above the source tag or a page's publication line after that end.
 */
import type { LineTable } from "./line-table.js";
import { isTitleLike } from "./head.js";
import { isKnownJunk } from "./vocabulary.js";

/** The articles' [start, end) line index ranges. */
export interface Segments {
  ranges: Array<[number, number]>;
}

// Cheap guard before the timestamp regex: a timestamp line is short and has a comma and a colon.
function maybeTimestamp(line: string): boolean {
  return line.length <= 48 && line.includes(",") && line.includes(":");
}

/** The [start, end) line index ranges of the articles in the table. Linear: each line is looked at a bounded number of times. */
export function segment(t: LineTable): Segments {
  const starts: number[] = [0];
  let content = false;
  let ended = false;
  // The next non-blank line after the previous non-blank one, found once per line (never rescanned).
  let next = t.next(0);
  let previousWasTimestamp = false;
  while (next < t.length) {
    const i = next;
    const line = t.line(i);
    next = t.next(i + 1);
    const timestamp = maybeTimestamp(line) && t.timestamp(i) !== null;
    // A timestamp line right below another is no headline: the one above is an article of its own (and refused).
    if (content && timestamp && (ended || previousWasTimestamp || startsArticle(t, next))) {
      starts.push(i);
      ended = false;
    } else if (content && ended && !t.isEnd(i) && !isKnownJunk(t.text(i)) && (opensLead(t, next) || publishedAt(t, i, next))) {
      starts.push(i);
      ended = false;
    } else if (!ended && t.isEnd(i)) {
      ended = true;
    }
    content = true;
    previousWasTimestamp = timestamp;
  }
  return { ranges: starts.map((s, k) => [s, starts[k + 1] ?? t.length]) };
}

/** Whether the line at `next` opens with the source tag. */
function opensLead(t: LineTable, next: number): boolean {
  return next < t.length && t.tag(next) !== null;
}

/** Whether line i is a title with a page's publication line under it, at `next`. */
function publishedAt(t: LineTable, i: number, next: number): boolean {
  return next < t.length && t.publication(next) !== null && isTitleLike(t.text(i));
}

/** Whether the line at `headline` can be a headline (no tag, no end marker) and is followed by a line opening with the tag (a publication line may come between). */
function startsArticle(t: LineTable, headline: number): boolean {
  if (headline >= t.length) return false;
  if (t.tag(headline) !== null || t.isEnd(headline)) return false;
  let lead = t.next(headline + 1);
  // A page's publication line may stand between the title and the tag.
  if (lead < t.length && t.publication(lead) !== null) lead = t.next(lead + 1);
  return lead < t.length && t.tag(lead) !== null;
}
