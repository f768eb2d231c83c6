// Walking one directory argument: depth first, sorted, with an explicit stack; links followed
// when asked, loops and special files reported, the output directory passed over.
import { stat as statCallback, statSync, type Dirent, type Stats } from "node:fs";
import { promisify } from "node:util";
import { extname } from "node:path";
import { error, type Diagnostic } from "../../diagnostics.js";
import { brokenLink, describeError } from "../report/fs-errors.js";
import { globMatchers } from "./globs.js";
import { escapeBytes, isUtf8, joinPrefix, list, SEP } from "./list.js";
import type { ExpandOptions, ExpandState, InputEntry } from "./types.js";

// The callback API, promisified: node:fs/promises loads ~20 more built-in modules (readline,
// watchers, directory streams) at every start, ~1 ms (BENCHMARKS.md, "Start-up").
const stat = promisify(statCallback);

/** One expansion's settings and what it has found, shared by the walks of its arguments. */
export interface Walk {
  o: ExpandOptions;
  state: ExpandState;
  /** The directory argument being walked (absolute): output paths mirror the tree under it. */
  root: string;
  include: (rel: string) => boolean;
  exclude: (rel: string) => boolean;
  /** Whether a directory that `include` picks is reported as NOT_A_FILE. */
  reportDir: (rel: string) => boolean;
  /** The positive patterns, for "no input files matched". */
  shown: string;
  /** Entries yielded under the directory argument being walked; `others`: files passed over, by extension. */
  found: { n: number; others?: Map<string, number> };
}

// fast-glob and picomatch load only when an argument is a directory or a pattern: a run over
// named files does not pay for them at start-up.
export const loadFastGlob = async () => (await import("fast-glob")).default;
export async function newWalk(o: ExpandOptions, state: ExpandState): Promise<Walk> {
  return { o, state, root: o.cwd, ...(await globMatchers(o)), found: { n: 0 } };
}

/** A problem entry; `rel` (its path under the walked root) places it in a --shard. */
export const problem = (display: string, diagnostic: Diagnostic, named = false, rel?: string): InputEntry =>
  rel === undefined || rel === "" ? { kind: "problem", display, diagnostic, named } : { kind: "problem", display, diagnostic, named, rel };

/** What both a Dirent (ours or fast-glob's) and a Stats can say about a file's type. */
export type FileType = Pick<Stats, "isFile" | "isDirectory" | "isSymbolicLink" | "isFIFO" | "isSocket" | "isCharacterDevice" | "isBlockDevice">;

export function kindOf(d: FileType): string {
  if (d.isDirectory()) return "a directory";
  if (d.isFIFO()) return "a named pipe";
  if (d.isSocket()) return "a socket";
  if (d.isCharacterDevice() || d.isBlockDevice()) return "a device";
  return "not a regular file";
}

/** One directory being listed: where it is, how it is shown, and the directories above it (loops). */
interface Frame {
  dir: string;
  /** The directory's path as bytes, when some part of it is not valid UTF-8 (then `dir` is lossy). */
  raw: Buffer | undefined;
  display: string;
  rel: string;
  ancestors: Set<string>;
  /** The entries, sorted by their names' bytes: as strings, or as bytes when some name is not valid UTF-8 (or `raw` is set). */
  entries: Dirent<string>[] | Dirent<Buffer>[];
  next: number;
  /** `join(dir, name)` is `pathPrefix + name` for any name listed (a single segment), `join(display, name)` `displayPrefix + name`. */
  pathPrefix: string;
  displayPrefix: string;
}
/** List `frame`'s directory onto the stack, sorted; the problem (VANISHED, READ_ERROR) when it cannot be listed. */
async function enter(stack: Frame[], frame: Omit<Frame, "entries" | "next" | "pathPrefix" | "displayPrefix">, w: Walk): Promise<InputEntry | null> {
  try {
    const entries = await list(frame.dir, frame.raw, w.o.listSync === true);
    stack.push({ ...frame, entries, next: 0, pathPrefix: joinPrefix(frame.dir), displayPrefix: joinPrefix(frame.display) });
    return null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return problem(frame.display, code === "ENOENT" ? error("VANISHED", null) : error("READ_ERROR", null, { detail: describeError(err) }), false, frame.rel);
  }
}

/** An entry of a directory being walked: its path (and bytes, when not UTF-8), its path relative to the walk, how it is shown. */
interface Child {
  path: string;
  raw: Buffer | undefined;
  rel: string;
  display: string;
}

function childOf(f: Frame, d: Dirent<string> | Dirent<Buffer>): Child {
  if (typeof d.name === "string") {
    const name = d.name;
    return { path: f.pathPrefix + name, raw: undefined, rel: f.rel === "" ? name : `${f.rel}/${name}`, display: f.displayPrefix + name };
  }
  const utf8 = isUtf8(d.name);
  const name = d.name.toString("utf8");
  return {
    path: f.pathPrefix + name,
    raw: f.raw !== undefined || !utf8 ? Buffer.concat([f.raw ?? Buffer.from(f.dir), SEP, d.name]) : undefined,
    rel: f.rel === "" ? name : `${f.rel}/${name}`,
    display: f.displayPrefix + (utf8 ? name : escapeBytes(d.name)),
  };
}

