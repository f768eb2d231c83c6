/**
 * The source tag that opens a lead: `(MENAFN)`, `(MENAFN- Provider)`, with nested parentheses.
 */
import { neverSpace } from "./lines.js";

export interface SourceTag {
  source: string;
  /** The text after the tag on its line, trimmed. */
  rest: string;
}

/**
 * Parse a `(MENAFN- Provider)` tag at the start of a line, with nested
 * parentheses. Returns "unclosed" when it opens but never closes.
 */
export function matchTag(line: string): SourceTag | "unclosed" | null {
  // A line opening with anything but "(" or white space (nearly every line) has no tag: no trimmed copy.
  const c0 = line.charCodeAt(0);
  if (c0 !== 40 && neverSpace(c0)) return null;
  return readTag(line);
}

/** "MENAFN" in any case (toUpperCase of six characters gives it only from ASCII letters). */
const isMenafnAt = (text: string, at: number): boolean => {
  for (let k = 0; k < 6; k++) if ((text.charCodeAt(at + k) | 0x20) !== "menafn".charCodeAt(k)) return false;
  return true;
};

function readTag(line: string): SourceTag | "unclosed" | null {
  // Trimmed at both ends: `(MENAFN ` with a trailing space must read as `(MENAFN` does.
  const text = line.trim();
  if (text.charCodeAt(0) !== 40 || !isMenafnAt(text, 1)) return null;
  const after = text.charAt(7);
  if (after !== ")" && after !== "-" && after !== "–" && after !== " " && after !== "\u00a0") return null;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40) depth++;
    else if (c === 41 && --depth === 0) {
      const inner = text.slice(7, i).trim().replace(/^[-–]/, "").trim();
      return { source: inner.length > 0 ? inner : "MENAFN", rest: text.slice(i + 1).trim() };
    }
  }
  return "unclosed";
}
