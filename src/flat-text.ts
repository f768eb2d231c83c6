/**
 * An article whose line breaks were lost (copied out of a spreadsheet cell, a web form, a JSON
 * string): its parts are all there, run together on one line, and the parser, which reads a part
 * per line, finds none of them. Pure: the input's lines in, what to say (or nothing) out. It reads
 * at most the first few non-blank lines, so a real article costs it almost nothing.
 */

/** What marks each part of an article inside a line of running text. */
const MARKERS: Array<[RegExp, string]> = [
  [/\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, \d{1,2} [A-Z][a-z]+ \d{4} \d{1,2}:\d{2} GMT\b/, "a timestamp"],
  [/\(MENAFN\b/, "a (MENAFN) source tag"],
  [/\bMENAFN\d{20}ID\d{10}\b/, "an ID"],
  [/\bLegal Disclaimer:/, "a Legal Disclaimer"],
];

/** A line shorter than this is no whole article. */
const LONG_LINE = 400;

/**
 * When the input is one long line (or a few lines, one of them long) holding two or more of an
 * article's parts, the detail for NOT_AN_ARTICLE that says its line breaks are missing. `base`:
 * input lines before `lines[0]` (a stream's blank lines already counted), for the line it names.
 */
export function missingLineBreaks(lines: readonly string[], base = 0): string | undefined {
  let nonBlank = 0;
  let longest = -1;
  let longestLength = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "") continue;
    if (++nonBlank > 3) return undefined;
    if (line.length > longestLength) {
      longest = i;
      longestLength = line.length;
    }
  }
  if (longestLength < LONG_LINE) return undefined;
  const text = lines[longest] ?? "";
  const found = MARKERS.filter(([re]) => re.test(text)).map(([, name]) => name);
  if (found.length < 2) return undefined;
  const list = found.length === 2 ? found.join(" and ") : `${found.slice(0, -1).join(", ")} and ${found.at(-1)}`;
  return `its line breaks are missing: line ${base + longest + 1} holds ${list} run together in ${longestLength} characters; put each part on a line of its own, with a blank line between paragraphs`;
}