/** A directory met in the walk: passed over (the output), reported (a loop, a name like an input's), and entered. */
async function* directory(stack: Frame[], f: Frame, c: Child, info: Dirent<string> | Dirent<Buffer> | Stats, w: Walk): AsyncGenerator<InputEntry> {
  const key = "dev" in info ? `${info.dev}:${info.ino}` : await dirKey(c.raw ?? c.path);
  // The output directory is passed over whatever path leads to it (a link, a parent of the
  // walk): its files are this run's output, never its input.
  if (key !== null && key === w.o.outKey) return;
  if (key !== null && f.ancestors.has(key)) {
    yield problem(c.display, error("SYMLINK_LOOP", null, { target: "a directory above it" }), false, c.rel);
    return;
  }
  // A directory named like an input (x.txt) is reported, and its files are still walked.
  if (w.include(c.rel) && w.reportDir(c.rel)) {
    w.found.n++;
    yield problem(c.display, error("NOT_A_FILE", null, { kind: "a directory" }), false, c.rel);
  }
  const ancestors = key === null ? f.ancestors : new Set(f.ancestors).add(key);
  const failed = await enter(stack, { dir: c.path, raw: c.raw, display: c.display, rel: c.rel, ancestors }, w);
  if (failed !== null) yield failed;
}

/** What a directory with no matching file held instead, for NO_MATCH: the files by extension, and a --glob that reads the commonest. */
export function passedOver(others: Map<string, number> | undefined): { skipped?: string; glob?: string } {
  if (others === undefined) return {};
  const byCount = [...others].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const total = byCount.reduce((n, [, k]) => n + k, 0);
  const kinds = byCount.slice(0, 5).map(([ext, n]) => `${n} ${ext === "" ? "without an extension" : ext}`);
  if (byCount.length > 5) kinds.push("…");
  const top = byCount.find(([ext]) => ext !== "")?.[0];
  return { skipped: `${total} other file${total === 1 ? "" : "s"} (${kinds.join(", ")})`, ...(top ? { glob: `--glob '*${top}'` } : {}) };
}

const hiddenName = (d: Dirent<string> | Dirent<Buffer>): boolean => (typeof d.name === "string" ? d.name.charCodeAt(0) : d.name[0]) === 0x2e;

/** A link met in the walk: its target's type, the problem to report (a loop wherever it is, a broken link only where it would have been an input), or null to pass it over. */
async function linked(c: Child, w: Walk): Promise<Stats | InputEntry | null> {
  const target = await followLink(c.raw ?? c.path, w);
  if (target === null || !("diagnostic" in target)) return target;
  if (target.diagnostic.code !== "SYMLINK_LOOP" && !w.include(c.rel)) return null;
  w.found.n++;
  return problem(c.display, target.diagnostic, false, c.rel);
}

/** A file (or special file) met in the walk: an input, NOT_A_FILE, or null when --glob does not pick it (counted by extension, for NO_MATCH). */
function reached(c: Child, info: FileType, w: Walk): InputEntry | null {
  if (!w.include(c.rel)) {
    if (info.isFile()) {
      const ext = extname(c.rel).toLowerCase();
      (w.found.others ??= new Map()).set(ext, (w.found.others.get(ext) ?? 0) + 1);
    }
    return null;
  }
  w.found.n++;
  if (!info.isFile()) return problem(c.display, error("NOT_A_FILE", null, { kind: kindOf(info) }), false, c.rel);
  return c.raw === undefined
    ? { kind: "file", path: c.path, display: c.display, root: w.root, named: false }
    : { kind: "file", path: c.path, display: c.display, root: w.root, named: false, raw: c.raw };
}

/**
 * Walk a directory tree depth first, in sorted order, with an explicit stack instead of
 * recursion: a tree thousands of levels deep must not overflow the call stack.
 */
export async function* walk(dir: string, display: string, rel: string, w: Walk, ancestors: Set<string>): AsyncGenerator<InputEntry> {
  const stack: Frame[] = [];
  const first = await enter(stack, { dir, raw: undefined, display, rel, ancestors }, w);
  if (first !== null) {
    w.found.n++;
    yield first;
  }
  while (stack.length > 0) {
    const f = stack[stack.length - 1] as Frame;
    const d = f.entries[f.next++];
    if (d === undefined) {
      stack.pop();
      continue;
    }
    if (w.o.signal?.aborted) return;
    if (!w.o.hidden && hiddenName(d)) {
      w.state.skippedHidden++;
      continue;
    }
    const c = childOf(f, d);
    if (c.path === w.o.outDir || w.exclude(c.rel)) continue;
    const info = d.isSymbolicLink() ? await linked(c, w) : d;
    if (info === null) continue;
    if ("kind" in info) yield info;
    else if (info.isDirectory()) yield* directory(stack, f, c, info, w);
    else {
      const entry = reached(c, info, w);
      if (entry !== null) yield entry;
    }
  }
}

async function dirKey(path: string | Buffer): Promise<string | null> {
  try {
    // Synchronous: one system call, where the promise API cost far more main-thread time (BENCHMARKS.md).
    const s = statSync(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    return null;
  }
}
/** Follow a symbolic link when asked: its target's type, the problem with it, or null when links are passed over (counted). */
export async function followLink(path: string | Buffer, w: Walk): Promise<Stats | { diagnostic: Diagnostic } | null> {
  if (!w.o.followSymlinks) {
    w.state.skippedLinks++;
    return null;
  }
  try {
    return await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { diagnostic: code === "ELOOP" ? error("SYMLINK_LOOP", null) : error("READ_ERROR", null, { detail: brokenLink(err) }) };
  }
}
