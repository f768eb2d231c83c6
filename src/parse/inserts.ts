/**
 * What pages insert into a body between its paragraphs (#23): link text stuck onto a paragraph's
 * last sentence (`... reported.Recommended For You`) with the `- <related headline>` lines under
 * it, a link list under its heading (`Read Also`, `Tags` and the short lines right under it), and
 * promotion lines (`Follow KT on WhatsApp Channels.`). Each is known by its shape or the shared
 * vocabulary, never by a sentence that merely holds the words; all of it goes to extras with its line.
 */
import { addExtra, splitOff, type Ctx } from "./context.js";
import { isPromoLine } from "./furniture.js";
import { isTitleLike } from "./head.js";
import type { Paragraph } from "./paragraphs.js";
import { isLinkListHeading, stuckLink } from "./vocabulary.js";

/** A line of a related-links block: `- <headline>`, one line. */
const isRelatedLink = (p: Paragraph): boolean => p.lines.length === 1 && p.text.startsWith("- ");

/** A line of a link list: one short, title-like line that does not end like a sentence. */
const isListedLink = (p: Paragraph): boolean => p.lines.length === 1 && isTitleLike(p.text) && !/[.!?:]["”’)]?$/.test(p.text);

/** Whether paragraph q starts on the line right after paragraph p ends (no blank line between). */
const follows = (p: Paragraph, q: Paragraph): boolean => (q.lines[0] ?? 0) === (p.lines[p.lines.length - 1] ?? 0) + 1;

/** Set the inserts in `paragraphs` (after the lead) aside into extras; the paragraphs left are the body. */
export function setAsideInserts(ctx: Ctx, paragraphs: Paragraph[]): void {
  // The lead keeps its text (a credit or the tag's paragraph); a stuck link at its end is cut off all the same.
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i] as Paragraph;
    const link = stuckLink(p.text);
    if (link !== null) {
      p.text = p.text.slice(0, -link.length);
      splitOff(ctx, (p.lines[p.lines.length - 1] ?? 0) - ctx.offset, link);
      i = dropRun(ctx, paragraphs, i, isRelatedLink);
      continue;
    }
    if (i === 0) continue;
    if (p.lines.length === 1 && isLinkListHeading(p.text) && paragraphs.length > 1) {
      drop(ctx, paragraphs, i);
      i = dropRun(ctx, paragraphs, i - 1, isListedLink, p);
      continue;
    }
    if (p.lines.length === 1 && paragraphs.length > 1 && isPromoLine(p.text)) {
      drop(ctx, paragraphs, i);
      i--;
    }
  }
}

/** Move paragraph i to extras. */
function drop(ctx: Ctx, paragraphs: Paragraph[], i: number): void {
  const [p] = paragraphs.splice(i, 1);
  for (const line of p?.lines ?? []) addExtra(ctx, line - ctx.offset, true);
}

/**
 * Move the paragraphs after paragraph `at` that are `kind` and stand each on the line right under
 * the one before (from `after`, the paragraph just dropped, when given) to extras; returns `at`.
 */
function dropRun(ctx: Ctx, paragraphs: Paragraph[], at: number, kind: (p: Paragraph) => boolean, after?: Paragraph): number {
  let previous = after ?? paragraphs[at];
  for (let next = paragraphs[at + 1]; next !== undefined && previous !== undefined && follows(previous, next) && kind(next); next = paragraphs[at + 1]) {
    drop(ctx, paragraphs, at + 1);
    previous = next;
  }
  return at;
}
