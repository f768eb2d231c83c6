/** The `ingest search` subcommand, its flags from the flag table (args/flags.ts); the store's code loads only when it runs. */
import type { Command } from "commander";
import { wantColor, type ColorWhen } from "../report/color.js";
import type { RunStatus } from "../report/exit-code.js";
import type { Io, Sink } from "../io.js";
import { addFlags, FLAGS, rootFlagsProblem, type CliOptions } from "../args/flags.js";

/** Add `search` to the program. */
export function addSearchCommand(program: Command, io: Io, out: Sink, err: Sink, status: RunStatus): void {
  const command = program
    .command("search")
    .description("search the articles stored with --db: ranked hits as JSON Lines (or a summary on a terminal)")
    .argument("<query>", 'FTS5 syntax: words (all must match), "a phrase", oil*, OR, NOT, NEAR(a b), headline:word');
  addFlags(command, "search").action(async (query: string, f: CliOptions) => {
    const fail = async (message: string): Promise<void> => {
      await err.write(`ingest: error: ${message}\n`);
      status.usage = true;
    };
    const refused = rootFlagsProblem(program, "search");
    if (refused !== null) return fail(refused);
    if (f.db === undefined) return fail("ingest search needs --db: the store to search (an SQLite file or a postgres:// URL)");
    const { searchRequest } = await import("./search-query.js");
    const request = searchRequest(query, { ...f, limit: f.limit ?? FLAGS.limit.default });
    if ("usage" in request) return fail(request.usage);
    const when: ColorWhen = f.color === true ? "always" : f.color === false ? "never" : (f.color ?? FLAGS.color.default);
    // Commander took only json or summary (the table's choices for search).
    const format = (f.format ?? (io.stdout.isTTY === true ? "summary" : "json")) as "json" | "summary";
    const { search } = await import("./search.js");
    await search(f.db, request, { format, color: wantColor(when, io.env, io.stdout.isTTY) }, io, out, err, status);
  });
}
