/**
 * The CLI: commander wiring around the pure core. Returns an exit code; never exits.
 */
import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { Argument, Command, CommanderError } from "commander";
import { normaliseColorArgs } from "./report/color.js";
import type { Config } from "./args/config.js";
import { findConfig } from "./args/config-file.js";
import { SHELLS, type Shell } from "./args/completion.js";
import { addCommandHelp, DEFAULT_MODE_WORDS, helpLayout, nearMiss, READ_MORE, shortUsage, versionLine } from "./args/help.js";
import { VERSION } from "../version.js";
import { escapeForTerminal } from "../render/sanitize.js";
import { exitCode, INTERNAL_ERROR, newStatus, type RunStatus } from "./report/exit-code.js";
import { reportFailures } from "./report/failure.js";
import { formatInternalError } from "./report/internal-error.js";
import { sameTarget, sink, type Io, type Sink } from "./io.js";
import { resolveOptions, type CliOptions } from "./args/options.js";
import { addFlags, FLAGS, rootFlagsProblem } from "./args/flags.js";
import { run } from "./run.js";
import { addWatchCommand } from "./watch/command.js";
import { addSearchCommand } from "./store/search-command.js";

export type { Io } from "./io.js";
export { formatInternalError } from "./report/internal-error.js";
export { fileOutput } from "./output/file-output.js";

/** The run's two output streams. */
interface Outputs {
  out: Sink;
  err: Sink;
}

function outputs(io: Io): Outputs {
  // Records are gathered into large writes, except on a terminal, where they should show as they come.
  // On a terminal, what JSON leaves raw (C1 controls, DEL, bidi overrides) is escaped too.
  const out = sink(io.stdout, io.stdout.isTTY === true ? { transform: escapeForTerminal } : { buffer: true });
  // Where diagnostics share stdout's file (2>&1) they are not buffered, and the records before
  // them go first; elsewhere they are gathered too, except on a terminal.
  const shared = sameTarget(io.stdout, io.stderr);
  const err = sink(io.stderr, shared ? { before: () => out.flush() } : io.stderr.isTTY === true ? { transform: escapeForTerminal } : { buffer: true });
  return { out, err };
}

/** Say a usage problem as the one line every error of ingest's own is: `ingest: error: ...`. */
async function usage(err: Sink, status: RunStatus, message: string): Promise<void> {
  await err.write(`ingest: error: ${message}\n`);
  status.usage = true;
}

/** Refuse root flags given to a subcommand that would ignore them. */
async function refuseRootFlags(root: Command, name: string, err: Sink, status: RunStatus): Promise<boolean> {
  const problem = rootFlagsProblem(root, name);
  if (problem === null) return false;
  await usage(err, status, problem);
  return true;
}

/** The config file's settings: the one named by --config, else the nearest ingest.config.json; none with --no-config. */
async function readConfig(opts: CliOptions, io: Io): Promise<Config> {
  if (opts.config === false) return {};
  const named = typeof opts.config === "string" ? opts.config : null;
  const found = named === null ? findConfig(io.cwd) : resolve(io.cwd, named);
  if (found === null) return {};
  const { loadConfig } = await import("./args/config.js");
  return loadConfig(found, named ?? (relative(io.cwd, found) || found));
}

