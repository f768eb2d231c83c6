/**
 * The head of an article: the lines above its body. On a clean wire file that is a timestamp line
 * and the headline; on a menafn.com page it is the site template too (the site's clock, a language
 * link, menus, a section name, the title twice, the publication line). The headline is the nearest
 * title-like line above the body; everything else in the head is set aside.
 */
import { isCreditLike } from "./credit.js";
import { isFurniture } from "./furniture.js";
import type { LineTable } from "./line-table.js";
import { countWords } from "./record.js";

/** A headline is not a long sentence running on into the lead. */
const MAX_TITLE_WORDS = 30;
const MAX_TITLE_LENGTH = 250;
/** A line this long that ends like a sentence (or runs on with a comma) is prose, not a title. */
const LONG_SENTENCE = 150;
/** A line of more words than this that ends in a full stop is a lead's sentence, not a title. */
const SENTENCE_WORDS = 16;

/** A source tag that lost its opening parenthesis: `MENAFN- Trend News Agency) BAKU ...`. */
export function isTagFragment(text: string): boolean {
  if (!text.startsWith("MENAFN")) return false;
  let i = 6;
  if (text.charCodeAt(i) === 32) i++;
  const c = text.charAt(i);
  return c === "-" || c === "–" || c === ")";
}

/** Whether a trimmed, non-blank line can be a headline. */
export function isTitleLike(text: string): boolean {
  if (text.length > MAX_TITLE_LENGTH || isFurniture(text) || isTagFragment(text)) return false;
  const last = text.charAt(text.length - 1);
  if (last === "," || last === ";") return false;
  if (text.length > LONG_SENTENCE && (last === "." || last === ":")) return false;
  const words = countWords(text);
  return words <= (last === "." ? SENTENCE_WORDS : MAX_TITLE_WORDS);
}

/** What the head holds, as indexes into the lines. */
export interface Head {
  headline: number;
  /** The line repeating the headline just above it, or -1. */
  repeat: number;
  /** The publication line, or -1. */
  publication: number;
  /** A MENAFN-form timestamp line (the site's clock on a page), or -1. */
  clock: number;
  /** Every other non-blank line of the head, in order. */
  junk: number[];
  /** A byline or caption alone between the publication line and the tag: the credit, unless the tag has one (#23). */
  byline?: number;
}

/**
 * Scan the head [first, lead) upward from the lead. On a page the title stands above the
 * publication line, so when the head holds one with a title-like line above it, the headline is
 * looked for from there; a lone byline or caption between it and the lead is `byline` (the credit),
 * anything else there is junk.
 * Otherwise: the nearest publication line and title-like line below any other. A MENAFN-form
 * timestamp line may stand anywhere; the rest is junk. `headline` is -1 when no line can be it.
 */
export function scanHead(t: LineTable, first: number, lead: number): Head {
  const publication = nearestPublication(t, first, lead);
  if (publication >= 0) {
    const head = scanUp(t, first, publication, true);
    if (head.headline >= 0) {
      head.publication = publication;
      const below = scanUp(t, publication + 1, lead, false);
      if (head.clock < 0) head.clock = below.clock;
      else if (below.clock >= 0) below.junk.push(below.clock);
      const [only] = below.junk;
      if (only !== undefined && below.junk.length === 1 && isCreditLike(t.text(only))) {
        head.byline = only;
        below.junk.pop();
      }
      head.junk.push(...below.junk.sort((a, b) => a - b));
      return head;
    }
  }
  return scanUp(t, first, lead, true);
}

/** The publication line nearest above `lead` in [first, lead), or -1. */
function nearestPublication(t: LineTable, first: number, lead: number): number {
  for (let k = lead - 1; k >= first; k--) {
    if (!t.blank(k) && t.publication(k) !== null) return k;
  }
  return -1;
}

/** Whether line k can be the headline: title-like, and neither an end marker nor the tag's line. */
export function headlineAt(t: LineTable, k: number): boolean {
  return isTitleLike(t.text(k)) && !t.isEnd(k) && t.tag(k) === null;
}

/** The head's parts in [first, lead), read upward; with `titles` false every line but a clock line is junk. */
function scanUp(t: LineTable, first: number, lead: number, titles: boolean): Head {
  const head: Head = { headline: -1, repeat: -1, publication: -1, clock: -1, junk: [] };
  let title = ""; // the headline's text while the line above it is still to be read
  for (let k = lead - 1; k >= first; k--) {
    if (t.blank(k)) continue;
    const text = t.text(k);
    if (title !== "" && text === title) head.repeat = k;
    else if (head.clock < 0 && t.timestamp(k) !== null) head.clock = k;
    else if (titles && head.headline < 0 && head.publication < 0 && t.publication(k) !== null) head.publication = k;
    else if (titles && head.headline < 0 && headlineAt(t, k)) {
      head.headline = k;
      title = text;
      continue;
    } else head.junk.push(k);
    title = "";
  }
  head.junk.reverse();
  return head;
}

/**
 * Without a tag, a publication line counts only where pages put it: right under the title (once
 * or twice), with nothing above but a timestamp line and furniture. A body can hold a US-style
 * time line lower down, which is no publication line; and a body must follow. Returns its index, or -1.
 */
export function findPublication(t: LineTable, first: number, end: number): number {
  let title = "";
  for (let k = first; k < end; k++) {
    if (t.blank(k)) continue;
    const text = t.text(k);
    if (title !== "" && t.publication(k) !== null) return t.next(k + 1, end) < end ? k : -1;
    if (title === "" && (isFurniture(text) || t.timestamp(k) !== null)) continue;
    if (title === "" && headlineAt(t, k)) title = text;
    else if (text !== title) return -1;
  }
  return -1;
}
