// src/cli/watch/: `ingest watch DIR`, a long-running batch. Its flags, the event source and
// settling, the exactly-once path (ingest, commit, durable, journal) and its status line; it
// converts with convert/ and reports with report/ as a batch does.
/**
 * `ingest watch DIR`: ingest a drop directory as files arrive, exactly once.
 * chokidar reports files appearing and changing; the Settler decides when
 * each is complete; files already there are caught up first; one input at a
 * time goes through ingest.ts, whose journal makes restarts exact.
 */
import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import type { Io, Sink } from "../io.js";
import { describeError } from "../report/fs-errors.js";
import { makeDirs } from "../output/make-dirs.js";
import type { Store } from "../store/store.js";
import { StoreError } from "../store/store-error.js";
import { VERSION } from "../../version.js";
import { inputFilter } from "./paths.js";
import { closedStreamProblem } from "../output/closed.js";
import { WriteGuard } from "../output/guard.js";
import { watchTargets } from "../output/targets.js";
import { at, closeOpened, journalOf, openFiles, resolvePlaces, warnDamaged } from "./open.js";
import type { WatchOptions } from "./options.js";
import { WatchRun } from "./run.js";

/** Run a watch until stopped (SIGINT, SIGTERM, or with --once when nothing is left); returns the exit code. */
export async function watch(o: WatchOptions, io: Io, out: Sink, err: Sink): Promise<number> {
  const started = Date.now();
  const fail = async (message: string): Promise<number> => {
    await err.write(`ingest: error: ${message}\n`);
    return 2;
  };
  const places = resolvePlaces(o, io);
  if (typeof places === "string") return fail(places);
  const closed = closedStreamProblem(io.stdout, io.stderr, places.outDir === null);
  if (closed !== null) return fail(closed);
  const own = [places.outDir, places.archive, places.quarantine].filter((d): d is string => d !== null);
  const filter = await inputFilter(places.inbox, o.glob, o.exclude, own);
  // Every path the watch writes, checked against the watched directory (and what would be taken
  // from it) and against each other, by identity, before anything is opened (output/guard.ts).
  const journalPath = journalOf(o, io, places);
  const writes = new WriteGuard().read({ kind: "root", path: places.inbox, display: o.dir, reads: filter.candidate, watched: true });
  for (const t of watchTargets({ ...places, out: o.out, journal: journalPath, errors: at(io, o.errors), log: at(io, o.log), shown: o }, o.db ?? null, io.cwd))
    writes.write(t);
  const clash = writes.check();
  if (clash !== null) return fail(clash);
  // Outputs never land among the inputs (out-tree.ts checks, by real path).
  const guard = { files: new Set<string>(), roots: [realpathSync(places.inbox)] };
  // The output directory is made now: one that cannot be is a usage problem at start, not a failure midway.
  if (places.outDir !== null) {
    try {
      makeDirs(places.outDir);
    } catch (e) {
      return fail(`cannot create the output directory ${o.out}: ${describeError(e)}`);
    }
  }
  const opened = openFiles(o, io, places, journalPath?.path ?? null);
  if (typeof opened === "string") return fail(opened);
  if (opened.journal !== null) await warnDamaged(opened.journal, err);
  if (opened.journal === null && places.archive === null && !o.quiet) {
    await err.write("ingest: note: no --out, --journal or --archive: a restart ingests every file present again\n");
  }
  let store: Store | null = null;
  if (o.db) {
    const { openStore } = await import("../store/open.js");
    try {
      // Durable: each group's rows are committed (and synced) before its journal entries are written.
      store = await openStore(o.db, resolve(io.cwd, o.db), { env: io.env, durable: true });
      await store.begin([...(io.argv ?? [])], VERSION);
    } catch (e) {
      await store?.close();
      closeOpened(opened);
      if (e instanceof StoreError) return fail(e.message);
      throw e;
    }
  }
  const run = new WatchRun(o, io, out, err, places, opened, guard, store);
  await run.run(filter);
  return run.finish(started);
}
