/**
 * Body lines → paragraphs. Blank lines always separate paragraphs. Inside a
 * run of non-blank lines, hard-wrapped prose is re-joined and anything else
 * (one paragraph per line, bullets, table rows, subtitles) stays line by line.
 */

/** A body line: its text (trimmed, possibly with the tag cut off) and its original width. */
export interface BodyLine {
  text: string;
  width: number;
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

function runToParagraphs(run: BodyLine[], out: string[]): void {
  let width = 0;
  for (const l of run) if (l.width > width) width = l.width;
  if (!isWrapped(run, width)) {
    for (const l of run) if (l.text.length > 0) out.push(l.text);
    return;
  }
  let current = "";
  for (let i = 0; i < run.length; i++) {
    const line = run[i] as BodyLine;
    if (line.text.length > 0) current = current.length > 0 ? `${current} ${line.text}` : line.text;
    const next = run[i + 1];
    if (next === undefined || endsParagraph(line, next, width)) {
      if (current.length > 0) out.push(current);
      current = "";
    }
  }
}

/** Build paragraphs from body lines, where a null entry is a blank line. */
export function buildParagraphs(lines: Array<BodyLine | null>): string[] {
  const out: string[] = [];
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
