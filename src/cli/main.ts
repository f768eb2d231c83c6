/**
 * The CLI: commander wiring around the pure core. Returns an exit code; never exits.
 */
import { Command, CommanderError, Option } from "commander";
import { articleJsonSchema } from "../schema.js";
import { VERSION } from "../version.js";
import { exitCode, newStatus } from "./exit-code.js";
import { sink, type Io } from "./io.js";
import { run, type RunOptions } from "./run.js";

export type { Io } from "./io.js";

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

interface CliOptions {
  format?: "json" | "summary" | "text";
  pretty?: boolean;
  strict?: boolean;
  color?: boolean;
  maxBytes: number;
}

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

/** Run the CLI with `argv` (without node and script) against `io`; resolves to the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  const out = sink(io.stdout);
  const err = sink(io.stderr);
  const status = newStatus();
  const program = new Command("ingest")
    .description("Parse MENAFN-style wire text into validated JSON records.\nRecords go to stdout, diagnostics to stderr.")
    .version(VERSION, "-V, --version", "print the version")
    .helpOption("-h, --help", "print this help")
    .argument("[inputs...]", "files to read; - for standard input (the default when it is not a terminal)")
    .addOption(new Option("-f, --format <format>", "output format: json, summary, or text (MENAFN layout; default: summary on a terminal, json otherwise)").choices(["json", "summary", "text"]))
    .option("--pretty", "pretty-print JSON instead of one record per line")
    .option("--strict", "treat warnings as errors: the article is refused")
    .option("--color", "colour the summary even when not on a terminal")
    .option("--no-color", "never colour the summary (NO_COLOR in the environment does the same)")
    .option("--max-bytes <n>", "refuse inputs larger than this", positiveInt, DEFAULT_MAX_BYTES)
    .addHelpText("after", "\nExit codes: 0 all inputs gave records, 1 some input was refused, 2 usage or I/O error.\nRun `ingest schema` for the record's JSON Schema.")
    .showHelpAfterError("(run ingest --help for usage)")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void out.write(s),
      writeErr: (s) => void err.write(s),
    })
    .action(async (inputs: string[], opts: CliOptions) => {
      if (inputs.length === 0) {
        if (io.stdin.isTTY) {
          await err.write(program.helpInformation());
          status.usage = true;
          return;
        }
        inputs = ["-"];
      }
      const format = opts.format ?? (io.stdout.isTTY ? "summary" : "json");
      const options: RunOptions = {
        format,
        pretty: opts.pretty === true || (format === "json" && io.stdout.isTTY === true),
        strict: opts.strict === true,
        color: wantColor(opts.color, io),
        maxBytes: opts.maxBytes,
      };
      await run(inputs, options, io, out, err, status);
    });
  program
    .command("schema")
    .description("print the JSON Schema (draft 2020-12) of the record")
    .action(async () => {
      await out.write(`${JSON.stringify(articleJsonSchema(), null, 2)}\n`);
    });
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return 0;
      if (e.code === "ingest.invalidNumber") await err.write(`error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  return exitCode(status);
}
