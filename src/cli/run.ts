import { Dispatcher } from "./dispatch.js";
import { chooseEmitter, type Emitter } from "./output/emit.js";
import type { RunStatus } from "./report/exit-code.js";
import { expandInputs, type ExpandOptions, type ExpandState, type InputEntry } from "./inputs/inputs.js";
import type { Io, Sink } from "./io.js";
import type { RunOptions } from "./args/options.js";
import { ordered } from "./convert/ordered.js";
import type { OutTree } from "./output/out-tree.js";
import { sourceEntries, usesSources } from "./inputs/sources.js";
import { anyFailed, reportFailures } from "./report/failure.js";
import { closedStreamProblem } from "./output/closed.js";
import { ShownLines } from "./report/report.js";
import { Progress } from "./report/status-line.js";
import { StoreError } from "./store/store-error.js";

import { Batch, writeSummary } from "./batch.js";
import { admitter, finishStore, openTargets, settleOutputFile, type Targets } from "./open-targets.js";
export type { RunOptions } from "./args/options.js";

/** Inputs (and their records) held at once per worker thread. */
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
  // A --files-from list or JSON Lines can only be read once: no count, the total stays "?".
  // Without a count nothing is made to stop it: aborting a signal makes an Event and a
  // DOMException, ~0.5 ms of a one-article run (BENCHMARKS.md, "Start-up").
  if (progress === null || usesSources(options.sources)) return { progress, stop: () => {} };
  const stopCount = new AbortController();
  io.signal?.addEventListener("abort", () => stopCount.abort());
  void countInputs(inputs, { ...expand, signal: stopCount.signal }).then((n) => (progress.total = n));
  return { progress, stop: () => stopCount.abort() };
}

/** Where and how the inputs are expanded, the output tree passed over. */
function expandOptions(options: RunOptions, io: Io, tree: OutTree | null): ExpandOptions {
  return {
    cwd: io.cwd,
    glob: options.glob,
    iglob: options.iglob,
    exclude: options.exclude,
    hidden: options.hidden,
    followSymlinks: options.followSymlinks,
    outDir: options.records.kind === "dir" ? options.records.path : null,
    signal: io.signal,
    outKey: tree?.key() ?? null,
    realOutDir: tree?.realDir ?? null,
    // Each asynchronous listing left the thread idle for its round trip to the thread pool, a large share
    // of a run over many directories (BENCHMARKS.md, measured costs); Ctrl-C is still heard every 64 files.
    listSync: true,
  };
}

/** Records nowhere: --db alone stores them and prints none. */
const discard: Emitter = { emit: () => Promise.resolve(null) };

/** What a run's loop works with, made once the targets are open. */
interface Running {
  batch: Batch;
  dispatcher: Dispatcher;
  /** Where the records go: the -o file's sink, or stdout. */
  records: Sink;
  progress: Progress | null;
  stopCount: () => void;
  state: ExpandState;
  entries: AsyncIterable<InputEntry>;
  /** Why a --files-from list on standard input stopped the run (an input the run writes), or null. */
  clash: { message: string | null };
}

/** Set up the conversion: the expansion, the emitter, the progress line, the dispatcher and the batch. */
async function start(
  inputs: string[],
  options: RunOptions,
  targets: Targets,
  io: Io,
  out: Sink,
  err: Sink,
  status: RunStatus,
  started: number,
): Promise<Running> {
  const expand = expandOptions(options, io, targets.tree);
  const state: ExpandState = { walked: false, skippedLinks: 0, skippedHidden: 0 };
  // With -o, the records go to the output file (which is no terminal).
  const records = targets.file?.sink ?? out;
  const emitter =
    targets.store !== null && options.db?.alone === true
      ? discard
      : await chooseEmitter(options, records, targets.tree, targets.file === null && io.stdout.isTTY === true);
  const { progress, stop } = startProgress(inputs, expand, options, io, err, started);
  // Before a large input is parsed, what is buffered goes out (convert.ts, beforeLarge).
  const dispatcher = new Dispatcher(options, io, targets.tree, () => Promise.all([records.flush(), err.flush()]), targets.store);
  const batch = new Batch(options, status, emitter, err, targets.log, progress, targets.tree, targets.store);
  batch.stopped = () => records.closed || out.closed || io.signal?.aborted === true;
  if (io.stderr.isTTY === true) batch.shownLines = new ShownLines();
  const flush = () => Promise.all([out.flush(), err.flush()]);
  const clash = { message: null as string | null };
  const admit = options.sources.filesFrom === "-" && targets.guard.written.some((t) => t.mode !== "tree") ? admitter(targets.guard, clash) : undefined;
  const entries = usesSources(options.sources)
    ? sourceEntries(inputs, options.sources, expand, state, () => io.stdin, options.maxBytes, flush, admit)
    : expandInputs(inputs, expand, state);
  return { batch, dispatcher, records, progress, stopCount: stop, state, entries, clash };
}

