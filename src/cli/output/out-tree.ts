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
import { existsSync, lstatSync, realpathSync, rmdirSync, rmSync, statSync, unlinkSync } from "node:fs";
import { dirname, extname, join, relative } from "node:path";
import { error, type Diagnostic } from "../../diagnostics.js";
import { inside } from "../paths.js";
import { describeError } from "../report/fs-errors.js";
import type { InputEntry } from "../inputs/inputs.js";
import { makeDirs } from "./make-dirs.js";
import type { ReadIdentity } from "../convert/read-identity.js";
import { sweepTemps, writeAtomic } from "./atomic.js";
import { type Done, lookAgain, MarkerStore, slash, STATE_DIR } from "./markers.js";

type FileEntry = Extract<InputEntry, { kind: "file" }>;

/** Where temporary files are written before their rename (the markers live in markers.ts's STATE_DIR). */
export const TEMP_DIR = ".ingest-tmp";

/** The output path of article `article` of an input holding `count` articles: `a.json`, or `a.1.json`, `a.2.json` … */
export function outputPath(outDir: string, entry: FileEntry, article: number, count: number): string {
  const rel = relative(entry.root, entry.path);
  const stem = rel.slice(0, rel.length - extname(rel).length) || rel;
  return join(outDir, count === 1 ? `${stem}.json` : `${stem}.${article}.json`);
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
  /** Walked roots that lie inside this tree: outputs there would land among inputs. */
  private readonly inputRoots: string[];
  /** The markers of inputs converted into this tree (markers.ts). */
  private readonly markers: MarkerStore;

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
    this.markers = new MarkerStore(dir, options.shape);
    this.inputRoots = guard.roots.filter((r) => r !== realDir && inside(r, realDir) && !inside(realDir, r));
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
    sweepTemps(tree.tempDir);
    tree.close();
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

  /**
   * --incremental: what an input's marker vouches for when it says the input was read whole and
   * converted without a problem, under this run's options, and is unchanged (same size, time and
   * inode, and when those cannot prove it, the same sha256) with every output still there;
   * otherwise null (convert it).
   */
  upToDate(entry: FileEntry): Done | null {
    return this.markers.trusted(relative(entry.root, entry.path), entry.raw ?? entry.path);
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
        rmSync(this.markers.path(relative(entry.root, entry.path)), { force: true });
        return error("OUTPUT_CONFLICT", null, { path: this.show(target), first });
      }
    }
    for (const target of targets) this.written.set(target, entry.display);
    return null;
  }

  /** Whether a directory of the tree may be written in: inside the tree for real ("outside" through a link), and not among the inputs. */
  private checkDir(parent: string): "ok" | "outside" | "input" {
    let verdict = this.checkedDirs.get(parent);
    if (verdict === undefined) {
      makeDirs(parent);
      // A symbolic link inside the output tree must not carry writes elsewhere.
      const real = realpathSync(parent);
      if (!inside(real, this.realDir)) verdict = "outside";
      else verdict = this.inputRoots.some((r) => inside(real, r)) ? "input" : "ok";
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
    if (target === this.dir || !inside(target, this.dir)) return error("OUTPUT_OUTSIDE", null, { path: shown });
    if (target === entry.path || this.isInput(target)) return error("OUTPUT_IS_INPUT", null, { path: shown });
    const first = this.written.get(target) ?? (this.options.incremental && this.hadState ? this.markers.claimedElsewhere(target, entry) : null);
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
      return error("WRITE_ERROR", null, { path: shown, detail: describeError(err), ...errnoOf(err) });
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
      if (kept.has(o) || path === this.dir || !inside(path, this.dir) || this.written.has(path)) continue;
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
    const target = this.markers.path(rel);
    const state = join(this.dir, STATE_DIR);
    if (target === state || !inside(target, state)) return null;
    // Gone, it is not done, but the outputs it left are still recorded (and removed when it returns changed).
    const { done, changed } = lookAgain(entry.raw ?? entry.path, read);
    try {
      const old = this.hadState ? this.markers.read(rel) : null;
      if (old !== null) this.removeStale(old.outputs, outputs);
      this.markers.makeDir(target);
      const marker = this.markers.make(rel, read, done, failed, outputs, ids);
      if (!this.tempReady) {
        makeDirs(this.tempDir);
        this.tempReady = true;
      }
      writeAtomic(target, `${JSON.stringify(marker)}\n`, this.tempDir);
    } catch (err) {
      return error("WRITE_ERROR", null, { path: this.show(target), detail: describeError(err), ...errnoOf(err) });
    }
    return changed;
  }
}

/** The failed call's errno code, kept in the diagnostic's data so that the batch can tell an input's own name (ENAMETOOLONG) from the run's I/O failure. */
function errnoOf(err: unknown): { errno?: string } {
  const code = (err as NodeJS.ErrnoException).code;
  return typeof code === "string" ? { errno: code } : {};
}
