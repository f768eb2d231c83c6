// What the write guard (guard.ts) is told: the targets a run writes, how each is written, and the sources it reads.
/** How a target is written, which decides what may already be there and what may lie around it. */
export type WriteMode =
  /** A file written to a temporary file beside it and renamed over it (`-o`). */
  | "replace"
  /** A file opened for appending whole JSON lines (`--errors`, `--log`, the journal). */
  | "append"
  /** A file written in place by a library (the store's SQLite file and its side files). */
  | "store"
  /** A directory of one output file per article, with ingest's own state inside (`--out-dir`). */
  | "tree"
  /** A directory inputs are moved into, keeping their names (`--archive`, `--quarantine`). */
  | "moves";

export interface Target {
  /** The flag as the user gave it: `-o`, `--errors`, `--journal`, ... */
  flag: string;
  /** How it is named in messages: "the output file", "the --errors file", "the journal", ... */
  what: string;
  /** Absolute. */
  path: string;
  /** As the user named it. */
  display: string;
  mode: WriteMode;
  /** Other paths written for it: the temporary file beside a replaced file, a store's side files. */
  also?: readonly string[];
  /**
   * For a file inside a "tree" target: it is that tree's own (the watch's default journal), so
   * lying inside it is no clash.
   */
  ownedBy?: string;
  /** A "tree" target may hold the walked directories (a batch's `--out-dir .` above its inputs). */
  mayHoldInputs?: boolean;
}

/** Something the run reads. */
export type Source =
  /** A named input file (or one listed in --files-from). */
  | { kind: "file"; path: string; display: string }
  /**
   * A walked directory; `reads` says whether a file at `rel` (relative to it, `/`-separated)
   * would be read as an input by this walk (or, for a watch, by a later look at the directory).
   */
  | { kind: "root"; path: string; display: string; reads: (rel: string) => boolean; watched?: boolean }
  /** A glob pattern argument; `matches` takes a path relative to the working directory, or absolute. */
  | { kind: "pattern"; display: string; matches: (path: string) => boolean };
