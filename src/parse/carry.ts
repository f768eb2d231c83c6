/**
 * The lines of a window (windows.ts): decoded text in, complete lines out, numbered in the input.
 * Text comes in pieces that may end inside a line; the text after the last line break waits for
 * the next piece (a CR at a piece's end may be half of CRLF). A leading BOM is dropped, mojibake
 * is repaired line by line (when the text may hold some), a line over the article limit is
 * dropped up to its break, and after a refused article the lines are skipped up to the next
 * timestamp line.
 */
import { repairLines } from "../decode.js";
import type { Diagnostic } from "../diagnostics.js";
import { MOJIBAKE_LEAD } from "../mojibake.js";
import { dropBom, isBlank, splitBody } from "./lines.js";
import { matchTimestamp, maybeTimestamp } from "./patterns.js";

/** Break characters: LF, and CR (alone or before LF). */
const LF = 10;
const CR = 13;

export class LineCarry {
  /** Complete lines not yet parsed; lines[0] is input line base + 1. */
  lines: string[] = [];
  /** Characters in `lines`, one more for each line break. */
  chars = 0;
  /** Input lines before lines[0]. */
  base = 0;
  /** Whether a non-blank line was seen. */
  sawContent = false;
  /** Mojibake repairs in lines not yet parsed, their lines counted in the input. */
  repairs: Diagnostic[] = [];
  /** Skipping an article over the size limit, up to the next timestamp line. */
  skipping = false;
  /** The text after the last line break so far (a line not known to be complete). */
  partial = "";
  /** Dropping the rest of a line over the size limit, up to its break. */
  private dropping = false;
  private atStart = true;

  /** `repair`: whether the text may hold mojibake (parse() knows from the bytes; a stream always looks). */
  constructor(private readonly repair: boolean) {}

  /** Input line number of the next line to come. */
  get next(): number {
    return this.base + this.lines.length + 1;
  }

  /** Split decoded text into lines after `partial`; the text after the last break stays partial (unless `last`). */
  add(input: string, last: boolean): void {
    let text = input;
    if (this.dropping) {
      const rest = this.afterDropped(text);
      if (rest === null) return;
      text = rest;
    }
    const known = this.partial.length;
    let all = known === 0 ? text : this.partial + text;
    if (this.atStart && all.length > 0) {
      this.atStart = false;
      all = dropBom(all);
    }
    const end = last ? all.length : completeEnd(all, known);
    this.partial = end === all.length ? "" : all.slice(end);
    if (end === 0) return;
    this.addBody(end === all.length ? all : all.slice(0, end));
  }

  /** Add text that ends at a line break (or the input's end): no partial line is kept. */
  addBody(body: string): void {
    const lines = splitBody(body);
    // One search of the text instead of one per line: most text has no possible mojibake lead.
    this.addLines(lines, this.repair && MOJIBAKE_LEAD.test(body));
  }

  /** Drop the first `n` lines (parsed or refused). */
  cut(n: number): void {
    this.lines = n === this.lines.length ? [] : this.lines.slice(n);
    this.chars = 0;
    for (const line of this.lines) this.chars += line.length + 1;
    this.base += n;
    const base = this.base;
    if (this.repairs.length > 0) this.repairs = this.repairs.filter((r) => (r.line ?? 0) > base);
  }

  /** A line over the limit: the lines so far and what was read of it are dropped, the rest of it as it comes. */
  dropLongLine(): void {
    this.cut(this.lines.length);
    this.partial = "";
    this.dropping = true;
    this.skipping = true;
    this.sawContent = true;
  }

  /** Add complete lines (their first is input line `next`); `mojibake`: they may hold some. */
  private addLines(lines: string[], mojibake: boolean): void {
    let from = 0;
    if (this.skipping) {
      while (from < lines.length && !opensArticle(lines[from] ?? "")) from++;
      this.base += from;
      if (from === lines.length) return;
      this.skipping = false;
    }
    const carry = this.lines;
    const at = carry.length;
    if (from === 0 && at === 0) this.lines = lines;
    else for (let i = from; i < lines.length; i++) carry.push(lines[i] ?? "");
    const added = this.lines;
    for (let i = at; i < added.length; i++) {
      const line = added[i] ?? "";
      this.chars += line.length + 1;
      if (!this.sawContent && !isBlank(line)) this.sawContent = true;
    }
    if (mojibake) this.repairFrom(at);
  }

  /** Mojibake repaired in the lines from `at` on, the repairs numbered in the input. */
  private repairFrom(at: number): void {
    const lines = this.lines;
    const fresh = lines.slice(at);
    const found = repairLines(fresh);
    for (let i = 0; i < fresh.length; i++) lines[at + i] = fresh[i] ?? "";
    for (const r of found) this.repairs.push({ ...r, line: (r.line ?? 0) + this.base + at });
  }

  /** The rest of a line over the limit, dropped up to its line break: the text after it, or null when it goes on. */
  private afterDropped(text: string): string | null {
    const lf = text.indexOf("\n");
    const cr = text.indexOf("\r");
    const at = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
    if (at < 0) return null;
    this.dropping = false;
    this.base++;
    return text.slice(at + (text.charCodeAt(at) === CR && text.charCodeAt(at + 1) === LF ? 2 : 1));
  }
}

/**
 * Where the complete lines of `all` end: after the last break that is surely complete (a CR at the
 * very end may be half of CRLF). The first `known` characters (the partial line before) hold no
 * break but perhaps a CR at their end: only the new text is searched.
 */
function completeEnd(all: string, known: number): number {
  const stop = Math.max(0, known - 1);
  let k = all.length - 1;
  if (k >= 0 && all.charCodeAt(k) === CR) k--;
  while (k >= stop && all.charCodeAt(k) !== LF && all.charCodeAt(k) !== CR) k--;
  return k >= stop ? k + 1 : 0;
}

/** Where to pick up after a skipped article: a timestamp line. */
function opensArticle(line: string): boolean {
  return maybeTimestamp(line) && matchTimestamp(line) !== null;
}
