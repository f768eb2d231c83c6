/**
 * The publication line of a menafn.com page, between the title and the tag: `2025-08-02 08:04:19`
 * or, on older pages, `10/28/2023 3:12:14 PM` (month/day order, MENAFN's US layout). Neither form
 * names a time zone; it is taken as UTC (GMT), the zone of the site's own clock line.
 */
import { isRealDate, pad } from "./dates.js";
import type { TimestampLine } from "./patterns.js";

const ISO_FORM = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/;
const US_FORM = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))? ?([AaPp][Mm])$/;

/** Cheap guard: a publication line is short and opens with a digit. */
export function maybePublication(text: string): boolean {
  const c = text.charCodeAt(0);
  return text.length >= 14 && text.length <= 24 && c >= 48 && c <= 57;
}

/** Recognise a publication line (trimmed text) and read it as UTC; a bad date is kept with its problem. */
export function matchPublication(text: string): TimestampLine | null {
  if (!maybePublication(text)) return null;
  let year: number, month: number, day: number, hour: number, minute: number, second: number;
  const iso = ISO_FORM.exec(text);
  if (iso) {
    [year, month, day, hour, minute, second] = iso.slice(1, 7).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  } else {
    const us = US_FORM.exec(text);
    if (!us) return null;
    [month, day, year, hour, minute, second] = us.slice(1, 7).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
    const pm = (us[7] ?? "").toUpperCase() === "PM";
    if (hour < 1 || hour > 12)
      hour = 99; // a 12-hour clock has no hour 0 or 13
    else hour = (hour % 12) + (pm ? 12 : 0);
  }
  const result: TimestampLine = { text, iso: null, date: null, problem: null, weekdayMismatch: null };
  const problems: string[] = [];
  if (!isRealDate(year, month, day)) problems.push(`${iso ? "" : "month/day "}${text.split(" ")[0]} is not a real date`);
  if (hour > 23 || minute > 59 || second > 59) problems.push("the time of day is out of range");
  if (problems.length > 0) {
    result.problem = problems.join("; ");
    return result;
  }
  result.date = `${year}-${pad(month)}-${pad(day)}`;
  result.iso = `${result.date}T${pad(hour)}:${pad(minute)}:${pad(second)}Z`;
  return result;
}
