/**
 * The batch's own outputs besides stdout, opened before any input is read: the --out-dir tree,
 * the -o file, the --errors log and the --db store, each checked by identity against the inputs
 * (output/identity.ts) first; and how they are settled when the run ends.
 */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import type { RunOptions } from "./args/options.js";
import { globMatchers } from "./inputs/globs.js";
import type { Io, Sink } from "./io.js";
import type { InputEntry } from "./inputs/inputs.js";
import { type Target, walkReads, type WriteGuard } from "./output/guard.js";
import { inputIdentity } from "./output/identity.js";
import { batchGuard, listedClash } from "./output/targets.js";
import { OutputFile } from "./output/output-file.js";
import { lockTree, type Lock } from "./output/lock.js";
import { OutTree } from "./output/out-tree.js";
import { shapeKey } from "./output/markers.js";
import { parseShard } from "./inputs/shard.js";
import { exitCode, type RunStatus } from "./report/exit-code.js";
import { describeError } from "./report/fs-errors.js";
import { ErrorLog } from "./report/report.js";
import type { Tally } from "./report/tally.js";
import type { Store } from "./store/store.js";
import { StoreError } from "./store/store-error.js";
import { VERSION } from "../version.js";

/** The options that shape the --out-dir tree's outputs, which its markers record (output/out-tree.ts). */
export const outputShape = (o: RunOptions): string =>
  shapeKey({
    format: o.format,
    ninjsVersion: o.format === "ninjs" ? o.ninjsVersion : null,
    strict: o.strict,
    maxBytes: o.maxBytes,
    errorOn: [...o.errorOn],
  });

/** The run's own outputs besides stdout, opened before any input is read. */
export interface Targets {
  tree: OutTree | null;
  /** The --out-dir tree's lock (output/lock.ts), held until the run ends. */
  lock: Lock | null;
  log: ErrorLog | null;
  file: OutputFile | null;
  /** The --db store, or null. */
  store: Store | null;
  /** The write guard, for inputs a --files-from list on standard input leads to. */
  guard: WriteGuard;
}

/**
 * Whether the paths the run writes may be written: the write guard (output/guard.ts) compares
 * each with every input, every walked directory (and what the walk would reach), a --files-from
 * list's paths and each other, by identity. The guard, and the problem or null.
 */
async function guardProblem(inputs: string[], options: RunOptions, io: Io): Promise<{ guard: WriteGuard; problem: string | null }> {
  const guard = await batchGuard(inputs, options, io.cwd);
  const problem = guard.check();
  if (problem !== null || options.sources.filesFrom === null || guard.written.length === 0) return { guard, problem };
  const m = await globMatchers({ glob: options.glob, iglob: options.iglob, exclude: options.exclude });
  return { guard, problem: await listedClash(guard, options.sources.filesFrom, options.sources.nul, io.cwd, walkReads({ ...m, hidden: options.hidden })) };
}

/**
 * A --files-from list on standard input can be read only once, so it cannot be checked before
 * the run: each input it leads to is checked as it comes, by its stat, and the first that is a
 * file the run writes stops the run (`clash` says why) before -o replaces anything.
 */
export function admitter(guard: WriteGuard, clash: { message: string | null }): (e: InputEntry) => boolean {
  return (e) => {
    if (e.kind !== "file") return true;
    let target: Target | null = null;
    try {
      target = guard.isTarget(statSync(e.raw ?? e.path));
    } catch {
      // Unreadable or gone: the reader reports it.
    }
    if (target === null) return true;
    clash.message = `${target.what} ${target.display} is also an input (${e.display}); it would be overwritten`;
    return false;
  };
}

