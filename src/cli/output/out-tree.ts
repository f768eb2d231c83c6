// src/cli/output/: everything a run writes besides its reports. The --out tree (atomic writes,
// markers), the -o file, standard output as a file, the emitter that picks where records go,
// directory creation and the identity of paths (what must never be written over).
/**
 * The --out tree: one pretty-printed JSON file per article, mirroring the
 * input tree, written atomically and never outside the output directory.
 *
 * Crash consistency: each input's outputs are written first (each through a temporary file and
 * a rename), then the input's marker under `.ingest/`, last and atomically. A marker records the
 * input as it was read (size, modification time, inode and the sha256 of the bytes parsed, taken
 * from the descriptor they were read through: read-identity.ts) and the options that shape the
 * outputs; it says "done" only when the file, looked at again just before the marker is written,
 * is still the one read whole. A rerun with --incremental trusts only a marker that says done,
 * for these options, of the input as it is now (its hash checked too when its modification time
 * is too close to the read to prove anything); anything else is converted again, so a run killed
 * at any instant (SIGKILL included), or an input changed under a run, leaves nothing a rerun
 * would mistake for done.
 *
 * Temporary files live in `.ingest-tmp/`, named by process id and host, and the next run into the
 * same directory sweeps those of runs that are gone. Two processes may write into one tree at
 * once (the shards of one split: lock.ts says which may): the directory is made again when
 * another process removed it, so neither depends on the other's timing.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, extname, join, relative, sep } from "node:path";
import { error, warning, type Diagnostic } from "../../diagnostics.js";
import { fitName, isFitted } from "./fit-name.js";
import { describeError } from "../report/fs-errors.js";
import type { InputEntry } from "../inputs/inputs.js";
import { makeDirs } from "./make-dirs.js";
import { hashFile, racy, type ReadIdentity, unchangedSince } from "../convert/read-identity.js";
import { fnv1a64 } from "../inputs/shard.js";

type FileEntry = Extract<InputEntry, { kind: "file" }>;

/** Where temporary files are written before their rename, and where the markers live. */
export const TEMP_DIR = ".ingest-tmp";
export const STATE_DIR = ".ingest";

/** The marker format this build writes and trusts. */
const MARKER_VERSION = 2;

const inside = (path: string, dir: string): boolean => path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
const slash = (rel: string): string => rel.split(sep).join("/");
let serial = 0;

/** This host, as temporary file names carry it (a tree shared over NFS is swept by each host of its own files only). */
const HOST = fnv1a64(hostname()).slice(0, 8);
/** A temporary file of another host is swept once it is this old (ms): no write takes an hour between its create and its rename. */
const FOREIGN_TEMP_AGE = 60 * 60 * 1000;

/** The output path of article `article` of an input holding `count` articles: `a.json`, or `a.1.json`, `a.2.json` … */
export function outputPath(outDir: string, entry: FileEntry, article: number, count: number): string {
  const rel = relative(entry.root, entry.path);
  const stem = rel.slice(0, rel.length - extname(rel).length) || rel;
  return join(outDir, count === 1 ? `${stem}.json` : `${stem}.${article}.json`);
}

