/**
 * --glob and --exclude checked before any work: an empty or oversized pattern is a usage error
 * with one line, not picomatch's exception (and a dump of the pattern) from inside the walk.
 */

/** Longer patterns are refused: picomatch's own limit is 65,536 characters, and no real one nears this. */
export const MAX_PATTERN = 4096;

/** The problem with the patterns, or null. picomatch loads only when a pattern is given. */
export async function patternProblem(glob: string, exclude: string[]): Promise<string | null> {
  for (const [flag, pattern] of [["--glob", glob], ...exclude.map((x) => ["--exclude", x])] as Array<[string, string]>) {
    if (pattern.trim() === "") return `${flag} needs a pattern, not an empty string`;
    if (pattern.length > MAX_PATTERN) return `${flag} pattern is ${pattern.length} characters long; the limit is ${MAX_PATTERN}`;
  }
  if (glob === "**/*.txt" && exclude.length === 0) return null;
  const picomatch = (await import("picomatch")).default;
  for (const [flag, pattern] of [["--glob", glob], ...exclude.map((x) => ["--exclude", x])] as Array<[string, string]>) {
    try {
      picomatch(pattern, { dot: true });
    } catch (e) {
      return `${flag} pattern cannot be used: ${String((e as Error).message).slice(0, 200)}`;
    }
  }
  return null;
}
