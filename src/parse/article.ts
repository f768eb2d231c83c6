/**
 * One article's lines → its parts and diagnostics. Pure; every part keeps
 * the input line numbers it came from, so nothing is lost silently.
 */
import { error, warning } from "../diagnostics.js";
import { addExtra, lineNo, type Ctx } from "./context.js";
import type { ArticleParts } from "./parts.js";
import { parseEnd } from "./end.js";
import { isBlank, nextNonBlank } from "./lines.js";
import { buildParagraphSpans, type BodyLine, type Paragraph } from "./paragraphs.js";
import { isEndMarker, isKnownJunk, matchTag, matchTimestamp, type TimestampLine } from "./patterns.js";

/** A credit or byline is short, has no digits and does not end or open like a sentence part. */
function isCreditLike(text: string): boolean {
  if (text.length === 0 || text.length > 60 || /[.!?:;,\-–—"“]$/.test(text) || /^["“‘'(]/.test(text)) return false;
  return !/\d/.test(text) && text.split(/\s+/).length <= 6;
}

/**
 * Parse the lines [from, to) of `lines` (line number of index i is i + offset). `known` is the
 * timestamp match already made on the first non-blank line (undefined when none was tried).
 */
export function parseArticle(
  lines: string[], from: number, to: number, offset: number, known?: TimestampLine | null,
): ArticleParts {
  const parts: ArticleParts = {
    timestamp: null, headline: null, source: null, credit: null, paragraphs: [], id: null,
    disclaimer: null, extras: [], diagnostics: [],
    lines: { timestamp: null, headline: null, tag: null, credit: [], body: [], id: [], footer: [], disclaimer: [], extras: [] },
  };
  const ctx: Ctx = { lines, offset, parts };
  const d = parts.diagnostics;
  let i = nextNonBlank(lines, from, to);
  const ts = i >= to ? null : known !== undefined ? known : matchTimestamp(lines[i] ?? "");
  if (ts) {
    parts.timestamp = ts;
    parts.lines.timestamp = lineNo(ctx, i);
    if (ts.problem) d.push(warning("INVALID_TIMESTAMP", lineNo(ctx, i), { text: ts.text, detail: ts.problem }));
    else if (ts.weekdayMismatch) {
      d.push(warning("TIMESTAMP_WEEKDAY_MISMATCH", lineNo(ctx, i), { ...ts.weekdayMismatch, date: ts.date ?? "" }));
    }
    i = nextNonBlank(lines, i + 1, to);
  }
  let bodyEnd = i;
  if (i >= to && parts.lines.timestamp !== null) {
    // Only a timestamp line: refused, and saying so (a record without an error would vanish silently).
    d.push(error("MISSING_HEADLINE", parts.lines.timestamp, { detail: "nothing follows the timestamp line" }));
  }
  if (i < to) {
    const line = lines[i] ?? "";
    const tagFirst = matchTag(line) !== null;
    if (tagFirst || isEndMarker(line)) {
      const what = tagFirst ? "the first line is the source tag" : "the first line is the article's end";
      d.push(error("MISSING_HEADLINE", lineNo(ctx, i), { detail: what }));
      // The refused article's text is kept in extras (nothing is lost), but without one
      // UNRECOGNISED_TEXT per line: it is not "after the end", and MISSING_HEADLINE says why.
      while (bodyEnd < to && !isEndMarker(lines[bodyEnd] ?? "")) {
        if (!isBlank(lines[bodyEnd] ?? "")) addExtra(ctx, bodyEnd, true);
        bodyEnd++;
      }
    } else {
      parts.headline = line.trim();
      parts.lines.headline = lineNo(ctx, i);
      bodyEnd = i + 1;
      while (bodyEnd < to && !isEndMarker(lines[bodyEnd] ?? "")) bodyEnd++;
      parseBody(ctx, i + 1, bodyEnd);
    }
  }
  parseEnd(ctx, bodyEnd, to);
  return parts;
}

/** Body lines [from, to): tag, credit, paragraphs; trailing page junk goes to extras. */
function parseBody(ctx: Ctx, from: number, to: number): void {
  const { lines, parts } = ctx;
  let end = to;
  const junk: number[] = [];
  for (let k = end - 1; k >= from; k--) {
    const text = (lines[k] ?? "").trim();
    if (text.length === 0) continue;
    if (!isKnownJunk(text)) break;
    junk.push(k);
    end = k;
  }
  junk.reverse(); // collected backwards; push + reverse, since unshift per line is quadratic
  const body: Array<BodyLine | null> = [];
  const first = nextNonBlank(lines, from, end);
  for (let k = from; k < end; k++) {
    const raw = (lines[k] ?? "").trim();
    const text = k === first ? takeTag(ctx, k, raw) : raw;
    body.push(text.length > 0 ? { text, width: raw.length, line: lineNo(ctx, k) } : null);
  }
  if (first < end && parts.lines.tag === null) {
    if (!parts.diagnostics.some((x) => x.code === "UNCLOSED_SOURCE_TAG")) {
      parts.diagnostics.push(warning("MISSING_SOURCE_TAG", lineNo(ctx, first)));
    }
  }
  const paragraphs = buildParagraphSpans(body);
  takeCredit(parts, paragraphs);
  parts.paragraphs = paragraphs.map((p) => p.text);
  // A loop, not flatMap: flatMap is several times slower on the many one-line paragraphs.
  const bodyLines: number[] = [];
  for (const p of paragraphs) for (const n of p.lines) bodyLines.push(n);
  parts.lines.body = bodyLines;
  for (const k of junk) addExtra(ctx, k, true);
}

/** Cut the source tag off the lead line; returns what is left of the line. */
function takeTag(ctx: Ctx, k: number, raw: string): string {
  const { parts } = ctx;
  const tag = matchTag(raw);
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
 * was laid out, so a rendered record reads back the same.
 */
function takeCredit(parts: ArticleParts, paragraphs: Paragraph[]): void {
  const lead = paragraphs[0];
  if (parts.lines.tag === null || lead === undefined || paragraphs.length < 2 || !isCreditLike(lead.text)) return;
  parts.credit = lead.text;
  parts.lines.credit = lead.lines;
  paragraphs.shift();
}
