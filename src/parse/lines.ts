// `\S` and String.prototype.trim agree on what white space is; testing for one non-white
// character stops at the first letter instead of allocating a trimmed copy of every line.
const NON_BLANK = /\S/;

/**
 * Whether a character code is one that is never white space: "!"–U+009F. Nearly every line opens
 * with one (a printable ASCII or Latin-1 letter), so one comparison settles a line without a
 * regex call or a trimmed copy.
 */
export const neverSpace = (c: number): boolean => c > 32 && c < 0xa0;

/** A blank line is empty or only white space (NBSP included, since `\s` covers it). */
export function isBlank(line: string): boolean {
  const c = line.charCodeAt(0);
  if (neverSpace(c)) return false;
  // Curly quotes and dashes (U+2010–U+2027) open many paragraphs, and none of them is white space.
  if (c >= 0x2010 && c <= 0x2027) return false;
  // Half the lines of a feed dump are empty: no regex call for them.
  return line.length === 0 || !NON_BLANK.test(line);
}

/** The text without its leading BOM, if it has one (an input's first character only). */
export const dropBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/**
 * Split text into lines; LF, CRLF and a lone CR each end one line. A final line break does not
 * start an extra empty line. Both drivers split with it: parse() the whole text, the streaming
 * parser each run of complete lines.
 */
export function splitBody(body: string): string[] {
  // The engine's own split is several times faster than a character loop on large dumps.
  const lines = body.split(body.includes("\r") ? /\r\n|\r|\n/ : "\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Split a whole input into lines (splitBody); a leading BOM is dropped. */
export const splitLines = (text: string): string[] => splitBody(dropBom(text));

/** The first index in [from, to) holding a non-blank line, or `to` (the line table's `next` for a plain array). */
export function nextNonBlank(lines: readonly string[], from: number, to = lines.length): number {
  let i = from;
  while (i < to && isBlank(lines[i] ?? "")) i++;
  return i;
}
