/**
 * What an article is found by: its anchors, strongest first. The segmenter asks them where a later
 * article starts (after the previous one's end: a title line whose next line is the anchor), and
 * the article parser asks them, in the same order, where the body starts; the headline is then
 * the nearest title-like line above it (head.ts).
 *
 * A new page shape adds at most one strategy here (CONTRIBUTING, "Add a page shape"); the fixed
 * texts it needs go to vocabulary.ts.
 */
import { findPublication, isTitleLike } from "./head.js";
import type { LineTable } from "./line-table.js";
import { isLabel } from "./vocabulary.js";

export interface Anchor {
  readonly name: "tag" | "publication" | "title";
  /** What a refusal calls the anchor the headline is missing above. */
  readonly label: string;
  /**
   * Segmentation: whether line `i` (after the previous article's end), with `next` the next
   * non-blank line, opens an article here.
   */
  opens(t: LineTable, i: number, next: number): boolean;
  /** The article: the anchor's line in the body's part [first, end) of the article, or -1. */
  find(t: LineTable, first: number, end: number): number;
}

/** The source tag, `(MENAFN- Provider)`, opening the lead: the title is the line above it. */
export const TAG: Anchor = {
  name: "tag",
  label: "source tag",
  opens: (t, _i, next) => next < t.length && t.tag(next) !== null,
  find(t, first, end) {
    for (let k = first; k < end; k++) if (!t.blank(k) && t.tag(k) !== null) return k;
    return -1;
  },
};

/** A page's publication line (`2025-08-02 08:04:19`) right under its title, or under a label (`Date`) under it (#23). */
export const PUBLICATION: Anchor = {
  name: "publication",
  label: "publication line",
  opens(t, i, next) {
    const at = next < t.length && isLabel(t.text(next)) ? t.next(next + 1) : next;
    return at < t.length && t.publication(at) !== null && isTitleLike(t.text(i));
  },
  find: findPublication,
};

/**
 * The first title-like line after a timestamp line and any furniture (article.ts reads it with
 * its refusals): never a split on its own, since any line of a body could be one.
 */
export const TITLE: Anchor = {
  name: "title",
  label: "title line",
  opens: () => false,
  find: (_t, first) => first,
};

/** The anchors in the order they are tried. */
export const ANCHORS: readonly Anchor[] = [TAG, PUBLICATION, TITLE];

/** Whether line `i` opens an article by any anchor (segment.ts). */
export const opensArticle = (t: LineTable, i: number, next: number): boolean => ANCHORS.some((a) => a.opens(t, i, next));

/** The strongest anchor in [first, end) and its line. */
export function findAnchor(t: LineTable, first: number, end: number): { anchor: Anchor; at: number } {
  for (const anchor of ANCHORS) {
    const at = anchor.find(t, first, end);
    if (at >= 0) return { anchor, at };
  }
  return { anchor: TITLE, at: first };
}
