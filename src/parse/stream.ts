/**
 * The streaming parser: a feed dump of any size, or standard input, parsed a window of lines at a
 * time, so memory stays bounded (a window, and the one article that straddles its end).
 *
 * A window is cut only at the start of an article that segment() has settled: one with at least
 * MARGIN non-blank lines after it, more than any decision of segment() looks ahead. Since the
 * segmenter's state at an article's start is always the same, every window is segmented, and
 * every article parsed, exactly as in a whole-input parse(); line and article numbers count from
 * the start of the input. What differs, because the input is not seen whole (README, "Large
 * inputs"): invalid UTF-8 makes the input windows-1252 from its chunk on, not from its start; a
 * NUL byte refuses the rest of the input, not what came before it; an input that opens with "{"
 * or "[" is refused as JSON without reading its end; an article over `maxArticleBytes` is refused
 * (ARTICLE_TOO_LARGE) and the input is skipped up to the next timestamp line; and each window's
 * diagnostics come before its records rather than the whole input's before all of them.
 */
import { repairLines, StreamDecoder } from "../decode.js";
import { MOJIBAKE_LEAD } from "../mojibake.js";
import { error, warning, type Diagnostic } from "../diagnostics.js";
import { parseRanges, type ParseResult, type ParsedArticle } from "./index.js";
import { LineTable } from "./line-table.js";
import { isBlank, nextNonBlank } from "./lines.js";
import { matchTimestamp } from "./patterns.js";
import { segment } from "./segment.js";

export interface StreamOptions {
  /** The input's name, kept in each record's origin; null for standard input. */
  file?: string | null;
  strict?: boolean;
  /** An article over this many bytes (its lines in UTF-8, with one byte per line break) is refused. */
  maxArticleBytes: number;
  /** Characters of text gathered before segmenting (default 64 Ki): the size of a window. */
  window?: number;
}

/** Non-blank lines that must follow an article's start before the window may be cut there. */
const MARGIN = 4;

/** Break characters: LF, and CR (alone or before LF). */
const LF = 10;
const CR = 13;

/**
 * Parse a stream of byte chunks; yields one ParseResult per window of articles, in input order,
 * with line and article numbers counted over the whole input.
 */
