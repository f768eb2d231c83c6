/**
 * The `ingest watch` subcommand's flags; the watch itself (and chokidar) loads only when it runs.
 */
import { type Command, InvalidArgumentError, Option } from "commander";
import type { RunStatus } from "../report/exit-code.js";
import type { Io, Sink } from "../io.js";
import type { WatchOptions } from "./watch.js";
import { DEFAULT_MAX_BYTES, givenOptions, sizeOption } from "../args/options.js";

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function wholeNumber(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`not a whole number of at least ${min}.`);
    return n;
  };
}

interface WatchFlags {
  outDir?: string;
  out?: string;
  errors?: string;
  glob: string;
  exclude: string[];
  settle: number;
  poll?: boolean;
  pollInterval: number;
  archive?: string;
  quarantine?: string;
  journal?: string;
  log?: string;
  once?: boolean;
  strict?: boolean;
  maxBytes: number;
  quiet?: boolean;
}

/** Add `watch` to the program; its exit code goes through `status` like the other commands'. */
export function addWatchCommand(program: Command, io: Io, out: Sink, err: Sink, status: RunStatus): void {
  const command = program
    .command("watch")
    .description("ingest a drop directory as files arrive, exactly once (stop with Ctrl-C or SIGTERM)")
    .argument("<dir>", "the directory to watch (files already there are ingested first)");
  defineWatchFlags(command)
    .addHelpText("after", "\nExit codes: 0 stopped by SIGINT, SIGTERM or SIGHUP (or --once done), 2 usage error or the watch could not go on.")
    .action(async (dir: string, f: WatchFlags) => {
      const refused = usageProblem(program, f);
      if (refused !== null) {
        await err.write(`ingest: error: ${refused}\n`);
        status.usage = true;
        return;
      }
      const { watch } = await import("./watch.js");
      const code = await watch(watchOptions(dir, f), io, out, err);
      if (code === 2) status.io = true;
    });
}

/** The flags of `ingest watch`, in the order --help lists them. */
function defineWatchFlags(command: Command): Command {
  return command
    .option("--out-dir <dir>", "write one .json file per article under <dir> (and the journal, .ingest-journal.jsonl); JSON Lines on stdout without it")
    .addOption(new Option("--out <dir>", "the same as --out-dir").hideHelp())
    .option("--errors <file>", "also append every problem as JSON Lines to <file>")
    .option("--glob <pattern>", "which files are inputs", "**/*.txt")
    .addOption(new Option("--exclude <pattern>", "leave out matching files and directories (repeatable)").argParser(collect).default([], "none"))
    .addOption(
      new Option("--settle <ms>", "a file not renamed into place is complete once its size and mtime have been stable this long")
        .argParser(wholeNumber(0))
        .default(2000),
    )
    .option("--poll", "poll the directory instead of using file-system events (network file systems)")
    .addOption(new Option("--poll-interval <ms>", "how often --poll looks").argParser(wholeNumber(10)).default(1000))
    .option("--archive <dir>", "move each ingested input there (same relative path) once its outputs are durable")
    .option("--quarantine <dir>", "move each refused input there, with <name>.errors.json beside it")
    .option("--journal <file>", "the journal (default: <out-dir>/.ingest-journal.jsonl; none on stdout unless named)")
    .option("--log <file>", "append one JSON event per ingested or refused file")
    .option("--once", "ingest what is there (once complete) and exit, without watching")
    .option("--strict", "treat warnings as errors: the article is refused")
    .addOption(new Option("--max-bytes <size>", "refuse inputs larger than this (bytes, or 512K, 10M)").argParser(sizeOption).default(DEFAULT_MAX_BYTES, "10M"))
    .option("-q, --quiet", "no warnings, status line or summary (errors are still reported)");
}

/** Why these flags cannot be used (without the "ingest: error: " prefix), or null. */
function usageProblem(program: Command, f: WatchFlags): string | null {
  // Flags of the batch given before `watch` would be silently ignored: refused, as the other subcommands do.
  const given = givenOptions(program);
  if (given.length > 0) return `${given.join(", ")} ${given.length === 1 ? "is" : "are"} not an option of ingest watch (run ingest watch --help)`;
  if (f.outDir !== undefined && f.out !== undefined) return "--out is the old name of --out-dir: give one of them";
  return null;
}

/** The parsed flags as the watch takes them. */
function watchOptions(dir: string, f: WatchFlags): WatchOptions {
  return {
    dir,
    out: f.outDir ?? f.out ?? null,
    errors: f.errors ?? null,
    glob: f.glob,
    exclude: f.exclude,
    settle: f.settle,
    poll: f.poll === true,
    pollInterval: f.pollInterval,
    archive: f.archive ?? null,
    quarantine: f.quarantine ?? null,
    journal: f.journal ?? null,
    log: f.log ?? null,
    once: f.once === true,
    strict: f.strict === true,
    maxBytes: f.maxBytes,
    quiet: f.quiet === true,
  };
}
