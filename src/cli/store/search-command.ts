/** The `ingest search` subcommand's flags; the store's code loads only when it runs. */
import { type Command, Option } from "commander";
import { COLOR_WHEN, type ColorWhen, wantColor } from "../report/color.js";
import type { RunStatus } from "../report/exit-code.js";
import type { Io, Sink } from "../io.js";
import { givenOptions } from "../args/flags.js";
import { positiveInt } from "../args/parsers.js";

interface SearchFlags {
  db?: string;
  limit?: number;
  source?: string;
  since?: string;
  until?: string;
  format?: "json" | "summary";
  color?: ColorWhen | boolean;
}

/** Add `search` to the program. */
export function addSearchCommand(program: Command, io: Io, out: Sink, err: Sink, status: RunStatus): void {
  program
    .command("search")
    .description("search the articles stored with --db: ranked hits as JSON Lines (or a summary on a terminal)")
    .argument("<query>", 'FTS5 syntax: words (all must match), "a phrase", oil*, OR, NOT, NEAR(a b), headline:word')
    .option("--db <target>", "the store: an SQLite file, or a postgres:// URL")
    .addOption(new Option("--limit <n>", "at most this many hits (default 20)").argParser(positiveInt))
    .option("--source <name>", "only articles from this source (the provider of the lead's (MENAFN- ...) tag, as stored)")
    .option("--since <date>", "only articles from this date or UTC time on (the timestamp, else the ID's date)")
    .option("--until <date>", "only articles up to this date (the whole day) or UTC time")
    .addOption(new Option("-f, --format <format>", "json (JSON Lines) or summary; default: summary on a terminal, json otherwise").choices(["json", "summary"]))
    .addOption(new Option("--color [when]", "colour the summary: auto (on a terminal), always, never").choices(COLOR_WHEN))
    .option("--no-color", "never colour (as --color=never)")
    .action(async (query: string, f: SearchFlags) => {
      const given = givenOptions(program);
      const fail = async (message: string): Promise<void> => {
        await err.write(`ingest: error: ${message}\n`);
        status.usage = true;
      };
      if (given.length > 0) return fail(`${given.join(", ")} ${given.length === 1 ? "is" : "are"} not an option of ingest search (run ingest search --help)`);
      if (f.db === undefined) return fail("ingest search needs --db: the store to search (an SQLite file or a postgres:// URL)");
      const { searchRequest } = await import("./search-query.js");
      const request = searchRequest(query, f);
      if ("usage" in request) return fail(request.usage);
      const when: ColorWhen = f.color === true ? "always" : f.color === false ? "never" : (f.color ?? "auto");
      const format = f.format ?? (io.stdout.isTTY === true ? "summary" : "json");
      const { search } = await import("./search.js");
      await search(f.db, request, { format, color: wantColor(when, io.env, io.stdout.isTTY) }, io, out, err, status);
    });
}
