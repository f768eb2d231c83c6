/**
 * The batch's own outputs besides stdout, opened before any input is read: the --out-dir tree,
 * the -o file, the --errors log and the --db store, each checked by identity against the inputs
 * (output/identity.ts) first; and how they are settled when the run ends.
 */
import { resolve } from "node:path";
import type { RunOptions } from "./args/options.js";
import { globMatchers } from "./inputs/globs.js";
import type { Io, Sink } from "./io.js";
import { errorsProblem, outIsInput, type Identity } from "./output/identity.js";
import { OutputFile } from "./output/output-file.js";
import { OutTree } from "./output/out-tree.js";
import { exitCode, type RunStatus } from "./report/exit-code.js";
import { describeError } from "./report/fs-errors.js";
import { ErrorLog, type Tally } from "./report/report.js";
import type { Store } from "./store/store.js";
import { StoreError } from "./store/store-error.js";
import { isPostgres } from "./store/target.js";
import { VERSION } from "../version.js";

/** The run's own outputs besides stdout, opened before any input is read. */
export interface Targets {
  tree: OutTree | null;
  log: ErrorLog | null;
  file: OutputFile | null;
  /** The --db store, or null. */
  store: Store | null;
}

/** Open the --out-dir directory, the -o file and the --errors file; null, after saying why on `err`, when one cannot be created. */
async function openFiles(options: RunOptions, out: Sink, err: Sink, ids: Identity): Promise<Targets | null> {
  const { records, errors } = options;
  // Identity, not spelling: the outputs are checked against the inputs before any work.
  const clash =
    records.kind === "dir" && outIsInput(records.path, ids)
      ? `the output directory ${records.shown} is also an input`
      : errors.kind === "file"
        ? errorsProblem(errors.path, errors.shown, ids, await wouldRead(options))
        : null;
  if (clash !== null) {
    await err.write(`ingest: error: ${clash}\n`);
    return null;
  }
  let tree: OutTree | null = null;
  if (records.kind === "dir") {
    try {
      tree = OutTree.open(records.path, records.shown, ids);
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
      await err.write(`ingest: error: cannot create the --errors file ${errors.shown}: ${describeError(e)}\n`);
      return null;
    }
  }
  return { tree, log, file, store: null };
}

/** The walk's own matchers, to tell whether a file under a walked directory would be read. */
async function wouldRead(options: RunOptions): Promise<{ include: (rel: string) => boolean; exclude: (rel: string) => boolean; hidden: boolean }> {
  const m = await globMatchers({ glob: options.glob, iglob: options.iglob, exclude: options.exclude });
  return { include: m.include, exclude: m.exclude, hidden: options.hidden };
}

/** Open every target, the store last (it is one more written path: never an input, nor where a walk would read it); null, after saying why, when one cannot be used. */
export async function openTargets(options: RunOptions, io: Io, out: Sink, err: Sink, ids: Identity): Promise<Targets | null> {
  const targets = await openFiles(options, out, err, ids);
  if (targets === null || options.db === null) return targets;
  const db = options.db.target;
  const clash = isPostgres(db) ? null : errorsProblem(resolve(io.cwd, db), db, ids, await wouldRead(options), "the store");
  if (clash !== null) await err.write(`ingest: error: ${clash}\n`);
  const store = clash === null ? await openStore(options, io, err) : null;
  if (store === null) {
    await targets.file?.abort();
    targets.tree?.close();
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
    await store.begin(process.argv.slice(2), VERSION);
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
export async function settleOutputFile(file: OutputFile, shown: string, err: Sink, status: RunStatus): Promise<void> {
  if (status.interrupted) return file.abort();
  try {
    await file.commit();
  } catch (e) {
    await err.write(`ingest: error: cannot write the output file ${shown}: ${describeError(e)}\n`);
    status.io = true;
  }
}