/** Open the --out-dir directory, the -o file and the --errors file; null, after saying why on `err`, when one cannot be created. */
async function openFiles(options: RunOptions, io: Io, out: Sink, err: Sink, inputs: string[]): Promise<Targets | null> {
  const { records, errors } = options;
  const { guard, problem: clash } = await guardProblem(inputs, options, io);
  if (clash !== null) {
    await err.write(`ingest: error: ${clash}\n`);
    return null;
  }
  let tree: OutTree | null = null;
  let lock: Lock | null = null;
  if (records.kind === "dir") {
    try {
      tree = OutTree.open(records.path, records.shown, inputIdentity(inputs, io.cwd), { shape: outputShape(options), incremental: options.incremental });
      // Shards of one split may write into one tree at once; any other second run refuses here, before any work.
      const shard = options.sources.shard !== null ? parseShard(options.sources.shard) : null;
      const taken = lockTree(records.path, records.shown, typeof shard === "object" ? shard : null, "ingest");
      if (typeof taken === "string") {
        await err.write(`ingest: error: ${taken}\n`);
        return null;
      }
      lock = taken;
    } catch (e) {
      await err.write(`ingest: error: cannot create the output directory ${records.shown}: ${describeError(e)}\n`);
      return null;
    }
  }
  let file: OutputFile | null = null;
  if (records.kind === "file") {
    try {
      file = await OutputFile.open(records.path);
    } catch (e) {
      lock?.release();
      await err.write(`ingest: error: cannot create the output file ${records.shown}: ${describeError(e)}\n`);
      return null;
    }
  }
  let log: ErrorLog | null = null;
  if (errors.kind === "stderr") log = ErrorLog.on(err);
  // --inline-errors: problems as JSON Lines on stdout, among the records (one stream for a pipe stage).
  else if (errors.kind === "stdout") log = ErrorLog.on(out);
  else if (errors.kind === "file") {
    try {
      log = await ErrorLog.open(errors.path);
    } catch (e) {
      await file?.abort();
      lock?.release();
      await err.write(`ingest: error: cannot create the --errors file ${errors.shown}: ${describeError(e)}\n`);
      return null;
    }
  }
  return { tree, lock, log, file, store: null, guard };
}

/** Open every target, the store last (the write guard has checked it with the others, output/targets.ts); null, after saying why, when one cannot be used. */
export async function openTargets(options: RunOptions, io: Io, out: Sink, err: Sink, inputs: string[]): Promise<Targets | null> {
  const targets = await openFiles(options, io, out, err, inputs);
  if (targets === null || options.db === null) return targets;
  const store = await openStore(options, io, err);
  if (store === null) {
    await targets.file?.abort();
    targets.tree?.close();
    targets.lock?.release();
    return null;
  }
  return { ...targets, store };
}

/** Open the --db store; null, after saying why on `err`, when it cannot be used. */
async function openStore(options: RunOptions, io: Io, err: Sink): Promise<Store | null> {
  if (options.db === null) return null;
  const { openStore } = await import("./store/open.js");
  let store: Store | null = null;
  try {
    store = await openStore(options.db.target, resolve(io.cwd, options.db.target), { env: io.env });
    await store.begin([...(io.argv ?? [])], VERSION);
    return store;
  } catch (e) {
    if (!(e instanceof StoreError)) throw e;
    await store?.close();
    await err.write(`ingest: error: ${e.message}\n`);
    return null;
  }
}

/** Commit the store and write the run's end in it; a failure is one line and exit 2. */
export async function finishStore(store: Store, t: Tally, status: RunStatus, err: Sink): Promise<void> {
  try {
    await store.finish({ files: t.files, records: t.records, errors: t.errors, warnings: t.warnings, exitCode: exitCode(status) });
  } catch (e) {
    if (!(e instanceof StoreError)) throw e;
    await err.write(`ingest: error: ${e.message}\n`);
    status.io = true;
  } finally {
    await store.close();
  }
}

/** With -o: the new file replaces the old one; interrupted, the old file (if any) stays as it was. */
export async function settleOutputFile(file: OutputFile, shown: string, err: Sink, status: RunStatus, othersFailed: boolean): Promise<void> {
  // A run stopped by a failed output (stderr or --errors on a full disk) read only some of its
  // inputs: its records never replace a complete file.
  if (status.interrupted || othersFailed) return file.abort();
  try {
    await file.commit();
  } catch (e) {
    await err.write(`ingest: error: cannot write the output file ${shown}: ${describeError(e)}\n`);
    status.io = true;
  }
}
