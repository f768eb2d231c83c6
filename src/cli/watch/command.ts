/**
 * The `ingest watch` subcommand's flags, from the flag table (args/flags.ts); the watch itself
 * (and chokidar) loads only when it runs.
 */
import type { Command } from "commander";
import type { RunStatus } from "../report/exit-code.js";
import type { Io, Sink } from "../io.js";
import type { WatchOptions } from "./options.js";
import { addFlags, FLAGS, foldOldNames, rootFlagsProblem, type CliOptions } from "../args/flags.js";

/** Add `watch` to the program; its exit code goes through `status` like the other commands'. */
export function addWatchCommand(program: Command, io: Io, out: Sink, err: Sink, status: RunStatus): void {
  const command = program
    .command("watch")
    .description("ingest a drop directory as files arrive, exactly once (stop with Ctrl-C or SIGTERM)")
    .argument("<dir>", "the directory to watch (files already there are ingested first)");
  addFlags(command, "watch")
    .addHelpText("after", "\nExit codes: 0 stopped by SIGINT, SIGTERM or SIGHUP (or --once done), 2 usage error or the watch could not go on.")
    .action(async (dir: string, given: CliOptions) => {
      const f: CliOptions = { ...given };
      const refused = rootFlagsProblem(program, "watch") ?? foldOldNames(f as Record<string, unknown>, "watch");
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

/** The parsed flags as the watch takes them, every default from the table. */
function watchOptions(dir: string, f: CliOptions): WatchOptions {
  return {
    dir,
    out: f.outDir ?? null,
    errors: f.errors ?? null,
    glob: f.glob ?? [],
    exclude: f.exclude ?? FLAGS.exclude.default,
    settle: f.settle ?? FLAGS.settle.default,
    poll: f.poll ?? FLAGS.poll.default,
    pollInterval: f.pollInterval ?? FLAGS.pollInterval.default,
    archive: f.archive ?? null,
    quarantine: f.quarantine ?? null,
    journal: f.journal ?? null,
    log: f.log ?? null,
    once: f.once ?? FLAGS.once.default,
    strict: f.strict ?? FLAGS.strict.default,
    maxBytes: f.maxInputBytes ?? FLAGS.maxInputBytes.default,
    quiet: f.quiet ?? FLAGS.quiet.default,
    db: f.db ?? null,
  };
}
