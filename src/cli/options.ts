/**
 * The command line's options in two layers, as ripgrep has them: the flags as commander parses
 * them (`CliOptions`), then resolved against the terminal and environment into what a run needs
 * (`RunOptions`), with the combinations that cannot work refused before any input is read.
 */
import { resolve } from "node:path";
import { CommanderError, Option, type Command } from "commander";
import { NINJS_VERSIONS, type NinjsVersion } from "../render/ninjs-versions.js";
import type { Io } from "./io.js";

/** What one run does, every default settled. */
export interface RunOptions {
  format: "json" | "summary" | "ninjs" | "text";
  pretty: boolean;
  strict: boolean;
  color: boolean;
  maxBytes: number;
  /** The output directory as given, or null for stdout. */
  out: string | null;
  glob: string;
  exclude: string[];
  hidden: boolean;
  followSymlinks: boolean;
  /** The --errors JSON Lines file, or null. */
  errors: string | null;
  incremental: boolean;
  jobs: number;
  quiet: boolean;
  /** The ninjs version for format "ninjs". */
  ninjsVersion?: NinjsVersion;
}

/** The flags as commander parsed them. */
export interface CliOptions {
  format?: RunOptions["format"];
  ninjsVersion?: NinjsVersion;
  pretty?: boolean;
  strict?: boolean;
  color?: boolean;
  maxBytes: number;
  out?: string;
  glob: string;
  exclude: string[];
  hidden?: boolean;
  followSymlinks?: boolean;
  errors?: string;
  incremental?: boolean;
  jobs: number;
  quiet?: boolean;
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
/**
 * One thread by default: on the 2-core machine of BENCHMARKS.md, worker threads did not beat the
 * main thread (their start-up, JIT warm-up and messages cost what they save); --jobs N uses N.
 */
const DEFAULT_JOBS = 1;

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new CommanderError(2, "ingest.invalidNumber", `not a positive whole number: ${value}`);
  return n;
}

/** Add the conversion's flags to `command`. */
export function defineOptions(command: Command): Command {
  return command
    .addOption(new Option("-f, --format <format>", "output format: json, summary, ninjs, or text (the MENAFN layout); default: summary on a terminal, json otherwise").choices(["json", "summary", "ninjs", "text"]))
    .addOption(new Option("--ninjs-version <version>", "ninjs version for --format ninjs (default: 2.2)").choices(NINJS_VERSIONS).implies({ format: "ninjs" }))
    .option("--pretty", "pretty-print JSON instead of one record per line")
    .option("--strict", "treat warnings as errors: the article is refused")
    .option("--color", "colour the summary even when not on a terminal")
    .option("--no-color", "never colour the summary (NO_COLOR in the environment does the same)")
    .addOption(new Option("--max-bytes <n>", "read larger inputs article by article, refusing articles larger than this many bytes").argParser(positiveInt).default(DEFAULT_MAX_BYTES, "10 MiB"))
    .option("-o, --out <dir>", "write one .json file per article under <dir>, mirroring the input tree")
    .option("--glob <pattern>", "which files a directory contributes", "**/*.txt")
    .addOption(new Option("--exclude <pattern>", "leave out matching files and directories (repeatable)").argParser(collect).default([], "none"))
    .option("--hidden", "include hidden files and directories (names starting with .)")
    .option("--follow-symlinks", "follow symbolic links (skipped by default); loops are reported")
    .option("--errors <file>", "also write every problem as JSON Lines to <file>")
    .option("--incremental", "with --out: skip inputs whose output is newer than the input")
    .option("-j, --jobs <n>", "threads that read and parse inputs: the main thread and n - 1 workers (1: the main thread alone)", positiveInt, DEFAULT_JOBS)
    .option("-q, --quiet", "no summary or progress line (problems are still reported)");
}

/** Colour only on a terminal, never with NO_COLOR or --no-color; --color or FORCE_COLOR forces it. */
function wantColor(flag: boolean | undefined, io: Io): boolean {
  if (flag !== undefined) return flag;
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== "0") return true;
  return io.stdout.isTTY === true;
}

/** Flag combinations that cannot work, said before any input is read. */
function usageProblem(inputs: string[], opts: CliOptions, io: Io): string | null {
  if (opts.incremental && opts.out === undefined) return "--incremental needs --out";
  if (opts.out === undefined) return null;
  if (inputs.includes("-")) return "--out needs files or directories to read, not standard input";
  if (opts.format === "summary" || opts.format === "text") return `--out writes JSON files; --format ${opts.format} is for standard output`;
  const outDir = resolve(io.cwd, opts.out);
  // The output directory is never walked, so naming it as an input would silently read nothing.
  if (inputs.some((i) => resolve(io.cwd, i) === outDir)) return `the output directory ${opts.out} is also an input`;
  return null;
}

/** A run to do; or a usage problem to report (`null`: no inputs on a terminal, so the help). */
export type Resolved = { inputs: string[]; options: RunOptions } | { usage: string | null };

/** Settle the inputs and every default against `io`; refuse what cannot work. */
export function resolveOptions(args: string[], opts: CliOptions, io: Io): Resolved {
  let inputs = args;
  if (inputs.length === 0) {
    if (io.stdin.isTTY) return { usage: null };
    inputs = ["-"];
  }
  const usage = usageProblem(inputs, opts, io);
  if (usage !== null) return { usage };
  const format = opts.format ?? (io.stdout.isTTY ? "summary" : "json");
  if (opts.ninjsVersion !== undefined && format !== "ninjs") return { usage: `--ninjs-version needs --format ninjs, not ${format}` };
  const options: RunOptions = {
    format,
    pretty: opts.pretty === true || ((format === "json" || format === "ninjs") && io.stdout.isTTY === true),
    strict: opts.strict === true,
    color: wantColor(opts.color, io),
    maxBytes: opts.maxBytes,
    out: opts.out ?? null,
    glob: opts.glob,
    exclude: opts.exclude,
    hidden: opts.hidden === true,
    followSymlinks: opts.followSymlinks === true,
    errors: opts.errors ?? null,
    incremental: opts.incremental === true,
    jobs: opts.jobs,
    quiet: opts.quiet === true,
    ninjsVersion: opts.ninjsVersion ?? "2.2",
  };
  return { inputs, options };
}
