// Opening a watch: its directories resolved, its locks taken, its journal and logs opened.
import { realpathSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Io, Sink } from "../io.js";
import { describeError } from "../report/fs-errors.js";
import { type Lock, lockInbox, lockJournal, lockTree } from "../output/lock.js";
import type { WatchPaths } from "../output/targets.js";
import { Journal, NotAJournal } from "./journal.js";
import { sweepTemps } from "./paths.js";
import { AppendLog } from "./status.js";
import type { WatchOptions } from "./options.js";

/** The journal's name inside --out when --journal is not given. */
export const JOURNAL_NAME = ".ingest-journal.jsonl";

/** The directories of a watch, resolved against the working directory. */
export interface Places {
  inbox: string;
  outDir: string | null;
  archive: string | null;
  quarantine: string | null;
}

/** The files a watch appends to, open for its whole run, and the locks it holds meanwhile. */
export interface Opened {
  journal: Journal | null;
  errors: AppendLog | null;
  log: AppendLog | null;
  locks: Lock[];
}

/** The roots and files outputs must never land among. */
export interface Guard {
  files: Set<string>;
  roots: string[];
}

/** A file that could not be opened; its message names it. */
class OpenFailed extends Error {}

/** Damaged lines of the journal, skipped (journal.ts): said once, at start, by their numbers. */
export async function warnDamaged(journal: Journal, err: Sink): Promise<void> {
  const damaged = journal.loaded.damaged;
  if (damaged.length === 0) return;
  const one = damaged.length === 1;
  const shown = damaged.slice(0, 10).join(", ") + (damaged.length > 10 ? ` and ${damaged.length - 10} more` : "");
  await err.write(
    `ingest: warning: the journal ${journal.path}: ${one ? "line" : "lines"} ${shown} ${one ? "is" : "are"} damaged (not a journal entry); skipped, the lines after kept (an input whose entry it was is ingested again)\n`,
  );
}

/** Close what openFiles opened and give back its locks. */
export function closeOpened(opened: Opened): void {
  opened.journal?.close();
  opened.errors?.close();
  opened.log?.close();
  for (const l of opened.locks) l.release();
}

/** The watched directory and the others, checked; a message when they cannot be used together. */
export function resolvePlaces(o: WatchOptions, io: Io): Places | string {
  const at = (p: string | null): string | null => (p === null ? null : resolve(io.cwd, p));
  const inbox = resolve(io.cwd, o.dir);
  const outDir = at(o.out),
    archive = at(o.archive),
    quarantine = at(o.quarantine);
  try {
    if (!statSync(inbox).isDirectory()) return `${o.dir} is not a directory`;
  } catch (e) {
    return `cannot watch ${o.dir}: ${describeError(e)}`;
  }
  // Where the other directories may lie is the write guard's (output/guard.ts).
  return { inbox, outDir, archive, quarantine };
}

export const at = (io: Io, p: string | null): string | null => (p === null ? null : resolve(io.cwd, p));

/** The journal's path: --journal, else inside --out-dir; none on standard output unless named. */
export function journalOf(o: WatchOptions, io: Io, places: Places): WatchPaths["journal"] {
  if (o.journal !== null) return { path: resolve(io.cwd, o.journal), display: o.journal, own: false };
  if (places.outDir !== null) return { path: join(places.outDir, JOURNAL_NAME), display: join(o.out ?? places.outDir, JOURNAL_NAME), own: true };
  return null;
}

/** Open what `what` names, or throw OpenFailed saying which file and why. */
function opening<T>(what: string, open: () => T): T {
  try {
    return open();
  } catch (e) {
    // A file that is not a journal of ours says so itself.
    throw new OpenFailed(e instanceof NotAJournal ? e.message : `cannot open ${what}: ${describeError(e)}`);
  }
}

/**
 * Take the locks a watch needs (output/lock.ts), then open the journal, --errors and --log, and
 * sweep stale temporary files; a message when one fails (nothing is left open or held). Locks:
 * the --out-dir tree (a batch or another watch writing into it would interleave), the journal
 * (two watches appending to one would ingest each file twice), and the inbox when files are
 * moved out of it (two watches would race for each file).
 */
export function openFiles(o: WatchOptions, io: Io, places: Places, journalPath: string | null): Opened | string {
  const { errors, log } = o;
  const { quarantine } = places;
  const opened: Opened = { journal: null, errors: null, log: null, locks: [] };
  const lock = (taken: Lock | string): void => {
    if (typeof taken === "string") throw new OpenFailed(taken);
    opened.locks.push(taken);
  };
  try {
    if (places.outDir !== null) lock(opening(`the output directory ${o.out}`, () => lockTree(places.outDir as string, o.out ?? "", null, "ingest watch")));
    if (journalPath !== null) lock(opening(`the journal ${journalPath}`, () => lockJournal(journalPath)));
    // The inbox's lock goes where its files go: made now, so a directory that cannot be is said at start.
    const movesTo = places.archive ?? places.quarantine;
    const movesFlag = places.archive !== null ? `--archive directory ${o.archive}` : `--quarantine directory ${o.quarantine}`;
    if (movesTo !== null) lock(opening(`the ${movesFlag} (where the lock on ${o.dir} goes)`, () => lockInbox(realpathSync(places.inbox), o.dir, movesTo)));
    if (journalPath !== null) opened.journal = opening(`the journal ${journalPath}`, () => Journal.open(journalPath));
    if (errors !== null) opened.errors = opening(`the --errors file ${errors}`, () => AppendLog.open(resolve(io.cwd, errors), `the --errors file ${errors}`));
    if (log !== null) opened.log = opening(`the --log file ${log}`, () => AppendLog.open(resolve(io.cwd, log), `the --log file ${log}`));
    // The --out tree sweeps its own temporary directory when opened (out-tree.ts).
    if (quarantine !== null) opening("stale temporary files", () => sweepTemps(quarantine));
  } catch (e) {
    opened.journal?.close();
    opened.errors?.close();
    for (const l of opened.locks) l.release();
    if (e instanceof OpenFailed) return e.message;
    throw e;
  }
  return opened;
}
