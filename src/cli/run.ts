/**
 * The per-input loop: expand the arguments, convert up to `jobs` inputs at
 * once, and handle each result in input order: diagnostics to stderr (and
 * --errors), records to stdout or the --out tree, counts for the summary.
 */
import { resolve } from "node:path";
import { diagnostic, type Diagnostic } from "../diagnostics.js";
import type { Article } from "../schema.js";
import type { Converted, Part, Result } from "./convert.js";
import { Dispatcher } from "./dispatch.js";
import { DuplicateIds } from "./duplicate-ids.js";
import { chooseEmitter, type Emitter } from "./emit.js";
import type { RunStatus } from "./exit-code.js";
import { describeError } from "./fs-errors.js";
import { expandInputs, type ExpandOptions, type ExpandState, type InputEntry } from "./inputs.js";
import type { Io, Sink } from "./io.js";
import type { RunOptions } from "./options.js";
import { ordered } from "./ordered.js";
import { OutTree } from "./out-tree.js";
import { ErrorLog, formatDiagnostic, formatSummary, newTally, Progress } from "./report.js";

export type { RunOptions } from "./options.js";

/** Inputs (and their records) held at once per thread: four of the pool's batches of 32, so no worker waits for work. */
const IN_FLIGHT_PER_WORKER = 128;

/** Count the inputs with a second, lightweight expansion, for the progress line's total. */
async function countInputs(inputs: string[], o: ExpandOptions): Promise<number> {
  let n = 0;
  for await (const _ of expandInputs(inputs, { ...o, listSync: true }, { walked: false, skippedLinks: 0, skippedHidden: 0 })) {
    // A few milliseconds of listing at a time, so the conversion keeps going meanwhile.
    if (++n % 2000 === 0) await new Promise((done) => setImmediate(done));
  }
  return n;
}

/** The progress line on a terminal (null when quiet or elsewhere), its total counted alongside the run until `stop`. */
function startProgress(inputs: string[], expand: ExpandOptions, options: RunOptions, io: Io, err: Sink, started: number) {
  const progress = io.stderr.isTTY === true && !options.quiet ? new Progress((s) => void err.write(s), started) : null;
  const stopCount = new AbortController();
  io.signal?.addEventListener("abort", () => stopCount.abort());
  if (progress) void countInputs(inputs, { ...expand, signal: stopCount.signal }).then((n) => (progress.total = n));
  return { progress, stop: () => stopCount.abort() };
}

/** The run's own outputs besides stdout, opened before any input is read. */
interface Targets {
  tree: OutTree | null;
  log: ErrorLog | null;
}

/** Open the --out directory and the --errors file; null, after saying why on `err`, when one cannot be created. */
async function openTargets(options: RunOptions, outDir: string | null, io: Io, err: Sink): Promise<Targets | null> {
  let tree: OutTree | null = null;
  if (outDir !== null && options.out !== null) {
    try {
      tree = await OutTree.open(outDir, options.out);
    } catch (e) {
      await err.write(`error: cannot create the output directory ${options.out}: ${describeError(e)}\n`);
      return null;
    }
  }
  let log: ErrorLog | null = null;
  if (options.errors !== null) {
    try {
      log = await ErrorLog.open(resolve(io.cwd, options.errors));
    } catch (e) {
      await err.write(`error: cannot create the --errors file ${options.errors}: ${describeError(e)}\n`);
      return null;
    }
  }
  return { tree, log };
}

/** What the results of a run come to: their diagnostics reported, their records emitted, all counted. */
class Batch {
  readonly tally = newTally();
  /** Whether to stop reading a streamed input (stdout closed, Ctrl-C). */
  stopped: () => boolean = () => false;
  private readonly ids = new DuplicateIds();

  constructor(
    private readonly options: RunOptions,
    private readonly status: RunStatus,
    private readonly emitter: Emitter,
    private readonly err: Sink,
    private readonly log: ErrorLog | null,
    private readonly progress: Progress | null,
  ) {}

  /** One problem: a line on stderr and in the --errors log, and counted. */
  private async report(entry: InputEntry, d: Diagnostic): Promise<void> {
    this.progress?.clear();
    await this.err.write(formatDiagnostic(entry.display, d));
    if (this.log !== null) await this.log.write(entry.kind === "stdin" ? null : entry.display, d);
    if (d.severity === "error") this.tally.errors++;
    else this.tally.warnings++;
  }

