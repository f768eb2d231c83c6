// src/cli/inputs/: where a run's inputs come from. Arguments, directory walks with --glob,
// --files-from lists, JSON Lines documents, --shard. Never imports output/ or convert/: an input is
// named here, read in convert/.
/**
 * Command-line arguments → a stream of inputs. A directory is walked one
 * directory at a time with its entries sorted, so the order is the same on
 * every run and memory does not grow with the number of files.
 */
import { readdir as readdirCallback, readdirSync, realpathSync, stat as statCallback, statSync, type Dirent, type Stats } from "node:fs";
import { promisify } from "node:util";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import { error, type Diagnostic } from "../../diagnostics.js";
import { brokenLink, describeError } from "../report/fs-errors.js";
import { globMatchers, reportsDirectory } from "./globs.js";

// The callback API, promisified: node:fs/promises loads ~20 more built-in modules (readline,
// watchers, directory streams) at every start, ~1 ms (BENCHMARKS.md, "Start-up").
const stat = promisify(statCallback);
const readdir = promisify(readdirCallback);

/** One input: standard input, a file to read, or a problem found while expanding. */
export type InputEntry =
  | { kind: "stdin"; display: string; named: true }
  | { kind: "file"; path: string; display: string; root: string; named: boolean; raw?: Buffer }
  | { kind: "problem"; display: string; diagnostic: Diagnostic; named: boolean; rel?: string }
  /** One document of a JSON Lines input (--input-format jsonl): its path and its undecoded bytes. */
  | { kind: "document"; display: string; bytes: Uint8Array; named: false };

export interface ExpandOptions {
  cwd: string;
  /** Which files a directory contributes, relative to that directory (see globs.ts); `!` leaves out. */
  glob: string | readonly string[];
  /** Like glob, matched case-insensitively. */
  iglob?: readonly string[];
  exclude: string[];
  hidden: boolean;
  followSymlinks: boolean;
  /** Absolute; never read back as input. */
  outDir: string | null;
  /** `dev:ino` of the output directory: the walk passes over it whatever path leads there. */
  outKey?: string | null;
  /** Its real path, for glob matches. */
  realOutDir?: string | null;
  signal?: AbortSignal;
  /**
   * List directories synchronously. The batch does: an asynchronous listing leaves the thread idle
   * while the thread pool lists. So does the progress line's count: an asynchronous listing only
   * advances when the main loop yields to the event loop, so the total would only be known at the
   * end. Its caller yields between chunks instead.
   */
  listSync?: boolean;
  /**
   * Paths from a --files-from list: never taken as glob patterns, and a file under `cwd` keeps
   * its path relative to it (for --out and --shard), as rsync's --files-from does.
   */
  literal?: boolean;
}

/** What the expansion saw, for deciding whether a run is a batch. */
export interface ExpandState {
  walked: boolean;
  /** Entries passed over by default, counted so the summary can say so: nothing vanishes unseen. */
  skippedLinks: number;
  skippedHidden: number;
}

