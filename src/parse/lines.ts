/** A blank line is empty or only white space (NBSP included, since `\s` covers it). */
export function isBlank(line: string): boolean {
  return line.trim().length === 0;
}

/**
 * Split text into lines; LF, CRLF and a lone CR each end one line. A leading
 * BOM is dropped. A final line break does not start an extra empty line.
 */
export function splitLines(text: string): string[] {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const lines: string[] = [];
  let from = start;
  const n = text.length;
  for (let i = start; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lines.push(text.slice(from, i));
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      from = i + 1;
    }
  }
  if (from < n) lines.push(text.slice(from));
  return lines;
}