export async function* parseStream(chunks: AsyncIterable<Uint8Array>, o: StreamOptions): AsyncGenerator<StreamWindow> {
  const file = o.file ?? null;
  const strict = o.strict === true;
  const windowSize = o.window ?? 64 * 1024;
  const decoder = new StreamDecoder();
  /** Complete lines not yet parsed; carry[0] is input line base + 1. */
  let carry: string[] = [];
  let carryChars = 0;
  /** The text after the last line break so far (a line not known to be complete). */
  let partial = "";
  let base = 0;
  let articlesBefore = 0;
  let repairs: Diagnostic[] = [];
  let inherited: Diagnostic[] = [];
  let sawContent = false;
  /** The input line where invalid UTF-8 switched the rest to windows-1252, or null. */
  let legacyLine: number | null = null;
  let atStart = true;
  let first = true;
  /** After a window with no settled cut, the next try waits for the carry to double. */
  let drainAt = windowSize;
  /** Skipping an article over the size limit, up to the next timestamp line. */
  let skipping = false;
  /** Dropping the rest of a line over the size limit, up to its break. */
  let dropping = false;

  const newResult = (): StreamWindow => ({ records: [], diagnostics: [], articles: [], encoding: decoder.encoding, firstArticle: articlesBefore + 1 });

  /** Add complete lines (their first is input line base + carry.length + 1); `mojibake`: they may hold some. */
  const addLines = (lines: string[], mojibake: boolean): void => {
    let from = 0;
    if (skipping) {
      while (from < lines.length && !opensArticle(lines[from] ?? "")) from++;
      base += from;
      if (from === lines.length) return;
      skipping = false;
    }
    const at = carry.length;
    for (let i = from; i < lines.length; i++) {
      const line = lines[i] ?? "";
      carry.push(line);
      carryChars += line.length + 1;
      if (!sawContent && !isBlank(line)) sawContent = true;
    }
    // Mojibake repairs line by line, numbered in the input.
    if (!mojibake) return;
    const added = carry.slice(at);
    const found = repairLines(added);
    for (let i = 0; i < added.length; i++) carry[at + i] = added[i] ?? "";
    for (const r of found) repairs.push({ ...r, line: (r.line ?? 0) + base + at });
  };

  /** Split decoded text into lines after `partial`; the text after the last break stays partial. */
  const addText = (text: string, last: boolean): void => {
    if (dropping) {
      // The rest of a line over the limit: dropped up to its line break.
      const lf = text.indexOf("\n");
      const cr = text.indexOf("\r");
      const at = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
      if (at < 0) return;
      dropping = false;
      base++;
      text = text.slice(at + (text.charCodeAt(at) === CR && text.charCodeAt(at + 1) === LF ? 2 : 1));
    }
    const known = partial.length;
    let all = partial + text;
    if (atStart && all.length > 0) {
      atStart = false;
      if (all.charCodeAt(0) === 0xfeff) all = all.slice(1);
    }
    let end = all.length;
    if (!last) {
      // Up to the last break that is surely complete (a CR at the very end may be half of CRLF).
      // `partial` holds no break but perhaps a CR at its end: only the new text is searched.
      const stop = Math.max(0, known - 1);
      let k = all.length - 1;
      if (k >= 0 && all.charCodeAt(k) === CR) k--;
      while (k >= stop && all.charCodeAt(k) !== LF && all.charCodeAt(k) !== CR) k--;
      end = k >= stop ? k + 1 : 0;
    }
    partial = all.slice(end);
    if (end === 0) return;
    let body = all.slice(0, end);
    const lines = body.split(body.includes("\r") ? /\r\n|\r|\n/ : "\n");
    // The text ended with a break: split() gives an empty string after it, which is no line.
    if (lines[lines.length - 1] === "") lines.pop();
    // One search of the text instead of one per line: most text has no possible mojibake lead.
    addLines(lines, MOJIBAKE_LEAD.test(body));
    body = "";
  };

  /** Parse the settled articles of the carry (all of them when `last`); a result, or null when none. */
  const drain = (last: boolean, allButLast = false): StreamWindow | null => {
    if (carry.length === 0) return null;
    if (!sawContent) {
      // Blank lines only so far: nothing to segment; they still count for line numbers.
      base += carry.length;
      carry = [];
      carryChars = 0;
      return null;
    }
    const table = new LineTable(carry);
    const segments = segment(table);
    const { ranges } = segments;
    let count = ranges.length;
    if (allButLast) count = ranges.length - 1;
    else if (!last) {
      // The last article whose start is followed by MARGIN non-blank lines is not parsed yet: the
      // window is cut at its start.
      count = 0;
      for (let k = ranges.length - 1; k > 0; k--) {
        if (settled(carry, (ranges[k] as [number, number])[0])) {
          count = k;
          break;
        }
      }
    }
    const result = newResult();
    if (count === 0) {
      if (last || allButLast) return null;
      // One article so far: refused once it outgrows the limit, and skipped to the next timestamp line.
      // The first article ends where the next one starts, if one is in sight (not settled yet).
      const next = ranges.length > 1 ? (ranges[1] as [number, number])[0] : carry.length;
      if (!isTooLarge([0, next])) {
        drainAt = 2 * carryChars;
        return null;
      }
      // Skipped up to that start, else to the next timestamp line.
      tooLarge(result, 0, next);
      base += next;
      carry = carry.slice(next);
      carryChars = 0;
      for (const line of carry) carryChars += line.length + 1;
      skipping = carry.length === 0;
      return result;
    }
    const only = last && articlesBefore === 0 && count === 1;
    // Articles over the limit are refused one by one; the others are parsed in runs of one encoding.
    const legacyAt = legacyLine;
    const isLegacy = (k: number): boolean => legacyAt !== null && base + (ranges[k] as [number, number])[1] >= legacyAt;
    let k = 0;
    while (k < count) {
      let j = k;
      const legacy = isLegacy(k);
      while (j < count && !isTooLarge(ranges[j] as [number, number]) && isLegacy(j) === legacy) j++;
      if (j > k) {
        const encoding = legacyAt === null ? decoder.encoding : legacy ? "windows-1252" : "utf-8";
        const run = { ranges: ranges.slice(k, j) };
        const offset = (ranges[k] as [number, number])[0];
        const lines = offset === 0 ? table : new LineTable(carry.slice(offset, (ranges[j - 1] as [number, number])[1]));
        const shifted = offset === 0 ? run : { ranges: run.ranges.map(([a, b]): [number, number] => [a - offset, b - offset]) };
        parseRanges(
          lines,
          shifted,
          j - k,
          { file, strict, encoding, inherited: legacy ? inherited : [], repairs, base: base + offset, articlesBefore, only },
          result,
        );
        articlesBefore += j - k;
      }
      if (j < count && isTooLarge(ranges[j] as [number, number])) {
        const [a, b] = ranges[j] as [number, number];
        tooLarge(result, a, b);
        j++;
      }
      k = j;
    }
    drainAt = windowSize;
    const cut = count < ranges.length ? (ranges[count] as [number, number])[0] : carry.length;
    carry = carry.slice(cut);
    carryChars = 0;
    for (const line of carry) carryChars += line.length + 1;
    base += cut;
    repairs = repairs.filter((r) => (r.line ?? 0) > base);
    // A legacy-decoding warning names its line only in the article holding it; later ones get none.
    inherited = inherited.map((d) => (d.line !== null && d.line <= base ? { ...d, line: null } : d));
    return result;
  };

  const isTooLarge = ([a, b]: [number, number]): boolean => {
    let chars = 0;
    for (let i = a; i < b; i++) chars += (carry[i] ?? "").length + 1;
    return chars > o.maxArticleBytes / 3 && bytesOf(carry, a, b) > o.maxArticleBytes;
  };

  const tooLarge = (result: ParseResult, a: number, b: number): void => {
    const start = nextNonBlank(carry, a, b);
    refuse(result, base + Math.min(start, b - 1) + 1, base + b, bytesOf(carry, a, b));
  };

  /** An article over the limit: refused, as an article of its own (no record, one error). */
  const refuse = (result: ParseResult, startLine: number, endLine: number, size: number): void => {
    const d = error("ARTICLE_TOO_LARGE", startLine, { size, limit: o.maxArticleBytes });
    result.diagnostics.push(d);
    result.articles.push({ record: null, diagnostics: [d], startLine, endLine: Math.max(startLine, endLine), lines: noLines() });
    articlesBefore++;
  };

  for await (const chunk of chunks) {
    const decoded = decoder.push(chunk, false);
    const done = yield* afterDecode(decoded, false);
    if (done) return;
    if (partial.length > o.maxArticleBytes) {
      // A line longer than an article may be: the articles before it go first, then the one holding
      // the line is refused and the line dropped up to its break.
      const settledPart = drain(false, true);
      if (settledPart) yield settledPart;
      const refused = newResult();
      const start = carry.length > 0 ? 0 : -1;
      if (start === 0) tooLarge(refused, 0, carry.length);
      else refuse(refused, base + 1, base + 1, partial.length);
      base += carry.length;
      carry = [];
      carryChars = 0;
      partial = "";
      dropping = true;
      skipping = true;
      sawContent = true;
      yield refused;
      continue;
    }
    if (carryChars >= drainAt) {
      const result = drain(false);
      if (result) yield result;
    }
  }
  const done = yield* afterDecode(decoder.push(new Uint8Array(0), true), true);
  if (done) return;
  const result = drain(true);
  if (result) yield result;
  if (!sawContent) {
    const empty = newResult();
    empty.diagnostics = [...inherited, ...repairs.slice(0, 1), error("EMPTY_INPUT", null)];
    yield empty;
  }

  /** Take a decoded chunk; true when the input is refused (the refusal is yielded). */
  async function* afterDecode(decoded: ReturnType<StreamDecoder["push"]>, last: boolean): AsyncGenerator<StreamWindow, boolean> {
    if (decoded.refused) {
      const refused = newResult();
      refused.diagnostics = [decoded.refused];
      yield refused;
      return true;
    }
    if (decoded.legacyAt !== undefined) {
      // The line holding the first invalid byte: lines so far, and the breaks before it in this chunk.
      const before = decoded.text.slice(0, decoded.legacyAt);
      let breaks = 0;
      for (let i = 0; i < before.length; i++) {
        const c = before.charCodeAt(i);
        if (c === LF || (c === CR && before.charCodeAt(i + 1) !== LF)) breaks++;
      }
      const line = base + carry.length + breaks + 1;
      inherited = [...inherited, warning("DECODED_LEGACY", line, { encoding: "windows-1252" })];
      legacyLine = line;
    }
    // A chunk's text is taken a window at a time, its settled articles parsed after each: what is
    // held at once is a window's lines and records, not a whole chunk's (BENCHMARKS.md, "Streaming").
    const text = decoded.text;
    for (let at = 0; ; ) {
      const end = Math.min(text.length, at + windowSize);
      addText(end - at === text.length ? text : text.slice(at, end), last && end === text.length);
      if (first && sawContent) {
        first = false;
        const opening = carry
          .find((l) => !isBlank(l))
          ?.trimStart()
          .charAt(0);
        if (opening === "{" || opening === "[") {
          const json = newResult();
          json.diagnostics = [...inherited, error("NOT_AN_ARTICLE", null, { detail: "it looks like JSON" })];
          yield json;
          return true;
        }
      }
      at = end;
      if (at >= text.length) return false;
      if (carryChars >= drainAt) {
        const result = drain(false);
        if (result) yield result;
      }
    }
  }
}