/** A first input that does not exist but reads as a command: what to say instead of "no such file". */
function mistypedCommand(inputs: string[], commands: string[], io: Io): string | null {
  const first = inputs[0];
  if (first === undefined || first === "-" || /[/\\.*?[{]/.test(first) || existsSync(resolve(io.cwd, first))) return null;
  if (DEFAULT_MODE_WORDS.includes(first.toLowerCase())) {
    const rest = inputs.slice(1).join(" ") || "FILES";
    return `${first} is neither a file nor a command; converting is what ingest does without one: ingest ${rest} (run ingest --help)`;
  }
  const meant = nearMiss(first, commands);
  return meant === null ? null : `${first} is neither a file nor a command; did you mean ingest ${meant}? (run ingest --help)`;
}

/** The `ingest` command: convert the inputs (and the subcommands of `addSubcommands`). */
function program(io: Io, outputs: Outputs, status: RunStatus): Command {
  const { out, err } = outputs;
  const convert = new Command("ingest")
    .description("Parse MENAFN-style wire text into validated JSON records.\nRecords go to stdout, diagnostics to stderr.")
    .version(versionLine(), "-V, --version", "print the version")
    .helpOption("-h, --help", "print this help")
    .configureHelp(helpLayout)
    // Flags after a subcommand are the subcommand's (`validate - --max-bytes 1M`), never the root's.
    .enablePositionalOptions()
    .argument("[inputs...]", "files, directories (walked) or quoted glob patterns; - for standard input (the default when it is not a terminal)");
  addFlags(convert, "convert")
    .addHelpText(
      "after",
      `\nExit codes: 0 all inputs gave records, 1 some input was refused, 2 usage or I/O error, 70 internal error (a bug),\n130/143/129 interrupted by SIGINT/SIGTERM/SIGHUP.\n${READ_MORE}`,
    )
    .showHelpAfterError("(run ingest --help for usage)")
    // `ingest watch --out x` gives --out to watch: options after a subcommand are the subcommand's.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void out.write(s),
      writeErr: (s) => void err.write(s),
      outputError: (s, write) => write(s.startsWith("error:") ? `ingest: ${s}` : s),
    })
    .action(convertAction(convert, io, outputs, status));
  addSubcommands(convert, io, outputs, status);
  return convert;
}

/** The root command's action: the config file and the flags settled, what cannot work refused, then the run. */
function convertAction(convert: Command, io: Io, { out, err }: Outputs, status: RunStatus): (inputs: string[], opts: CliOptions) => Promise<void> {
  return async (inputs: string[], opts: CliOptions): Promise<void> => {
    let config: Config;
    try {
      config = await readConfig(opts, io);
    } catch (e) {
      await usage(err, status, (e as Error).message);
      return;
    }
    const meant = mistypedCommand(
      inputs,
      convert.commands.map((c) => c.name()),
      io,
    );
    if (meant !== null) {
      await usage(err, status, meant);
      return;
    }
    const resolved = resolveOptions(inputs, opts, io, config);
    if ("usage" in resolved) {
      if (resolved.usage === null) {
        await err.write(shortUsage());
        status.usage = true;
      } else await usage(err, status, resolved.usage);
      return;
    }
    const { allPatterns, checkPatterns } = await import("./inputs/globs.js");
    const o = resolved.options;
    const bad = await checkPatterns(allPatterns({ glob: o.glob, iglob: o.iglob ?? [], exclude: o.exclude }));
    if (bad !== null) {
      await usage(err, status, bad);
      return;
    }
    await run(resolved.inputs, o, io, out, err, status);
  };
}

