// src/cli/args/: the command line and the config file. Flags, their parsing and resolution into the
// options a run needs, ingest.config.json (finding, its zod schema), completion scripts and the man
// page, "did you mean" suggestions and size parsing. Reads no input and writes no output.
/**
 * The command line's options in two layers, as ripgrep has them: the flags as commander parses
 * them (`CliOptions`), then resolved against the config file, the terminal and the environment
 * into what a run needs (`RunOptions`), with the combinations that cannot work refused before
 * any input is read.
 */
import { statSync } from "node:fs";
import { extname, resolve } from "node:path";
import { InvalidArgumentError, Option, type Command } from "commander";
import { DIAGNOSTIC_CODES } from "../../diagnostics.js";
import { NINJS_VERSIONS, type NinjsVersion } from "../../render/ninjs-versions.js";
import { COLOR_WHEN, wantColor, type ColorWhen } from "../report/color.js";
import type { CodeSetting, Config } from "./config.js";
import type { Io } from "../io.js";
import { sourceProblem, type SourceOptions } from "../inputs/sources.js";
import { parseCount, parseSize } from "./size.js";
import { closest } from "./suggest.js";

/** What one run does, every default settled. */
export interface RunOptions {
  format: "json" | "summary" | "ninjs" | "text";
  pretty: boolean;
  strict: boolean;
  /** Colour on stdout (the summary). */
  color: boolean;
  /** Colour on stderr (diagnostics). */
  errColor?: boolean;
  /** The terminal's width, when stdout is one: the summary wraps at it. */
  width?: number;
  maxBytes: number;
  /** The output directory (--out-dir, --out) as given, or null. */
  out: string | null;
  /** The one output file (-o FILE), or null for stdout. */
  output?: string | null;
  glob: string | string[];
  iglob?: string[];
  exclude: string[];
  hidden: boolean;
  followSymlinks: boolean;
  /** The --errors JSON Lines file (- for stderr), or null. */
  errors: string | null;
  incremental: boolean;
  jobs: number;
  quiet: boolean;
  /** The ninjs version for format "ninjs". */
  ninjsVersion?: NinjsVersion;
  /** --inline-errors: problems as JSON Lines on stdout, among the records. */
  inlineErrors?: boolean;
  /** --files-from, --input-format, --shard (sources.ts); left out when none is used. */
  sources?: SourceOptions;
  /** Warning codes left out of every report (--ignore). */
  ignore?: ReadonlySet<string>;
  /** Warning codes that are errors, refusing their article (--error-on). */
  errorOn?: ReadonlySet<string>;
}

