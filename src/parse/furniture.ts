/**
 * Page furniture: the lines of a menafn.com page template that are no part of the article.
 * Recognised by shape (short capitals-only lines, space-padded menus, lines of only dates and
 * numbers, one-word links in a non-Latin script) and, only for fixed link and widget texts, by a
 * short list of phrases. All checks are single passes over one trimmed line.
 */
import { MONTHS, WEEKDAYS } from "./dates.js";
import { KNOWN_JUNK } from "./patterns.js";

/**
 * Fixed texts of the site template, compared case-insensitively: KNOWN_JUNK, and two that are
 * furniture only outside a body (`Will be updated` closes some providers' stories, so a body keeps it).
 */
export const FURNITURE_PHRASES: ReadonlySet<string> = new Set([
  ...[...KNOWN_JUNK].map((p) => p.toLowerCase()),
  "will be updated",
  "oops!",
  // The site's error page says this under `404` and `Oops!`: a template text, never a title.
  "sorry, the page you requested could not be found.",
]);

/** Headings under which the page lists links (tags, other headlines): what follows them is furniture too. */
export const LINK_LIST_HEADINGS: ReadonlySet<string> = new Set(["tags", "most popular stories", "market research", "more news", "read also"]);

/** Link texts that pages glue onto the end of a line (`Jane Doe Read more`, a cookie banner's `Learn more`). */
export const GLUED_LINKS = ["Read more", "Learn more"] as const;

const PHRASE_MAX = Math.max(...[...FURNITURE_PHRASES].map((p) => p.length));

/** Words that may stand in a date-only line besides digits: month and weekday names and their abbreviations, AM/PM, zones. */
const CALENDAR_WORDS: ReadonlySet<string> = new Set([
  ...MONTHS.map((m) => m.toLowerCase()),
  ...MONTHS.map((m) => m.slice(0, 3).toLowerCase()),
  "sept",
  ...WEEKDAYS.map((w) => w.toLowerCase()),
  ...WEEKDAYS.map((w) => w.slice(0, 3).toLowerCase()),
  "am",
  "pm",
  "gmt",
  "utc",
  "date",
]);

/** Whether text (trimmed) is one of the fixed phrases. */
export function isFurniturePhrase(text: string): boolean {
  return text.length <= PHRASE_MAX && FURNITURE_PHRASES.has(text.toLowerCase());
}

/** Whether text (trimmed) heads a list of links. */
export function isLinkListHeading(text: string): boolean {
  return text.length <= 24 && LINK_LIST_HEADINGS.has(text.toLowerCase());
}

/** The glued link text that ends `text` after a space (`Read more`), or null. */
export function gluedLink(text: string): string | null {
  for (const link of GLUED_LINKS) {
    if (text.length > link.length && text.endsWith(link) && text.charCodeAt(text.length - link.length - 1) === 32) return link;
  }
  return null;
}

/** A navigation bar: opens with `|` or holds a run of three or more spaces (or a tab) between words. */
export function isMenu(text: string): boolean {
  return text.charCodeAt(0) === 124 || text.includes("   ") || text.includes("\t");
}

/** A short line of capitals only (`MARKET NEWS`): a section name, not a headline. */
export function isCapsLabel(text: string): boolean {
  if (text.length < 2 || text.length > 30) return false;
  let letters = 0;
  let words = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) words++;
    else if (c >= 97 && c <= 122) return false;
    else if (c >= 65 && c <= 90) letters++;
    else if (c > 127 && text[i] !== text[i]?.toUpperCase()) return false;
  }
  return letters >= 2 && words <= 4;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => (c | 0x20) >= 97 && (c | 0x20) <= 122;
const isDatePunctuation = (c: number): boolean => c === 45 || c === 47 || c === 58 || c === 46 || c === 44; // - / : . ,

/** A token of a date-only line: digits and date punctuation, or a calendar word with an optional `.` or `,`. */
function dateToken(token: string): "number" | "word" | null {
  let k = 0;
  while (k < token.length && isLetter(token.charCodeAt(k))) k++;
  if (k > 0) {
    const rest = token.length - k;
    if (rest > 1 || (rest === 1 && !isDatePunctuation(token.charCodeAt(k)))) return null;
    return CALENDAR_WORDS.has(token.slice(0, k).toLowerCase()) ? "word" : null;
  }
  let digits = false;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (isDigit(c)) digits = true;
    else if (!isDatePunctuation(c)) return null;
  }
  return digits ? "number" : token.length === 0 ? "word" : null;
}

/** A line of only dates, times and numbers (`12 Mar 2014`, `404`, ` date 2024-05-06 403`, a publication line). */
export function isDateOrNumberLine(text: string): boolean {
  if (text.length > 48) return false;
  let number = false;
  for (const token of text.split(" ")) {
    const kind = dateToken(token);
    if (kind === null) return false;
    if (kind === "number") number = true;
  }
  return number;
}

/** A one-word link in a non-Latin script (`عربي`): no ASCII letter or digit, and letters beyond Latin. */
export function isForeignLink(text: string): boolean {
  if (text.length > 24 || text.includes(" ")) return false;
  let foreign = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x250) {
      if ((c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 122) || c >= 0xc0) return false;
    } else foreign = true;
  }
  return foreign;
}

/** Whether a trimmed, non-blank line is page furniture by its shape or a fixed phrase. */
export function isFurniture(text: string): boolean {
  return isFurniturePhrase(text) || isMenu(text) || isDateOrNumberLine(text) || isForeignLink(text) || isCapsLabel(text) || gluedLink(text) !== null;
}
