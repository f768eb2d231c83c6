/**
 * The CLI: commander wiring around the pure core. Returns an exit code; never exits.
 */
import { Command, CommanderError } from "commander";
import { VERSION } from "../version.js";
import { exitCode, newStatus, type RunStatus } from "./exit-code.js";
import { sameTarget, sink, type Io, type Sink } from "./io.js";
import { defineOptions, resolveOptions, type CliOptions } from "./options.js";
import { run } from "./run.js";

export type { Io } from "./io.js";

/** The run's two output streams. */
interface Outputs {
  out: Sink;
  err: Sink;
}

function outputs(io: Io): Outputs {
  // Records are gathered into large writes, except on a terminal, where they should show as they come.
  const out = sink(io.stdout, { buffer: io.stdout.isTTY !== true });
  // Where diagnostics share stdout's file (2>&1) they are not buffered, and the records before
  // them go first; elsewhere they are gathered too, except on a terminal.
  const shared = sameTarget(io.stdout, io.stderr);
  const err = sink(io.stderr, shared ? { before: () => out.flush() } : { buffer: io.stderr.isTTY !== true });
  return { out, err };
}

/** The `ingest` command: convert the inputs, with `schema` and `validate` as subcommands. */
function program(io: Io, { out, err }: Outputs, status: RunStatus): Command {
  const convert = new Command("ingest")
    .description("Parse MENAFN-style wire text into validated JSON records.\nRecords go to stdout, diagnostics to stderr.")
    .version(VERSION, "-V, --version", "print the version")
    .helpOption("-h, --help", "print this help")
    .argument("[inputs...]", "files, directories (walked) or quoted glob patterns; - for standard input (the default when it is not a terminal)");
  defineOptions(convert)
    .addHelpText("after", "\nExit codes: 0 all inputs gave records, 1 some input was refused, 2 usage or I/O error, 130 interrupted.\nRun `ingest schema` for the record's JSON Schema.")
    .showHelpAfterError("(run ingest --help for usage)")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void out.write(s),
      writeErr: (s) => void err.write(s),
    })
    .action(async (inputs: string[], opts: CliOptions) => {
      const resolved = resolveOptions(inputs, opts, io);
      if ("usage" in resolved) {
        await err.write(resolved.usage === null ? convert.helpInformation() : `error: ${resolved.usage}\n`);
        status.usage = true;
        return;
      }
      await run(resolved.inputs, resolved.options, io, out, err, status);
    });
  convert
    .command("schema")
    .description("print the JSON Schema (draft 2020-12) of the record")
    .action(async () => {
      // Loaded here only: the generator is not needed to parse.
      const { articleJsonSchema } = await import("../json-schema.js");
      await out.write(`${JSON.stringify(articleJsonSchema(), null, 2)}\n`);
    });
  convert
    .command("validate")
    .description("check stored JSON Lines records against the record schema")
    .argument("<files...>", "JSON Lines files to check; - for standard input")
    .action(async (files: string[]) => {
      const { validateFiles } = await import("./validate.js");
      await validateFiles(files, io, err, status);
    });
  return convert;
}

/** Parse `argv` and run the chosen action; the exit code commander asks for, or undefined when the action ran. */
async function parse(command: Command, argv: string[], { out, err }: Outputs): Promise<number | undefined> {
  try {
    await command.parseAsync(argv, { from: "user" });
    return undefined;
  } catch (e) {
    if (!(e instanceof CommanderError)) {
      await out.flush();
      await err.flush();
      throw e;
    }
    if (e.code === "ingest.invalidNumber") await err.write(`error: ${e.message}\n`);
    return e.exitCode === 0 ? 0 : 2;
  }
}

/** Run the CLI with `argv` (without node and script) against `io`; resolves to the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  const streams = outputs(io);
  const status = newStatus();
  const code = await parse(program(io, streams, status), argv, streams);
  // Both sinks may hold the end of the output.
  await streams.out.flush();
  await streams.err.flush();
  return code ?? exitCode(status);
}