/** Convert the inputs, `jobs` at a time, taking each result in input order; false when the store failed. */
async function drain(r: Running, targets: Targets, io: Io, out: Sink, err: Sink, status: RunStatus): Promise<boolean> {
  // With workers, enough files in flight to keep each one's message batches full.
  const inFlight = r.dispatcher.workers > 0 ? (r.dispatcher.workers + 1) * IN_FLIGHT_PER_WORKER : 1;
  for await (const result of ordered(r.entries, inFlight, r.dispatcher.convert, io.signal)) {
    try {
      await r.batch.take(result);
    } catch (e) {
      // The store could not be written (a full disk, a read-only file): one line, exit 2, no new work.
      if (!(e instanceof StoreError)) throw e;
      await err.write(`ingest: error: ${(e as Error).message}\n`);
      status.io = true;
      return false;
    }
    r.dispatcher.release(result.entry);
    // A closed or failed output (| head, a full disk): no new work.
    if (r.records.closed || out.closed || anyFailed([err, targets.log])) break;
    r.progress?.tick(r.batch.tally.files);
  }
  return true;
}

/** Close and settle every output, then the closing lines and the summary. */
async function finish(
  r: Running,
  storeOk: boolean,
  options: RunOptions,
  targets: Targets,
  io: Io,
  out: Sink,
  err: Sink,
  status: RunStatus,
  started: number,
): Promise<void> {
  r.stopCount();
  await r.dispatcher.close();
  targets.tree?.close();
  targets.lock?.release();
  r.progress?.clear();
  if (io.signal?.aborted === true) status.interrupted = true;
  await out.flush();
  // The log is closed first, so that a failure to write its end is known before the summary.
  await targets.log?.end();
  const errorsShown = options.errors.kind === "file" ? options.errors.shown : null;
  await reportFailures(
    [
      ["standard output", out],
      [`the --errors file ${errorsShown ?? "-"}`, targets.log],
    ],
    err,
    status,
  );
  if (r.clash.message !== null) {
    await err.write(`ingest: error: ${r.clash.message}\n`);
    status.usage = true;
  }
  if (targets.file !== null) {
    const shown = options.records.kind === "file" ? options.records.shown : "";
    await settleOutputFile(targets.file, shown, err, status, anyFailed([out, err, targets.log]) || r.clash.message !== null);
  }
  if (targets.store !== null) {
    if (storeOk) await finishStore(targets.store, r.batch.tally, status, err);
    else await targets.store.close();
  }
  // Standard error failing (a full disk) cannot be said there; the exit code says it (main.ts).
  if (err.failure !== null) status.io = true;
  const more = r.batch.shownLines?.closing(errorsShown) ?? "";
  if (more !== "") await err.write(more);
  // A summary for batches; for a few named files it would only repeat what is already on screen.
  const batchLike = r.state.walked || targets.tree !== null || targets.file !== null || targets.store !== null || status.interrupted;
  if (!options.quiet && batchLike) await writeSummary(r.batch, Date.now() - started, status.interrupted, r.state, err);
}

/** Process the inputs; records to `out` (or the --out tree), diagnostics to `err`. */
export async function run(inputs: string[], options: RunOptions, io: Io, out: Sink, err: Sink, status: RunStatus): Promise<void> {
  const started = Date.now();
  const closed = closedStreamProblem(io.stdout, io.stderr, options.records.kind === "stdout");
  if (closed !== null) {
    await err.write(`ingest: error: ${closed}\n`);
    status.usage = true;
    return;
  }
  const targets = await openTargets(options, io, out, err, inputs);
  if (targets === null) {
    status.usage = true;
    return;
  }
  const running = await start(inputs, options, targets, io, out, err, status, started);
  const storeOk = await drain(running, targets, io, out, err, status);
  await finish(running, storeOk, options, targets, io, out, err, status, started);
}
