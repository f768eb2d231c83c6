// src/cli/args/: the command line and the config file. Flags, their parsing and resolution into the
// options a run needs, ingest.config.json (finding, its zod schema), completion scripts and the man
// page, "did you mean" suggestions and size parsing. Reads no input and writes no output.
/**
 * The command line's options in two layers, as ripgrep has them: the flags as commander parses
 * them (`CliOptions`, from the flag table in flags.ts), then resolved once against the config
 * file, the terminal and the environment into what a run needs (`RunOptions`, every field set),
 * with the combinations that cannot work refused before any input is read.
 */
import { statSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { FORMATS, type FormatName } from "../../render/formats.js";
import type { NinjsVersion } from "../../render/ninjs-versions.js";
import { wantColor, type ColorWhen } from "../report/color.js";
import type { CodeSetting, Config } from "./config.js";
import type { Io } from "../io.js";
import { sourceProblem, type SourceOptions } from "../inputs/sources.js";
import { FLAGS, foldOldNames, type CliOptions, type FlagKey } from "./flags.js";
import { parseSize } from "./size.js";

export type { CliOptions } from "./flags.js";
export { DEFAULT_MAX_BYTES } from "./flags-batch.js";

/** Where the records go: standard output, one file (-o), or one file per article under a directory (--out-dir). */
export type RecordTarget = { kind: "stdout" } | { kind: "file"; path: string; shown: string } | { kind: "dir"; path: string; shown: string };

/** Where problems go besides the stderr lines: nowhere else, stderr as JSON Lines (--errors -), stdout among the records (--inline-errors), or a file. */
export type ErrorsTarget = { kind: "none" } | { kind: "stderr" } | { kind: "stdout" } | { kind: "file"; path: string; shown: string };

/** What one run does, every default settled. */
export interface RunOptions {
  format: FormatName;
  pretty: boolean;
  strict: boolean;
  /** Colour on stdout (the summary). */
  color: boolean;
  /** Colour on stderr (diagnostics). */
  errColor: boolean;
  /** The terminal's width, when stdout is one (the summary wraps at it), else null. */
  width: number | null;
  maxBytes: number;
  records: RecordTarget;
  errors: ErrorsTarget;
  glob: string[];
  iglob: string[];
  exclude: string[];
  hidden: boolean;
  followSymlinks: boolean;
  incremental: boolean;
  jobs: number;
  quiet: boolean;
  /** The ninjs version for format "ninjs". */
  ninjsVersion: NinjsVersion;
  /** --files-from, --input-format, --shard (sources.ts). */
  sources: SourceOptions;
  /** Warning codes left out of every report (--ignore). */
  ignore: ReadonlySet<string>;
  /** Warning codes that are errors, refusing their article (--error-on). */
  errorOn: ReadonlySet<string>;
  /** --db: the store (an SQLite path or a postgres:// URL) as given, and whether it alone takes the records (no -o, no --out-dir); or null. */
  db: { target: string; alone: boolean } | null;
}

/** The extensions that make -o's path one file. */
export const FILE_EXTENSIONS = [".jsonl", ".ndjson", ".json"];

type Settable = FlagKey & keyof Config;

/** A flag's value: the command line's, else the config file's, else the table's default. */
function setting<K extends Settable>(opts: CliOptions, config: Config, key: K): NonNullable<CliOptions[K]> | NonNullable<Config[K]> {
  return (opts[key] ?? config[key] ?? (FLAGS[key] as { default?: unknown }).default) as NonNullable<CliOptions[K]>;
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

/** -o FILE: what is wrong with it, or null. */
function fileProblem(inputs: string[], output: string, opts: CliOptions, format: FormatName, io: Io): string | null {
  const path = resolve(io.cwd, output);
  const tree = `for one file per article use --out-dir ${output}`;
  if (isDirectory(path) === true) return `-o ${output} is a directory; -o writes one file (${tree})`;
  // `ingest a.txt -o a.txt`: the name was the input's; suggest a new name, not the input as a tree.
  if (inputs.some((i) => resolve(io.cwd, i) === path)) {
    const stem = basename(output, extname(output));
    const suggested = join(dirname(output), `${stem}.jsonl`);
    return `-o ${output} is one of the inputs: name a new file for the records, such as -o ${suggested === output ? join(dirname(output), `${stem}.records.jsonl`) : suggested}`;
  }
  if (!FILE_EXTENSIONS.includes(extname(output).toLowerCase())) {
    return `-o ${output}: name a .jsonl, .ndjson or .json file, or - for standard output (${tree})`;
  }
  if (!FORMATS[format].toFile) return `-o writes JSON Lines; --format ${format} is for standard output`;
  if (opts.pretty) return "-o writes JSON Lines, one record per line; --pretty is for standard output";
  // Whether an output is also an input (by identity, not spelling) is the write guard's (output/guard.ts).
  return null;
}

/** --out-dir DIR: what is wrong with it, or null. */
function dirProblem(inputs: string[], dir: string, flag: string, format: FormatName, io: Io): string | null {
  const outDir = resolve(io.cwd, dir);
  // Checked first: `ingest --out a.txt` took the input as the directory, leaving standard input.
  if (isDirectory(outDir) === false) return `${flag} ${dir} is a file, not a directory`;
  if (inputs.includes("-")) return `${flag} needs files or directories to read, not standard input`;
  if (!FORMATS[format].toDir) return `${flag} writes JSON files; --format ${format} is for standard output`;
  if (isDirectory(outDir) === null && FILE_EXTENSIONS.includes(extname(dir).toLowerCase())) {
    return `${flag} ${dir} looks like a file name: for one JSON Lines file use -o ${dir}`;
  }
  // Whether it is also an input (by identity, not spelling) is the write guard's (output/guard.ts).
  return null;
}

/** --incremental's marks live in the --db store: there is no --out tree to keep them (--db alone). */
export const marksInStore = (o: RunOptions): boolean => o.incremental && o.db !== null && o.records.kind !== "dir";

/** Where the records go: one file, a tree, or stdout; every ambiguous use refused. */
function recordTarget(inputs: string[], opts: CliOptions, dirFlag: string, format: FormatName, io: Io): RecordTarget | string {
  if (opts.output !== undefined && opts.outDir !== undefined) return `-o writes one file and ${dirFlag} a tree of files: give one of them`;
  if (opts.incremental && opts.outDir === undefined) {
    // Its marks live in the --out tree, or in the store: records printed or written to one file
    // would leave out every input it skips.
    if (opts.db === undefined) return "--incremental needs --out-dir or --db";
    if (opts.output !== undefined) return "--incremental leaves out the inputs it skips: with --db, give no -o (or use --out-dir)";
  }
  if (opts.output !== undefined && opts.output !== "-") {
    return fileProblem(inputs, opts.output, opts, format, io) ?? { kind: "file", path: resolve(io.cwd, opts.output), shown: opts.output };
  }
  if (opts.outDir !== undefined)
    return dirProblem(inputs, opts.outDir, dirFlag, format, io) ?? { kind: "dir", path: resolve(io.cwd, opts.outDir), shown: opts.outDir };
  return { kind: "stdout" };
}

/** --db's target: an SQLite file whose directory exists, or a PostgreSQL URL; the problem, or null. */
function dbProblem(inputs: string[], opts: CliOptions, io: Io): string | null {
  const db = opts.db;
  if (db === undefined || /^postgres(ql)?:\/\//i.test(db)) return null;
  if (db === "" || db === "-") return "--db names an SQLite file or a postgres:// URL, not standard output";
  const path = resolve(io.cwd, db);
  if (isDirectory(path) === true) return `--db ${db} is a directory; name an SQLite file (news.sqlite)`;
  if (isDirectory(dirname(path)) !== true) return `--db ${db}: no directory ${dirname(db) || "."} to create it in`;
  if (inputs.some((i) => i !== "-" && resolve(io.cwd, i) === path)) return `the store ${db} is also an input`;
  if (opts.output === undefined && opts.outDir === undefined && opts.format !== undefined && opts.format !== "json") {
    return `--db alone prints no records; --format ${opts.format} is for standard output (add -o - to print them too)`;
  }
  return null;
}

/** Where problems go: --errors FILE or -, or --inline-errors (which needs the records on stdout, as JSON Lines). */
function errorsTarget(opts: CliOptions, format: FormatName, records: RecordTarget, io: Io): ErrorsTarget | string {
  if (opts.inlineErrors === true) {
    if (opts.errors !== undefined) return "--inline-errors and --errors both say where problems go: give one";
    if (!FORMATS[format].toFile) return `--inline-errors puts problems among the JSON Lines on standard output; not with --format ${format}`;
    if (records.kind !== "stdout") return "--inline-errors puts problems among the records on standard output; not with -o FILE or --out-dir";
    return { kind: "stdout" };
  }
  if (opts.errors === undefined) return { kind: "none" };
  if (opts.errors === "-") return { kind: "stderr" };
  return { kind: "file", path: resolve(io.cwd, opts.errors), shown: opts.errors };
}

const sourceOptions = (opts: CliOptions): SourceOptions => ({
  filesFrom: opts.filesFrom ?? null,
  nul: opts.null === true,
  inputFormat: opts.inputFormat ?? "text",
  shard: opts.shard ?? null,
});

/** A run to do; or a usage problem to report (`null`: no inputs on a terminal, so the help). */
export type Resolved = { inputs: string[]; options: RunOptions } | { usage: string | null };

/** --max-bytes: the flag's, else the config file's (a number or a size such as 10M), else 10M. */
function maxBytes(opts: CliOptions, config: Config): number {
  const fromConfig = typeof config.maxBytes === "string" ? (parseSize(config.maxBytes) ?? undefined) : config.maxBytes;
  return opts.maxBytes ?? fromConfig ?? FLAGS.maxBytes.default;
}

/** Settle the inputs and every default against the config file and `io`; refuse what cannot work. */
export function resolveOptions(args: string[], given: CliOptions, io: Io, config: Config = {}): Resolved {
  const opts: CliOptions = { ...given };
  // Refusals name the flag as given: --out is --out-dir's old name.
  const dirFlag = (given as { out?: string }).out !== undefined ? "--out" : "--out-dir";
  const old = foldOldNames(opts as Record<string, unknown>, "convert");
  if (old !== null) return { usage: old };
  let inputs = args;
  if (inputs.length === 0 && opts.filesFrom === undefined) {
    if (io.stdin.isTTY) return { usage: null };
    inputs = ["-"];
  }
  const toFile = opts.output !== undefined && opts.output !== "-";
  const stdoutTTY = io.stdout.isTTY === true && !toFile;
  // --db alone prints no records: they are kept as JSON (which worker threads can render).
  const dbAlone = opts.db !== undefined && opts.output === undefined && opts.outDir === undefined;
  const format = opts.format ?? (dbAlone ? "json" : undefined) ?? config.format ?? (stdoutTTY && opts.output === undefined ? "summary" : "json");
  const ninjsVersion = opts.ninjsVersion ?? config.ninjsVersion;
  if (ninjsVersion !== undefined && format !== "ninjs") return { usage: `--ninjs-version needs --format ninjs, not ${format}` };
  const records = recordTarget(inputs, opts, dirFlag, format, io);
  if (typeof records === "string") return { usage: records };
  const store = dbProblem(inputs, opts, io);
  if (store !== null) return { usage: store };
  const sources = sourceOptions(opts);
  const sourced = sourceProblem(inputs, sources, opts.outDir ?? null);
  if (sourced !== null) return { usage: sourced };
  const errors = errorsTarget(opts, format, records, io);
  if (typeof errors === "string") return { usage: errors };
  if (opts.pretty && opts.compact) return { usage: "--pretty and --compact contradict each other: give one" };
  const compact = opts.compact ?? (opts.pretty ? false : config.compact) ?? false;
  const pretty = !toFile && !dbAlone && (opts.pretty ?? (compact ? false : config.pretty) ?? (FORMATS[format].pretty && stdoutTTY && !compact));
  const when: ColorWhen = opts.color === true ? "always" : opts.color === false ? "never" : (opts.color ?? config.color ?? FLAGS.color.default);
  const settings = codeSettings(opts, config);
  const pick = (s: CodeSetting): Set<string> => new Set([...settings].filter(([, v]) => v === s).map(([k]) => k));
  const globs = opts.glob !== undefined || opts.iglob !== undefined;
  const options: RunOptions = {
    format,
    pretty,
    strict: setting(opts, config, "strict"),
    color: wantColor(when, io.env, stdoutTTY),
    errColor: wantColor(when, io.env, io.stderr.isTTY),
    width: (stdoutTTY ? (io.stdout as { columns?: number }).columns : undefined) || null,
    maxBytes: maxBytes(opts, config),
    records,
    errors,
    glob: globs ? (opts.glob ?? []) : (config.glob ?? []),
    iglob: globs ? (opts.iglob ?? []) : (config.iglob ?? []),
    exclude: setting(opts, config, "exclude"),
    hidden: setting(opts, config, "hidden"),
    followSymlinks: setting(opts, config, "followSymlinks"),
    incremental: opts.incremental === true,
    jobs: setting(opts, config, "jobs"),
    quiet: setting(opts, config, "quiet"),
    ninjsVersion: ninjsVersion ?? FLAGS.ninjsVersion.default,
    sources,
    ignore: pick("ignore"),
    errorOn: pick("error"),
    db: opts.db === undefined ? null : { target: opts.db, alone: dbAlone },
  };
  return { inputs, options };
}
