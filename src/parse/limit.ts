/**
 * The article size limit of a stream (`--max-bytes` for an input read article by article): an
 * article over it is refused as an article of its own, with no record and one error.
 */
import { error } from "../diagnostics.js";
import { noPartLines } from "./parts.js";
import type { ParseResult } from "./ranges.js";

/** UTF-8 bytes of lines [a, b), one per line break. */
export function bytesOf(lines: readonly string[], a: number, b: number): number {
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

/** Whether lines [a, b) are over `limit` bytes; characters are counted first, bytes only when they may be. */
export function overLimit(lines: readonly string[], a: number, b: number, limit: number): boolean {
  if (limit === Number.POSITIVE_INFINITY) return false;
  let chars = 0;
  for (let i = a; i < b; i++) chars += (lines[i] ?? "").length + 1;
  return chars > limit / 3 && bytesOf(lines, a, b) > limit;
}

/** An article over the limit (`size` bytes; `longLine`, the line over it, if one is): refused into `result`. */
export function refuseTooLarge(result: ParseResult, at: { startLine: number; endLine: number }, size: number, limit: number, longLine?: number): void {
  const { startLine, endLine } = at;
  const d = error("ARTICLE_TOO_LARGE", startLine, longLine === undefined ? { size, limit } : { size, limit, longLine });
  result.diagnostics.push(d);
  result.articles.push({ record: null, diagnostics: [d], startLine, endLine: Math.max(startLine, endLine), lines: noPartLines() });
}
