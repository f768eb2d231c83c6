/**
 * The CLI: commander wiring around the pure core. Returns an exit code; never exits.
 */
import { resolve } from "node:path";
import { Command, CommanderError, Option } from "commander";
import { NINJS_VERSIONS, type NinjsVersion } from "../render/ninjs-versions.js";
import { VERSION } from "../version.js";
import { exitCode, newStatus } from "./exit-code.js";
import { sameTarget, sink, type Io } from "./io.js";
import { run, type RunOptions } from "./run.js";
import { sourceProblem, type SourceOptions } from "./sources.js";

export type { Io } from "./io.js";

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
/**
 * One thread by default: on the 2-core machine of BENCHMARKS.md, worker threads did not beat the
 * main thread (their start-up, JIT warm-up and messages cost what they save); --jobs N uses N.
 */
const DEFAULT_JOBS = 1;

interface CliOptions {
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
  filesFrom?: string;
  null?: boolean;
  inputFormat: SourceOptions["inputFormat"];
  shard?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new CommanderError(2, "ingest.invalidNumber", `not a positive whole number: ${value}`);
  return n;
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
  const scale = sourceProblem(inputs, sourceOptions(opts), opts.out ?? null);
  if (scale !== null) return scale;
  if (opts.errors === "-" && (opts.format === "summary" || opts.format === "text")) return `--errors - puts problems among the JSON Lines on standard output; not with --format ${opts.format}`;
  if (opts.incremental && opts.out === undefined) return "--incremental needs --out";
  if (opts.out === undefined) return null;
  if (inputs.includes("-")) return "--out needs files or directories to read, not standard input";
  if (opts.format === "summary" || opts.format === "text") return `--out writes JSON files; --format ${opts.format} is for standard output`;
  const outDir = resolve(io.cwd, opts.out);
  // The output directory is never walked, so naming it as an input would silently read nothing.
  if (inputs.some((i) => resolve(io.cwd, i) === outDir)) return `the output directory ${opts.out} is also an input`;
  return null;
}

const sourceOptions = (opts: CliOptions): SourceOptions => ({
  filesFrom: opts.filesFrom ?? null,
  nul: opts.null === true,
  inputFormat: opts.inputFormat,
  shard: opts.shard ?? null,
});

