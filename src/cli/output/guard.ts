/**
 * The write guard: the one place that decides whether the paths a run writes may be written.
 *
 * Every path the tool writes is registered here as a target (`-o`, `--errors`, `--out-dir`, and
 * watch's `--journal`, `--log`, `--archive`, `--quarantine`; the store's file joins the same
 * way), and every path it reads as a source (named files, walked directories with what the walk
 * would reach, glob patterns, the paths of a `--files-from` list). Before any work, each target is
 * compared with every source and with every other target by device and inode, and by real path
 * (the nearest existing parent's, for what does not exist yet), never by spelling: a symbolic
 * link, a hard link, `./a` or an absolute path is still the same file. A target that exists must
 * be a file of the kind ingest writes: a regular file (never a named pipe, socket or device,
 * which could block or never end; /dev/null only where appending), with one name when it is
 * appended to, and beginning as ingest's own JSON Lines do when it would be replaced or appended.
 *
 * `check()` returns the first problem as the one line the run says (`ingest: error: ...`), or
 * null. The checks are pure reads: nothing is created or opened for writing here.
 */
import { lstatSync, type Stats } from "node:fs";
import { basename, join, relative, sep } from "node:path";
import { inside } from "../paths.js";
import { isDevNull, specialKind } from "../report/special-files.js";
import { type Place, place, same, head, SQLITE_HEADER, notOurs, isTreePath, pathsOf, isDir } from "./guard-places.js";
import type { Source, Target } from "./guard-types.js";
import { TREE_LOCKS } from "./lock.js";
import { STATE_DIR } from "./markers.js";
import { TEMP_DIR } from "./out-tree.js";

export type { Source, Target, WriteMode } from "./guard-types.js";
export { realPathOf } from "./guard-places.js";

/**
 * The guard of one run. Register every source and target, then `check()` once before any work;
 * `isTarget` answers for inputs found later (a listed path), by their stat.
 */
export class WriteGuard {
  private readonly sources: Array<Source & { at?: Place }> = [];
  private readonly targets: Array<Target & { at: Place[] }> = [];

  /** Something the run reads. */
  read(source: Source): this {
    this.sources.push(source.kind === "pattern" ? source : { ...source, at: place(source.path) });
    return this;
  }

  /** A path the run writes. */
  write(target: Target): this {
    this.targets.push({ ...target, at: pathsOf(target).map(place) });
    return this;
  }

  /** The targets registered, in order. */
  get written(): readonly Target[] {
    return this.targets;
  }

  /** The first problem with the registered paths, as the run's one-line message; null when none. */
  check(): string | null {
    for (const t of this.targets) {
      const p = this.itself(t) ?? this.againstSources(t) ?? this.content(t);
      if (p !== null) return p;
    }
    for (let i = 0; i < this.targets.length; i++) {
      for (let j = i + 1; j < this.targets.length; j++) {
        const p = this.pair(this.targets[i] as Target & { at: Place[] }, this.targets[j] as Target & { at: Place[] });
        if (p !== null) return p;
      }
    }
    return null;
  }

  /**
   * The file target an input found during the run is (a listed path, a hard link met on the
   * way), by its stat; null when it is none. The caller stops the run before anything of that
   * input is written.
   */
  isTarget(stats: Pick<Stats, "dev" | "ino">): Target | null {
    const key = `${stats.dev}:${stats.ino}`;
    return this.targets.find((t) => !isDir(t) && t.at.some((a) => a.key === key)) ?? null;
  }

  /** What is wrong with the target on its own: its kind, its links, its content. */
  private itself(t: Target & { at: Place[] }): string | null {
    const name = `${t.what} ${t.display}`;
    const at = t.at[0] as Place;
    const s = at.stats;
    if (s === null) return null;
    if (isDir(t)) return s.isDirectory() ? ownDirs(t, name) : `${name} is not a directory`;
    if (s.isDirectory()) return `${name} is a directory`;
    const special = specialKind(s);
    if (special !== null) {
      if (t.mode === "append" && isDevNull(s)) return null;
      const hint = t.flag === "--errors" ? " (--errors - writes to standard error)" : "";
      return `${name} is ${special}: ingest writes only regular files${hint}`;
    }
    return null;
  }