  /** Take one converted input: its diagnostics, then its records; it counts as up to date, failed or ok. */
  async take(r: Result): Promise<void> {
    const tally = this.tally;
    tally.files++;
    // Synchronous reads and writes never give the event loop a turn by themselves: without one now
    // and then, Ctrl-C (and the progress timer) would wait for the end of a large flat directory.
    if (tally.files % 64 === 0) await new Promise((done) => setImmediate(done));
    if (r.skipped) {
      tally.skipped++;
      return;
    }
    let failed = await this.part(r, r);
    let io = r.io;
    // A large input comes a window of articles at a time.
    if (r.stream) {
      for await (const part of r.stream) {
        failed = (await this.part(r, part)) || failed;
        if (this.stopped()) break;
        io ||= part.io === true;
      }
    }
    if (!failed) tally.ok++;
    else {
      tally.failed++;
      if (io) this.status.io = true;
      else this.status.refused = true;
    }
  }

  /** Report the diagnostics, then emit the records, of an input or a window of it; true when one was refused. */
  private async part(r: Result, part: Part): Promise<boolean> {
    let failed = false;
    for (const d of part.diagnostics) {
      await this.report(r.entry, d);
      failed ||= d.severity === "error";
    }
    for (const c of part.records) failed = !(await this.record(r, c)) || failed;
    return failed;
  }

  /** Emit one record unless its ID repeats under --strict; false when it is refused or not written. */
  private async record(r: Result, { record, id, article, line, bytes }: Converted): Promise<boolean> {
    const first = id === null ? null : this.ids.firstSeen(id, r.entry.display, line);
    if (id !== null && first !== null) {
      // --strict refuses what would be a warning, and a repeated ID is one.
      const severity = this.options.strict ? "error" : "warning";
      await this.report(r.entry, diagnostic("DUPLICATE_ID", severity, line, { id, first }));
      if (this.options.strict) return false;
    }
    // The record, or its text as a worker thread rendered it.
    const problem = await this.emitter.emit(bytes !== null ? { bytes, article } : (record as Article), r);
    if (problem !== null) {
      await this.report(r.entry, problem);
      return false;
    }
    this.tally.records++;
    return true;
  }
}

/** Process the inputs; records to `out` (or the --out tree), diagnostics to `err`. */
export async function run(inputs: string[], options: RunOptions, io: Io, out: Sink, err: Sink, status: RunStatus): Promise<void> {
  const started = Date.now();
  const outDir = options.out === null ? null : resolve(io.cwd, options.out);
  const targets = await openTargets(options, outDir, io, err);
  if (targets === null) {
    status.usage = true;
    return;
  }
  const expand: ExpandOptions = {
    cwd: io.cwd, glob: options.glob, exclude: options.exclude, hidden: options.hidden, followSymlinks: options.followSymlinks, outDir, signal: io.signal,
    // Each asynchronous listing left the thread idle for its round trip to the thread pool (~0.2 ms a
    // directory, 15% of a run over a tree of 1,000 directories); Ctrl-C is still heard every 64 files.
    listSync: true,
  };
  const state: ExpandState = { walked: false, skippedLinks: 0, skippedHidden: 0 };
  const emitter = await chooseEmitter(options, out, targets.tree);
  const { progress, stop } = startProgress(inputs, expand, options, io, err, started);
  const dispatcher = new Dispatcher(options, io, targets.tree);
  const batch = new Batch(options, status, emitter, err, targets.log, progress);
  batch.stopped = () => out.closed || io.signal?.aborted === true;
  // With workers, enough files in flight to keep each one's message batches full.
  const inFlight = dispatcher.workers > 0 ? (dispatcher.workers + 1) * IN_FLIGHT_PER_WORKER : 1;
  for await (const r of ordered(expandInputs(inputs, expand, state), inFlight, dispatcher.convert, io.signal)) {
    await batch.take(r);
    if (out.closed) break;
    progress?.tick(batch.tally.files);
  }
  stop();
  await dispatcher.close();
  progress?.clear();
  if (io.signal?.aborted === true) status.interrupted = true;
  // A summary for batches; for a few named files it would only repeat what is already on screen.
  if (!options.quiet && (state.walked || targets.tree !== null || status.interrupted)) {
    await err.write(formatSummary(batch.tally, Date.now() - started, status.interrupted, state));
  }
  await targets.log?.end();
}