/** Run the CLI with `argv` (without node and script) against `io`; resolves to the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  // Records are gathered into large writes, except on a terminal, where they should show as they come.
  const out = sink(io.stdout, { buffer: io.stdout.isTTY !== true });
  // Where diagnostics share stdout's file (2>&1) they are not buffered, and the records before
  // them go first; elsewhere they are gathered too, except on a terminal.
  const shared = sameTarget(io.stdout, io.stderr);
  const err = sink(io.stderr, shared ? { before: () => out.flush() } : { buffer: io.stderr.isTTY !== true });
  const status = newStatus();
  const program = new Command("ingest")
    .description("Parse MENAFN-style wire text into validated JSON records.\nRecords go to stdout, diagnostics to stderr.")
    .version(VERSION, "-V, --version", "print the version")
    .helpOption("-h, --help", "print this help")
    .argument("[inputs...]", "files, directories (walked) or quoted glob patterns; - for standard input (the default when it is not a terminal)")
    .addOption(new Option("-f, --format <format>", "output format: json, summary, ninjs, or text (the MENAFN layout); default: summary on a terminal, json otherwise").choices(["json", "summary", "ninjs", "text"]))
    .addOption(new Option("--ninjs-version <version>", "ninjs version for --format ninjs (default: 2.2)").choices(NINJS_VERSIONS).implies({ format: "ninjs" }))
    .option("--pretty", "pretty-print JSON instead of one record per line")
    .option("--strict", "treat warnings as errors: the article is refused")
    .option("--color", "colour the summary even when not on a terminal")
    .option("--no-color", "never colour the summary (NO_COLOR in the environment does the same)")
    .addOption(new Option("--max-bytes <n>", "refuse inputs larger than this many bytes").argParser(positiveInt).default(DEFAULT_MAX_BYTES, "10 MiB"))
    .option("-o, --out <dir>", "write one .json file per article under <dir>, mirroring the input tree")
    .option("--glob <pattern>", "which files a directory contributes", "**/*.txt")
    .addOption(new Option("--exclude <pattern>", "leave out matching files and directories (repeatable)").argParser(collect).default([], "none"))
    .option("--hidden", "include hidden files and directories (names starting with .)")
    .option("--follow-symlinks", "follow symbolic links (skipped by default); loops are reported")
    .option("--errors <file>", "also write every problem as JSON Lines to <file> (- : to stdout, among the records)")
    .option("--files-from <file>", "also read the inputs listed in <file>, one a line (- for standard input)")
    .option("-0, --null", "with --files-from: the list is NUL-separated (find -print0)")
    .addOption(new Option("--input-format <format>", "text: each input is one file of wire text; jsonl: each line is a document {path, text} or {path, bytes (base64)}").choices(["text", "jsonl"]).default("text"))
    .option("--shard <K/N>", "process only shard K of N of the inputs (FNV-1a 64 of the path relative to its input root)")
    .option("--incremental", "with --out: skip inputs whose output is newer than the input")
    .option("-j, --jobs <n>", "worker threads that read and parse inputs (1: the main thread does it)", positiveInt, DEFAULT_JOBS)
    .option("-q, --quiet", "no summary or progress line (problems are still reported)")
    .addHelpText("after", "\nExit codes: 0 all inputs gave records, 1 some input was refused, 2 usage or I/O error, 130 interrupted.\nRun `ingest schema` for the record's JSON Schema.")
    .showHelpAfterError("(run ingest --help for usage)")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void out.write(s),
      writeErr: (s) => void err.write(s),
    })
    .action(async (inputs: string[], opts: CliOptions) => {
      if (inputs.length === 0 && opts.filesFrom === undefined) {
        if (io.stdin.isTTY) {
          await err.write(program.helpInformation());
          status.usage = true;
          return;
        }
        inputs = ["-"];
      }
      const usage = usageProblem(inputs, opts, io);
      if (usage !== null) {
        await err.write(`error: ${usage}\n`);
        status.usage = true;
        return;
      }
      const format = opts.format ?? (io.stdout.isTTY ? "summary" : "json");
      if (opts.ninjsVersion !== undefined && format !== "ninjs") {
        await err.write(`error: --ninjs-version needs --format ninjs, not ${format}\n`);
        status.usage = true;
        return;
      }
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
      const sources = sourceOptions(opts);
      if (sources.filesFrom !== null || sources.inputFormat !== "text" || sources.shard !== null) options.sources = sources;
      await run(inputs, options, io, out, err, status);
    });
  program
    .command("schema")
    .description("print the JSON Schema (draft 2020-12) of the record")
    .action(async () => {
      // Loaded here only: the generator is not needed to parse.
      const { articleJsonSchema } = await import("../json-schema.js");
      await out.write(`${JSON.stringify(articleJsonSchema(), null, 2)}\n`);
    });
  program
    .command("validate")
    .description("check stored JSON Lines records against the record schema")
    .argument("<files...>", "JSON Lines files to check; - for standard input")
    .action(async (files: string[]) => {
      const { validateFiles } = await import("./validate.js");
      await validateFiles(files, io, err, status);
    });
  let code: number | undefined;
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (!(e instanceof CommanderError)) {
      await out.flush();
      await err.flush();
      throw e;
    }
    if (e.code === "ingest.invalidNumber") await err.write(`error: ${e.message}\n`);
    code = e.exitCode === 0 ? 0 : 2;
  }
  // Both sinks may hold the end of the output.
  await out.flush();
  await err.flush();
  return code ?? exitCode(status);
}
