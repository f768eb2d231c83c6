/**
 * Split a feed dump into articles. A later article starts at a timestamp line
 * that comes after the previous article's end (ID line, footer, disclaimer),
 * or right below another timestamp line, or that is followed by a headline and
 * a source tag; or, when it has no
 * timestamp line, at a headline directly above the source tag or a page's publication line after that end.
 */
import { nextNonBlank, withBlanks } from "./lines.js";
import { isEndMarker, matchTag, matchTimestamp, type TimestampLine } from "./patterns.js";
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
  while (next < lines.length) {
    const i = next;
    const line = lines[i] ?? "";
    next = nextNonBlank(lines, i + 1);
    const ts = maybeTimestamp(line) ? matchTimestamp(line) : undefined;
    const timestamp = ts !== undefined && ts !== null;
    if (!content) timestamps[0] = ts; // the first article's first non-blank line
    // A timestamp line right below another is no headline: the one above is an article of its own (and refused).
    if (content && timestamp && (ended || previousWasTimestamp || startsArticle(lines, next))) {
      starts.push(i);
      timestamps.push(ts);
      ended = false;
    } else if (content && ended && !isEndMarker(line) && !isKnownJunk(line.trim()) && (opensLead(lines, next) || publishedAt(lines, line, next))) {
      starts.push(i);
      timestamps.push(ts);
      ended = false;
    } else if (!ended && isEndMarker(line)) {
      ended = true;
    }
    content = true;
    previousWasTimestamp = timestamp;
  }
  return { ranges: starts.map((s, k) => [s, starts[k + 1] ?? lines.length]), timestamps };
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