/** One window's articles; they are numbered from `firstArticle` in the input. */
export interface StreamWindow extends ParseResult {
  firstArticle: number;
}

/** The part lines of an article refused before it was parsed. */
const noLines = (): ParsedArticle["lines"] => ({
  timestamp: null,
  headline: null,
  tag: null,
  credit: [],
  body: [],
  id: [],
  footer: [],
  disclaimer: [],
  extras: [],
  split: [],
});

/** Whether an article starting at `start` has MARGIN non-blank lines after it in `lines`. */
function settled(lines: string[], start: number): boolean {
  let seen = 0;
  for (let i = start + 1; i < lines.length; i++) if (!isBlank(lines[i] ?? "") && ++seen >= MARGIN) return true;
  return false;
}

/** UTF-8 bytes of lines [a, b), one per line break. */
function bytesOf(lines: string[], a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b; i++) {
    const line = lines[i] ?? "";
    n += line.length + 1;
    // Two bytes for U+0080–U+07FF, three above (a surrogate pair: 2 + 2 = 4).
    for (let k = 0; k < line.length; k++) {
      const c = line.charCodeAt(k);
      if (c >= 0x80) n += c < 0x800 ? 1 : c >= 0xd800 && c <= 0xdfff ? 1 : 2;
    }
  }
  return n;
}

/** Where to pick up after a skipped article: a timestamp line. */
function opensArticle(line: string): boolean {
  return line.length <= 48 && line.includes(",") && line.includes(":") && matchTimestamp(line) !== null;
}
