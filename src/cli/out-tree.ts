/**
 * The --out tree: one pretty-printed JSON file per article, mirroring the
 * input tree, written atomically and never outside the output directory.
 */
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, realpath, stat } from "node:fs/promises";
import { basename, dirname, extname, join, relative, sep } from "node:path";
import { error, type Diagnostic } from "../diagnostics.js";
import { describeError } from "./fs-errors.js";
import type { InputEntry } from "./inputs.js";

type FileEntry = Extract<InputEntry, { kind: "file" }>;

const inside = (path: string, dir: string): boolean => path.startsWith(dir + sep);
let serial = 0;

/** The output path of article `article` of an input holding `count` articles: `a.json`, or `a.1.json`, `a.2.json` … */
export function outputPath(outDir: string, entry: FileEntry, article: number, count: number): string {
  const rel = relative(entry.root, entry.path);
  const stem = rel.slice(0, rel.length - extname(rel).length) || rel;
  return join(outDir, count === 1 ? `${stem}.json` : `${stem}.${article}.json`);
}

/** Write `text` to `target` through a temporary file in the same directory and a rename, so no reader ever sees half a file. */
export async function writeAtomic(target: string, text: string): Promise<void> {
  // Dot-prefixed and pid-tagged: hidden from the next walk and unique across concurrent runs.
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${serial++}.tmp`);
  // Synchronous: two system calls per file, where the promise API cost ~0.1 ms of main-thread
  // time each (a batch with --out spent most of its CPU there).
  try {
    writeFileSync(temp, text, { flag: "wx" });
    renameSync(temp, target);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/** The output directory of one run: remembers what it wrote, to refuse two inputs claiming one output. */
export class OutTree {
  private readonly written = new Map<string, string>();
  private readonly checkedDirs = new Set<string>();

  private constructor(
    /** Absolute. */
    readonly dir: string,
    private readonly realDir: string,
    /** As the user named it, for messages. */
    private readonly display: string,
  ) {}

  /** Create (if needed) and open the output directory. */
  static async open(dir: string, display: string): Promise<OutTree> {
    await mkdir(dir, { recursive: true });
    return new OutTree(dir, await realpath(dir), display);
  }

  private show(path: string): string {
    return join(this.display, relative(this.dir, path));
  }

  /** True when the input's output exists and is not older than the input (--incremental). */
  async upToDate(entry: FileEntry): Promise<boolean> {
    try {
      const input = await stat(entry.path);
      for (const target of [outputPath(this.dir, entry, 1, 1), outputPath(this.dir, entry, 1, 2)]) {
        const output = await stat(target).catch(() => null);
        if (output) return output.mtimeMs >= input.mtimeMs;
      }
    } catch {
      // An unreadable input is converted, so that its error is reported.
    }
    return false;
  }

  /** Write one article's `text` as `<dir>/<mirrored path>.json`; returns the problem instead of throwing. */
  async write(entry: FileEntry, article: number, count: number, text: string): Promise<Diagnostic | null> {
    const target = outputPath(this.dir, entry, article, count);
    const shown = this.show(target);
    if (!inside(target, this.dir)) return error("OUTPUT_OUTSIDE", null, { path: shown });
    if (target === entry.path) return error("OUTPUT_IS_INPUT", null, { path: shown });
    const first = this.written.get(target);
    if (first !== undefined) return error("OUTPUT_CONFLICT", null, { path: shown, first });
    try {
      const parent = dirname(target);
      if (!this.checkedDirs.has(parent)) {
        await mkdir(parent, { recursive: true });
        // A symbolic link inside the output tree must not carry writes elsewhere.
        const real = await realpath(parent);
        if (real !== this.realDir && !inside(real, this.realDir)) return error("OUTPUT_OUTSIDE", null, { path: shown });
        this.checkedDirs.add(parent);
      }
      await writeAtomic(target, text);
    } catch (err) {
      return error("WRITE_ERROR", null, { path: shown, detail: describeError(err) });
    }
    this.written.set(target, entry.display);
    return null;
  }
}
