/**
 * The shape of an ID line, read by character codes: every article's ID line is asked about several
 * times (segmenting, the body's end, the end section), and a regex with captures cost more than the
 * rest of the line's handling. The same language as before (tests/parse/fast-paths.test.ts):
 * VALID is /^MENAFN\d{20}ID\d{10}$/, LIKE the rest of /^MENAFN\d[\dA-Z]*$/.
 */

export const NOT_ID = 0;
export const ID_LIKE = 1;
export const ID_VALID = 2;

/** The length of a valid ID line: MENAFN, 20 digits (date and provider), ID, 10 digits. */
const ID_LENGTH = 38;
const MENAFN = "MENAFN";

/** NOT_ID, ID_LIKE (MENAFN, a digit, then digits and capitals) or ID_VALID, for a trimmed line. */
export function idShape(text: string): number {
  const n = text.length;
  if (n < 7 || !text.startsWith(MENAFN)) return NOT_ID;
  const c6 = text.charCodeAt(6);
  if (c6 < 48 || c6 > 57) return NOT_ID;
  let valid = n === ID_LENGTH;
  for (let i = 7; i < n; i++) {
    const c = text.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    if (!digit && (c < 65 || c > 90)) return NOT_ID;
    // Digits everywhere but "ID" at 26–27.
    if (valid && (i === 26 ? c !== 73 : i === 27 ? c !== 68 : !digit)) valid = false;
  }
  return valid ? ID_VALID : ID_LIKE;
}
