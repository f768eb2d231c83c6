/**
 * The docs' flag tables, made from the flag table (flags.ts): each sits in a Markdown file between
 * `<!-- flags:COMMAND -->` and `<!-- /flags:COMMAND -->`, written by `npm run docs:flags` and
 * checked by a test, so that a flag cannot be added, renamed or changed without its docs.
 */
import { type CommandName, type FlagSpec, flagsOf } from "./flags.js";

const cell = (s: string): string => s.replace(/\|/g, "\\|");

/** How the table names a flag: `-f, --format json|summary|ninjs|text`, `--config FILE`, `--no-config`. */
function nameOf(f: FlagSpec<unknown>, command: CommandName): string {
  const choices = f.choicesIn?.[command] ?? f.choices;
  const value = f.value === undefined ? "" : choices ? ` ${choices.join("|")}` : ` ${f.value.replace(/^[<[]|[>\]]$/g, "").toUpperCase()}`;
  const main = `\`${cell(f.docName ?? `${f.short ? `${f.short}, ` : ""}${f.long}${value}`)}\``;
  return f.negation === undefined ? main : `${main}, \`--no-${f.long.slice(2)}\``;
}

/** The Markdown table of `command`'s flags. */
export function flagTable(command: CommandName): string {
  const rows = flagsOf(command).map(([, f]) => `| ${nameOf(f, command)} | ${cell(f.docIn?.[command] ?? f.doc ?? f.helpIn?.[command] ?? f.help)} |`);
  if (command === "convert") rows.push("| `-V, --version`, `-h, --help` | version and help |");
  return ["| option | meaning |", "| --- | --- |", ...rows].join("\n");
}

export const markers = (command: CommandName): [string, string] => [`<!-- flags:${command} -->`, `<!-- /flags:${command} -->`];

/** `doc` with `command`'s table between its markers replaced by the current one; null when the markers are not there. */
export function withFlagTable(doc: string, command: CommandName): string | null {
  const [open, close] = markers(command);
  const start = doc.indexOf(open);
  const end = doc.indexOf(close);
  if (start === -1 || end < start) return null;
  return `${doc.slice(0, start + open.length)}\n${flagTable(command)}\n${doc.slice(end)}`;
}
