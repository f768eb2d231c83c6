/**
 * Split a feed dump into articles. A later article starts at a timestamp line
 * that comes after the previous article's end (ID line, footer, disclaimer),
 * or right below another timestamp line, or that is followed by a headline and
 * a source tag; or, when it has no timestamp line, after that end at a line that
 * opens an article by one of its anchors (anchors.ts: a headline directly above the
 * source tag or a page's publication line).
 */
import { isCapsLabel, isDateOrNumberLine, isForeignLink, isMenu } from "./furniture.js";
import type { LineTable } from "./line-table.js";
import { opensArticle, TAG } from "./anchors.js";
import { matchDisclaimerHeading, maybeTimestamp } from "./patterns.js";
import { isKnownJunk, isLabel } from "./vocabulary.js";

/** The articles' [start, end) line index ranges. */
export interface Segments {
  ranges: Array<[number, number]>;
}

/** The [start, end) line index ranges of the articles in the table. Linear: each line is looked at a bounded number of times. */
export function segment(t: LineTable): Segments {
  const starts: number[] = [0];
  let content = false;
  let ended = false;
  // The next non-blank line after the previous non-blank one, found once per line (never rescanned).
  let next = t.next(0);
  let previousWasTimestamp = false;
  let endAt = 0;
  while (next < t.length) {
    const i = next;
    const line = t.line(i);
    next = t.next(i + 1);
    const timestamp = maybeTimestamp(line) && t.timestamp(i) !== null;
    // A timestamp line right below another is no headline: the one above is an article of its own (and refused).
    if (content && timestamp && (ended || previousWasTimestamp || startsArticle(t, next))) {
      starts.push(ended ? headerAbove(t, i, Math.max(starts[starts.length - 1] ?? 0, endAt)) : i);
      ended = false;
    } else if (content && ended && !t.isEnd(i) && !isKnownJunk(t.text(i)) && opensArticle(t, i, next)) {
      starts.push(headerAbove(t, i, Math.max(starts[starts.length - 1] ?? 0, endAt)));
      ended = false;
    } else if (t.isEnd(i)) {
      ended = true;
      // The last end line, or a disclaimer heading's text on the line below: no page header reaches above it.
      endAt = matchDisclaimerHeading(t.text(i)) === "" ? next : i;
    }
    content = true;
    previousWasTimestamp = timestamp;
  }
  return { ranges: starts.map((s, k) => [s, starts[k + 1] ?? t.length]) };
}

/** A line of a page's header: the site's clock, a language link, a menu, a section name, a date or number line. */
function isPageHeader(t: LineTable, k: number): boolean {
  const text = t.text(k);
  return isForeignLink(text) || isMenu(text) || isCapsLabel(text) || isDateOrNumberLine(text) || (maybeTimestamp(text) && t.timestamp(k) !== null);
}

/**
 * Where an article found at line i after the previous one's end starts: in a dump of whole pages
 * the next page's header stands right above its title (or clock), after the previous page's
 * trailer, and belongs to the next article (#23). Walks up over header lines, never to `floor` (the
 * previous article's start); linear, as each line is walked at most once.
 */
function headerAbove(t: LineTable, i: number, floor: number): number {
  let start = i;
  for (let k = i - 1; k > floor; k--) {
    if (t.blank(k)) continue;
    // The footer `MENAFN` is shaped like a section name, but ends the article above.
    if (t.isEnd(k) || !isPageHeader(t, k)) break;
    start = k;
  }
  return start;
}

/** Whether the line at `headline` can be a headline (no tag, no end marker) and is followed by a line opening with the tag (a publication line may come between). */
function startsArticle(t: LineTable, headline: number): boolean {
  if (headline >= t.length) return false;
  if (t.tag(headline) !== null || t.isEnd(headline)) return false;
  let lead = t.next(headline + 1);
  // A page's publication line may stand between the title and the tag, a label (`Date`) above it.
  if (lead < t.length && isLabel(t.text(lead))) lead = t.next(lead + 1);
  if (lead < t.length && t.publication(lead) !== null) lead = t.next(lead + 1);
  return TAG.opens(t, headline, lead);
}
