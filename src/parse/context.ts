/**
 * What the part parsers share: the article's lines, where they sit in the input, and
 * the parts found so far; with the helpers that place a line in a part.
 */
import { warning } from "../diagnostics.js";
import { isFurniture } from "./furniture.js";
import type { LineTable } from "./line-table.js";
import type { ArticleParts } from "./parts.js";

/** The lines being parsed; index i of the table is input line number i + offset. */
export interface Ctx {
  t: LineTable;
  offset: number;
  parts: ArticleParts;
}

/** The input line number of index i. */
export const lineNo = (ctx: Ctx, i: number): number => i + ctx.offset;

/** Keep line k in extras; unless it is page furniture (or `known`), warn that it belongs to no part. */
export function addExtra(ctx: Ctx, k: number, known: boolean): void {
  const text = ctx.t.text(k);
  const line = lineNo(ctx, k);
  ctx.parts.extras.push({ line, text });
  ctx.parts.lines.extras.push(line);
  if (!known && !isFurniture(text)) ctx.parts.diagnostics.push(warning("UNRECOGNISED_TEXT", line, { text: clip(text) }));
}

/** Keep the end of line k, cut off the part it shares (its start stays in a part), in extras. */
export function splitOff(ctx: Ctx, k: number, text: string): void {
  const line = lineNo(ctx, k);
  ctx.parts.extras.push({ line, text });
  ctx.parts.lines.extras.push(line);
  ctx.parts.lines.split.push(line);
}

/** Shorten a line quoted in a message. */
export const clip = (text: string): string => (text.length > 60 ? `${text.slice(0, 57)}...` : text);
