/**
 * When to colour: `--color=auto|always|never` first, then the environment
 * (no-color.org, FORCE_COLOR, TERM=dumb), then whether the stream is a terminal.
 */

export type ColorWhen = "auto" | "always" | "never";
export const COLOR_WHEN: readonly ColorWhen[] = ["auto", "always", "never"];

/** Whether a stream gets colour: `when` from the flag (or config), `env` the process environment. */
export function wantColor(when: ColorWhen, env: Record<string, string | undefined>, isTTY: boolean | undefined): boolean {
  if (when === "always") return true;
  if (when === "never") return false;
  // no-color.org: NO_COLOR set to a non-empty value forbids colour; an empty value counts as unset.
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  const force = env.FORCE_COLOR;
  // FORCE_COLOR=0 (or false) turns colour off, any other non-empty value (1, 2, 3, true) on.
  if (force !== undefined && force !== "") return !(force === "0" || force.toLowerCase() === "false");
  if (env.TERM === "dumb") return false;
  return isTTY === true;
}

/**
 * `--color` alone means always. Commander would take the next argument as the optional value
 * (`--color a.txt`), so a bare `--color` is rewritten to `--color=always` before parsing.
 */
export function normaliseColorArgs(argv: string[]): string[] {
  const end = argv.indexOf("--");
  return argv.map((a, k) => (a === "--color" && (end === -1 || k < end) ? "--color=always" : a));
}
