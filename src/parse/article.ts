/**
 * One article's lines → its parts and diagnostics. Pure; every part keeps
 * the input line numbers it came from, so nothing is lost silently.
 *
 * The article is located by its strongest anchor: the source tag; else a publication line near the
 * top; else the first title-like line. The headline is the nearest title-like line above the body
 * (head.ts); the rest of the head is set aside in extras.
 */
import { error, warning } from "../diagnostics.js";
import { addExtra, lineNo, type Ctx } from "./context.js";
import { type ArticleParts, noPartLines } from "./parts.js";
import { parseEnd } from "./end.js";
import { isFurniture } from "./furniture.js";
import { isTagFragment, isTitleLike, scanHead, type Head } from "./head.js";
import type { LineTable } from "./line-table.js";
import { type Anchor, findAnchor, PUBLICATION, TAG, TITLE } from "./anchors.js";
import { parseBody } from "./body.js";

/** Why an article is refused for want of a headline: the line to name, and what is missing. */
interface Refusal {
  line: number;
  missing: string;
}

const emptyParts = (): ArticleParts => ({
  timestamp: null,
  headline: null,
  source: null,
  credit: null,
  paragraphs: [],
  endMarker: false,
  id: null,
  disclaimer: null,
  extras: [],
  diagnostics: [],
  lines: noPartLines(),
  clues: { tag: null, unclosedTag: null, tagFragment: null },
});

/** Parse the lines [from, to) of the table (line number of index i is i + offset). */
export function parseArticle(t: LineTable, from: number, to: number, offset: number): ArticleParts {
  const parts = emptyParts();
  const ctx: Ctx = { t, offset, parts };
  const first = t.next(from, to);
  // The body ends at the first end marker (ID line, footer, disclaimer); the anchor is looked for above it.
  let end = first;
  while (end < to && (t.blank(end) || !t.isEnd(end))) end++;
  const { anchor, at } = findAnchor(t, first, end);
  if (anchor === TAG) parts.clues[t.tag(at) === "unclosed" ? "unclosedTag" : "tag"] = lineNo(ctx, at);
  const refusal = anchor === TITLE ? byTitle(ctx, first, end, to) : byAnchor(ctx, anchor, first, at, end);
  if (refusal !== null) {
    // The refused article's text is kept in extras (nothing is lost), but without one
    // UNRECOGNISED_TEXT per line: it is not "after the end", and MISSING_HEADLINE says why.
    const placed = new Set([parts.lines.timestamp, ...parts.lines.extras]);
    for (let k = first; k < end; k++) if (!t.blank(k) && !placed.has(lineNo(ctx, k))) addExtra(ctx, k, true);
  }
  parseEnd(ctx, end, to);
  if (refusal !== null) {
    const tagLine = anchor === TAG ? lineNo(ctx, at) : null;
    parts.diagnostics.push(error("MISSING_HEADLINE", refusal.line, { detail: `found ${found(parts, tagLine)}; missing ${refusal.missing}` }));
  }
  return parts;
}

/** An article found by its tag or publication line at `at`: the head above it, the body from it. */
function byAnchor(ctx: Ctx, anchor: Anchor, first: number, at: number, end: number): Refusal | null {
  const head = scanHead(ctx.t, first, at);
  if (anchor === PUBLICATION) head.publication = at;
  takeTimestamp(ctx, head);
  if (head.headline < 0) return { line: lineNo(ctx, at), missing: `a title line above the ${anchor.label}` };
  takeHeadline(ctx, head);
  parseBody(ctx, anchor === TAG ? at : at + 1, end);
  if (head.byline !== undefined) takeByline(ctx, head.byline);
  return null;
}

