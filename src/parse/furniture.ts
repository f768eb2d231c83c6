/**
 * Page furniture: the lines of a menafn.com page template that are no part of the article.
 * Recognised by shape (short capitals-only lines, space-padded menus, lines of only dates and
 * numbers, one-word links in a non-Latin script) and, only for fixed link and widget texts, by a
 * short list of phrases (vocabulary.ts). All checks are single passes over one trimmed line.
 */
import { MONTHS, WEEKDAYS } from "./dates.js";
import { gluedLink, isFurniturePhrase, isPromoPlatform, isPromoSentence, PROMO_OPENINGS } from "./vocabulary.js";

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

/** `Follow KT on WhatsApp Channels.`: a call to follow a name (one to four capitalised words) on a listed platform. */
function isFollowCall(sentence: string): boolean {
  if (!sentence.startsWith("Follow ")) return false;
  const text = sentence.endsWith(".") || sentence.endsWith("!") ? sentence.slice(0, -1) : sentence;
  const on = text.lastIndexOf(" on ");
  if (on < 7 || !isPromoPlatform(text.slice(on + 4))) return false;
  const name = text.slice(7, on).split(" ");
  return name.length <= 4 && name.every((w) => w.length > 0 && w.charAt(0) !== w.charAt(0).toLowerCase());
}

/**
 * A promotion line (`Stay up to date with the latest news. Follow KT on WhatsApp Channels.`): every
 * sentence of it is a listed promotion sentence or a call to follow on a listed platform.
 */
export function isPromoLine(text: string): boolean {
  if (text.length > 200 || !PROMO_OPENINGS.has(text.charAt(0).toLowerCase())) return false;
  let start = 0;
  while (start < text.length) {
    // Sentences end at ". " or "! "; the last at the end of the line.
    let stop = text.length;
    for (const mark of [". ", "! "]) {
      const at = text.indexOf(mark, start);
      if (at >= 0 && at + 1 < stop) stop = at + 1;
    }
    const sentence = text.slice(start, stop);
    if (!isPromoSentence(sentence) && !isFollowCall(sentence)) return false;
    start = stop + 1;
  }
  return true;
}
