/**
 * The body [from, to) of an article: the tag and a credit on the lead, the paragraphs, and what
 * pages put after the last sentence (page junk, the provider's name alone, ` (end)` and initials).
 */
import { warning } from "../diagnostics.js";
import { addExtra, lineNo, splitOff, type Ctx } from "./context.js";
import { isCreditLike } from "./credit.js";
import { setAsideInserts } from "./inserts.js";
import { buildParagraphSpans, type BodyLine, type Paragraph } from "./paragraphs.js";
import { matchTag, type SourceTag } from "./patterns.js";
import { gluedLink, isCookieBanner, isKnownJunk, isLoneLink } from "./vocabulary.js";
import { endMarkerAt, isInitials } from "./tail.js";

/** Where the body's text stops: the lines after it set aside, and the line whose ` (end)` is cut off. */
interface Tail {
  end: number;
  junk: number[];
  /** The line ending in ` (end)` (with initials), and that end of it (`(end) aam.gta`), which goes to extras. */
  cut: { k: number; piece: string } | null;
}

/** The index of the non-blank line before k in [from, k), or -1. */
function previousNonBlank(ctx: Ctx, from: number, k: number): number {
  for (let j = k - 1; j >= from; j--) if (!ctx.t.blank(j)) return j;
  return -1;
}

/**
 * Whether line k (its text `text`) is an editor's initials under a line ending in ` (end)`, that
 * line read as the body reads it (`textAt`): `(MENAFN- Deep)(end)` ends there as surely as
 * `(MENAFN- Deep) (end)`.
 */
function initialsAfterEnd(ctx: Ctx, from: number, k: number, text: string, textAt: (k: number) => string): boolean {
  if (!isInitials(text)) return false;
  const before = previousNonBlank(ctx, from, k);
  return before >= 0 && endMarkerAt(textAt(before)) >= 0;
}

/**
 * Walk back from the end of the body over page junk, a line holding only the provider's name, and
 * a KUNA-style ending: ` (end)` closing the last sentence or alone on a line, initials after it.
 */
function findTail(ctx: Ctx, from: number, to: number, lead: number, tag: SourceTag | null): Tail {
  const { t, parts } = ctx;
  const source = tag?.source ?? null;
  const tail: Tail = { end: to, junk: [], cut: null };
  // On the lead's line, only the text after the tag can be the body's end.
  const textAt = (k: number): string => (k === lead && tag !== null ? tag.rest : t.text(k));
  for (let k = to - 1; k >= from; k--) {
    const text = textAt(k);
    if (text.length === 0) continue;
    // A cookie banner is furniture, never the story's last line.
    const banner = k !== lead && isCookieBanner(text);
    if (isKnownJunk(text) || (source !== null && text === source) || banner) {
      tail.junk.push(k);
      tail.end = k;
      continue;
    }
    if (!parts.endMarker && initialsAfterEnd(ctx, from, k, text, textAt)) {
      tail.junk.push(k);
      tail.end = k;
      continue;
    }
    const at = parts.endMarker ? -1 : endMarkerAt(text);
    if (at >= 0) {
      parts.endMarker = true;
      if (at === 0 && !(k === lead && tag !== null)) {
        tail.junk.push(k);
        tail.end = k;
      } else tail.cut = { k, piece: text.slice(at) };
    }
    break;
  }
  tail.junk.reverse(); // collected backwards; push + reverse, since unshift per line is quadratic
  return tail;
}

/** Body lines [from, to): tag, credit, paragraphs; trailing page junk goes to extras. */
export function parseBody(ctx: Ctx, from: number, to: number): void {
  const { t, parts } = ctx;
  const lead = t.next(from, to);
  const tagged = lead < to ? t.tag(lead) : null;
  const tail = findTail(ctx, from, to, lead, tagged !== null && tagged !== "unclosed" ? tagged : null);
  const { end, cut } = tail;
  const body: Array<BodyLine | null> = [];
  const first = t.next(from, end);
  for (let k = from; k < end; k++) {
    if (t.blank(k)) {
      body.push(null);
      continue;
    }
    let raw = t.text(k);
    if (cut !== null && k === cut.k) raw = raw.slice(0, raw.length - cut.piece.length).trimEnd();
    const text = k === first ? takeTag(ctx, k, raw) : raw;
    body.push(text.length > 0 ? { text, width: raw.length, line: lineNo(ctx, k) } : null);
  }
  if (first < end && parts.lines.tag === null) {
    if (!parts.diagnostics.some((x) => x.code === "UNCLOSED_SOURCE_TAG")) {
      parts.diagnostics.push(warning("MISSING_SOURCE_TAG", lineNo(ctx, first)));
    }
  }
  const paragraphs = buildParagraphSpans(body);
  // Inserts first: a lead with link text stuck on (`... on.ALSO READ`) must not read as a byline.
  setAsideInserts(ctx, paragraphs);
  takeCredit(ctx, paragraphs);
  parts.paragraphs = paragraphs.map((p) => p.text);
  // A loop, not flatMap: flatMap is several times slower on the many one-line paragraphs.
  const bodyLines: number[] = [];
  for (const p of paragraphs) for (const n of p.lines) bodyLines.push(n);
  parts.lines.body = bodyLines;
  if (cut !== null) splitOff(ctx, cut.k, cut.piece);
  for (const k of tail.junk) addExtra(ctx, k, true);
}

/** Cut the source tag off the lead line; returns what is left of the line. */
function takeTag(ctx: Ctx, k: number, raw: string): string {
  const { parts } = ctx;
  // The table's answer for the line, unless an ` (end)` was cut off it.
  const tag = raw === ctx.t.text(k) ? ctx.t.tag(k) : matchTag(raw);
  if (tag === null) return raw;
  if (tag === "unclosed") {
    parts.diagnostics.push(warning("UNCLOSED_SOURCE_TAG", lineNo(ctx, k)));
    return raw;
  }
  parts.source = tag.source;
  parts.lines.tag = lineNo(ctx, k);
  return tag.rest;
}

/**
 * A credit is the lead's first paragraph (after the tag on its line, or on the next) when it
 * is short like a byline and more text follows. Deciding on the paragraph, not the line, keeps
 * the end of a hard-wrapped tag line in its lead, and gives the same answer however the credit
 * was laid out, so a rendered record reads back the same. Link text a page glued onto the byline
 * (`Jane Doe Read more`) goes to extras.
 */
function takeCredit(ctx: Ctx, paragraphs: Paragraph[]): void {
  const { parts } = ctx;
  const lead = paragraphs[0];
  if (parts.lines.tag === null || lead === undefined || paragraphs.length < 2) return;
  const link = gluedLink(lead.text);
  const credit = link === null ? lead.text : lead.text.slice(0, -link.length).trimEnd();
  if (!isCreditLike(credit)) return;
  parts.credit = credit;
  parts.lines.credit = lead.lines;
  paragraphs.shift();
  const last = lead.lines[lead.lines.length - 1];
  if (link !== null && last !== undefined) splitOff(ctx, last - ctx.offset, link);
  // The link alone on the line under the byline, each time it is there: were only the first one
  // set aside, a second would open the body, and rendered back under the credit it would go too.
  for (let next = paragraphs[0]; next !== undefined && paragraphs.length > 1 && next.lines.length === 1 && isLoneLink(next.text); next = paragraphs[0]) {
    paragraphs.shift();
    addExtra(ctx, (next.lines[0] ?? 0) - ctx.offset, true);
  }
}
