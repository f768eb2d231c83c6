/**
 * The flag table, in the manner of ripgrep's `flags/defs.rs`: every flag of every command declared
 * once, with its names, help, value parser, default, config-file key, completion kind and the
 * commands that take it. Commander's options (`addFlags`), the option types (`CliOptions`), the
 * config file's zod schema (config.ts), the completion scripts and the man page (completion.ts)
 * and the docs' flag tables (flag-docs.ts) are all made from it.
 *
 * Adding a flag: one entry here (the `commands` taking it, `config` if the config file may set
 * it), then the code that uses its value, reading it from the resolved options (options.ts).
 */
import { type Command, Option } from "commander";
import type { CommandName, ConfigKind, FlagSpec } from "./flag-spec.js";
import { BATCH_FLAGS } from "./flags-batch.js";
import { SEARCH_FLAGS } from "./flags-search.js";
import { WATCH_FLAGS } from "./flags-watch.js";

/** Every flag, in the order --help lists them. */
export const FLAGS = {
  ...BATCH_FLAGS,
  ...WATCH_FLAGS,
  ...SEARCH_FLAGS,
} as const;

export type { CommandName, Completion, ConfigKind, FlagSpec } from "./flag-spec.js";

export type FlagKey = keyof typeof FLAGS;
type ValueOf<F> = F extends FlagSpec<infer T> ? T : never;

/** The flags the config file may set (those with a `config` kind). */
export type ConfigKey = { [K in FlagKey]: (typeof FLAGS)[K] extends { config: ConfigKind } ? K : never }[FlagKey];
/** How the config file writes a flag's value. */
export type ConfigValue<F> = F extends { config: "size" }
  ? number | string
  : Exclude<ValueOf<F>, boolean> extends never
    ? boolean
    : Exclude<ValueOf<F>, boolean>;

/** The flags as commander parsed them: each unset when not given (the config file may set it). */
export type CliOptions = { [K in FlagKey]?: ValueOf<(typeof FLAGS)[K]> };

const entries = (): Array<[FlagKey, FlagSpec<unknown>]> => Object.entries(FLAGS) as Array<[FlagKey, FlagSpec<unknown>]>;

/** The flags `command` takes, in table order. */
export function flagsOf(command: CommandName): Array<[FlagKey, FlagSpec<unknown>]> {
  return entries().filter(([, f]) => f.commands.includes(command));
}

/** The flag whose long name (or old name, or `--no-` name) is `long`, for completion. */
export function flagNamed(long: string): FlagSpec<unknown> | undefined {
  return entries()
    .map(([, f]) => f)
    .find((f) => f.long === long || f.oldName === long || (f.negation !== undefined && long === `--no-${f.long.slice(2)}`));
}

/** The help `command` shows for `f`, with its default where the table has one worth saying. */
export const helpFor = (f: FlagSpec<unknown>, command: CommandName): string => f.helpIn?.[command] ?? f.help;

/** Add `command`'s flags from the table to commander's `cmd`. */
export function addFlags(cmd: Command, command: CommandName): Command {
  for (const [, f] of flagsOf(command)) {
    const o = new Option(`${f.short ? `${f.short}, ` : ""}${f.long}${f.value ? ` ${f.value}` : ""}`, helpFor(f, command));
    const choices = f.choicesIn?.[command] ?? f.choices;
    if (choices) o.choices(choices as string[]);
    if (f.parse) o.argParser(f.parse);
    if (f.implies) o.implies(f.implies);
    cmd.addOption(o);
    if (f.negation !== undefined) cmd.addOption(new Option(`--no-${f.long.slice(2)}`, f.negation));
    if (f.oldName !== undefined) {
      const old = new Option(`${f.oldName}${f.value ? ` ${f.value}` : ""}`, `the same as ${f.long}`).hideHelp();
      if (f.parse) old.argParser(f.parse);
      cmd.addOption(old);
    }
  }
  return cmd;
}

/** The attribute commander gives `--old-name`. */
const attribute = (long: string): string => long.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Fold old names into the flags they name (`--out` into `--out-dir`): the one place that says
 * giving both is refused. Returns the problem, or null.
 */
export function foldOldNames(opts: Record<string, unknown>, command: CommandName): string | null {
  for (const [key, f] of flagsOf(command)) {
    if (f.oldName === undefined) continue;
    const old = attribute(f.oldName);
    if (opts[old] === undefined) continue;
    if (opts[key] !== undefined) return `${f.oldName} is the old name of ${f.long}: give one of them`;
    opts[key] = opts[old];
    delete opts[old];
  }
  return null;
}

/** The names of the options given on the command line, for subcommands that take none of them. */
export function givenOptions(command: Command): string[] {
  return command.options.filter((o) => command.getOptionValueSource(o.attributeName()) === "cli").map((o) => o.long ?? o.short ?? o.flags);
}

/** Flags of the batch given before a subcommand would be silently ignored: the refusal, or null. */
export function rootFlagsProblem(root: Command, name: string): string | null {
  const given = givenOptions(root);
  if (given.length === 0) return null;
  return `${given.join(", ")} ${given.length === 1 ? "is" : "are"} not an option of ingest ${name} (run ingest ${name} --help)`;
}
