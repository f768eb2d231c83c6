/**
 * Which files a directory contributes, as ripgrep users know it: repeatable `--glob` (and
 * `--iglob`, case-insensitive) with `!` to leave out; a pattern without a slash matches a name
 * at any depth (gitignore semantics), as does a bare name in `--exclude`.
 */
import type picomatchType from "picomatch";

/** The patterns used when no positive --glob or --iglob is given: matched case-insensitively, so A.TXT counts. */
export const DEFAULT_GLOB = "**/*.txt";

export interface GlobOptions {
  /** --glob patterns; a leading `!` leaves matches out. */
  glob: string | readonly string[];
  /** --iglob patterns, matched case-insensitively. */
  iglob?: readonly string[];
  exclude: readonly string[];
}

export interface Matchers {
  /** Whether a file (path relative to the walked directory, `/`-separated) is an input. */
  include: (rel: string) => boolean;
  /** Whether a file or directory is left out (and a directory not walked). */
  exclude: (rel: string) => boolean;
  /**
   * Whether a directory that `include` picks is reported as NOT_A_FILE: only when the pattern
   * picks it by its name (`x.txt/`) and not what is inside it, so `--glob '**'` reports none.
   */
  reportDir: (rel: string) => boolean;
  /** The positive patterns, for the "no input files matched" message. */
  shown: string;
}

const loadPicomatch = async (): Promise<typeof picomatchType> => (await import("picomatch")).default;

const list = (p: string | readonly string[] | undefined): string[] => (p === undefined ? [] : typeof p === "string" ? [p] : [...p]);

/** Longer patterns are refused: picomatch's own limit is 65,536 characters, and no real one nears this. */
export const MAX_PATTERN = 4096;

/** The first pattern that cannot be used, with why, naming its flag; null when all are valid. A usage error. */
export async function checkPatterns(patterns: Iterable<readonly [flag: string, pattern: string]>): Promise<string | null> {
  const all = [...patterns];
  for (const [flag, raw] of all) {
    if ((raw.startsWith("!") ? raw.slice(1) : raw).trim() === "") return `${flag} needs a pattern, not an empty string`;
    if (raw.length > MAX_PATTERN) return `${flag} pattern is ${raw.length} characters long; the limit is ${MAX_PATTERN}`;
  }
  if (all.length === 0) return null;
  const picomatch = await loadPicomatch();
  for (const [flag, raw] of all) {
    try {
      picomatch.makeRe(raw.startsWith("!") ? raw.slice(1) : raw, { strictBrackets: true });
    } catch (e) {
      return `${flag} pattern ${JSON.stringify(raw)} is not a valid glob: ${String((e as Error).message).slice(0, 200)}`;
    }
  }
  return null;
}

/** Every pattern of the options, with its flag, for checking. */
export const allPatterns = (o: GlobOptions): Array<[string, string]> => [
  ...list(o.glob).map((p): [string, string] => ["--glob", p]),
  ...list(o.iglob).map((p): [string, string] => ["--iglob", p]),
  ...o.exclude.map((p): [string, string] => ["--exclude", p]),
];

/** Build the matchers for a walk. */
export async function globMatchers(o: GlobOptions): Promise<Matchers> {
  const picomatch = await loadPicomatch();
  // gitignore semantics: a pattern without a slash matches a name at any depth.
  const compile = (p: string, nocase: boolean) => picomatch(p, { dot: true, nocase, basename: !p.includes("/") });
  const positive: Array<(rel: string) => boolean> = [];
  const negative: Array<(rel: string) => boolean> = [];
  const names: string[] = [];
  const add = (patterns: string[], nocase: boolean): void => {
    for (const p of patterns) {
      if (p.startsWith("!")) negative.push(compile(p.slice(1), nocase));
      else {
        positive.push(compile(p, nocase));
        names.push(p);
      }
    }
  };
  add(list(o.glob), false);
  add(list(o.iglob), true);
  if (positive.length === 0) {
    positive.push(compile(DEFAULT_GLOB, true));
    names.push(DEFAULT_GLOB);
  }
  for (const p of o.exclude) negative.push(compile(p, false));
  const include = (rel: string): boolean => positive.some((m) => m(rel));
  const exclude = (rel: string): boolean => negative.some((m) => m(rel));
  return { include, exclude, reportDir: (rel) => !include(`${rel}/\u0000`), shown: names.join(", ") };
}

/** For a glob argument: whether a matched directory is reported (the pattern names it, not what is inside). */
export async function reportsDirectory(pattern: string): Promise<(path: string) => boolean> {
  const picomatch = await loadPicomatch();
  const m = picomatch(pattern, { dot: true });
  return (path) => !m(`${path}/\u0000`);
}