  /** A file that is there already must be ingest's own (one name, its content) before it is replaced, appended to or written in place. */
  private content(t: Target & { at: Place[] }): string | null {
    const s = (t.at[0] as Place).stats;
    if (s === null || !s.isFile()) return null;
    // Checked after the inputs, so that a hard link of a named input is said to be that input.
    if ((t.mode === "append" || t.mode === "store") && s.nlink > 1) {
      return `${t.what} ${t.display} has ${s.nlink} names (hard links): ingest writes in place only to a file with one name, which no input can be`;
    }
    if (s.size === 0) return null;
    if (t.mode === "store") {
      // SQLite's own header: anything else there is not a store ingest made.
      let first: Buffer;
      try {
        first = head(t.path, 16);
      } catch {
        return null; // unreadable: opening it decides
      }
      if (first.equals(SQLITE_HEADER)) return null;
      return `${t.what} ${t.display} exists and is not an SQLite database: ingest writes only into its own; remove it or name another file`;
    }
    if (t.mode !== "append" && t.mode !== "replace") return null;
    const not = notOurs(t.path);
    if (not === null) return null;
    return `${t.what} ${t.display} exists and ${not}: ingest ${t.mode === "append" ? "appends to" : "replaces"} only its own; remove it or name another file`;
  }

  /**
   * One more source checked against every target without being kept: for the paths of a long
   * --files-from list, read once before the run. The problem, or null.
   */
  against(source: Source): string | null {
    const s = source.kind === "pattern" ? source : { ...source, at: place(source.path) };
    for (const t of this.targets) {
      const p = this.targetAgainst(t, s);
      if (p !== null) return p;
    }
    return null;
  }

  /** The target against every source: never one of them, never where a walk would read it back. */
  private againstSources(t: Target & { at: Place[] }): string | null {
    for (const s of this.sources) {
      const p = this.targetAgainst(t, s);
      if (p !== null) return p;
    }
    return null;
  }

  private targetAgainst(t: Target & { at: Place[] }, s: Source & { at?: Place }): string | null {
    for (const [k, at] of t.at.entries()) {
      const p = isDir(t) ? this.dirAgainst(t, at, s) : this.fileAgainst(at, s);
      if (p === null) continue;
      const which = k === 0 ? `${t.what} ${t.display}` : `${t.what} ${t.display} (its ${basename(pathsOf(t)[k] as string)})`;
      return `${which} ${p}`;
    }
    return null;
  }

  private fileAgainst(at: Place, s: Source & { at?: Place }): string | null {
    if (s.kind === "pattern") {
      return s.matches(at.real) ? `is matched by the input pattern ${s.display}, so it would be read back as an input` : null;
    }
    const src = s.at as Place;
    if (s.kind === "file") return same(at, src) ? "is also an input; it would be overwritten" : null;
    if (at.key !== null && at.key === src.key) return "is an input directory";
    if (!inside(at.real, src.real) || at.real === src.real) return null;
    const rel = relative(src.real, at.real).split(sep).join("/");
    if (!s.reads(rel)) return null;
    return s.watched
      ? `is inside the watched directory ${s.display}, where it would be taken as an input (and its every line again)`
      : `is inside the input directory ${s.display}, where it would be read back as an input`;
  }