/** Create a file that must not exist yet, making its directory again if another process removed it meanwhile. */
function createFile(path: string, text: string): void {
  try {
    writeFileSync(path, text, { flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    makeDirs(dirname(path));
    writeFileSync(path, text, { flag: "wx" });
  }
}

/**
 * Write `text` to `target` through a temporary file and a rename, so no reader ever sees half a
 * file. The temporary file goes in `tempDir` when given (the output tree's sweepable one), else
 * beside the target (and there too when a rename from `tempDir` crosses a mount).
 */
export function writeAtomic(target: string, text: string, tempDir?: string): void {
  const local = (): string => join(dirname(target), fitName(`.${basename(target)}`, `.ingest-${process.pid}-${serial++}.tmp`));
  let temp = tempDir === undefined ? local() : join(tempDir, `${process.pid}-${serial++}@${HOST}.tmp`);
  // Synchronous: two system calls per file, where the promise API cost main-thread time on
  // each (a batch with --out spent most of its CPU there; BENCHMARKS.md, measured costs).
  try {
    createFile(temp, text);
    try {
      renameSync(temp, target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EXDEV") throw err;
      rmSync(temp, { force: true });
      temp = local();
      writeFileSync(temp, text, { flag: "wx" });
      renameSync(temp, target);
    }
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/** Whether a process is still running (a temporary file of a live run is never swept). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The options that shape an input's outputs; a marker made under other options is not trusted. */
export interface OutputShape {
  format: string;
  ninjsVersion: string | null;
  strict: boolean;
  maxBytes: number;
  errorOn: string[];
}

/**
 * The shape as one short canonical string, as a flag list reads (`json max-bytes=10485760`,
 * `ninjs 3.1 strict max-bytes=4096 error-on=A,B`): its fields in a fixed order, the codes sorted.
 */
export const shapeKey = (s: OutputShape): string =>
  [
    s.format,
    ...(s.ninjsVersion !== null ? [s.ninjsVersion] : []),
    ...(s.strict ? ["strict"] : []),
    `max-bytes=${s.maxBytes}`,
    ...(s.errorOn.length > 0 ? [`error-on=${[...s.errorOn].sort().join(",")}`] : []),
  ].join(" ");

/** What a marker says about one input: which input it was, as it was read, what shaped and what its conversion left. */
interface Marker {
  v: typeof MARKER_VERSION;
  /** The input, relative to its root, `/`-separated (a marker's own name may be cut to fit). */
  input: string;
  /** shapeKey of the run's options. */
  shape: string;
  size: number;
  mtimeMs: number;
  ino: number;
  dev: number;
  /** sha256 of the bytes parsed. */
  hash: string;
  /**
   * It was modified within RACY_MS of its read (read-identity.ts): its size, time and inode
   * cannot prove the bytes unchanged, so a rerun compares the hash.
   */
  verify?: true;
  /** The input was read whole and had not changed when the marker was written. */
  done: boolean;
  /** Some problem was reported: such an input is always converted again, to report it again. */
  failed: boolean;
  /** Outputs relative to the output directory, `/`-separated. */
  outputs: string[];
  /** Each written record's ID and line, so duplicates across a rerun are still seen. */
  ids: Array<[string, number]>;
}

/** What a trusted marker gives back for a skipped input. */
export interface Done {
  ids: Array<[string, number]>;
  /** Relative to the output directory, `/`-separated. */
  outputs: string[];
}

/** Paths that must never be written: the run's inputs, by identity. */
export interface Protected {
  /** `dev:ino` of every named input file. */
  files: ReadonlySet<string>;
  /** Real paths of the directories being walked. */
  roots: readonly string[];
}

/** How a run uses its tree. */
export interface TreeOptions {
  /** shapeKey of the run's options. */
  shape: string;
  /** Inputs with a trusted marker are skipped: their outputs still count as claimed (conflicts). */
  incremental: boolean;
}

/** The output directory of one run: remembers what it wrote, to refuse two inputs claiming one output. */
export class OutTree {
  private readonly written = new Map<string, string>();
  private readonly checkedDirs = new Map<string, "ok" | "outside" | "input">();
  /** Outputs written for the input being handled now, relative to the output directory. */
  private current: string[] = [];
  private tempReady = false;
  /** Whether markers of earlier runs may exist (a fresh tree has none to read). */
  private hadState = true;
  /** Directories under .ingest/ made so far. */
  private readonly stateDirs = new Set<string>();
  /** Walked roots that lie inside this tree: outputs there would land among inputs. */
  private readonly inputRoots: string[];
  /** The marker names of one directory of .ingest/ (the last one asked about), for the ownership check. */
  private markerListing: { dir: string; names: string[] } | null = null;

  private constructor(
    /** Absolute. */
    readonly dir: string,
    /** Its real path. */
    readonly realDir: string,
    /** As the user named it, for messages. */
    private readonly display: string,
    private readonly guard: Protected,
    private readonly options: TreeOptions,
  ) {
    this.inputRoots = guard.roots.filter((r) => inside(r, realDir) && !inside(realDir, r) && r !== realDir);
  }

  /** Create (if needed) and open the output directory; sweeps temporary files that killed runs left. */
  static open(
    dir: string,
    display: string,
    guard: Protected = { files: new Set(), roots: [] },
    options: TreeOptions = { shape: "", incremental: false },
  ): OutTree {
    makeDirs(dir);
    const tree = new OutTree(dir, realpathSync(dir), display, guard, options);
    tree.hadState = existsSync(join(dir, STATE_DIR));
    tree.sweep();
    return tree;
  }

  /** `dev:ino` of the output directory, so a walk can pass over it whatever path leads there. */
  key(): string {
    const s = statSync(this.dir);
    return `${s.dev}:${s.ino}`;
  }

  private get tempDir(): string {
    return join(this.dir, TEMP_DIR);
  }

  private sweep(): void {
    let names: string[];
    try {
      names = readdirSync(this.tempDir);
    } catch {
      return;
    }
    for (const name of names) {
      const m = /^(\d+)-\d+(?:@([0-9a-f]{8}))?\.tmp$/.exec(name);
      if (m === null) continue;
      const pid = Number(m[1]);
      const path = join(this.tempDir, name);
      try {
        // This host's (or an older build's) by its process; another host's only by its age.
        const gone = m[2] === undefined || m[2] === HOST ? pid !== process.pid && !alive(pid) : Date.now() - statSync(path).mtimeMs > FOREIGN_TEMP_AGE;
        if (gone) rmSync(path, { force: true });
      } catch {
        // Gone meanwhile.
      }
    }
    this.close();
  }

  /** Remove the (empty) temporary directory at the end of a run. */
  close(): void {
    try {
      rmdirSync(this.tempDir);
    } catch {
      // Not empty (another run is writing) or not there.
    }
    this.tempReady = false;
  }

  private show(path: string): string {
    return join(this.display, relative(this.dir, path));
  }

  /** `.ingest/<input path>.json`, its name cut to fit when the input's own name is long (fit-name.ts). */
  private markerPath(rel: string): string {
    return join(this.dir, STATE_DIR, dirname(rel), fitName(basename(rel), ".json"));
  }

  /** The marker of input `rel` (relative to its root), or null when there is none this build trusts. */
  private readMarker(rel: string): Marker | null {
    try {
      const m = JSON.parse(readFileSync(this.markerPath(rel), "utf8")) as Partial<Marker>;
      // A marker of an older build, or of another input whose long name was cut the same way.
      return m.v === MARKER_VERSION && m.input === slash(rel) ? (m as Marker) : null;
    } catch {
      return null;
    }
  }

  /**
   * --incremental: what an input's marker vouches for when it says the input was read whole and
   * converted without a problem, under this run's options, and is unchanged (same size, time and
   * inode, and when those cannot prove it, the same sha256) with every output still there;
   * otherwise null (convert it).
   */
  upToDate(entry: FileEntry): Done | null {
    return this.trusted(relative(entry.root, entry.path), entry.raw ?? entry.path);
  }

  /** What the marker of input `rel` (found at `input`) vouches for, or null. */
  private trusted(rel: string, input: string | Buffer): Done | null {
    try {
      const m = this.readMarker(rel);
      if (m === null || !m.done || m.failed || m.shape !== this.options.shape) return null;
      const now = statSync(input);
      if (m.size !== now.size || m.mtimeMs !== now.mtimeMs || m.ino !== now.ino || m.dev !== now.dev) return null;
      // Modified too close to its read for the stat to prove the bytes: the bytes, then.
      if (m.verify === true && hashFile(input) !== m.hash) return null;
      for (const o of m.outputs) statSync(join(this.dir, o));
      return { ids: m.ids, outputs: m.outputs };
    } catch {
      // An unreadable input is converted, so that its error is reported; a missing output rewritten.
      return null;
    }
  }

  /**
   * A skipped input's outputs, claimed as if written in this run: an input later in the run that
   * maps to one of them is an OUTPUT_CONFLICT, as in a run that converts everything. Returns the
   * conflict when another input of this run has written one already (its marker is then removed:
   * the next run converts it again).
   */
  claim(entry: FileEntry, outputs: string[]): Diagnostic | null {
    const targets = outputs.map((o) => join(this.dir, o));
    for (const target of targets) {
      const first = this.written.get(target);
      if (first !== undefined && first !== entry.display) {
        rmSync(this.markerPath(relative(entry.root, entry.path)), { force: true });
        return error("OUTPUT_CONFLICT", null, { path: this.show(target), first });
      }
    }
    for (const target of targets) this.written.set(target, entry.display);
    return null;
  }

  /**
   * --incremental: the input (other than `entry`) whose trusted marker claims `target`, shown as
   * the user would name it; null when none. Such an input is skipped in this run, so its claim
   * counts as if it had been written (found through the marker names of the target's directory).
   */
  private claimedElsewhere(target: string, entry: FileEntry): string | null {
    const relOut = relative(this.dir, target);
    const base = basename(relOut);
    const markerDir = join(this.dir, STATE_DIR, dirname(relOut));
    if (this.markerListing?.dir !== markerDir) {
      let names: string[] = [];
      try {
        names = readdirSync(markerDir).filter((n) => n.endsWith(".json"));
      } catch {
        // No markers there.
      }
      this.markerListing = { dir: markerDir, names };
    }
    const own = relative(entry.root, entry.path);
    for (const name of this.markerListing.names) {
      // The outputs of input `x.y` are `x.json` or `x.N.json`; a cut name could be anything.
      const inputName = name.slice(0, -".json".length);
      const stem = inputName.slice(0, inputName.length - extname(inputName).length) || inputName;
      const maybe = isFitted(name) || base === `${stem}.json` || (base.startsWith(`${stem}.`) && /^\d+\.json$/.test(base.slice(stem.length + 1)));
      if (!maybe) continue;
      const rel = join(dirname(relOut), inputName);
      if (!isFitted(name) && rel === own) continue;
      let m: Marker | null = null;
      try {
        m = JSON.parse(readFileSync(join(markerDir, name), "utf8")) as Marker;
      } catch {
        continue;
      }
      if (m.v !== MARKER_VERSION || m.input === slash(own) || !m.outputs.includes(slash(relOut))) continue;
      if (this.trusted(m.input, join(entry.root, m.input)) === null) continue;
      // As the user named the input: this entry's display with its own relative path swapped.
      return entry.display.endsWith(own) ? entry.display.slice(0, entry.display.length - own.length) + m.input : m.input;
    }
    return null;
  }

  /** Whether a directory of the tree may be written in: inside the tree for real ("outside" through a link), and not among the inputs. */
  private checkDir(parent: string): "ok" | "outside" | "input" {
    let verdict = this.checkedDirs.get(parent);
    if (verdict === undefined) {
      makeDirs(parent);
      // A symbolic link inside the output tree must not carry writes elsewhere.
      const real = realpathSync(parent);
      if (real !== this.realDir && !inside(real, this.realDir)) verdict = "outside";
      else verdict = this.inputRoots.some((r) => real === r || inside(real, r)) ? "input" : "ok";
      this.checkedDirs.set(parent, verdict);
    }
    return verdict;
  }

  /** Whether an existing file at `target` is one of the run's named inputs. */
  private isInput(target: string): boolean {
    if (this.guard.files.size === 0) return false;
    try {
      const s = lstatSync(target);
      return this.guard.files.has(`${s.dev}:${s.ino}`);
    } catch {
      return false;
    }
  }

  /** Write one article's `text` as `<dir>/<mirrored path>.json`; returns the problem instead of throwing. */
  write(entry: FileEntry, article: number, count: number, text: string): Diagnostic | null {
    const target = outputPath(this.dir, entry, article, count);
    const shown = this.show(target);
    if (!inside(target, this.dir)) return error("OUTPUT_OUTSIDE", null, { path: shown });
    if (target === entry.path || this.isInput(target)) return error("OUTPUT_IS_INPUT", null, { path: shown });
    const first = this.written.get(target) ?? (this.options.incremental && this.hadState ? this.claimedElsewhere(target, entry) : null);
    if (first != null) return error("OUTPUT_CONFLICT", null, { path: shown, first });
    try {
      const verdict = this.checkDir(dirname(target));
      if (verdict !== "ok") return error(verdict === "input" ? "OUTPUT_IS_INPUT" : "OUTPUT_OUTSIDE", null, { path: shown });
      if (!this.tempReady) {
        makeDirs(this.tempDir);
        this.tempReady = true;
      }
      writeAtomic(target, text, this.tempDir);
    } catch (err) {
      return error("WRITE_ERROR", null, { path: shown, detail: describeError(err) });
    }
    this.written.set(target, entry.display);
    this.current.push(slash(relative(this.dir, target)));
    return null;
  }

  /** Remove the outputs an earlier conversion wrote (`old`) that this one did not (`now`): only inside the tree, and not another input's of this run. */
  private removeStale(old: string[], now: string[]): void {
    const kept = new Set(now);
    for (const o of old) {
      const path = join(this.dir, o);
      if (kept.has(o) || !inside(path, this.dir) || this.written.has(path)) continue;
      try {
        unlinkSync(path);
      } catch {
        // Already gone.
      }
    }
  }

  /**
   * After all of an input's outputs: remove the outputs an earlier conversion of it left that
   * this one did not write (articles no longer in a rewritten input), then write its marker,
   * last and atomically, from `read` (what was read of it). The marker says done only when the
   * input, looked at now, is still the file read whole; otherwise the problem returned is an
   * INPUT_CHANGED warning (the next --incremental run converts it again), or a WRITE_ERROR.
   */
  finish(entry: FileEntry, failed: boolean, ids: Array<[string, number]>, read: ReadIdentity | undefined): Diagnostic | null {
    const outputs = this.current;
    this.current = [];
    const rel = relative(entry.root, entry.path);
    const target = this.markerPath(rel);
    if (!inside(target, join(this.dir, STATE_DIR))) return null;
    let now: ReturnType<typeof statSync> | null = null;
    try {
      now = statSync(entry.raw ?? entry.path);
    } catch {
      // Gone: nothing to vouch for, but the outputs it left are still recorded (and removed when it returns changed).
    }
    const done = read !== undefined && unchangedSince(read, now);
    try {
      const old = this.hadState ? this.readMarker(rel) : null;
      if (old !== null) this.removeStale(old.outputs, outputs);
      if (!this.stateDirs.has(dirname(target))) {
        makeDirs(dirname(target));
        this.stateDirs.add(dirname(target));
      }
      const marker: Marker = {
        v: MARKER_VERSION,
        input: slash(rel),
        shape: this.options.shape,
        size: read?.size ?? -1,
        mtimeMs: read?.mtimeMs ?? -1,
        ino: read?.ino ?? -1,
        dev: read?.dev ?? -1,
        hash: read?.hash ?? "",
        // Only then: a marker of an input unchanged for longer holds nothing that changes from run to run.
        ...(read !== undefined && racy(read.mtimeMs, read.readAt) ? { verify: true as const } : {}),
        done,
        failed,
        outputs,
        ids,
      };
      if (!this.tempReady) {
        makeDirs(this.tempDir);
        this.tempReady = true;
      }
      writeAtomic(target, `${JSON.stringify(marker)}\n`, this.tempDir);
    } catch (err) {
      return error("WRITE_ERROR", null, { path: this.show(target), detail: describeError(err) });
    }
    if (done || read === undefined || now === null) return null;
    return warning("INPUT_CHANGED", null, { detail: changeOf(read, now) });
  }
}

/** What changed between a read and now, in a few words. */
function changeOf(read: ReadIdentity, now: { size: number; mtimeMs: number; ino: number; dev: number }): string {
  if (now.ino !== read.ino || now.dev !== read.dev) return "another file was put in its place";
  if (!read.complete) return `${read.read} of its ${read.size} bytes were read`;
  if (now.size > read.size) return `it grew from ${read.size} to ${now.size} bytes`;
  if (now.size < read.size) return `it shrank from ${read.size} to ${now.size} bytes`;
  return "it was modified";
}