/** The flags as commander parsed them (unset when not given: the config file may set them). */
export interface CliOptions {
  format?: RunOptions["format"];
  ninjsVersion?: NinjsVersion;
  pretty?: boolean;
  compact?: boolean;
  strict?: boolean;
  color?: ColorWhen | boolean;
  maxBytes?: number;
  output?: string;
  outDir?: string;
  out?: string;
  glob?: string[] | string;
  iglob?: string[];
  exclude?: string[];
  hidden?: boolean;
  followSymlinks?: boolean;
  errors?: string;
  incremental?: boolean;
  jobs?: number;
  quiet?: boolean;
  ignore?: string[];
  errorOn?: string[];
  config?: string | false;
  inlineErrors?: boolean;
  filesFrom?: string;
  null?: boolean;
  inputFormat?: SourceOptions["inputFormat"];
  shard?: string;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
/**
 * One thread by default, not os.availableParallelism(): on the 2-core machine of BENCHMARKS.md a
 * single job already keeps the second core a third busy with V8's JIT compilation and GC, and a
 * worker thread compiles the parser again, so --jobs 2 needs ~30 % more CPU than --jobs 1 (1.7 s
 * against 1.3 s over 20,000 files): at best ~0.85 of its wall time with both cores free, far from
 * the 0.6 that would make it the default (BENCHMARKS.md, "Both cores").
 */
const DEFAULT_JOBS = 1;

/** The extensions that make -o's path one file. */
export const FILE_EXTENSIONS = [".jsonl", ".ndjson", ".json"];

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** Commander's parser for a flag taking a positive whole number. */
export function positiveInt(value: string): number {
  const n = parseCount(value);
  if (n === null) throw new InvalidArgumentError("not a positive whole number.");
  return n;
}

/** Commander's parser for a size flag: bytes, or a number with K, M or G. */
export function sizeOption(value: string): number {
  const n = parseSize(value);
  if (n === null) throw new InvalidArgumentError("not a size: give bytes or a number with K, M or G (10M).");
  return n;
}

/** `A,B` lists of diagnostic codes, repeatable; an unknown code is refused with the nearest one. */
function codes(value: string, previous: string[] | undefined): string[] {
  const out = [...(previous ?? [])];
  for (const raw of value.split(",")) {
    const code = raw.trim().toUpperCase();
    if (code === "") continue;
    if (!(DIAGNOSTIC_CODES as readonly string[]).includes(code)) {
      const near = closest(code, DIAGNOSTIC_CODES);
      throw new InvalidArgumentError(`${raw} is no diagnostic code${near ? ` (did you mean ${near}?)` : ""}.`);
    }
    out.push(code);
  }
  return out;
}

/** Add the conversion's flags to `command`: the one option table, also behind completion and the man page. */
export function defineOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        "-f, --format <format>",
        "output format: json, summary, ninjs, or text (the MENAFN layout); default: summary on a terminal, json otherwise",
      ).choices(["json", "summary", "ninjs", "text"]),
    )
    .addOption(new Option("--ninjs-version <version>", "ninjs version for --format ninjs (default: 2.2)").choices(NINJS_VERSIONS).implies({ format: "ninjs" }))
    .option("--pretty", "pretty-print JSON (the default on a terminal)")
    .option("--compact", "one compact record per line, also on a terminal")
    .option("--strict", "treat warnings as errors: the article is refused")
    .addOption(new Option("--color [when]", "colour the summary and diagnostics: auto (on a terminal), always, never").choices(COLOR_WHEN))
    .option("--no-color", "never colour (as --color=never)")
    .addOption(
      new Option(
        "--max-bytes <size>",
        "read larger inputs article by article, refusing articles larger than this (bytes, or 512K, 10M, 1G; default 10M)",
      ).argParser(sizeOption),
    )
    .option("-o, --output <file>", "write every record to one JSON Lines file (.jsonl, .ndjson or .json; - for stdout), atomically")
    .option("--out-dir <dir>", "write one .json file per article under <dir>, mirroring the input tree")
    .addOption(new Option("--out <dir>", "the same as --out-dir").hideHelp())
    .addOption(
      new Option("--glob <pattern>", "which files a directory contributes (repeatable; !pattern leaves out; default **/*.txt, any case)").argParser(collect),
    )
    .addOption(new Option("--iglob <pattern>", "like --glob, matched case-insensitively (repeatable)").argParser(collect))
    .addOption(new Option("--exclude <pattern>", "leave out matching files and directories; a bare name at any depth (repeatable)").argParser(collect))
    .option("--hidden", "include hidden files and directories (names starting with .)")
    .option("--follow-symlinks", "follow symbolic links (skipped by default); loops are reported")
    .option("--errors <file>", "also append every problem as JSON Lines to <file> (- for standard error; never an input)")
    .option("--inline-errors", "also write every problem as a JSON line on stdout among the records: one stream for a pipe stage")
    .option("--files-from <file>", "also read the inputs listed in <file>, one a line (- for standard input)")
    .option("-0, --null", "with --files-from: the list is NUL-separated (find -print0)")
    .addOption(
      new Option(
        "--input-format <format>",
        "text: each input is one file of wire text; jsonl: each line is a document {path, text} or {path, bytes (base64)}",
      ).choices(["text", "jsonl"]),
    )
    .option("--shard <K/N>", "process only shard K of N of the inputs (FNV-1a 64 of the path relative to its input root)")
    .option("--incremental", "with --out-dir: skip inputs an earlier run converted whole and that have not changed")
    .addOption(
      new Option(
        "-j, --jobs <n>",
        "threads: n - 1 workers read and parse inputs while the main thread walks and writes (default 1: the main thread does all)",
      ).argParser(positiveInt),
    )
    .option("-q, --quiet", "no warnings, summary or progress line (errors are still reported)")
    .addOption(new Option("--ignore <codes>", "leave out these warning codes everywhere (comma-separated, repeatable)").argParser(codes))
    .addOption(new Option("--error-on <codes>", "make these warning codes errors that refuse the article (comma-separated, repeatable)").argParser(codes))
    .option("--config <file>", "read defaults from <file> instead of the nearest ingest.config.json")
    .option("--no-config", "read no config file");
}