  private dirAgainst(t: Target, at: Place, s: Source & { at?: Place }): string | null {
    if (s.kind === "pattern") return null;
    const src = s.at as Place;
    if (s.kind === "file") return null; // an input inside a tree is checked file by file as the tree writes (OUTPUT_IS_INPUT)
    if (same(at, src)) return s.watched ? `is the watched directory ${s.display}` : "is also an input";
    // A batch's --out-dir inside a walked directory is passed over by the walk; anything else
    // written inside a watched directory would land among its inputs.
    if (inside(at.real, src.real)) return t.mode === "tree" && !s.watched ? null : `must be outside the watched directory ${s.display}`;
    if (inside(src.real, at.real) && !(t.mayHoldInputs === true)) {
      return t.mode === "tree" ? `holds the watched directory ${s.display}` : `must be outside the watched directory ${s.display}`;
    }
    return null;
  }

  /** Two targets: never one file, never one inside the other where either would write over the other. */
  private pair(a: Target & { at: Place[] }, b: Target & { at: Place[] }): string | null {
    const both = `${a.flag} ${a.display} and ${b.flag} ${b.display}`;
    if (!isDir(a) && !isDir(b)) return a.at.some((x) => b.at.some((y) => same(x, y))) ? `${both} name the same file` : null;
    if (isDir(a) && isDir(b)) return dirPair(a, b, both);
    return isDir(a) ? fileInDir(b, a) : fileInDir(a, b);
  }
}

/** The directories an --out-dir tree keeps its own files in (markers, temporary files, locks). */
const OWN_DIRS = [STATE_DIR, TEMP_DIR, TREE_LOCKS];

/**
 * A tree's own directories, where they exist, must be directories of that tree: a symbolic link
 * (or any other file) there would take markers, temporary files or locks out of it, over an
 * input or into a walked directory.
 */
function ownDirs(t: Target, name: string): string | null {
  if (t.mode !== "tree") return null;
  for (const own of OWN_DIRS) {
    let s: Stats;
    try {
      s = lstatSync(join(t.path, own));
    } catch {
      continue; // not there yet: made as a directory when needed
    }
    if (s.isDirectory()) continue;
    const kind = s.isSymbolicLink() ? "a symbolic link" : "not a directory";
    return `${name}: its ${own} is ${kind}; ingest keeps its own files there and writes nothing out of the tree through it: remove it`;
  }
  return null;
}

/** Two directories written: never nested, and one only when both take moved inputs. */
function dirPair(a: Target & { at: Place[] }, b: Target & { at: Place[] }, both: string): string | null {
  const [x, y] = [a.at[0] as Place, b.at[0] as Place];
  // The archive and the quarantine may be one directory: every delivery there keeps its own name.
  if (same(x, y)) return a.mode === "moves" && b.mode === "moves" ? null : `${both} name the same directory`;
  if (inside(x.real, y.real) || inside(y.real, x.real)) return `${both} lie one inside the other`;
  return null;
}

/** A file written inside a directory written: not where that directory's own files go (a tree's .json files and state; anything moved in). */
function fileInDir(file: Target & { at: Place[] }, dir: Target & { at: Place[] }): string | null {
  const d = dir.at[0] as Place;
  if (file.ownedBy === dir.flag) return null;
  for (const f of file.at) {
    if (!inside(f.real, d.real) || f.real === d.real) continue;
    if (dir.mode === "moves" || isTreePath(relative(d.real, f.real))) {
      return `${file.flag} ${file.display} is inside ${dir.what} ${dir.display}, where ingest writes its own files`;
    }
  }
  return null;
}

/** Whether `rel` (`/`-separated, relative to a walked directory) would be read by a walk with these matchers. */
export function walkReads(m: { include: (rel: string) => boolean; exclude: (rel: string) => boolean; hidden: boolean }): (rel: string) => boolean {
  return (rel) => {
    const parts = rel.split("/");
    if (!m.hidden && parts.some((p) => p.startsWith("."))) return false;
    // An excluded directory is not walked at all.
    for (let i = 1; i <= parts.length; i++) if (m.exclude(parts.slice(0, i).join("/"))) return false;
    return m.include(rel);
  };
}
