// The inputs a run is given, and the options and state of their expansion (inputs.ts).
import type { Diagnostic } from "../../diagnostics.js";

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
  /** Told of each file a directory walk passes over because --glob does not pick it (watch notes them). */
  passedOver?: (path: string) => void;
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
