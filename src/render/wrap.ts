/** Word wrapping for the terminal, aware of colour escapes (which take no columns). Pure. */

// biome-ignore lint/suspicious/noControlCharactersInRegex: colour escapes (ESC [ ... m) are what it skips
const SGR = /\u001b\[[0-9;]*m/g;

/** Columns a string takes: its code points, colour escapes left out. */
export const visibleLength = (text: string): number => {
  let n = 0;
  for (const _ of text.replace(SGR, "")) n++;
  return n;
};

/**
 * Wrap `text` (one line, possibly coloured) at `width` columns; continuation lines start with
 * `indent` spaces (a hanging indent). A word longer than a line is left whole, never cut.
 */
export function wrapLine(text: string, width: number, indent: number): string {
  if (width < indent + 20 || visibleLength(text) <= width) return text;
  const lines: string[] = [];
  let line = "";
  let col = 0;
  let pending = "";
  // Words and runs of spaces alternate; a run of spaces where the line breaks is dropped.
  for (const token of text.split(/( +)/)) {
    if (token === "") continue;
    if (token.startsWith(" ")) {
      pending = token;
      continue;
    }
    const w = visibleLength(token);
    if (col > indent && col + pending.length + w > width) {
      lines.push(line);
      line = " ".repeat(indent) + token;
      col = indent + w;
    } else {
      line += pending + token;
      col += pending.length + w;
    }
    pending = "";
  }
  lines.push(line + pending);
  return lines.join("\n");
}