interface Walk {
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
const loadFastGlob = async () => (await import("fast-glob")).default;
async function newWalk(o: ExpandOptions, state: ExpandState): Promise<Walk> {
  return { o, state, root: o.cwd, ...(await globMatchers(o)), found: { n: 0 } };
}

const inside = (path: string, dir: string | null | undefined): boolean => dir != null && (path === dir || path.startsWith(dir + sep));

/** Real paths of the directories of glob matches, one look-up per directory and run. */
const realDirsOf = new WeakMap<ExpandOptions, Map<string, string | null>>();

/** Whether a glob match lies in the output directory, by its spelling or its real path. */
function inOutDir(path: string, o: ExpandOptions): boolean {
  if (inside(path, o.outDir)) return true;
  if (o.realOutDir == null) return false;
  const dir = dirname(path);
  let realDirs = realDirsOf.get(o);
  if (realDirs === undefined) realDirsOf.set(o, (realDirs = new Map()));
  let real = realDirs.get(dir);
  if (real === undefined) {
    try {
      real = realpathSync(dir);
    } catch {
      real = null;
    }
    realDirs.set(dir, real);
  }
  return real !== null && inside(real, o.realOutDir);
}
/** A problem entry; `rel` (its path under the walked root) places it in a --shard. */
const problem = (display: string, diagnostic: Diagnostic, named = false, rel?: string): InputEntry =>
  rel === undefined || rel === "" ? { kind: "problem", display, diagnostic, named } : { kind: "problem", display, diagnostic, named, rel };

/** What both a Dirent (ours or fast-glob's) and a Stats can say about a file's type. */
type FileType = Pick<Stats, "isFile" | "isDirectory" | "isSymbolicLink" | "isFIFO" | "isSocket" | "isCharacterDevice" | "isBlockDevice">;

function kindOf(d: FileType): string {
  if (d.isDirectory()) return "a directory";
  if (d.isFIFO()) return "a named pipe";
  if (d.isSocket()) return "a socket";
  if (d.isCharacterDevice() || d.isBlockDevice()) return "a device";
  return "not a regular file";
}

/** Expand arguments in the order given: `-`, files, directories (walked) and glob patterns. */
export async function* expandInputs(args: Iterable<string> | AsyncIterable<string>, o: ExpandOptions, state: ExpandState): AsyncGenerator<InputEntry> {
  let w: Walk | undefined;
  for await (const arg of args) {
    if (o.signal?.aborted) return;
    if (arg === "-") {
      yield { kind: "stdin", display: "<stdin>", named: true };
      continue;
    }
    const abs = resolve(o.cwd, arg);
    let info: Stats | null = null;
    try {
      // Synchronous, like the reads: the first asynchronous file call starts libuv's thread pool,
      // ~1.5 ms of every one-file run (BENCHMARKS.md, "Start-up").
      info = statSync(abs, { throwIfNoEntry: false }) ?? null;
    } catch {
      // A name that does not exist may be a pattern; otherwise the reader reports it.
    }
    if (info === null && o.literal !== true && (await loadFastGlob()).isDynamicPattern(arg)) {
      state.walked = true;
      yield* expandGlob(arg, (w ??= await newWalk(o, state)));
    } else if (info?.isDirectory()) {
      state.walked = true;
      const found: Walk["found"] = { n: 0 };
      const dirWalk: Walk = { ...(w ??= await newWalk(o, state)), root: abs, found };
      yield* walk(abs, arg, "", dirWalk, new Set([`${info.dev}:${info.ino}`]));
      // Silent zero work is a mistake more often than not: say so (exit 1).
      if (found.n === 0 && o.signal?.aborted !== true)
        yield problem(arg, error("NO_MATCH", null, { pattern: dirWalk.shown, under: arg, ...passedOver(found.others) }));
    } else {
      const root = o.literal === true && inside(abs, resolve(o.cwd)) ? resolve(o.cwd) : dirname(abs);
      yield { kind: "file", path: abs, display: arg, root, named: true };
    }
  }
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

/** What `join(dir, name)` puts before a single path segment `name` (never "." or ".."): one normalisation per directory, not per entry. */
const joinPrefix = (dir: string): string => join(dir, "x").slice(0, -1);

const SEP = Buffer.from(sep);

/** A name's bytes shown with every byte outside printable ASCII as \xHH: no byte of it is lost or hidden. */
const escapeBytes = (name: Buffer): string =>
  Array.from(name, (b) => (b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, "0")}`)).join("");

/** Whether a name's bytes are valid UTF-8 (so its string form opens the same file). */
function isUtf8(name: Buffer): boolean {
  for (const b of name) if (b >= 0x80) return Buffer.from(name.toString("utf8"), "utf8").equals(name);
  return true;
}

/** List a directory with its names as bytes; or the problem with it. */
function listBytes(dir: string | Buffer, sync: boolean): Promise<Dirent<Buffer>[]> | Dirent<Buffer>[] {
  return sync ? readdirSync(dir, { withFileTypes: true, encoding: "buffer" }) : readdir(dir, { withFileTypes: true, encoding: "buffer" });
}

/**
 * List a directory sorted by its names' bytes (UTF-8). Names come as strings, which cost far less
 * than a Buffer per name; a directory with a name that did not decode (a U+FFFD in it, which a
 * valid name may also hold) is listed again as bytes, as is one under such a name (`raw`).
 */
async function list(dir: string, raw: Buffer | undefined, sync: boolean): Promise<Dirent<string>[] | Dirent<Buffer>[]> {
  if (raw === undefined) {
    const named = sync ? readdirSync(dir, { withFileTypes: true }) : await readdir(dir, { withFileTypes: true });
    if (!named.some((d) => d.name.includes("\uFFFD"))) return named.sort((a, b) => byUtf8(a.name, b.name));
  }
  const entries = await listBytes(raw ?? dir, sync);
  return entries.sort((a, b) => Buffer.compare(a.name, b.name));
}

/**
 * Two strings compared as their UTF-8 bytes (Buffer.compare's order), which is code point order:
 * UTF-16 code units agree with it except that U+E000–U+FFFF sort after the surrogates of
 * U+10000 and above, so those two ranges swap.
 */
function byUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
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
function passedOver(others: Map<string, number> | undefined): { skipped?: string; glob?: string } {
  if (others === undefined) return {};
  const byCount = [...others].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const total = byCount.reduce((n, [, k]) => n + k, 0);
  const kinds = byCount.slice(0, 5).map(([ext, n]) => `${n} ${ext === "" ? "without an extension" : ext}`);
  if (byCount.length > 5) kinds.push("…");
  const top = byCount.find(([ext]) => ext !== "")?.[0];
  return { skipped: `${total} other file${total === 1 ? "" : "s"} (${kinds.join(", ")})`, ...(top ? { glob: `--glob '*${top}'` } : {}) };
}

/**
 * Walk a directory tree depth first, in sorted order, with an explicit stack instead of
 * recursion: a tree thousands of levels deep must not overflow the call stack.
 */
async function* walk(dir: string, display: string, rel: string, w: Walk, ancestors: Set<string>): AsyncGenerator<InputEntry> {
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
    if (!w.o.hidden && (typeof d.name === "string" ? d.name.charCodeAt(0) : d.name[0]) === 0x2e) {
      w.state.skippedHidden++;
      continue;
    }
    const c = childOf(f, d);
    if (c.path === w.o.outDir || w.exclude(c.rel)) continue;
    let info: Dirent<string> | Dirent<Buffer> | Stats = d;
    if (d.isSymbolicLink()) {
      const target = await followLink(c.raw ?? c.path, w);
      if (target === null) continue;
      if ("diagnostic" in target) {
        // A loop is reported wherever it is; a broken link only where it would have been an input.
        if (target.diagnostic.code === "SYMLINK_LOOP" || w.include(c.rel)) {
          w.found.n++;
          yield problem(c.display, target.diagnostic, false, c.rel);
        }
        continue;
      }
      info = target;
    }
    if (info.isDirectory()) yield* directory(stack, f, c, info, w);
    else if (!w.include(c.rel)) {
      if (info.isFile()) {
        const ext = extname(c.rel).toLowerCase();
        (w.found.others ??= new Map()).set(ext, (w.found.others.get(ext) ?? 0) + 1);
      }
    } else {
      w.found.n++;
      if (info.isFile())
        yield c.raw === undefined
          ? { kind: "file", path: c.path, display: c.display, root: w.root, named: false }
          : { kind: "file", path: c.path, display: c.display, root: w.root, named: false, raw: c.raw };
      else yield problem(c.display, error("NOT_A_FILE", null, { kind: kindOf(info) }), false, c.rel);
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

/** A glob argument: fast-glob lists its matches, which are sorted and then streamed. */
async function* expandGlob(pattern: string, w: Walk): AsyncGenerator<InputEntry> {
  const [fg, picomatch, reportDir] = await Promise.all([loadFastGlob(), import("picomatch").then((m) => m.default), reportsDirectory(pattern)]);
  const base = resolve(w.o.cwd, picomatch.scan(pattern).base);
  const found = await fg(pattern, {
    cwd: w.o.cwd,
    dot: w.o.hidden,
    onlyFiles: false,
    followSymbolicLinks: false,
    objectMode: true,
    suppressErrors: true,
  });
  const paths = found.map((e) => e.path).sort();
  const types = new Map(found.map((e) => [e.path, e.dirent]));
  let matched = 0;
  for (const display of paths) {
    const path = resolve(w.o.cwd, display);
    const rel = relative(base, path).split(sep).join("/");
    if (inOutDir(path, w.o) || w.exclude(rel)) continue;
    let info: FileType | undefined = types.get(display);
    if (info?.isSymbolicLink()) {
      const target = await followLink(path, w);
      if (target === null) continue;
      if ("diagnostic" in target) {
        matched++;
        yield problem(display, target.diagnostic, false, rel);
        continue;
      }
      info = target;
    }
    // A directory the pattern picks for what is inside it (feeds/**) is no input.
    if (info?.isDirectory() && !reportDir(display)) continue;
    matched++;
    if (info === undefined || info.isFile()) yield { kind: "file", path, display, root: base, named: false };
    else yield problem(display, error("NOT_A_FILE", null, { kind: kindOf(info) }), false, rel);
  }
  if (matched === 0) yield problem(pattern, error("NO_MATCH", null, { pattern }), true);
}

/** Follow a symbolic link when asked: its target's type, the problem with it, or null when links are passed over (counted). */
async function followLink(path: string | Buffer, w: Walk): Promise<Stats | { diagnostic: Diagnostic } | null> {
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
