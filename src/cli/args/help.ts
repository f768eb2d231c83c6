/**
 * Help the clig.dev way: `--help` opens with worked examples (as jq's does) and ends with where
 * to read more; with no input on a terminal, a short usage with the examples; `ingest help
 * [command]` and `ingest version`; and a subcommand is suggested only for a near miss.
 */
import { type Command, Help } from "commander";
import { VERSION } from "../../version.js";
import { editDistance } from "./suggest.js";

/** The root's worked examples, each a command and what it does. */
const EXAMPLES: Array<[string, string]> = [
  ["ingest article.txt", "a summary on a terminal, JSON when piped"],
  ["ingest feeds/ -o records.jsonl", "every *.txt under feeds/, in one file"],
  ["ingest feeds/ --out-dir json/", "one .json file per article"],
  ["ingest feeds/ | jq -r .headline", "the headlines"],
  ["ingest watch inbox/ --out-dir json/", "ingest files as they arrive, exactly once"],
  ["ingest validate json/", "check stored records against the schema"],
];

/** The examples of the subcommands, shown after their options. */
const COMMAND_EXAMPLES: Record<string, Array<[string, string]>> = {
  watch: [
    ["ingest watch inbox/ --out-dir json/ --archive done/ --quarantine refused/", "a drop directory, exactly once"],
    ["ingest watch inbox/ --once --out-dir json/", "take what is there, then exit (cron)"],
  ],
  validate: [
    ["ingest validate records.jsonl", "JSON Lines"],
    ["ingest validate json/", "a directory of .json, .jsonl and .ndjson files"],
  ],
  completion: [["ingest completion bash > ~/.local/share/bash-completion/completions/ingest", "bash (see docs/usage.md for zsh and fish)"]],
  schema: [["ingest schema > article.schema.json", "the record's JSON Schema"]],
  man: [["ingest man | man -l -", "read the manual page"]],
  help: [["ingest help watch", "the options of ingest watch"]],
};

/** Where to read more: the last lines of every help. */
export const READ_MORE =
  "Read more: ingest help COMMAND (a command's options), man ingest (or ingest man | man -l -),\nand the manual in docs/ of the source (docs/README.md lists its pages).";

function examples(list: Array<[string, string]>): string {
  const width = Math.max(...list.map(([c]) => c.length));
  // Side by side when that fits in 80 columns, else each description under its command.
  if (width + 4 + Math.max(...list.map(([, w]) => w.length)) > 80) return list.map(([c, what]) => `  ${c}\n      ${what}`).join("\n");
  return list.map(([c, what]) => `  ${c.padEnd(width)}  ${what}`).join("\n");
}

/** With no input and a terminal on stdin: what to type, without the whole option list. */
export function shortUsage(): string {
  return `Usage: ingest [options] [inputs...]\n       ingest COMMAND ...   (schema, validate, watch, completion, man, help, version)\n\nNothing to read: name files or directories, or pipe text in.\n\nExamples:\n${examples(EXAMPLES)}\n\nRun ingest --help for every option.\n${READ_MORE}\n`;
}

/** Examples and where to read more, after each subcommand's options. */
export function addCommandHelp(program: Command): void {
  for (const command of program.commands) {
    const list = COMMAND_EXAMPLES[command.name()];
    command.addHelpText("after", `${list ? `\nExamples:\n${examples(list)}\n` : ""}\n${READ_MORE}`);
  }
}

/**
 * For `configureHelp`: the root's --help opens with worked examples, right under its description
 * (as jq's does). They are not part of the description, which the man page also prints.
 */
export const helpLayout = {
  formatHelp(this: Help, cmd: Command, helper: Help): string {
    const text = Help.prototype.formatHelp.call(this, cmd, helper);
    if (cmd.parent !== null) return text;
    const description = helper.boxWrap(helper.styleCommandDescription(cmd.description()), helper.helpWidth ?? 80);
    const at = text.indexOf(description);
    if (at < 0) return text;
    const end = at + description.length;
    return `${text.slice(0, end)}\n\nExamples:\n${examples(EXAMPLES)}${text.slice(end)}`;
  },
};

/** The version line, as `-V` prints it. */
export const versionLine = (): string => `ingest ${VERSION}`;

/**
 * The subcommand `word` may be a typo of: same first letter, and one edit away (two for words
 * longer than five letters), a swap of two neighbours counting as one. `batch` is no near miss of
 * `watch`.
 */
export function nearMiss(word: string, commands: readonly string[]): string | null {
  const w = word.toLowerCase();
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of commands) {
    if (c[0] !== w[0]) continue;
    const d = swapAware(w, c);
    if (d <= (w.length > 5 ? 2 : 1) && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** Edit distance where swapping two neighbouring letters is one edit (optimal string alignment). */
function swapAware(a: string, b: string): number {
  const plain = editDistance(a, b);
  if (plain <= 1 || a.length !== b.length) return plain;
  for (let i = 0; i + 1 < a.length; i++) {
    if (a[i] !== b[i]) {
      const swapped = a.slice(0, i) + a[i + 1] + a[i] + a.slice(i + 2);
      return swapped === b ? 1 : plain;
    }
  }
  return plain;
}

/** Words that ask for what ingest does without a command. */
export const DEFAULT_MODE_WORDS = ["batch", "convert", "parse", "run", "ingest"];
