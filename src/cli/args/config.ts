/**
 * `ingest.config.json`: default flags and per-code settings, found from the working
 * directory upward (the first one wins), validated with zod. Flags on the command line
 * win over the file. Its keys are the flag table's (flags.ts) that have a `config` kind; its JSON
 * Schema is schema/ingest.config.schema.json.
 */
import * as z from "zod/mini";
import { DIAGNOSTIC_CODES } from "../../diagnostics.js";
import { issuePath } from "../../schema.js";
import { type ConfigKey, type ConfigValue, FLAGS, type FlagSpec } from "./flags.js";
import { parseSize, SIZE_PATTERN } from "./size.js";
import { readRegular } from "../report/special-files.js";

/** A config file is a few hundred bytes; past this it is no config file (and /dev/zero never ends). */
const MAX_CONFIG_BYTES = 1024 * 1024;

export { CONFIG_NAME, findConfig } from "./config-file.js";

const described = <T extends z.core.$ZodType>(schema: T, description: string): T => {
  z.globalRegistry.add(schema, { description });
  return schema;
};

/** What each diagnostic code should be: left out, a warning, or an error (refusing the article). */
export const CODE_SETTINGS = ["ignore", "warning", "error"] as const;
export type CodeSetting = (typeof CODE_SETTINGS)[number];

const size = z.union([
  z.int().check(z.positive()),
  z.string().check(
    z.regex(SIZE_PATTERN),
    z.refine((s) => parseSize(s) !== null, "not a size such as 10M"),
  ),
]);

/** The schema of one key of the config file, from its flag's entry in the table. */
function keySchema(f: FlagSpec<unknown>): z.core.$ZodType {
  switch (f.config) {
    case "boolean":
      return z.boolean();
    case "choice":
      return z.enum((f.choices ?? []).filter((c): c is string => typeof c === "string") as [string, ...string[]]);
    case "size":
      return size;
    case "count":
      return z.int().check(z.positive());
    default:
      return z.array(z.string().check(z.minLength(1)));
  }
}

/** The flags the config file may set, in the table's order. */
const keys = Object.entries(FLAGS).filter(([, f]) => (f as FlagSpec<unknown>).config !== undefined) as Array<[ConfigKey, FlagSpec<unknown>]>;

/** The config file's settings: every key optional, no unknown key. */
export type Config = { [K in ConfigKey]?: ConfigValue<(typeof FLAGS)[K]> } & {
  $schema?: string;
  codes?: Partial<Record<(typeof DIAGNOSTIC_CODES)[number], CodeSetting>>;
};

/** The config file's schema: made from the flag table, plus `$schema` and the per-code settings. */
export const configSchema: z.ZodMiniType<Config> = z.strictObject({
  $schema: z.optional(described(z.string(), "the JSON Schema of this file, for editors")),
  ...Object.fromEntries(keys.map(([key, f]) => [key, z.optional(described(keySchema(f), f.configHelp ?? f.long))])),
  codes: z.optional(
    described(z.partialRecord(z.enum(DIAGNOSTIC_CODES), z.enum(CODE_SETTINGS)), 'per diagnostic code: "ignore" (--ignore), "warning", or "error" (--error-on)'),
  ),
}) as unknown as z.ZodMiniType<Config>;

/** A config file that could not be used: said as one line, and the run does not start. */
export class ConfigError extends Error {}

/** Read and check a config file; throws ConfigError naming the file and what is wrong. */
export function loadConfig(path: string, shown = path): Config {
  let text: string;
  try {
    // A named pipe or device is refused without blocking; what is read is bounded.
    text = readRegular(path, MAX_CONFIG_BYTES).toString("utf8");
  } catch (e) {
    throw new ConfigError(`cannot read the config file ${shown}: ${(e as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new ConfigError(`${shown}: not JSON (${(e as Error).message})`);
  }
  const checked = configSchema.safeParse(value);
  if (!checked.success) {
    const issues = checked.error.issues.map((i) => `${issuePath(i.path)}: ${i.message}`);
    throw new ConfigError(`${shown}: ${issues.join("; ")}`);
  }
  return checked.data;
}
