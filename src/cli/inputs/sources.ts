/**
 * Where a run's inputs come from, for scaling out: the arguments, then a --files-from list;
 * with --input-format jsonl each input is split into its documents; with --shard only this
 * shard's inputs are kept. Everything streams: an entry is produced when the batch asks, and
 * `idle` (flushing the outputs) runs whenever a list or a JSON Lines input has nothing buffered.
 */
import { error } from "../../diagnostics.js";
import { ListError, listedPaths } from "./files-from.js";
import { expandInputs, type ExpandOptions, type ExpandState, type InputEntry } from "./inputs.js";
import { documents } from "./jsonl-input.js";
import { inShard, parseShard, type Shard } from "./shard.js";

/** The scale-out options of a run. */
export interface SourceOptions {
  /** The --files-from list (- for standard input), or null. */
  filesFrom: string | null;
  /** -0/--null: the list is NUL-separated. */
  nul: boolean;
  inputFormat: "text" | "jsonl";
  /** --shard as given ("K/N"), or null. */
  shard: string | null;
}

/** Whether any scale-out option is used (otherwise the inputs are the arguments, walked). */
export const usesSources = (o: SourceOptions): boolean => o.filesFrom !== null || o.inputFormat !== "text" || o.shard !== null;

/** What is wrong with the scale-out options, said before any input is read; null when nothing. */
export function sourceProblem(inputs: string[], o: SourceOptions, out: string | null): string | null {
  if (o.shard !== null) {
    const shard = parseShard(o.shard);
    if (typeof shard === "string") return shard;
  }
  if (o.nul && o.filesFrom === null) return "-0/--null needs --files-from";
  if (o.filesFrom === "-" && inputs.includes("-")) return "standard input cannot be both the --files-from list and an input";
  if (o.inputFormat === "jsonl" && out !== null)
    return "--out-dir writes one file per input file; with --input-format jsonl records go to standard output or -o";
  if (o.shard !== null && o.inputFormat === "text" && inputs.includes("-")) {
    return "--shard splits inputs by path, and standard input has none (use --input-format jsonl, whose documents have paths)";
  }
  return null;
}

/** The inputs of a run, in order. */
export async function* sourceEntries(
  inputs: string[],
  o: SourceOptions,
  expand: ExpandOptions,
  state: ExpandState,
  stdin: () => NodeJS.ReadableStream,
  maxBytes: number,
  idle?: () => Promise<unknown>,
  /** Sees each input as the arguments and the list give it (before JSON Lines are split); false ends the inputs there. */
  admit?: (entry: InputEntry) => boolean,
): AsyncGenerator<InputEntry> {
  const shard: Shard | null = o.shard === null ? null : (parseShard(o.shard) as Shard);
  let entries = args(inputs, o, expand, state, stdin, idle);
  if (admit !== undefined) entries = until(entries, admit);
  if (o.inputFormat === "jsonl") entries = split(entries, stdin, maxBytes, idle);
  yield* inShard(entries, shard);
}

async function* args(
  inputs: string[],
  o: SourceOptions,
  expand: ExpandOptions,
  state: ExpandState,
  stdin: () => NodeJS.ReadableStream,
  idle?: () => Promise<unknown>,
): AsyncGenerator<InputEntry> {
  yield* expandInputs(inputs, expand, state);
  if (o.filesFrom === null) return;
  // A list is a batch: it gets the summary line, as a directory does.
  state.walked = true;
  const list = o.filesFrom;
  try {
    yield* expandInputs(listedPaths({ list, nul: o.nul, cwd: expand.cwd, stdin: stdin(), idle }), { ...expand, literal: true }, state);
  } catch (e) {
    if (!(e instanceof ListError)) throw e;
    yield { kind: "problem", display: list === "-" ? "<stdin>" : list, diagnostic: error("READ_ERROR", e.line, { detail: e.detail }), named: true };
  }
}

/** Each stdin or file input → its documents; problems pass through. */
async function* split(
  entries: AsyncIterable<InputEntry>,
  stdin: () => NodeJS.ReadableStream,
  maxBytes: number,
  idle?: () => Promise<unknown>,
): AsyncGenerator<InputEntry> {
  for await (const entry of entries) {
    if (entry.kind === "stdin" || entry.kind === "file") yield* documents(entry, stdin(), maxBytes, idle);
    else yield entry;
  }
}

/** The entries up to the first that `admit` refuses. */
async function* until(entries: AsyncIterable<InputEntry>, admit: (entry: InputEntry) => boolean): AsyncGenerator<InputEntry> {
  for await (const entry of entries) {
    if (!admit(entry)) return;
    yield entry;
  }
}