/** The names of the options given on the command line, for subcommands that take none of them. */
export function givenOptions(command: Command): string[] {
  return command.options.filter((o) => command.getOptionValueSource(o.attributeName()) === "cli").map((o) => o.long ?? o.short ?? o.flags);
}

/** Per-code settings: the config file's, then --ignore and --error-on on top. */
function codeSettings(opts: CliOptions, config: Config): Map<string, CodeSetting> {
  const settings = new Map<string, CodeSetting>(Object.entries(config.codes ?? {}) as Array<[string, CodeSetting]>);
  for (const c of opts.ignore ?? []) settings.set(c, "ignore");
  for (const c of opts.errorOn ?? []) settings.set(c, "error");
  return settings;
}

const isDirectory = (path: string): boolean | null => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return null;
  }
};

/** Where the records go: one file, a tree, or stdout; every ambiguous use refused. */
function outputProblem(inputs: string[], opts: CliOptions, format: RunOptions["format"], io: Io): string | null {
  const dirFlag = opts.outDir !== undefined ? "--out-dir" : "--out";
  const dir = opts.outDir ?? opts.out;
  if (opts.outDir !== undefined && opts.out !== undefined) return "--out is the old name of --out-dir: give one of them";
  if (opts.output !== undefined && dir !== undefined) return `-o writes one file and ${dirFlag} a tree of files: give one of them`;
  if (opts.incremental && dir === undefined) return "--incremental needs --out-dir";
  if (opts.output !== undefined && opts.output !== "-") {
    const path = resolve(io.cwd, opts.output);
    const tree = `for one file per article use --out-dir ${opts.output}`;
    if (isDirectory(path) === true) return `-o ${opts.output} is a directory; -o writes one file (${tree})`;
    if (!FILE_EXTENSIONS.includes(extname(opts.output).toLowerCase())) {
      return `-o ${opts.output}: name a .jsonl, .ndjson or .json file, or - for standard output (${tree})`;
    }
    if (format === "summary" || format === "text") return `-o writes JSON Lines; --format ${format} is for standard output`;
    if (opts.pretty) return "-o writes JSON Lines, one record per line; --pretty is for standard output";
    if (inputs.includes("-") && opts.output === "-") return null;
    if (inputs.some((i) => resolve(io.cwd, i) === path)) return `the output file ${opts.output} is also an input`;
  }
  if (dir === undefined) return null;
  const outDir = resolve(io.cwd, dir);
  // Checked first: `ingest --out a.txt` took the input as the directory, leaving standard input.
  if (isDirectory(outDir) === false) return `${dirFlag} ${dir} is a file, not a directory`;
  if (inputs.includes("-")) return `${dirFlag} needs files or directories to read, not standard input`;
  if (format === "summary" || format === "text") return `${dirFlag} writes JSON files; --format ${format} is for standard output`;
  if (isDirectory(outDir) === null && FILE_EXTENSIONS.includes(extname(dir).toLowerCase())) {
    return `${dirFlag} ${dir} looks like a file name: for one JSON Lines file use -o ${dir}`;
  }
  // The output directory is never walked, so naming it as an input would silently read nothing.
  if (inputs.some((i) => resolve(io.cwd, i) === outDir)) return `the output directory ${dir} is also an input`;
  return null;
}

/** --inline-errors needs the records on standard output, as JSON Lines, and is the one place for problems. */
function inlineProblem(opts: CliOptions, format: RunOptions["format"]): string | null {
  if (opts.inlineErrors !== true) return null;
  if (opts.errors !== undefined) return "--inline-errors and --errors both say where problems go: give one";
  if (format === "summary" || format === "text") return `--inline-errors puts problems among the JSON Lines on standard output; not with --format ${format}`;
  if ((opts.output !== undefined && opts.output !== "-") || opts.outDir !== undefined || opts.out !== undefined) {
    return "--inline-errors puts problems among the records on standard output; not with -o FILE or --out-dir";
  }
  return null;
}

