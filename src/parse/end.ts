/**
 * An article's end section: ID lines, the footer, the disclaimer, and page junk.
 */
import { warning } from "../diagnostics.js";
import { addExtra, clip, lineNo, type Ctx } from "./context.js";
import { isFooter, looksLikeId, matchDisclaimerHeading, matchId } from "./patterns.js";
import { isKnownJunk, isLinkListHeading } from "./vocabulary.js";

/** The end section [from, to): ID lines, footer, disclaimer, and junk. */
export function parseEnd(ctx: Ctx, from: number, to: number): void {
  const { t, parts } = ctx;
  const d = parts.diagnostics;
  let firstIdLine = 0;
  // Under a link-list heading (`Tags`, `Most popular stories`) every line is a link: furniture.
  let listed = false;
  for (let k = from; k < to; k++) {
    if (t.blank(k)) continue;
    const line = t.line(k);
    const n = lineNo(ctx, k);
    const id = matchId(line);
    if (id) {
      if (parts.id === null) {
        parts.id = id;
        firstIdLine = n;
        parts.lines.id.push(n);
        if (id.date === null) d.push(warning("INVALID_ID_DATE", n, { id: id.id, date: id.rawDate }));
      } else if (parts.id.id === id.id) {
        parts.lines.id.push(n);
        d.push(warning("REPEATED_ID", n, { first: firstIdLine }));
      } else {
        d.push(warning("CONFLICTING_ID", n, { id: id.id, first: firstIdLine }));
        addExtra(ctx, k, true);
      }
      continue;
    }
    if (looksLikeId(line)) {
      d.push(warning("MALFORMED_ID", n, { text: clip(line.trim()) }));
      addExtra(ctx, k, true);
      continue;
    }
    if (isFooter(line)) {
      parts.lines.footer.push(n);
      continue;
    }
    const heading = matchDisclaimerHeading(line);
    if (heading !== null && parts.lines.disclaimer.length === 0) {
      k = parseDisclaimer(ctx, k, to, heading);
      continue;
    }
    const text = t.text(k);
    if (isLinkListHeading(text)) listed = true;
    addExtra(ctx, k, listed || text === parts.source);
  }
}

/** The disclaimer: text on the heading's line, or the next paragraph, with wrapped lines joined. */
function parseDisclaimer(ctx: Ctx, k: number, to: number, onHeading: string): number {
  const { t, parts } = ctx;
  parts.lines.disclaimer.push(lineNo(ctx, k));
  const texts: string[] = [];
  let j = k + 1;
  if (onHeading.length > 0) texts.push(onHeading);
  else {
    j = t.next(k + 1, to);
    if (j < to && !t.isEnd(j) && !isKnownJunk(t.text(j))) {
      texts.push(t.text(j));
      parts.lines.disclaimer.push(lineNo(ctx, j));
      j++;
    }
  }
  // Continuation lines: indented, or following text that has not ended its sentence.
  while (texts.length > 0 && j < to) {
    const raw = t.line(j);
    const text = t.text(j);
    if (text.length === 0 || t.isEnd(j) || isKnownJunk(text)) break;
    const prev = texts[texts.length - 1] ?? "";
    if (!/^\s/.test(raw) && /[.!?”"]$/.test(prev)) break;
    texts.push(text);
    parts.lines.disclaimer.push(lineNo(ctx, j));
    j++;
  }
  if (texts.length > 0) parts.disclaimer = texts.join(" ");
  else parts.diagnostics.push(warning("EMPTY_DISCLAIMER", lineNo(ctx, k)));
  return j - 1;
}
