/**
 * Recognisers for the single-line parts: timestamp, ID line, source tag,
 * footer and disclaimer heading. All are anchored and linear-time.
 */

import { isRealDate, MONTHS, pad, weekday, WEEKDAYS } from "./dates.js";
import { ID_VALID, idShape, NOT_ID } from "./id-shape.js";
import { neverSpace } from "./lines.js";

export { isRealDate };
const MONTH_PREFIXES = MONTHS.map((m) => m.slice(0, 3).toLowerCase());
const WEEKDAY_PREFIXES = new Set(WEEKDAYS.map((w) => w.slice(0, 3).toLowerCase()));

const NON_BLANK = /\S/;

/**
 * The first non-white-space character's code, or NaN: lets the ID, footer and disclaimer
 * recognisers, which run on nearly every line, turn a line away without trimming a copy of it.
 */
function firstCode(line: string): number {
  const c = line.charCodeAt(0);
  // Nothing between "!" and U+009F is white space; anything else asks the engine.
  if (neverSpace(c)) return c;
  return line.charCodeAt(line.search(NON_BLANK));
}

const M = 77,
  L = 76,
  LOWER_L = 108;

// Loose shape: enough to know the line *is* a timestamp line, even a bad one.
const TIMESTAMP_SHAPE = /^([A-Za-z]{3,9}),? +(\d{1,2}) +([A-Za-z]{3,9}),? +(\d{4}),? +(\d{1,2}):(\d{2})(?: *([A-Za-z]{3}))?$/;

export interface TimestampLine {
  text: string;
  /** RFC 3339 UTC with seconds, or null when the line is not a valid strict timestamp. */
  iso: string | null;
  /** The calendar date (YYYY-MM-DD) when valid. */
  date: string | null;
  /** Why the strict parse failed. */
  problem: string | null;
  /** Set when the weekday disagrees with the date. */
  weekdayMismatch: { said: string; actual: string } | null;
}

/** Cheap guard before the timestamp regex: a timestamp line is short and has a comma and a colon. */
export function maybeTimestamp(line: string): boolean {
  return line.length <= 48 && line.includes(",") && line.includes(":");
}

/** Recognise a timestamp line (`Tuesday, 02 January 2024 12:17 GMT`) and parse it strictly. */
export function matchTimestamp(line: string): TimestampLine | null {
  const text = line.trim();
  if (text.length > 40) return null;
  const m = TIMESTAMP_SHAPE.exec(text);
  if (!m) return null;
  const [, wd = "", dd = "", mon = "", yyyy = "", hh = "", mi = "", zone] = m;
  // Full English names (nearly every line) are found without lower-casing copies of prefixes.
  const fullMonth = MONTHS.indexOf(mon);
  const fullWeekday = WEEKDAYS.includes(wd);
  const monthIndex = fullMonth >= 0 ? fullMonth : MONTH_PREFIXES.indexOf(mon.slice(0, 3).toLowerCase());
  const weekdayKnown = fullWeekday || WEEKDAY_PREFIXES.has(wd.slice(0, 3).toLowerCase());
  if (monthIndex < 0 || !weekdayKnown) return null;
  const result: TimestampLine = { text, iso: null, date: null, problem: null, weekdayMismatch: null };
  const year = Number(yyyy),
    month = monthIndex + 1,
    day = Number(dd),
    hour = Number(hh),
    minute = Number(mi);
  const problems: string[] = [];
  if (!fullWeekday) problems.push(`"${wd}" is not a full English weekday`);
  if (MONTHS[monthIndex] !== mon) problems.push(`"${mon}" is not a full English month`);
  if (dd.length !== 2 || hh.length !== 2) problems.push("day and hour must have two digits");
  if (zone !== "GMT") problems.push("the time zone must be GMT");
  if (!/^[A-Za-z]+, \d+ [A-Za-z]+ \d+ \d+:\d+ GMT$/.test(text)) problems.push("the layout must be `Weekday, DD Month YYYY HH:MM GMT`");
  if (!isRealDate(year, month, day)) problems.push(`${day} ${MONTHS[monthIndex]} ${year} does not exist`);
  if (hour > 23 || minute > 59) problems.push(`${hh}:${mi} is not a time of day`);
  if (problems.length > 0) {
    result.problem = problems.join("; ");
    return result;
  }
  result.date = `${year}-${pad(month)}-${pad(day)}`;
  result.iso = `${result.date}T${pad(hour)}:${pad(minute)}:00Z`;
  const actual = WEEKDAYS[weekday(year, month, day)] ?? "";
  if (actual !== wd) result.weekdayMismatch = { said: wd, actual };
  return result;
}

