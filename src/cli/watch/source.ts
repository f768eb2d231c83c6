/**
 * Where the inputs of `ingest watch` come from: chokidar's events for files
 * that appear or change, and the catch-up walk over the files already there.
 */
import type { FSWatcher } from "chokidar";
import { expandInputs, type ExpandState } from "../inputs/inputs.js";
import { describeError } from "../report/fs-errors.js";
import { relSlash } from "./durable.js";
import type { InputFilter } from "./paths.js";

export interface SourceOptions {
  /** Absolute, and as the user named it. */
  inbox: string;
  dir: string;
  poll: boolean;
  pollInterval: number;
}

export interface SourceEvents {
  /** A file appeared or changed (relative path, a candidate input). */
  seen: (rel: string) => void;
  /** A file --glob passes over (relative path): noted, never read. */
  passed: (rel: string) => void;
  gone: (rel: string) => void;
  /** The watch cannot go on (out of watches or descriptors). */
  fatal: (message: string) => void;
  /** A problem worth saying; the watch goes on. */
  problem: (message: string) => void;
}

/** Start chokidar on the directory; resolves once its first scan is done (`ready`). */
export async function startWatcher(o: SourceOptions, filter: InputFilter, on: SourceEvents): Promise<FSWatcher> {
  const { watch } = await import("chokidar");
  const watcher = watch(o.inbox, {
    ignoreInitial: true,
    ignored: filter.ignored,
    usePolling: o.poll,
    interval: o.pollInterval,
    binaryInterval: o.pollInterval,
    followSymlinks: false,
    persistent: true,
  });
  const seen = (path: string): void => {
    const rel = relSlash(o.inbox, path);
    if (filter.candidate(rel)) on.seen(rel);
    else if (filter.passed(rel)) on.passed(rel);
  };
  watcher.on("add", seen).on("change", seen);
  watcher.on("unlink", (path: string) => on.gone(relSlash(o.inbox, path)));
  watcher.on("error", (e: unknown) => {
    const code = (e as NodeJS.ErrnoException).code;
    // Out of watches or descriptors: nothing new would be seen, so the watch stops (exit 2).
    // Anything else (a subdirectory that cannot be read) is said, and the watch goes on.
    if (code === "ENOSPC" || code === "EMFILE" || code === "ENFILE") on.fatal(`watching ${o.dir}: ${describeError(e)}${o.poll ? "" : " (--poll may help)"}`);
    else on.problem(`watching ${o.dir}: ${describeError(e)}`);
  });
  await new Promise<void>((done) => watcher.once("ready", done));
  return watcher;
}

/**
 * The files already there, in the batch's order (inputs.ts), each handed to `take`; returns the
 * set of their relative paths. Run after the watcher is ready, so nothing arriving meanwhile is missed.
 */
export async function catchUp(
  o: SourceOptions & { cwd: string; glob: string[]; exclude: string[]; outDir: string | null },
  filter: InputFilter,
  take: (rel: string) => Promise<void>,
  stopped: () => boolean,
  passed: (rel: string) => void,
): Promise<Set<string>> {
  const state: ExpandState = { walked: false, skippedLinks: 0, skippedHidden: 0 };
  const present = new Set<string>();
  const expand = {
    cwd: o.cwd,
    glob: o.glob,
    exclude: o.exclude,
    hidden: false,
    followSymlinks: false,
    outDir: o.outDir,
    listSync: true,
    passedOver: (path: string) => {
      const rel = relSlash(o.inbox, path);
      if (filter.passed(rel)) passed(rel);
    },
  };
  for await (const entry of expandInputs([o.dir], expand, state)) {
    if (stopped()) break;
    if (entry.kind !== "file") continue;
    const rel = relSlash(o.inbox, entry.path);
    if (!filter.candidate(rel)) continue;
    present.add(rel);
    await take(rel);
  }
  return present;
}
