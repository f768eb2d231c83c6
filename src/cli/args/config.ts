/**
 * `ingest.config.json`: default flags and per-code settings, found from the working
 * directory upward (the first one wins), validated with zod. Flags on the command line
 * win over the file. Its JSON Schema is schema/ingest.config.schema.json.
 */
import { readFileSync } from "node:fs";
import * as z from "zod/mini";
import { DIAGNOSTIC_CODES } from "../../diagnostics.js";
import { NINJS_VERSIONS } from "../../render/ninjs-versions.js";
import { issuePath } from "../../schema.js";
import { COLOR_WHEN } from "../report/color.js";
import { parseSize, SIZE_PATTERN } from "./size.js";

export { CONFIG_NAME, findConfig } from "./config-file.js";

const described = <T extends z.core.$ZodType>(schema: T, description: string): T => {
  z.globalRegistry.add(schema, { description });
  return schema;
};
const flag = (description: string) => z.optional(described(z.boolean(), description));
const patterns = (description: string) => z.optional(described(z.array(z.string().check(z.minLength(1))), description));

/** What each diagnostic code should be: left out, a warning, or an error (refusing the article). */
export const CODE_SETTINGS = ["ignore", "warning", "error"] as const;
export type CodeSetting = (typeof CODE_SETTINGS)[number];

/** The config file's schema: every key optional, no unknown key. */
export const configSchema = z.strictObject({
  $schema: z.optional(described(z.string(), "the JSON Schema of this file, for editors")),
  format: z.optional(described(z.enum(["json", "summary", "ninjs", "text"]), "--format")),
  ninjsVersion: z.optional(described(z.enum(NINJS_VERSIONS), "--ninjs-version")),
  pretty: flag("--pretty"),
  compact: flag("--compact"),
  strict: flag("--strict"),
  color: z.optional(described(z.enum(COLOR_WHEN as ["auto", "always", "never"]), "--color")),
  maxBytes: z.optional(
    described(
      z.union([
        z.int().check(z.positive()),
        z.string().check(
          z.regex(SIZE_PATTERN),
          z.refine((s) => parseSize(s) !== null, "not a size such as 10M"),
        ),
      ]),
      "--max-bytes: bytes, or a size such as 10M",
    ),
  ),
  glob: patterns("--glob patterns (! to leave out)"),
  iglob: patterns("--iglob patterns, matched case-insensitively"),
  exclude: patterns("--exclude patterns"),
  hidden: flag("--hidden"),
  followSymlinks: flag("--follow-symlinks"),
  jobs: z.optional(described(z.int().check(z.positive()), "--jobs")),
  quiet: flag("--quiet"),
  codes: z.optional(
    described(z.partialRecord(z.enum(DIAGNOSTIC_CODES), z.enum(CODE_SETTINGS)), 'per diagnostic code: "ignore" (--ignore), "warning", or "error" (--error-on)'),
  ),
});

export type Config = z.infer<typeof configSchema>;

/** A config file that could not be used: said as one line, and the run does not start. */
export class ConfigError extends Error {}

/** Read and check a config file; throws ConfigError naming the file and what is wrong. */
export function loadConfig(path: string, shown = path): Config {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
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