const sourceOptions = (opts: CliOptions): SourceOptions => ({
  filesFrom: opts.filesFrom ?? null,
  nul: opts.null === true,
  inputFormat: opts.inputFormat ?? "text",
  shard: opts.shard ?? null,
});

/** A run to do; or a usage problem to report (`null`: no inputs on a terminal, so the help). */
export type Resolved = { inputs: string[]; options: RunOptions } | { usage: string | null };

/** Settle the inputs and every default against the config file and `io`; refuse what cannot work. */
export function resolveOptions(args: string[], opts: CliOptions, io: Io, config: Config = {}): Resolved {
  let inputs = args;
  if (inputs.length === 0 && opts.filesFrom === undefined) {
    if (io.stdin.isTTY) return { usage: null };
    inputs = ["-"];
  }
  const toFile = opts.output !== undefined && opts.output !== "-";
  const stdoutTTY = io.stdout.isTTY === true && !toFile;
  const format = opts.format ?? config.format ?? (stdoutTTY && opts.output === undefined ? "summary" : "json");
  const ninjsVersion = opts.ninjsVersion ?? config.ninjsVersion;
  if (ninjsVersion !== undefined && format !== "ninjs") return { usage: `--ninjs-version needs --format ninjs, not ${format}` };
  const usage =
    outputProblem(inputs, opts, format, io) ?? sourceProblem(inputs, sourceOptions(opts), opts.outDir ?? opts.out ?? null) ?? inlineProblem(opts, format);
  if (usage !== null) return { usage };
  if (opts.pretty && opts.compact) return { usage: "--pretty and --compact contradict each other: give one" };
  const compact = opts.compact ?? (opts.pretty ? false : config.compact) ?? false;
  const pretty = !toFile && (opts.pretty ?? (compact ? false : config.pretty) ?? ((format === "json" || format === "ninjs") && stdoutTTY && !compact));
  const when: ColorWhen = opts.color === true ? "always" : opts.color === false ? "never" : (opts.color ?? config.color ?? "auto");
  const settings = codeSettings(opts, config);
  const pick = (s: CodeSetting): Set<string> => new Set([...settings].filter(([, v]) => v === s).map(([k]) => k));
  const width = stdoutTTY ? (io.stdout as { columns?: number }).columns : undefined;
  const globs = opts.glob !== undefined || opts.iglob !== undefined;
  const options: RunOptions = {
    format,
    pretty,
    strict: opts.strict ?? config.strict ?? false,
    color: wantColor(when, io.env, stdoutTTY),
    errColor: wantColor(when, io.env, io.stderr.isTTY),
    ...(width ? { width } : {}),
    maxBytes:
      opts.maxBytes ??
      (config.maxBytes === undefined
        ? DEFAULT_MAX_BYTES
        : typeof config.maxBytes === "number"
          ? config.maxBytes
          : (parseSize(config.maxBytes) ?? DEFAULT_MAX_BYTES)),
    out: opts.outDir ?? opts.out ?? null,
    output: opts.output ?? null,
    glob: globs ? (typeof opts.glob === "string" ? [opts.glob] : (opts.glob ?? [])) : (config.glob ?? []),
    iglob: globs ? (opts.iglob ?? []) : (config.iglob ?? []),
    exclude: opts.exclude ?? config.exclude ?? [],
    hidden: opts.hidden ?? config.hidden ?? false,
    followSymlinks: opts.followSymlinks ?? config.followSymlinks ?? false,
    errors: opts.errors ?? null,
    inlineErrors: opts.inlineErrors === true,
    incremental: opts.incremental === true,
    jobs: opts.jobs ?? config.jobs ?? DEFAULT_JOBS,
    quiet: opts.quiet ?? config.quiet ?? false,
    ninjsVersion: ninjsVersion ?? "2.2",
    ignore: pick("ignore"),
    errorOn: pick("error"),
  };
  const sources = sourceOptions(opts);
  if (sources.filesFrom !== null || sources.inputFormat !== "text" || sources.shard !== null) options.sources = sources;
  return { inputs, options };
}
