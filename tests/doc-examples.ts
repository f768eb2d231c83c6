/**
 * The shell examples of the README and docs/*.md, as CONTRIBUTING.md ("Shell examples in the
 * docs") describes them: a ```console block is run and its output compared, a ```sh block is run
 * and must not fail (exit 0 or 1, ingest's "some input was refused"), and a block whose info
 * string has the word `skip` after the language is shown only. Pure: text in, examples out.
 */

/** One command of a console block and the output the page shows for it. */
export interface ConsoleStep {
  command: string;
  expected: string[];
}

export interface Example {
  /** "console": run and compare; "sh": run, exit 0 or 1. */
  kind: "console" | "sh";
  /** The 1-based line of the opening fence. */
  line: number;
  /** console: the commands with their output; sh: the commands, output not compared. */
  steps: ConsoleStep[];
}

/** A logical command: a line ending in a backslash continues on the next one. */
function joinContinued(lines: string[], start: number): { text: string; next: number } {
  let text = lines[start] ?? "";
  let i = start;
  while (text.endsWith("\\") && i + 1 < lines.length) {
    i++;
    text = `${text}\n${lines[i]}`;
  }
  return { text, next: i + 1 };
}

/** The runnable shell examples of one Markdown text, in document order. */
export function extractExamples(markdown: string): Example[] {
  const lines = markdown.split("\n");
  const out: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)(.*)$/.exec(lines[i] ?? "");
    if (!open) continue;
    const lang = open[1] ?? "";
    const words = (open[2] ?? "").trim().split(/\s+/);
    let end = i + 1;
    while (end < lines.length && !(lines[end] ?? "").startsWith("```")) end++;
    const body = lines.slice(i + 1, end);
    const line = i + 1;
    i = end;
    if (words.includes("skip")) continue;
    if (lang === "console") {
      const steps: ConsoleStep[] = [];
      for (let j = 0; j < body.length; ) {
        const l = body[j] ?? "";
        if (l.startsWith("$ ")) {
          const { text, next } = joinContinued(body, j);
          steps.push({ command: text.slice(2), expected: [] });
          j = next;
        } else {
          const last = steps.at(-1);
          if (!last) throw new Error(`console block at line ${line}: output before the first "$ " command`);
          last.expected.push(l);
          j++;
        }
      }
      out.push({ kind: "console", line, steps });
    } else if (lang === "sh" || lang === "bash" || lang === "shell") {
      const steps: ConsoleStep[] = [];
      for (let j = 0; j < body.length; ) {
        const l = body[j] ?? "";
        if (l.trim() === "" || l.trimStart().startsWith("#")) {
          j++;
          continue;
        }
        const { text, next } = joinContinued(body, j);
        steps.push({ command: text, expected: [] });
        j = next;
      }
      out.push({ kind: "sh", line, steps });
    }
  }
  return out;
}

/** What may differ between two runs and is normalised on both sides: elapsed times. */
export function normalise(line: string): string {
  return line.replace(/\b(in|after) \d+(?:\.\d+)?s\b/g, "$1 Ns");
}

/**
 * Whether the output shown matches the output got: line for line after `normalise`, trailing
 * blank lines ignored, and a line that is exactly `...` in the shown output standing for any
 * number of lines.
 */
export function outputMatches(expected: string[], actual: string[]): boolean {
  const trim = (a: string[]): string[] => {
    const b = a.map((l) => normalise(l.replace(/\s+$/, "")));
    while (b.length > 0 && b.at(-1) === "") b.pop();
    return b;
  };
  const e = trim(expected);
  const a = trim(actual);
  // match[i][j]: e[i..] matches a[j..]
  const memo = new Map<number, boolean>();
  const match = (i: number, j: number): boolean => {
    if (i === e.length) return j === a.length;
    const key = i * (a.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (e[i] === "...") result = match(i + 1, j) || (j < a.length && match(i, j + 1));
    else result = j < a.length && e[i] === a[j] && match(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return match(0, 0);
}
