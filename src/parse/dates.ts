/**
 * Calendar arithmetic for the timestamp and ID recognisers: no Date object per line.
 */

/** English weekday names, Sunday first (as getUTCDay counts). */
export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** English month names, January first. */
export const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

// Two digits; concatenation instead of String(n).padStart, since every timestamp formats four.
export const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

// Sakamoto's month offsets for the weekday of a proleptic Gregorian date (what Date.UTC uses).
const MONTH_OFFSET = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];

/** The weekday (0 = Sunday) of a real date, as Date.UTC would give it, without a Date per timestamp. */
export function weekday(year: number, month: number, day: number): number {
  let y = year >= 0 && year <= 99 ? 1900 + year : year; // Date.UTC reads 0–99 as 1900–1999
  if (month < 3) y -= 1;
  return (y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + (MONTH_OFFSET[month - 1] ?? 0) + day) % 7;
}

/** A real calendar date check that never guesses. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Arithmetic instead of a Date per call; Date.UTC reads years 0–99 as 1900–1999, and so do we.
  const y = year >= 0 && year <= 99 ? 1900 + year : year;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}