/** No anchor above the end: the first line after a timestamp and any furniture is the headline. */
function byTitle(ctx: Ctx, first: number, end: number, to: number): Refusal | null {
  const { t, parts } = ctx;
  let k = first;
  const ts = k >= end ? null : t.timestamp(k);
  const head: Head = { headline: -1, repeat: -1, publication: -1, clock: ts ? k : -1, junk: [] };
  if (ts) k = t.next(k + 1, end);
  while (k < end && isFurniture(t.text(k))) {
    head.junk.push(k);
    k = t.next(k + 1, end);
  }
  takeTimestamp(ctx, head);
  const text = t.text(k);
  // A line that runs on into a next line opening in lower case is a hard-wrapped sentence, not a title.
  const next = k + 1 < end ? t.text(k + 1) : "";
  const runsOn = next.length > 0 && next.charAt(0) !== next.charAt(0).toUpperCase();
  if (k < end && isTitleLike(text) && !runsOn) {
    head.headline = k;
    takeHeadline(ctx, head);
    parseBody(ctx, k + 1, end);
    return null;
  }
  if (k < end || end < to || head.junk.length > 0) {
    if (isTagFragment(text)) parts.clues.tagFragment = lineNo(ctx, k);
    return {
      line: lineNo(ctx, Math.min(k, end)),
      missing: k < end ? `a title line: line ${lineNo(ctx, k)} is the first candidate${whyNotTitle(text, runsOn)}` : "a title line and a body",
    };
  }
  // Only a timestamp line: refused, and saying so (a record without an error would vanish silently).
  if (ts) parts.diagnostics.push(error("MISSING_HEADLINE", lineNo(ctx, first), { detail: "nothing follows the timestamp line" }));
  return null;
}

/** Why the first candidate line is no title, for the refusal's message. */
function whyNotTitle(text: string, runsOn: boolean): string {
  if (isTagFragment(text)) return " (it opens with a source tag that lost its opening parenthesis)";
  return runsOn ? " (it runs on into the next line: a wrapped sentence, not a title)" : " (it is a long sentence, not a title)";
}

/** The timestamp: the publication line when there is one (a MENAFN-form line is then the site's clock), else the MENAFN-form line. */
function takeTimestamp(ctx: Ctx, head: Head): void {
  const { t, parts } = ctx;
  const d = parts.diagnostics;
  const at = head.publication >= 0 ? head.publication : head.clock;
  if (at < 0) return;
  const ts = head.publication >= 0 ? t.publication(at) : t.timestamp(at);
  if (ts === null) return;
  parts.timestamp = ts;
  parts.lines.timestamp = lineNo(ctx, at);
  if (ts.problem) d.push(warning("INVALID_TIMESTAMP", lineNo(ctx, at), { text: ts.text, detail: ts.problem }));
  else if (ts.weekdayMismatch) d.push(warning("TIMESTAMP_WEEKDAY_MISMATCH", lineNo(ctx, at), { ...ts.weekdayMismatch, date: ts.date ?? "" }));
  if (head.publication >= 0 && head.clock >= 0) {
    addExtra(ctx, head.clock, true);
    d.push(warning("SITE_CLOCK", lineNo(ctx, head.clock), { text: t.text(head.clock), publication: lineNo(ctx, at) }));
  }
}

/** The headline; the line repeating it and the head's junk go to extras, the junk with one LEADING_JUNK warning. */
function takeHeadline(ctx: Ctx, head: Head): void {
  const { t, parts } = ctx;
  parts.headline = t.text(head.headline);
  parts.lines.headline = lineNo(ctx, head.headline);
  if (head.repeat >= 0) addExtra(ctx, head.repeat, true);
  for (const k of head.junk) addExtra(ctx, k, true);
  const [firstJunk] = head.junk;
  if (firstJunk !== undefined) parts.diagnostics.push(warning("LEADING_JUNK", lineNo(ctx, firstJunk), { count: head.junk.length }));
}

/** A byline or caption above the tag is the credit, unless the tag has its own; else it is set aside. */
function takeByline(ctx: Ctx, k: number): void {
  const { parts } = ctx;
  if (parts.credit !== null || parts.lines.tag === null) {
    addExtra(ctx, k, true);
    return;
  }
  parts.credit = ctx.t.text(k);
  parts.lines.credit = [lineNo(ctx, k)];
}

/** What a refused article does have, for its message: `the source tag on line 3, an ID line and a disclaimer`. */
function found(parts: ArticleParts, tagLine: number | null): string {
  const list: string[] = [];
  if (parts.lines.timestamp !== null) list.push(`a timestamp line on line ${parts.lines.timestamp}`);
  if (tagLine !== null) list.push(`${parts.clues.unclosedTag !== null ? "a source tag that never closes" : "the source tag"} on line ${tagLine}`);
  if (parts.clues.tagFragment !== null) list.push(`a source tag without its opening parenthesis on line ${parts.clues.tagFragment}`);
  if (parts.lines.id.length > 0) list.push("an ID line");
  if (parts.lines.disclaimer.length > 0) list.push("a disclaimer");
  else if (parts.lines.footer.length > 0) list.push("the MENAFN footer");
  if (list.length === 0) return "no part of an article";
  return list.length === 1 ? (list[0] ?? "") : `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`;
}
