// One watch's run: the signal listener, the settler and the queue, groups of inputs ingested and committed, the summary.
import { join, relative } from "node:path";
import type { FSWatcher } from "chokidar";
import type { Io, Sink } from "../io.js";
import { describeError } from "../report/fs-errors.js";
import { OutTree } from "../output/out-tree.js";
import { diagnosticJson, formatDiagnostic } from "../report/report.js";
import type { Reported } from "../report/diagnostic-line.js";
import { formatStatus, RecentRate, StatusLine } from "../report/status-line.js";
import { formatWatchSummary, newTally } from "../report/tally.js";
import type { Store } from "../store/store.js";
import { commit } from "./commit.js";
import { closeStore, ingestContext } from "./context.js";
import { type Committed, prepare, StdoutClosed, WatchFatal, type IngestContext, type Prepared } from "./ingest.js";
import type { Guard, Opened, Places } from "./open.js";
import { type InputFilter, passedOverNote } from "./paths.js";
import { checkInbox } from "./inbox.js";
import { Settler } from "./settle.js";
import { catchUp, startWatcher } from "./source.js";
import { Teller } from "./status.js";
import type { WatchOptions } from "./options.js";
import { Unreadable } from "./unreadable.js";

/** Inputs committed together at most (see the loop). */
const GROUP = 64;

/** One watch's state, from the signal listener and the settler to the summary. */
export class WatchRun {
  private readonly tally = newTally();
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
  /** Inputs that could not be read, tried again later. */
  private readonly unreadable: Unreadable;
  /** The paths --glob passed over that were noted (once each). */
  private readonly noted = new Set<string>();
  /** The timer that checks the watched directory is still there. */
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
    this.unreadable = new Unreadable(o.once, (rel) => void this.settler.touch(rel));
    // SIGINT, SIGTERM and SIGHUP arrive as io.signal (bin/ingest.js), with the signal's name as the reason.
    this.onInt = (): void => this.stop(typeof io.signal?.reason === "string" ? io.signal.reason : "SIGINT");
    io.signal?.addEventListener("abort", this.onInt);
    if (io.signal?.aborted) this.onInt();
    // On a terminal: drawn at once, again after each group and each second while idle, with the rate of the last ten seconds.
    const rate = new RecentRate(() => this.tally.files, Date.now());
    this.status =
      io.stderr.isTTY === true && !o.quiet
        ? new StatusLine(
            (s) => void err.write(s),
            (t) => formatStatus(o.dir, this.tally, this.queue.size + this.settler.size, rate.at(t)),
            { every: 1000 },
          )
        : null;
    this.tell = new Teller(this.tally, this.say, o.quiet, opened.errors, opened.log);
    this.ctx = ingestContext({ o, io, out, places, journal: opened.journal, owners: this.owners, store, done: () => this.doneCount });
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
      this.unreadable.close();
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
    this.inboxCheck = checkInbox(places.inbox, () => {
      this.fatal ??= `the watched directory ${o.dir} was removed or renamed; restart the watch once it is back`;
      this.poke();
    });
    const source = { inbox: places.inbox, dir: o.dir, poll: o.poll, pollInterval: o.pollInterval };
    if (!o.once) {
      this.watcher = await startWatcher(source, filter, {
        seen: (rel) => void settler.touch(rel),
        passed: (rel) => void this.passedOver(rel, filter),
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
      (rel) => void this.passedOver(rel, filter),
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
        this.tally.skipped++;
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

  /** A file --glob passes over: said once per path on stderr (not with -q), so a PDF dropped in is not ignored without a word. */
  private async passedOver(rel: string, filter: InputFilter): Promise<void> {
    if (this.o.quiet || this.noted.has(rel)) return;
    this.noted.add(rel);
    await this.say(passedOverNote(join(this.o.dir, rel), filter.shown));
    // A long-lived process: the note goes out now, not when a buffer fills.
    await this.err.flush();
  }

  /**
   * An input that could not be read (a permission, an I/O error) is not journaled: said once, with
   * its error, then tried again (unreadable.ts). With --once it is left for the next run.
   */
  private async cannotRead(rel: string, display: string, diagnostics: Reported[]): Promise<void> {
    if (!this.unreadable.has(rel)) {
      for (const d of diagnostics) {
        await this.say(formatDiagnostic(display, d, {}));
        this.opened.errors?.text(diagnosticJson(display, d));
      }
      const when = this.o.once ? "by the next run" : "again shortly, and whenever it changes";
      await this.say(`ingest: note: ${display} is not journaled; it is tried ${when}\n`);
    }
    this.unreadable.retry(rel);
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
        this.settler.vacated(e.path);
        for (const output of e.outputs) this.owners.delete(output);
      }
    }
  }

  /** After the run: the fatal problem if any, the summary; returns the exit code. */
  async finish(started: number): Promise<number> {
    const { o, err, stopped } = this;
    let fatal = this.fatal;
    // Still unreadable at the end: not journaled, tried again by the next run.
    this.tally.unreadable = this.unreadable.size;
    await this.out.flush();
    if (this.store !== null) fatal = (await closeStore(this.store, this.tally, fatal !== null ? 2 : 0)) ?? fatal;
    if (fatal !== null) await err.write(`ingest: error: ${fatal}\n`);
    if (!o.quiet || fatal !== null)
      await err.write(formatWatchSummary(this.tally, Date.now() - started, fatal !== null ? "error" : (stopped ?? "nothing left")));
    return fatal !== null ? 2 : 0;
  }
}
