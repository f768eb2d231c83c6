/** The shape of one entry of the flag table (flags.ts), and helpers that type an entry by its value. */
/** The commands that take flags: the batch (`ingest [inputs...]`), `watch`, `validate` and `search`. */
export type CommandName = "convert" | "watch" | "validate" | "search";

/** What a shell offers for a flag's value (choices are offered as themselves). */
export type Completion = "file" | "dir" | "none";

/** How the config file writes a flag's value; config.ts turns each into its zod schema (zod loads only with a config file). */
export type ConfigKind = "boolean" | "choice" | "size" | "count" | "patterns";

export interface FlagSpec<T> {
  long: `--${string}`;
  short?: `-${string}`;
  /** The value's name (`<size>`), or `[when]` for an optional one; none for a switch. */
  value?: string;
  help: string;
  /** The help where one command says it differently (the meaning must be the same: otherwise a flag of its own). */
  helpIn?: Partial<Record<CommandName, string>>;
  /** The docs' table text (Markdown), when longer than the help; `docIn` per command. */
  doc?: string;
  docIn?: Partial<Record<CommandName, string>>;
  /** How the docs' table names the flag, when not `-s, --long VALUE`. */
  docName?: string;
  choices?: readonly T[];
  /** The choices where a command takes only some of them (`search --format`: json or summary). */
  choicesIn?: Partial<Record<CommandName, readonly T[]>>;
  parse?: (value: string, previous: T | undefined) => T;
  /** The value when neither the command line nor the config file gives one. */
  default?: T;
  /** The config file's key is the flag's attribute name; `config` says how a value is written there. */
  config?: ConfigKind;
  /** The config file's description for the key (default: the long name). */
  configHelp?: string;
  complete?: Completion;
  commands: readonly CommandName[];
  /** `--no-NAME` and its help, for a flag that can be turned off. */
  negation?: string;
  /** An old name, still taken and hidden from help; giving both is refused. */
  oldName?: `--${string}`;
  implies?: Record<string, unknown>;
}

/** Any flag, typed by its value; the entry keeps its own type, so that the table's types can ask what it has (`config`). */
export const flag =
  <T>() =>
  <S extends FlagSpec<T>>(spec: S): S & FlagSpec<T> =>
    spec;
/** A switch (`--strict`). */
export const toggle = <S extends Omit<FlagSpec<boolean>, "value" | "parse" | "choices">>(spec: S): S & FlagSpec<boolean> => spec;
/** A flag taking a string (a path, a pattern). */
export const text = <S extends FlagSpec<string> & { value: string }>(spec: S): S & FlagSpec<string> => spec;
/** A flag taking one of `choices`. */
export const choice =
  <C extends string>() =>
  <S extends FlagSpec<C> & { value: string; choices: readonly C[] }>(spec: S): S & FlagSpec<C> =>
    spec;
/** A flag whose value `parse` makes (a number, a list). */
export const parsed =
  <T>() =>
  <S extends FlagSpec<T> & { value: string; parse: (value: string, previous: T | undefined) => T }>(spec: S): S & FlagSpec<T> =>
    spec;
