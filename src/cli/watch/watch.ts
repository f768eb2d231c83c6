// src/cli/watch/: `ingest watch DIR`, a long-running batch. Its flags, the event source and
// settling, the exactly-once path (ingest, commit, durable, journal) and its status line; it
// converts with convert/ and reports with report/ as a batch does.
/**
 * `ingest watch DIR`: ingest a drop directory as files arrive, exactly once.
 * chokidar reports files appearing and changing; the Settler decides when
 * each is complete; files already there are caught up first; one input at a
 * time goes through ingest.ts, whose journal makes restarts exact.
 */
import { realpathSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { FSWatcher } from "chokidar";
import type { Io, Sink } from "../io.js";
import { describeError } from "../report/fs-errors.js";
import { DurableDirs } from "./durable.js";
import { makeDirs } from "../output/make-dirs.js";
import { OutTree, shapeKey } from "../output/out-tree.js";
import { commit } from "./commit.js";
import { type Committed, prepare, StdoutClosed, WatchFatal, type IngestContext, type Prepared } from "./ingest.js";
import { Journal, NotAJournal } from "./journal.js";
import { type Lock, lockInbox, lockJournal, lockTree } from "../output/lock.js";
import { diagnosticJson, formatDiagnostic } from "../report/report.js";
import type { Reported } from "../report/diagnostic-line.js";
import { DEFAULT_MAX_BYTES } from "../args/options.js";
import type { Store } from "../store/store.js";
import { StoreError } from "../store/store-error.js";
import { VERSION } from "../../version.js";
import { type InputFilter, inputFilter, sweepTemps } from "./paths.js";
import { closedStreamProblem } from "../output/closed.js";
import { WriteGuard } from "../output/guard.js";
import { type WatchPaths, watchTargets } from "../output/targets.js";
import { Settler } from "./settle.js";
import { catchUp, startWatcher } from "./source.js";
import { AppendLog, formatStatus, formatWatchSummary, newWatchTally, StatusLine, Teller } from "./status.js";

export interface WatchOptions {
  dir: string;
  out: string | null;
  errors: string | null;
  /** --glob patterns, as a batch takes them (none: every .txt file, in any case). */
  glob: string[];
  exclude: string[];
  settle: number;
  poll: boolean;
  pollInterval: number;
  archive: string | null;
  quarantine: string | null;
  journal: string | null;
  log: string | null;
  once: boolean;
  strict: boolean;
  maxBytes: number;
  quiet: boolean;
  /** --db: the store, or null. */
  db?: string | null;
}

/** The options that shape a watch's outputs, as its journal entries record them (out-tree.ts shapeKey). */
const watchShape = (strict: boolean, maxBytes: number): string => shapeKey({ format: "json", ninjsVersion: null, strict, maxBytes, errorOn: [] });

/** The journal's name inside --out when --journal is not given. */
export const JOURNAL_NAME = ".ingest-journal.jsonl";

/** Inputs committed together at most (see the loop). */
const GROUP = 64;

/** The directories of a watch, resolved against the working directory. */
interface Places {
  inbox: string;
  outDir: string | null;
  archive: string | null;
  quarantine: string | null;
}

/** The files a watch appends to, open for its whole run, and the locks it holds meanwhile. */
interface Opened {
  journal: Journal | null;
  errors: AppendLog | null;
  log: AppendLog | null;
  locks: Lock[];
}

/** The roots and files outputs must never land among. */
interface Guard {
  files: Set<string>;
  roots: string[];
}

/** A file that could not be opened; its message names it. */
class OpenFailed extends Error {}

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
      await store.begin(process.argv.slice(2), VERSION);
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

/** Damaged lines of the journal, skipped (journal.ts): said once, at start, by their numbers. */
async function warnDamaged(journal: Journal, err: Sink): Promise<void> {
  const damaged = journal.loaded.damaged;
  if (damaged.length === 0) return;
  const one = damaged.length === 1;
  const shown = damaged.slice(0, 10).join(", ") + (damaged.length > 10 ? ` and ${damaged.length - 10} more` : "");
  await err.write(
    `ingest: warning: the journal ${journal.path}: ${one ? "line" : "lines"} ${shown} ${one ? "is" : "are"} damaged (not a journal entry); skipped, the lines after kept (an input whose entry it was is ingested again)\n`,
  );
}

/** Close what openFiles opened and give back its locks. */
function closeOpened(opened: Opened): void {
  opened.journal?.close();
  opened.errors?.close();
  opened.log?.close();
  for (const l of opened.locks) l.release();
}

/** The watched directory and the others, checked; a message when they cannot be used together. */
function resolvePlaces(o: WatchOptions, io: Io): Places | string {
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

const at = (io: Io, p: string | null): string | null => (p === null ? null : resolve(io.cwd, p));

/** The journal's path: --journal, else inside --out-dir; none on standard output unless named. */
function journalOf(o: WatchOptions, io: Io, places: Places): WatchPaths["journal"] {
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
function openFiles(o: WatchOptions, io: Io, places: Places, journalPath: string | null): Opened | string {
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

/** One watch's state, from the signal listener and the settler to the summary. */
class WatchRun {
  private readonly tally = newWatchTally();
  /** Inputs complete and waiting, in arrival order (a Set: a file reported twice is queued once). */
  private readonly queue = new Set<string>();
  /** Owners of outputs, from the journal, to refuse a second input claiming one. */
  private readonly owners = new Map<string, string>();
  private readonly settler: Settler;
  private readonly status: StatusLine | null;
  private readonly tell: Teller;
  private readonly ctx: IngestContext;
  private readonly onInt: () => void;
  private wake: (() => void) | null = null;
  private stopped: string | null = null;
  private fatal: string | null = null;
  private watcher: FSWatcher | null = null;
  private doneCount = 0;
  /** Inputs that could not be read, with the delay before the next try (ms) and its timer. */
  private readonly unreadable = new Map<string, { delay: number; timer: NodeJS.Timeout | null }>();
  /** The watched directory's identity at start, and the timer that checks it is still there. */
  private inboxKey = "";
  private inboxCheck: NodeJS.Timeout | null = null;

  constructor(
    private readonly o: WatchOptions,
    private readonly io: Io,
    private readonly out: Sink,
    private readonly err: Sink,
    private readonly places: Places,
    private readonly opened: Opened,
    private readonly guard: Guard,
    private readonly store: Store | null = null,
  ) {
    this.settler = new Settler(
      o.settle,
      (rel) => join(places.inbox, rel),
      (rel) => {
        this.queue.add(rel);
        this.poke();
      },
    );
    // SIGINT, SIGTERM and SIGHUP arrive as io.signal (bin/ingest.js), with the signal's name as the reason.
    this.onInt = (): void => this.stop(typeof io.signal?.reason === "string" ? io.signal.reason : "SIGINT");
    io.signal?.addEventListener("abort", this.onInt);
    if (io.signal?.aborted) this.onInt();
    this.status =
      io.stderr.isTTY === true && !o.quiet
        ? new StatusLine(
            (s) => void err.write(s),
            (rate) => formatStatus(o.dir, this.tally, this.queue.size + this.settler.size, rate),
            () => this.tally.ingested + this.tally.refused,
          )
        : null;
    this.tell = new Teller(this.tally, this.say, o.quiet, opened.errors, opened.log);
    this.ctx = this.context();
  }

  private poke(): void {
    this.wake?.();
    this.wake = null;
  }

  private stop(why: string): void {
    this.stopped ??= why;
    this.poke();
  }

  private readonly say = async (text: string): Promise<void> => {
    this.status?.clear();
    await this.err.write(text);
  };

  private context(): IngestContext {
    const { o, io, out, places } = this;
    // Step hook for the crash tests: INGEST_WATCH_CRASH=<step>:<n> kills the process (SIGKILL)
    // at that step of the group holding the n-th input done.
    const crash = /^(converted|outputs|journal|moved):(\d+)$/.exec(io.env.INGEST_WATCH_CRASH ?? "");
    return {
      inbox: places.inbox,
      inboxDisplay: o.dir,
      outDir: places.outDir,
      outDisplay: o.out,
      archive: places.archive,
      quarantine: places.quarantine,
      journal: this.opened.journal,
      // A file over --max-input-bytes is refused, not streamed: each watched file is one unit of work.
      convert: { maxBytes: o.maxBytes, strict: o.strict, stdin: io.stdin, oversize: "refuse" },
      shape: watchShape(o.strict, o.maxBytes),
      legacyShape: watchShape(false, DEFAULT_MAX_BYTES),
      incomplete: { held: new Map(), settle: o.settle },
      dirs: new DurableDirs(),
      owners: this.owners,
      store: this.store,
      // --db alone: the records go to the store, none to stdout.
      emit: (text) => (this.store !== null && places.outDir === null ? Promise.resolve() : out.write(text)),
      delivered: async () => {
        await out.flush();
        // An EPIPE is reported on a later turn of the event loop.
        await new Promise((done) => setImmediate(done));
        return !out.closed;
      },
      step: (name, upTo) => {
        if (crash !== null && crash[1] === name && this.doneCount < Number(crash[2]) && Number(crash[2]) <= upTo) process.kill(process.pid, "SIGKILL");
      },
    };
  }

  /** Start, catch up and loop until stopped; a closed stdout or a fatal problem ends it; everything is closed after. */
  async run(filter: InputFilter): Promise<void> {
    try {
      await this.start(filter);
      await this.loop();
      this.status?.draw(true);
    } catch (e) {
      // A reader gone (EPIPE) ends the watch quietly; a standard output that failed (a full disk) is an error.
      if (e instanceof StdoutClosed) {
        if (this.out.failure !== null) this.fatal = `cannot write standard output: ${describeError(this.out.failure)}`;
        else this.stopped = "standard output closed";
      } else if (e instanceof WatchFatal) this.fatal = e.message;
      else throw e;
    } finally {
      this.io.signal?.removeEventListener("abort", this.onInt);
      if (this.inboxCheck !== null) clearInterval(this.inboxCheck);
      for (const u of this.unreadable.values()) if (u.timer !== null) clearTimeout(u.timer);
      await this.watcher?.close();
      this.settler.close();
      this.status?.stop();
      this.opened.journal?.close();
      this.opened.errors?.close();
      this.opened.log?.close();
      for (const l of this.opened.locks) l.release();
      this.fatal ??= this.failedOutput();
    }
  }

  /** The first of the watch's own outputs that failed to take a write (a full disk), as the message to stop with; null when none. */
  private failedOutput(): string | null {
    for (const log of [this.opened.errors, this.opened.log]) if (log?.failure != null) return `cannot write ${log.what}: ${describeError(log.failure)}`;
    if (this.err.failure !== null) return `cannot write standard error: ${describeError(this.err.failure)}`;
    if (this.out.failure !== null) return `cannot write standard output: ${describeError(this.out.failure)}`;
    return null;
  }

  /** Start chokidar (unless --once), then catch up with the files already there. */
  private async start(filter: InputFilter): Promise<void> {
    const { o, places, settler, queue } = this;
    this.watchInbox();
    const source = { inbox: places.inbox, dir: o.dir, poll: o.poll, pollInterval: o.pollInterval };
    if (!o.once) {
      this.watcher = await startWatcher(source, filter, {
        seen: (rel) => void settler.touch(rel),
        gone: (rel) => {
          settler.forget(rel);
          queue.delete(rel);
        },
        fatal: (message) => {
          this.fatal ??= message;
          this.poke();
        },
        problem: (message) => void this.say(`ingest: error: ${message}\n`),
      });
    }
    // Catch-up: the files already there first; the queue drops a file reported twice.
    const present = await catchUp(
      { ...source, cwd: this.io.cwd, glob: o.glob, exclude: o.exclude, outDir: places.outDir },
      filter,
      (rel) => settler.touch(rel),
      () => this.stopped !== null,
    );
    const journal = this.opened.journal;
    // Entries whose input has been moved away are done for good: forget them (memory stays flat).
    if (journal !== null) for (const [rel, done] of journal.index) if (done.moved !== null && !present.has(rel)) journal.index.delete(rel);
    present.clear();
    // Filled only now, from the inputs still in play, so that a long archive history is not held.
    for (const [rel, done] of journal?.index ?? []) for (const output of done.outputs) this.owners.set(output, rel);
    this.status?.draw(true);
  }

  /** Ingest groups of ready inputs until stopped (or, with --once, until nothing is left). */
  private async loop(): Promise<void> {
    const { o } = this;
    while (this.stopped === null && this.fatal === null) {
      if (this.queue.size === 0) {
        if (o.once && this.settler.size === 0) break;
        await new Promise<void>((done) => {
          this.wake = done;
          // --once: the settler may drop a file that vanished without a word; look again soon.
          if (o.once) setTimeout(done, 100);
        });
        continue;
      }
      await this.group();
      // A long-lived process: what it has to say goes out now, not when a buffer fills.
      await this.err.flush();
      // A log or a standard stream that failed stops the watch after the group it failed in (exit 2).
      const failed = this.failedOutput();
      if (failed !== null) throw new WatchFatal(failed);
      this.status?.draw();
    }
  }

  /**
   * A group of the inputs ready now (up to GROUP), committed together: the directory and
   * journal fsyncs are paid once per group. A stop request ends the group after the file in progress.
   */
  private async group(): Promise<void> {
    const { o, queue, settler } = this;
    const group: Prepared[] = [];
    // One OutTree per group: it remembers what it wrote (to refuse two inputs claiming one output),
    // and a changed input rewrites its own outputs in a later group.
    let tree: OutTree | null = null;
    const openTree = (): OutTree => {
      try {
        return (tree ??= OutTree.open(this.places.outDir as string, o.out ?? "", this.guard));
      } catch (e) {
        throw new WatchFatal(`cannot create the output directory ${o.out}: ${describeError(e)}`);
      }
    };
    const next: string[] = [];
    for (const rel of queue) if (next.push(rel) === GROUP) break;
    for (const rel of next) {
      if (this.stopped !== null) break;
      queue.delete(rel);
      const r = await prepare(rel, this.ctx, openTree);
      if (r.kind === "unsettled") void settler.touch(rel);
      else if (r.kind === "incomplete") settler.again(rel, r.seen);
      else if (r.kind === "unchanged") {
        this.unreadable.delete(rel);
        this.tally.unchanged++;
      } else if (r.kind === "prepared") {
        this.unreadable.delete(rel);
        group.push(r);
      } else if (r.kind === "unreadable") await this.cannotRead(rel, r.display, r.diagnostics);
    }
    const { committed, changed } = group.length > 0 ? await commit(group, this.ctx, this.doneCount) : { committed: [], changed: [] };
    // Its temporary directory goes (empty once every rename is done).
    (tree as OutTree | null)?.close();
    await this.report(committed);
    // Changed since they were read: taken again once they settle.
    for (const rel of changed) void settler.touch(rel);
  }

  /**
   * An input that could not be read (a permission, an I/O error) is not journaled: said once, with
   * its error, then tried again after 1 s, 2 s, 4 s … (at most a minute apart), and whenever it
   * changes. With --once it is left for the next run.
   */
  private async cannotRead(rel: string, display: string, diagnostics: Reported[]): Promise<void> {
    const known = this.unreadable.get(rel);
    if (known === undefined) {
      for (const d of diagnostics) {
        await this.say(formatDiagnostic(display, d, {}));
        this.opened.errors?.text(diagnosticJson(display, d));
      }
      const when = this.o.once ? "by the next run" : "again shortly, and whenever it changes";
      await this.say(`ingest: note: ${display} is not journaled; it is tried ${when}\n`);
    }
    if (this.o.once) return;
    const delay = Math.min(60_000, known === undefined ? 1000 : known.delay * 2);
    const timer = setTimeout(() => {
      const entry = this.unreadable.get(rel);
      if (entry !== undefined) entry.timer = null;
      void this.settler.touch(rel);
    }, delay);
    timer.unref();
    if (known?.timer) clearTimeout(known.timer);
    this.unreadable.set(rel, { delay, timer });
  }

  /** The watched directory must stay the one watched: removed or renamed, the watch cannot go on (exit 2). */
  private watchInbox(): void {
    const keyOf = (): string => {
      try {
        const s = statSync(this.places.inbox);
        return s.isDirectory() ? `${s.dev}:${s.ino}` : "";
      } catch {
        return "";
      }
    };
    this.inboxKey = keyOf();
    // Not unref'd: when chokidar loses its directory it closes its watches, and this timer is what
    // keeps the process alive until the loss is seen.
    this.inboxCheck = setInterval(() => {
      if (keyOf() === this.inboxKey) return;
      this.fatal ??= `the watched directory ${this.o.dir} was removed or renamed; restart the watch once it is back`;
      this.poke();
    }, 500);
  }

  /** Tell what each committed input became; inputs moved away leave the journal's index and the owners. */
  private async report(committed: Committed[]): Promise<void> {
    const { o } = this;
    for (const c of committed) {
      this.doneCount++;
      const e = c.entry;
      // Where it went, as the user named the directory (a second delivery of a name goes beside the first: a~2.txt).
      const dest = e.moved === "archive" ? this.places.archive : this.places.quarantine;
      const shown = e.moved === "archive" ? o.archive : o.quarantine;
      await this.tell.committed(c, c.movedTo === null || dest === null ? null : join(shown ?? "", relative(dest, c.movedTo)));
      // Moved away: the journal has it, the index no longer needs it.
      if (c.movedTo !== null) {
        this.opened.journal?.index.delete(e.path);
        for (const output of e.outputs) this.owners.delete(output);
      }
    }
  }

  /** Write the run's end into the store and close it; the problem when that fails. */
  private async closeStore(code: number): Promise<string | null> {
    const store = this.store as Store;
    try {
      const t = this.tally;
      await store.finish({ files: t.ingested + t.refused, records: t.records, errors: t.errors, warnings: t.warnings, exitCode: code });
      return null;
    } catch (e) {
      if (e instanceof StoreError) return e.message;
      throw e;
    } finally {
      await store.close();
    }
  }

  /** After the run: the fatal problem if any, the summary; returns the exit code. */
  async finish(started: number): Promise<number> {
    const { o, err, stopped } = this;
    let fatal = this.fatal;
    // Still unreadable at the end: not journaled, tried again by the next run.
    this.tally.unreadable = this.unreadable.size;
    await this.out.flush();
    if (this.store !== null) fatal = (await this.closeStore(fatal !== null ? 2 : 0)) ?? fatal;
    if (fatal !== null) await err.write(`ingest: error: ${fatal}\n`);
    if (!o.quiet || fatal !== null)
      await err.write(formatWatchSummary(this.tally, Date.now() - started, fatal !== null ? "error" : (stopped ?? "nothing left")));
    return fatal !== null ? 2 : 0;
  }
}
