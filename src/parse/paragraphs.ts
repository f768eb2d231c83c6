/**
 * Body lines → paragraphs. Blank lines always separate paragraphs. Inside a
 * run of non-blank lines, hard-wrapped prose is re-joined and anything else
 * (one paragraph per line, bullets, table rows, subtitles) stays line by line.
 */

/** A body line: its text (trimmed, possibly with the tag cut off) and its original width. */
export interface BodyLine {
  text: string;
  width: number;
  /** The input line number, carried into the paragraph it joins. */
  line?: number;
}

/** A paragraph and the input lines it was built from. */
export interface Paragraph {
  text: string;
  lines: number[];
}

// Hard wrap is what providers do at ~60-80 columns; wider runs are one paragraph per line.
const MIN_WRAP = 45;
const MAX_WRAP = 100;

const BULLET = /^(?:[-–—•*·▪●]\s|\d{1,2}[.)]\s)/;

function firstWordLength(text: string): number {
  const space = text.indexOf(" ");
  return space < 0 ? text.length : space;
}

function isAllCaps(text: string): boolean {
  // A lower-case ASCII letter (in nearly every line, within its first word) settles it without an upper-cased copy.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c > 127) break;
  }
  return text.length > 1 && text === text.toUpperCase() && text !== text.toLowerCase();
}

/** Whether a run of lines looks hard-wrapped: long lines of nearly equal width. */
function isWrapped(run: BodyLine[], width: number): boolean {
  if (run.length < 2 || width < MIN_WRAP || width > MAX_WRAP) return false;
  let long = 0;
  for (let i = 0; i < run.length - 1; i++) if ((run[i]?.width ?? 0) >= width * 0.7) long++;
  return long * 2 >= run.length - 1;
}

/** Whether the paragraph ends after `line`: the next line's first word would have fitted on it. */
function endsParagraph(line: BodyLine, next: BodyLine, width: number): boolean {
  if (BULLET.test(next.text) || isAllCaps(line.text) || isAllCaps(next.text)) return true;
  return line.width + 1 + firstWordLength(next.text) <= width;
}

function runToParagraphs(run: BodyLine[], out: Paragraph[]): void {
  let width = 0;
  for (const l of run) if (l.width > width) width = l.width;
  if (!isWrapped(run, width)) {
    for (const l of run) if (l.text.length > 0) out.push({ text: l.text, lines: l.line === undefined ? [] : [l.line] });
    return;
  }
  // Pieces are gathered and joined once: concatenating a long paragraph line by line is quadratic in the worst case.
  let pieces: string[] = [];
  let lines: number[] = [];
  for (let i = 0; i < run.length; i++) {
    const line = run[i] as BodyLine;
    if (line.text.length > 0) {
      pieces.push(line.text);
      if (line.line !== undefined) lines.push(line.line);
    }
    const next = run[i + 1];
    if (next === undefined || endsParagraph(line, next, width)) {
      if (pieces.length > 0) out.push({ text: pieces.join(" "), lines });
      pieces = [];
      lines = [];
    }
  }
}

/** Build paragraphs with the input lines each one came from. */
export function buildParagraphSpans(lines: Array<BodyLine | null>): Paragraph[] {
  const out: Paragraph[] = [];
  let run: BodyLine[] = [];
  for (const line of lines) {
    if (line === null) {
      if (run.length > 0) runToParagraphs(run, out);
      run = [];
    } else {
      run.push(line);
    }
  }
  if (run.length > 0) runToParagraphs(run, out);
  return out;
}