/** `schema`, `validate`, `completion`, `man`, `watch` and `search`. */
function addSubcommands(convert: Command, io: Io, { out, err }: Outputs, status: RunStatus): void {
  convert
    .command("schema")
    .description("print the JSON Schema (draft 2020-12) of the record")
    .action(async () => {
      if (await refuseRootFlags(convert, "schema", err, status)) return;
      // Loaded here only: the generator is not needed to parse.
      const { articleJsonSchema } = await import("../json-schema.js");
      await out.write(`${JSON.stringify(articleJsonSchema(), null, 2)}\n`);
    });
  const validate = convert
    .command("validate")
    .description("check stored records (JSON Lines, .json files, directories of them) against the record schema")
    .argument("<files...>", "JSON Lines or .json files, or directories of them; - for standard input");
  addFlags(validate, "validate").action(async (files: string[], vopts: Pick<CliOptions, "maxBytes">) => {
    if (await refuseRootFlags(convert, "validate", err, status)) return;
    const { validateFiles } = await import("./validate/validate.js");
    await validateFiles(files, io, err, status, vopts.maxBytes ?? FLAGS.maxBytes.default);
  });
  convert
    .command("completion")
    .description("print a shell completion script: ingest completion bash|zsh|fish")
    .addArgument(new Argument("<shell>", "the shell").choices(SHELLS))
    .action(async (shell: Shell) => {
      if (await refuseRootFlags(convert, "completion", err, status)) return;
      const { completionScript } = await import("./args/completion.js");
      await out.write(completionScript(shell, convert));
    });
  convert
    .command("man")
    .description("print the man page (roff): ingest man | man -l -")
    .action(async () => {
      if (await refuseRootFlags(convert, "man", err, status)) return;
      const { manPage } = await import("./args/completion.js");
      const { MAN_SECTIONS } = await import("./args/man-sections.js");
      await out.write(manPage(convert, VERSION, MAN_SECTIONS));
    });
  addWatchCommand(convert, io, out, err, status);
  addSearchCommand(convert, io, out, err, status);
  convert
    .command("help")
    .description("print the help of ingest, or of a command: ingest help [command]")
    .argument("[command]", "the command")
    .action(async (name: string | undefined) => {
      if (await refuseRootFlags(convert, "help", err, status)) return;
      if (name === undefined) return void convert.outputHelp();
      const command = convert.commands.find((c) => c.name() === name);
      if (command !== undefined) return void command.outputHelp();
      const names = convert.commands.map((c) => c.name());
      const meant = nearMiss(name, names);
      await usage(err, status, `${name} is not a command${meant ? `; did you mean ingest help ${meant}?` : ""} (the commands: ${names.join(", ")})`);
    });
  convert
    .command("version")
    .description("print the version")
    .action(async () => {
      if (await refuseRootFlags(convert, "version", err, status)) return;
      await out.write(`${versionLine()}\n`);
    });
  addCommandHelp(convert);
}

/** Parse `argv` and run the chosen action; the exit code commander asks for, or undefined when the action ran. */
async function parse(command: Command, argv: string[], err: Sink): Promise<number | undefined> {
  try {
    await command.parseAsync(argv, { from: "user" });
    return undefined;
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    // A parser that throws CommanderError itself (watch's) has its message said here.
    if (e.code === "ingest.invalidNumber") await err.write(`ingest: error: ${e.message}\n`);
    return e.exitCode === 0 ? 0 : 2;
  }
}

/** Run the CLI with `argv` (without node and script) against `io`; resolves to the exit code. */
export async function main(argv: string[], given: Io): Promise<number> {
  const io: Io = { ...given, argv };
  const streams = outputs(io);
  const status = newStatus();
  let code: number | undefined;
  try {
    // For the fault suite: proves that a bug is reported as one (exit 70, a mapped stack).
    if (io.env.INGEST_TEST_INTERNAL_ERROR === "1") throw new Error("a deliberate internal error (INGEST_TEST_INTERNAL_ERROR=1)");
    code = await parse(program(io, streams, status), normaliseColorArgs(argv), streams.err);
  } catch (e) {
    // A bug: everything gathered so far still goes out, then a report a person can act on.
    await streams.out.flush();
    await streams.err.flush();
    io.stderr.write(formatInternalError(e));
    return INTERNAL_ERROR;
  }
  // Both sinks may hold the end of the output; a failure of stdout is reported once, exit 2.
  await streams.out.flush();
  await reportFailures([["standard output", streams.out]], streams.err, status);
  await streams.err.flush();
  // Standard error failed (a full disk, `ulimit -f`): nothing more can be said there, and the exit code says it.
  if (streams.err.failure !== null) status.io = true;
  if (status.interrupted && typeof io.signal?.reason === "string") status.signal = io.signal.reason;
  if (code === 0 && (streams.out.failure !== null || streams.err.failure !== null)) code = 2;
  return code ?? exitCode(status);
}
