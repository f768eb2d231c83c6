// The marker store: `.ingest/<input>.json` under the --out tree, one per input, saying what a
// conversion of it read, under which options, and what it wrote; --incremental trusts only a
// marker that says done, for these options, of the input as it is now (out-tree.ts).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, extname, join, relative, sep } from "node:path";
import type { InputEntry } from "../inputs/inputs.js";
import { type Diagnostic, warning } from "../../diagnostics.js";
import { hashFile, racy, type ReadIdentity, unchangedSince } from "../convert/read-identity.js";
import { fitName, isFitted } from "./fit-name.js";
import { makeDirs } from "./make-dirs.js";

type FileEntry = Extract<InputEntry, { kind: "file" }>;

/** Where the markers live, under the output directory. */
export const STATE_DIR = ".ingest";

/** The marker format this build writes and trusts. */
const MARKER_VERSION = 2;

export const slash = (rel: string): string => rel.split(sep).join("/");

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
export interface Marker {
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

/** The markers of one output directory, under the options of one run. */
export class MarkerStore {
  /** Directories under .ingest/ made so far. */
  private readonly stateDirs = new Set<string>();
  /** The marker names of one directory of .ingest/ (the last one asked about), for the ownership check. */
  private markerListing: { dir: string; names: string[] } | null = null;

  constructor(
    /** The output directory, absolute. */
    private readonly dir: string,
    /** shapeKey of the run's options. */
    private readonly shape: string,
  ) {}

  /** `.ingest/<input path>.json`, its name cut to fit when the input's own name is long (fit-name.ts). */
  path(rel: string): string {
    return join(this.dir, STATE_DIR, dirname(rel), fitName(basename(rel), ".json"));
  }

  /** The marker of input `rel` (relative to its root), or null when there is none this build trusts. */
  read(rel: string): Marker | null {
    try {
      const m = JSON.parse(readFileSync(this.path(rel), "utf8")) as Partial<Marker>;
      // A marker of an older build, or of another input whose long name was cut the same way.
      return m.v === MARKER_VERSION && m.input === slash(rel) ? (m as Marker) : null;
    } catch {
      return null;
    }
  }

  /** What the marker of input `rel` (found at `input`) vouches for, or null. */
  trusted(rel: string, input: string | Buffer): Done | null {
    try {
      const m = this.read(rel);
      if (m === null || !vouches(m, this.shape, input)) return null;
      for (const o of m.outputs) statSync(join(this.dir, o));
      return { ids: m.ids, outputs: m.outputs };
    } catch {
      // A missing output is rewritten.
      return null;
    }
  }

  /**
   * --incremental: the input (other than `entry`) whose trusted marker claims `target`, shown as
   * the user would name it; null when none. Such an input is skipped in this run, so its claim
   * counts as if it had been written (found through the marker names of the target's directory).
   */
  claimedElsewhere(target: string, entry: FileEntry): string | null {
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

  /** Make the directory of marker `target` (once per directory). */
  makeDir(target: string): void {
    if (!this.stateDirs.has(dirname(target))) {
      makeDirs(dirname(target));
      this.stateDirs.add(dirname(target));
    }
  }

  /** The marker of input `rel`, from `read` (what was read of it), and what its conversion left. */
  make(rel: string, read: ReadIdentity | undefined, done: boolean, failed: boolean, outputs: string[], ids: Array<[string, number]>): Marker {
    return makeMarker(slash(rel), this.shape, read, done, failed, outputs, ids);
  }
}

/**
 * An input's name in the store's marks (--incremental with --db and no --out tree): its absolute
 * path, or for a name that is no UTF-8, its bytes. A mark from another machine with the same path
 * is not trusted unless the file's device, inode, size and time match as well.
 */
export const storeKey = (entry: FileEntry): string => (entry.raw !== undefined ? `bytes:${entry.raw.toString("base64")}` : entry.path);

/** A marker of `input` under options `shape`, from `read` (what was read of it), and what its conversion left. */
export function makeMarker(
  input: string,
  shape: string,
  read: ReadIdentity | undefined,
  done: boolean,
  failed: boolean,
  outputs: string[],
  ids: Array<[string, number]>,
): Marker {
  return {
    v: MARKER_VERSION,
    input,
    shape,
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
}

/**
 * Whether marker `m` vouches for the file at `input` as it is now, under options `shape`: it says
 * the input was read whole without a problem under these options, and the file has the same size,
 * time and inode (and, when those cannot prove it, the same sha256). The outputs it lists are the
 * caller's to check. An unreadable input is never vouched for: it is converted, so that its error
 * is reported.
 */
export function vouches(m: Marker, shape: string, input: string | Buffer): boolean {
  if (m.v !== MARKER_VERSION || !m.done || m.failed || m.shape !== shape) return false;
  try {
    const now = statSync(input);
    if (m.size !== now.size || m.mtimeMs !== now.mtimeMs || m.ino !== now.ino || m.dev !== now.dev) return false;
    // Modified too close to its read for the stat to prove the bytes: the bytes, then.
    return m.verify !== true || hashFile(input) === m.hash;
  } catch {
    return false;
  }
}

/**
 * Just before a mark is written: whether the input at `path`, looked at now, is still the file
 * `read` read whole (the mark then says done), and if it is not (and was read, and is still
 * there) the INPUT_CHANGED warning saying how it changed (the next --incremental run converts it again).
 */
export function lookAgain(path: string | Buffer, read: ReadIdentity | undefined): { done: boolean; changed: Diagnostic | null } {
  let now: ReturnType<typeof statSync> | null = null;
  try {
    now = statSync(path);
  } catch {
    // Gone: nothing to vouch for.
  }
  const done = read !== undefined && unchangedSince(read, now);
  return { done, changed: done || read === undefined || now === null ? null : warning("INPUT_CHANGED", null, { detail: changeOf(read, now) }) };
}

/** What changed between a read and now, in a few words. */
export function changeOf(read: ReadIdentity, now: { size: number; mtimeMs: number; ino: number; dev: number }): string {
  if (now.ino !== read.ino || now.dev !== read.dev) return "another file was put in its place";
  if (!read.complete) return `${read.read} of its ${read.size} bytes were read`;
  if (now.size > read.size) return `it grew from ${read.size} to ${now.size} bytes`;
  if (now.size < read.size) return `it shrank from ${read.size} to ${now.size} bytes`;
  return "it was modified";
}
