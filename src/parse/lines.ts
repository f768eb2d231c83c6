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

/**
 * Split text into lines; LF, CRLF and a lone CR each end one line. A leading
 * BOM is dropped. A final line break does not start an extra empty line.
 */
export function splitLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // The engine's own split is several times faster than a character loop on large dumps.
  const lines = body.split(body.includes("\r") ? /\r\n|\r|\n/ : "\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/**
 * Which lines of the input being parsed are blank (1), found once in one pass: every part parser
 * skips blank lines, and asking the flags instead of each line string spares a visit to a string
 * scattered in memory (half the lines of a feed dump are blank). Only for the one array marked
 * (`lines` must not change while marked); any other array is asked line by line.
 */
let marked: readonly string[] | null = null;
let blank = new Uint8Array(0);

/** Mark the blank lines of `lines` for blankAt and nextNonBlank; null forgets the last array marked. */
export function markBlanks(lines: readonly string[] | null): void {
  marked = lines;
  if (lines === null) {
    blank = new Uint8Array(0);
    return;
  }
  blank = new Uint8Array(lines.length);
  for (let i = 0; i < lines.length; i++) if (isBlank(lines[i] ?? "")) blank[i] = 1;
}

/**
 * `fn()` with `lines` marked (unless it is already), the marks before restored after: parse() marks
 * the whole input once, and the streaming parser's windows are marked as segment() and parseRanges() take them.
 */
export function withBlanks<T>(lines: readonly string[], fn: () => T): T {
  if (lines === marked) return fn();
  const before = marked;
  const beforeBlank = blank;
  markBlanks(lines);
  try {
    return fn();
  } finally {
    marked = before;
    blank = beforeBlank;
  }
}

/** isBlank(lines[k] ?? ""), from the marks when `lines` is marked. */
export function blankAt(lines: readonly string[], k: number): boolean {
  if (lines === marked) return blank[k] === 1 || k >= lines.length;
  return isBlank(lines[k] ?? "");
}

/** The first index in [from, to) holding a non-blank line, or `to`. */
export function nextNonBlank(lines: readonly string[], from: number, to = lines.length): number {
  let i = from;
  if (lines === marked) {
    while (i < to && blank[i] === 1) i++;
    return i;
  }
  while (i < to && isBlank(lines[i] ?? "")) i++;
  return i;
}
