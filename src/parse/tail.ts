/**
 * The end of a body: KUNA-style ` (end)` markers with an editor's initials after them
 * (`... peak demand. (end) aam.gta`, or `(end)` alone on a line, the initials lower down).
 */

const END = "(end)";
// Lower-case initials, dot- or slash-separated: `aam.gta`, `ibi.hm`, `mt`.
const INITIALS = /^[a-z]{1,6}(?:[./][a-z]{1,6}){0,3}$/;

/** Whether a trimmed line is an editor's initials. */
export function isInitials(text: string): boolean {
  return text.length <= 27 && INITIALS.test(text);
}

/**
 * Where ` (end)` starts in a trimmed line that ends with it, optionally followed by initials;
 * 0 when the line is only the marker (and initials); -1 when the line does not end so.
 */
export function endMarkerAt(text: string): number {
  // The line ends with the marker's ")" or with initials: most lines (ending in ".") need no search.
  const last = text.charCodeAt(text.length - 1);
  if (last !== 41 && !(last >= 97 && last <= 122)) return -1;
  const i = text.lastIndexOf(END);
  if (i < 0 || (i > 0 && text.charCodeAt(i - 1) !== 32)) return -1;
  const rest = text.slice(i + END.length).trim();
  return rest.length === 0 || isInitials(rest) ? i : -1;
}
