/**
 * What a credit or byline looks like (`QNA`, `By Reem Walid`, `Photo: KUNA`), wherever a page puts
 * it: under the source tag (body.ts) or between the publication line and the tag (head.ts).
 */

/**
 * A credit or byline is short, names something (has a letter: a line of a control character or
 * of symbols alone is not a credit), has no digits and does not end or open like a sentence part.
 */
export function isCreditLike(text: string): boolean {
  if (text.length === 0 || text.length > 60 || /[.!?:;,\-–—"“]$/.test(text) || /^["“‘'(]/.test(text)) return false;
  return !/\d/.test(text) && /\p{L}/u.test(text) && text.split(/\s+/).length <= 6;
}