/** MENAFN, a digit, then digits and capitals: idShape's ID_LIKE or ID_VALID. */
const ID_LIKE_LINE = /^MENAFN\d[\dA-Z]*$/;

export interface IdLine {
  id: string;
  /** YYYY-MM-DD, or null when the 8 digits are no real date. */
  date: string | null;
  rawDate: string;
  articleNumber: string;
}

/** Parse an ID line (`MENAFN27112025000045017640ID1110406018`), or null. */
export function matchId(line: string): IdLine | null {
  if (firstCode(line) !== M) return null;
  const text = line.trim();
  if (idShape(text) !== ID_VALID) return null;
  const dd = text.slice(6, 8);
  const mm = text.slice(8, 10);
  const yyyy = text.slice(10, 14);
  const num = text.slice(28, 38);
  const real = isRealDate(Number(yyyy), Number(mm), Number(dd));
  return { id: text, date: real ? `${yyyy}-${mm}-${dd}` : null, rawDate: `${dd}${mm}${yyyy}`, articleNumber: num };
}

/** A line shaped like an ID (MENAFN and digits) that is not a valid one. */
export function looksLikeId(line: string): boolean {
  if (firstCode(line) !== M) return false;
  const text = line.trim();
  // Rare (a line opening with MENAFN that is no valid ID): the regex states the shape plainly.
  return text.length < 80 && ID_LIKE_LINE.test(text) && idShape(text) !== ID_VALID;
}

/**
 * Where an article's body ends: an ID-shaped line, the footer or a disclaimer heading.
 * Every one opens with M or L, so other lines (nearly all of them) skip the recognisers.
 */
export function isEndMarker(line: string): boolean {
  // A line opening with a letter other than M or L (most lines) is turned away without a trimmed copy.
  const c = firstCode(line) | 0x20; // lower-case ASCII letters
  if (c !== 0x6d && c !== 0x6c) return false;
  const text = line.trimStart();
  // Body lines opening with M or L ("Meanwhile", "London") are common: the ID and footer need
  // "MENAFN", the heading an "e" second, so those two characters turn most of them away.
  if (c === 0x6d) return text.startsWith("MENAFN") && (isIdShaped(text) || isFooter(text));
  if (c === 0x6c) return (text.charCodeAt(1) | 0x20) === 0x65 && matchDisclaimerHeading(text) !== null;
  return false;
}

/**
 * `matchId(line) !== null || looksLikeId(line)` without building the IdLine: isEndMarker runs on
 * every ID line several times, and only the parse in parseEnd needs its parts.
 */
function isIdShaped(line: string): boolean {
  if (firstCode(line) !== M) return false;
  const text = line.trim();
  // Every valid ID line is shorter than 80.
  return text.length < 80 && idShape(text) !== NOT_ID;
}

/** The site footer: a line holding only `MENAFN`. */
export function isFooter(line: string): boolean {
  if (firstCode(line) !== M) return false;
  return line.trim() === "MENAFN";
}

/**
 * `Legal Disclaimer:` opens the line, or `Legal Disclaimer` is the whole line; returns the text
 * after the heading, or null. Without the colon, "Legal disclaimers on food labels ..." in a
 * body would end the article.
 */
export function matchDisclaimerHeading(line: string): string | null {
  const first = firstCode(line);
  if (first !== L && first !== LOWER_L) return null;
  const text = line.trim();
  const m = /^Legal Disclaimer\s*(?::|$)/i.exec(text);
  return m ? text.slice(m[0].length).trim() : null;
}

export { matchTag, type SourceTag } from "./tag.js";
