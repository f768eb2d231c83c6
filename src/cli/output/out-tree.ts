// src/cli/output/: everything a run writes besides its reports. The --out tree (atomic writes,
// markers), the -o file, standard output as a file, the emitter that picks where records go,
// directory creation and the identity of paths (what must never be written over).
/**
 * The --out tree: one pretty-printed JSON file per article, mirroring the
 * input tree, written atomically and never outside the output directory.
 *
 * Crash consistency: each input's outputs are written first (each through a temporary file and
 * a rename), then the input's marker under `.ingest/`, last and atomically. A rerun with
 * --incremental trusts only a marker that matches the input as it is now; anything else is
 * converted again, so a run killed at any instant (SIGKILL included) leaves nothing a rerun
 * would mistake for done. Temporary files live in `.ingest-tmp/`, named by process id, and the
 * next run into the same directory sweeps those of runs that are gone.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join, relative, sep } from "node:path";
import { error, type Diagnostic } from "../../diagnostics.js";
import { describeError } from "../report/fs-errors.js";
import type { InputEntry } from "../inputs/inputs.js";
import { makeDirs } from "./make-dirs.js";

type FileEntry = Extract<InputEntry, { kind: "file" }>;

/** Where temporary files are written before their rename, and where the markers live. */
export const TEMP_DIR = ".ingest-tmp";
export const STATE_DIR = ".ingest";

const inside = (path: string, dir: string): boolean => path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
let serial = 0;

/** The output path of article `article` of an input holding `count` articles: `a.json`, or `a.1.json`, `a.2.json` … */
export function outputPath(outDir: string, entry: FileEntry, article: number, count: number): string {
  const rel = relative(entry.root, entry.path);
  const stem = rel.slice(0, rel.length - extname(rel).length) || rel;
  return join(outDir, count === 1 ? `${stem}.json` : `${stem}.${article}.json`);
}

/**
 * Write `text` to `target` through a temporary file and a rename, so no reader ever sees half a
 * file. The temporary file goes in `tempDir` when given (the output tree's sweepable one), else
 * beside the target (and there too when a rename from `tempDir` crosses a mount).
 */
export function writeAtomic(target: string, text: string, tempDir?: string): void {
  const local = join(dirname(target), `.${basename(target)}.ingest-${process.pid}-${serial++}.tmp`);
  let temp = tempDir === undefined ? local : join(tempDir, `${process.pid}-${serial++}.tmp`);
  // Synchronous: two system calls per file, where the promise API cost main-thread time on
  // each (a batch with --out spent most of its CPU there; BENCHMARKS.md, measured costs).
  try {
    writeFileSync(temp, text, { flag: "wx" });
    try {
      renameSync(temp, target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EXDEV") throw err;
      rmSync(temp, { force: true });
      temp = local;
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

/** What a marker says about one input: which input it was and what its conversion left. */
interface Marker {
  size: number;
  mtimeMs: number;
  ino: number;
  /** Some problem was reported: such an input is always converted again, to report it again. */
  failed: boolean;
  /** Outputs relative to the output directory, `/`-separated. */
  outputs: string[];
  /** Each written record's ID and line, so duplicates across a rerun are still seen. */
  ids: Array<[string, number]>;
}

/** Paths that must never be written: the run's inputs, by identity. */
export interface Protected {
  /** `dev:ino` of every named input file. */
  files: ReadonlySet<string>;
  /** Real paths of the directories being walked. */
  roots: readonly string[];
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

  private constructor(
    /** Absolute. */
    readonly dir: string,
    /** Its real path. */
    readonly realDir: string,
    /** As the user named it, for messages. */
    private readonly display: string,
    private readonly guard: Protected,
  ) {
    this.inputRoots = guard.roots.filter((r) => inside(r, realDir) && !inside(realDir, r) && r !== realDir);
  }

  /** Create (if needed) and open the output directory; sweeps temporary files that killed runs left. */
  static open(dir: string, display: string, guard: Protected = { files: new Set(), roots: [] }): OutTree {
    makeDirs(dir);
    const tree = new OutTree(dir, realpathSync(dir), display, guard);
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
      const pid = Number(/^(\d+)-\d+\.tmp$/.exec(name)?.[1]);
      if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) rmSync(join(this.tempDir, name), { force: true });
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

  private markerPath(entry: FileEntry): string {
    return join(this.dir, STATE_DIR, `${relative(entry.root, entry.path)}.json`);
  }

  private readMarker(entry: FileEntry): Marker | null {
    try {
      return JSON.parse(readFileSync(this.markerPath(entry), "utf8")) as Marker;
    } catch {
      return null;
    }
  }

  /**
   * --incremental: the IDs of the input's records when its marker says it was converted whole,
   * as it is now (same size, time and inode), without a problem and with every output still
   * there; otherwise null (convert it).
   */
  upToDate(entry: FileEntry): Array<[string, number]> | null {
    try {
      const input = statSync(entry.raw ?? entry.path);
      const m = this.readMarker(entry);
      if (m === null || m.failed || m.size !== input.size || m.mtimeMs !== input.mtimeMs || m.ino !== input.ino) return null;
      for (const o of m.outputs) statSync(join(this.dir, o));
      return m.ids;
    } catch {
      // An unreadable input is converted, so that its error is reported; a missing output rewritten.
      return null;
    }
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
    const first = this.written.get(target);
    if (first !== undefined) return error("OUTPUT_CONFLICT", null, { path: shown, first });
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
    this.current.push(relative(this.dir, target).split(sep).join("/"));
    return null;
  }

  /**
   * After all of an input's outputs: remove the outputs an earlier conversion of it left that
   * this one did not write (articles no longer in a rewritten input), then write its marker,
   * last and atomically. Returns the problem instead of throwing.
   */
  finish(entry: FileEntry, failed: boolean, ids: Array<[string, number]>): Diagnostic | null {
    const outputs = this.current;
    this.current = [];
    const target = this.markerPath(entry);
    if (!inside(target, join(this.dir, STATE_DIR))) return null;
    try {
      const input = statSync(entry.raw ?? entry.path);
      const old = this.hadState ? this.readMarker(entry) : null;
      if (old !== null) {
        const now = new Set(outputs);
        for (const o of old.outputs) {
          const path = join(this.dir, o);
          // Only what the old marker names, inside the tree, and not written by this run for another input.
          if (!now.has(o) && inside(path, this.dir) && !this.written.has(path)) {
            try {
              unlinkSync(path);
            } catch {
              // Already gone.
            }
          }
        }
      }
      if (!this.stateDirs.has(dirname(target))) {
        makeDirs(dirname(target));
        this.stateDirs.add(dirname(target));
      }
      const marker: Marker = { size: input.size, mtimeMs: input.mtimeMs, ino: input.ino, failed, outputs, ids };
      if (!this.tempReady) {
        makeDirs(this.tempDir);
        this.tempReady = true;
      }
      writeAtomic(target, `${JSON.stringify(marker)}\n`, this.tempDir);
      return null;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null; // the input vanished: nothing to vouch for
      return error("WRITE_ERROR", null, { path: this.show(target), detail: describeError(err) });
    }
  }
}
