/**
 * The `ingest watch` subcommand's flags; the watch itself (and chokidar) loads only when it runs.
 */
import { type Command, CommanderError, Option } from "commander";
import type { RunStatus } from "./exit-code.js";
import type { Io, Sink } from "./io.js";

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function wholeNumber(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new CommanderError(2, "ingest.invalidNumber", `not a whole number of at least ${min}: ${value}`);
    return n;
  };
}

interface WatchFlags {
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
  program
    .command("watch")
    .description("ingest a drop directory as files arrive, exactly once (stop with Ctrl-C or SIGTERM)")
    .argument("<dir>", "the directory to watch (files already there are ingested first)")
    .option("-o, --out <dir>", "write one .json file per article under <dir> (and the journal, .ingest-journal.jsonl); JSON Lines on stdout without it")
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
    .option("--journal <file>", "the journal (default: <out>/.ingest-journal.jsonl; none on stdout unless named)")
    .option("--log <file>", "append one JSON event per ingested or refused file")
    .option("--once", "ingest what is there (once complete) and exit, without watching")
    .option("--strict", "treat warnings as errors: the article is refused")
    .addOption(new Option("--max-bytes <n>", "refuse inputs larger than this many bytes").argParser(wholeNumber(1)).default(10 * 1024 * 1024, "10 MiB"))
    .option("-q, --quiet", "no status line and no summary (problems are still reported)")
    .action(async (dir: string, f: WatchFlags) => {
      const { watch } = await import("./watch.js");
      const code = await watch(
        {
          dir,
          out: f.out ?? null,
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
        },
        io,
        out,
        err,
      );
      if (code === 2) status.io = true;
    });
}
