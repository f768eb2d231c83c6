/**
 * The dateline that opens many leads: `KUWAIT, March 1 (KUNA) --`, `BAKU, Azerbaijan, November 24.`,
 * `Amman, Aug. 9 (Petra)--`, `Doha:`, `AMMAN —`. It is read, not cut: it stays in the body.
 */

/** A lead's dateline; each part is null when the dateline does not give it. */
export interface Dateline {
  place: string | null;
  /** The date as written (`March 1`, `Aug. 9`, `Sept. 15, 2025`, `1st September, 2024`): most give no year. */
  date: string | null;
  /** The agency in parentheses (`KUNA`, `Petra`). */
  agency: string | null;
  /** The dateline as written, separator included. */
  text: string;
}

// Place: one to three comma-separated names of one to four capitalised words; then an optional
// date (`Month day`, `Sept. 15, 2025`, `1st September, 2024`), an optional `(Agency)`, and a separator followed by a space. Words hold no space or
// comma, so each split of the text is unique and the bounded repetitions cannot backtrack far.
// A full stop ends a dateline only after a date (`BAKU, Azerbaijan, November 24.`): DATED_STOP.
export const DATELINE =
  /^([A-Z][A-Za-z'’.-]*(?: [A-Z][A-Za-z'’.-]*){0,3}(?:, [A-Z][A-Za-z'’.-]*(?: [A-Z][A-Za-z'’.-]*){0,3}){0,2})(?:,? ((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.? \d{1,2}(?:, \d{4})?|\d{1,2}(?:st|nd|rd|th)? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?(?:,? \d{4})?))?(?: ?\(([A-Za-z][^()]{0,30})\))? ?(--|—|–|-|:)(?= )/;
export const DATED_STOP =
  /^([A-Z][A-Za-z'’.-]*(?: [A-Z][A-Za-z'’.-]*){0,3}(?:, [A-Z][A-Za-z'’.-]*(?: [A-Z][A-Za-z'’.-]*){0,3}){0,2}),? ((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.? \d{1,2}(?:, \d{4})?|\d{1,2}(?:st|nd|rd|th)? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?(?:,? \d{4})?)\.(?= )/;

/** What DATELINE's separator needs somewhere in the text: one of its characters, then a space. */
const SEPARATOR = /[-—–:] /;

/** The dateline opening a lead paragraph, or null. */
export function matchDateline(lead: string): Dateline | null {
  const head = lead.slice(0, 120);
  // Both patterns are costly to run the first time (V8 compiles a regex on first use, ~1 ms for
  // these two, a share of a one-article run's start-up: BENCHMARKS.md), so each runs only where
  // it could match: both begin with a capital, DATED_STOP needs a full stop and a space, and
  // DATELINE one of its separators and a space.
  const first = head.charCodeAt(0);
  if (!(first >= 65 && first <= 90)) return null;
  if (head.includes(". ")) {
    const stop = DATED_STOP.exec(head);
    if (stop) return { place: stop[1] ?? "", date: stop[2] ?? null, agency: null, text: stop[0] };
  }
  if (!SEPARATOR.test(head)) return null;
  const m = DATELINE.exec(head);
  if (!m) return null;
  const [text = "", place = "", date, agency, separator = ""] = m;
  if (date === undefined && agency === undefined) {
    // Without a date or an agency only the short forms count: `Doha:` and `AMMAN —` or
    // `ERBIL, Kurdistan Region -` (the first name in capitals), so that
    // `Prime Minister Sheikh Mohammed: ...` or `Dubai-based Emirates - ...` is no dateline.
    if (place.split(" ").length > 3) return null;
    const city = place.split(",")[0] ?? place;
    if (separator !== ":" && city !== city.toUpperCase()) return null;
  }
  return { place, date: date ?? null, agency: agency ?? null, text: text.trim() };
}
