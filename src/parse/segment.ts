/**
 * Split a feed dump into articles. A later article starts at a timestamp line
 * that comes after the previous article's end (ID line, footer, disclaimer),
 * or right below another timestamp line, or that is followed by a headline and
 * a source tag; or, when it has no
 * timestamp line, at a headline directly above the source tag or a page's publication line after that end.
 */
import { isCapsLabel, isDateOrNumberLine, isForeignLink, isMenu } from "./furniture.js";
import { blankAt, nextNonBlank, withBlanks } from "./lines.js";
import { isEndMarker, matchDisclaimerHeading, matchTag, matchTimestamp, type TimestampLine } from "./patterns.js";
import { isKnownJunk } from "./vocabulary.js";
import { matchPublication } from "./publication.js";
import { isTitleLike } from "./head.js";

/**
 * The articles' ranges, and for each the timestamp match segment() made on its first non-blank
 * line (null: no timestamp; undefined: not tried), so parseArticle does not match it again.
 * One slot per article: a Map of every tried line cost more than the match it saved.
 */
export interface Segments {
  ranges: Array<[number, number]>;
  timestamps: Array<TimestampLine | null | undefined>;
}

// Cheap guard before the timestamp regex: a timestamp line is short and has a comma and a colon.
function maybeTimestamp(line: string): boolean {
  return line.length <= 48 && line.includes(",") && line.includes(":");
}

/** The [start, end) line index ranges of the articles in `lines`. Linear: each line is looked at a bounded number of times. */
export function segment(lines: string[]): Segments {
  return withBlanks(lines, () => segmentMarked(lines));
}

function segmentMarked(lines: string[]): Segments {
  const starts: number[] = [0];
  const timestamps: Array<TimestampLine | null | undefined> = [undefined];
  let content = false;
  let ended = false;
  // The next non-blank line after the previous non-blank one, found once per line (never rescanned).
  let next = nextNonBlank(lines, 0);
  let previousWasTimestamp = false;
  let endAt = 0;
  while (next < lines.length) {
    const i = next;
    const line = lines[i] ?? "";
    next = nextNonBlank(lines, i + 1);
    const ts = maybeTimestamp(line) ? matchTimestamp(line) : undefined;
    const timestamp = ts !== undefined && ts !== null;
    if (!content) timestamps[0] = ts; // the first article's first non-blank line
    // A timestamp line right below another is no headline: the one above is an article of its own (and refused).
    if (content && timestamp && (ended || previousWasTimestamp || startsArticle(lines, next))) {
      const start = ended ? headerAbove(lines, i, Math.max(starts[starts.length - 1] ?? 0, endAt)) : i;
      starts.push(start);
      timestamps.push(start === i ? ts : undefined);
      ended = false;
    } else if (content && ended && !isEndMarker(line) && !isKnownJunk(line.trim()) && (opensLead(lines, next) || publishedAt(lines, line, next))) {
      const start = headerAbove(lines, i, Math.max(starts[starts.length - 1] ?? 0, endAt));
      starts.push(start);
      timestamps.push(start === i ? ts : undefined);
      ended = false;
    } else if (isEndMarker(line)) {
      ended = true;
      // The last end line, or a disclaimer heading's text on the line below: no page header reaches above it.
      endAt = matchDisclaimerHeading(line) === "" ? next : i;
    }
    content = true;
    previousWasTimestamp = timestamp;
  }
  return { ranges: starts.map((s, k) => [s, starts[k + 1] ?? lines.length]), timestamps };
}

/** A line of a page's header: the site's clock, a language link, a menu, a section name, a date or number line. */
function isPageHeader(text: string): boolean {
  return isForeignLink(text) || isMenu(text) || isCapsLabel(text) || isDateOrNumberLine(text) || (maybeTimestamp(text) && matchTimestamp(text) !== null);
}

/**
 * Where an article found at line i after the previous one's end starts: in a dump of whole pages
 * the next page's header stands right above its title (or clock), after the previous page's
 * trailer, and belongs to the next article (#23). Walks up over header lines, never to `floor` (the
 * previous article's start); linear, as each line is walked at most once.
 */
function headerAbove(lines: string[], i: number, floor: number): number {
  let start = i;
  for (let k = i - 1; k > floor; k--) {
    if (blankAt(lines, k)) continue;
    const text = (lines[k] ?? "").trim();
    // The footer `MENAFN` is shaped like a section name, but ends the article above.
    if (isEndMarker(text) || !isPageHeader(text)) break;
    start = k;
  }
  return start;
}

/** Whether the line at `next` opens with the source tag (a function, not a closure made per line). */
function opensLead(lines: string[], next: number): boolean {
  return next < lines.length && matchTag(lines[next] ?? "") !== null;
}

/** Whether `line` is a title with a page's publication line under it, at `next`. */
function publishedAt(lines: string[], line: string, next: number): boolean {
  return next < lines.length && matchPublication((lines[next] ?? "").trim()) !== null && isTitleLike(line.trim());
}

/** Whether the line at `headline` can be a headline (no tag, no end marker) and is followed by a line opening with the tag (a publication line may come between). */
function startsArticle(lines: string[], headline: number): boolean {
  if (headline >= lines.length) return false;
  const text = lines[headline] ?? "";
  if (matchTag(text) !== null || isEndMarker(text)) return false;
  let lead = nextNonBlank(lines, headline + 1);
  // A page's publication line may stand between the title and the tag.
  if (lead < lines.length && matchPublication((lines[lead] ?? "").trim()) !== null) lead = nextNonBlank(lines, lead + 1);
  return lead < lines.length && matchTag(lines[lead] ?? "") !== null;
}
