/**
 * Split a feed dump into articles. A later article starts at a timestamp line
 * that comes after the previous article's end (ID line, footer, disclaimer),
 * or that is followed by a headline and a source tag.
 */
import { isBlank } from "./lines.js";
import { isEndMarker, matchTag, matchTimestamp } from "./patterns.js";

function nextNonBlank(lines: string[], from: number): number {
  let i = from;
  while (i < lines.length && isBlank(lines[i] ?? "")) i++;
  return i;
}

/** Whether line i is followed by a headline and then a line opening with the tag. */
function startsArticle(lines: string[], i: number): boolean {
  const headline = nextNonBlank(lines, i + 1);
  if (headline >= lines.length) return false;
  const lead = nextNonBlank(lines, headline + 1);
  return lead < lines.length && matchTag(lines[lead] ?? "") !== null;
}

// Cheap guard before the timestamp regex: a timestamp line is short and has a comma and a colon.
function maybeTimestamp(line: string): boolean {
  return line.length <= 48 && line.includes(",") && line.includes(":");
}

/** The [start, end) line index ranges of the articles in `lines`. */
export function segment(lines: string[]): Array<[number, number]> {
  const starts: number[] = [0];
  let content = false;
  let ended = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (isBlank(line)) continue;
    if (content && maybeTimestamp(line) && matchTimestamp(line) && (ended || startsArticle(lines, i))) {
      starts.push(i);
      ended = false;
    } else if (!ended && isEndMarker(line)) {
      ended = true;
    }
    content = true;
  }
  return starts.map((s, k) => [s, starts[k + 1] ?? lines.length]);
}
