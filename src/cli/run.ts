/**
 * The per-input loop: expand the arguments, convert up to `jobs` inputs at
 * once, and handle each result in input order: diagnostics to stderr (and
 * --errors), records to stdout or the --out tree, counts for the summary.
 */
import { statSync } from "node:fs";
import { diagnostic } from "../diagnostics.js";
import type { Article } from "../schema.js";
import { FORMATS } from "../render/formats.js";
import type { Converted, Part, Result } from "./convert/convert.js";
import { Dispatcher } from "./dispatch.js";
import { DuplicateIds } from "./convert/duplicate-ids.js";
import { tuneHeap } from "./convert/heap.js";
import { chooseEmitter, type Emitter } from "./output/emit.js";
import type { RunStatus } from "./report/exit-code.js";
import { describeError } from "./report/fs-errors.js";
import { expandInputs, type ExpandOptions, type ExpandState, type InputEntry } from "./inputs/inputs.js";
import type { Io, Sink } from "./io.js";
import type { RunOptions } from "./args/options.js";
import { resolve } from "node:path";
import { ordered } from "./convert/ordered.js";
import { OutputFile } from "./output/output-file.js";
import { OutTree } from "./output/out-tree.js";
import { applyPolicy, severityOf } from "./report/code-policy.js";
import type { Reported } from "./report/diagnostic-line.js";
import { sourceEntries, usesSources } from "./inputs/sources.js";
import { anyFailed, reportFailures } from "./report/failure.js";
import { globMatchers } from "./inputs/globs.js";
import { inputIdentity, type Identity } from "./output/identity.js";
import { closedStreamProblem } from "./output/closed.js";
import { type Target, walkReads, type WriteGuard } from "./output/guard.js";
import { batchGuard, listedClash } from "./output/targets.js";
import { ErrorLog, formatCounts, formatDiagnostic, formatSummary, newTally, Progress, ShownLines } from "./report/report.js";
import { exitCode } from "./report/exit-code.js";
import type { Store } from "./store/store.js";
import { StoreError } from "./store/store-error.js";
import { VERSION } from "../version.js";

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

/** The run's own outputs besides stdout, opened before any input is read. */
interface Targets {
  tree: OutTree | null;
  log: ErrorLog | null;
  file: OutputFile | null;
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
function admitter(guard: WriteGuard, clash: { message: string | null }): (e: InputEntry) => boolean {
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
async function openTargets(options: RunOptions, io: Io, out: Sink, err: Sink, ids: Identity, inputs: string[]): Promise<Targets | null> {
  const { records, errors } = options;
  const { guard, problem: clash } = await guardProblem(inputs, options, io);
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
  return { tree, log, file, guard };
}

/** A flat copy of an ASCII string (an ID), sharing no memory with the text it was cut from. */
const ownCopy = (ascii: string): string => Buffer.from(ascii, "latin1").toString("latin1");

/** What the results of a run come to: their diagnostics reported, their records emitted, all counted. */
class Batch {
  readonly tally = newTally();
  /** Reported diagnostics by severity and code, for the counts at the end. */
  readonly byCode = { warning: new Map<string, number>(), error: new Map<string, number>() };
  /** Whether to stop reading a streamed input (stdout closed, Ctrl-C). */
  stopped: () => boolean = () => false;
  /** On a terminal, the first problem lines only (null: every line, for pipes and files). */
  shownLines: ShownLines | null = null;
  private readonly ids = new DuplicateIds();

  constructor(
    private readonly options: RunOptions,
    private readonly status: RunStatus,
    private readonly emitter: Emitter,
    private readonly err: Sink,
    private readonly log: ErrorLog | null,
    private readonly progress: Progress | null,
    private readonly tree: OutTree | null = null,
    private readonly store: Store | null = null,
  ) {}

  /** One problem: a line on stderr (unless hidden) and in the --errors log, and counted. */
  private async report(entry: InputEntry, d: Reported, several: boolean, shown = true): Promise<void> {
    const o = this.options;
    // -q hides warnings; --errors - puts the JSON objects on stderr in place of the lines.
    if (shown && !(o.quiet && d.severity === "warning") && o.errors.kind !== "stderr" && this.shownLines?.take(d.code) !== false) {
      this.progress?.clear();
      await this.err.write(formatDiagnostic(entry.display, d, { color: o.errColor, article: several }));
    }
    if (this.log !== null) await this.log.write(entry.kind === "stdin" ? null : entry.display, d);
    // An output that could not be written is the run's I/O failure (exit 2), not the input's fault.
    if (d.code === "WRITE_ERROR") this.status.io = true;
    await this.store?.problem(d);
    if (d.severity === "error") this.tally.errors++;
    else this.tally.warnings++;
    const counts = this.byCode[d.severity];
    counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
  }

  /** Take one converted input: its diagnostics, then its records; it counts as up to date, failed or ok. */
  async take(r: Result): Promise<void> {
    const tally = this.tally;
    tally.files++;
    // Synchronous reads and writes never give the event loop a turn by themselves: without one now
    // and then, Ctrl-C (and the progress timer) would wait for the end of a large flat directory.
    if (tally.files % 64 === 0) {
      // Many inputs: a long run, whose heap V8 would otherwise let grow with it.
      if (tally.files === 64) tuneHeap("batch");
      await new Promise((done) => setImmediate(done));
    }
    if (r.skipped) {
      tally.skipped++;
      // Its records were written by an earlier run: their IDs still count as seen.
      for (const [id, line] of r.seenIds ?? []) this.ids.firstSeen(id, r.entry.display, line);
      return;
    }
    const written: Array<[string, number]> = [];
    await this.store?.startInput(r.entry.kind === "stdin" ? null : r.entry.display, r.stream !== undefined);
    let failed = await this.part(r, r, written);
    let io = r.io;
    let cut = false;
    // A large input comes a window of articles at a time.
    if (r.stream) {
      for await (const part of r.stream) {
        failed = (await this.part(r, part, written)) || failed;
        io ||= part.io === true;
        if (this.stopped()) {
          cut = true;
          break;
        }
      }
    }
    // An input cut short leaves nothing in the store: a rerun stores it whole. With an --out tree, its
    // rows are committed before its marker, so that --incremental never skips an input the store lacks.
    await this.store?.endInput(cut, this.tree !== null);
    // The input's marker in the --out tree, written last: only now does a rerun with --incremental count it as done.
    const unfinished = this.tree !== null && r.entry.kind === "file" ? this.tree.finish(r.entry, failed, written) : null;
    if (unfinished !== null) {
      await this.report(r.entry, unfinished, r.articleCount > 1);
      failed = true;
    }
    if (!failed) tally.ok++;
    else {
      tally.failed++;
      if (io) this.status.io = true;
      else this.status.refused = true;
    }
  }

  /** Report the diagnostics, then emit the records, of an input or a window of it; true when one was refused. */
  private async part(r: Result, part: Part, written: Array<[string, number]>): Promise<boolean> {
    const { diagnostics, refused } = applyPolicy(part.diagnostics, this.options);
    const records = refused.size === 0 ? part.records : part.records.filter((c) => !refused.has(c.article));
    // The summary shows an article's warnings in its block: not again on stderr.
    const inBlock = FORMATS[this.options.format].showsWarnings && this.options.records.kind === "stdout" ? new Set(records.map((c) => c.article)) : null;
    let failed = false;
    for (const d of diagnostics) {
      const shown = !(inBlock !== null && d.severity === "warning" && d.article != null && inBlock.has(d.article));
      await this.report(r.entry, d, r.articleCount > 1, shown);
      failed ||= d.severity === "error";
    }
    for (const c of records) {
      if (await this.record(r, c)) {
        // Kept for the --out tree's marker only, and as a copy: the ID is a slice of its input's
        // text, and holding the slice would hold every window of a streamed input.
        if (c.id !== null && this.tree !== null) written.push([ownCopy(c.id), c.line]);
      } else failed = true;
    }
    return failed;
  }

  /** Emit one record unless its ID repeats under --strict; false when it is refused or not written. */
  private async record(r: Result, { record, id, article, line, bytes }: Converted): Promise<boolean> {
    const first = id === null ? null : this.ids.firstSeen(id, r.entry.display, line);
    if (id !== null && first !== null) {
      // --strict (or --error-on DUPLICATE_ID) refuses what would be a warning, and a repeated ID is one.
      const severity = severityOf("DUPLICATE_ID", this.options, this.options.strict);
      if (severity !== null) {
        const d: Reported = { ...diagnostic("DUPLICATE_ID", severity, line, { id, first }), article };
        await this.report(r.entry, d, r.articleCount > 1);
        if (severity === "error") return false;
      }
    }
    // The record, or its text as a worker thread rendered it.
    const problem = await this.emitter.emit(bytes !== null ? { bytes, article } : (record as Article), r);
    if (problem !== null) {
      await this.report(r.entry, { ...problem, article }, r.articleCount > 1);
      return false;
    }
    this.tally.records++;
    if (this.store !== null) await this.store.article(record ?? (JSON.parse(utf8.decode(bytes as Uint8Array)) as Article));
    return true;
  }
}

const utf8 = new TextDecoder();

/** Records nowhere: --db alone stores them and prints none. */
const discard: Emitter = { emit: () => Promise.resolve(null) };

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
async function finishStore(store: Store, batch: Batch, status: RunStatus, err: Sink): Promise<void> {
  try {
    const t = batch.tally;
    await store.finish({ files: t.files, records: t.records, errors: t.errors, warnings: t.warnings, exitCode: exitCode(status) });
  } catch (e) {
    if (!(e instanceof StoreError)) throw e;
    await err.write(`ingest: error: ${e.message}\n`);
    status.io = true;
  } finally {
    await store.close();
  }
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

/** With -o: the new file replaces the old one; interrupted, the old file (if any) stays as it was. */
async function settleOutputFile(file: OutputFile, shown: string, err: Sink, status: RunStatus, othersFailed: boolean): Promise<void> {
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

/** The counts by code (what to --ignore, or to look at first), then the summary line, last. */
async function writeSummary(batch: Batch, ms: number, interrupted: boolean, state: ExpandState, err: Sink): Promise<void> {
  for (const severity of ["warning", "error"] as const) {
    const counts = batch.byCode[severity];
    if (counts.size > 0) await err.write(`${severity}s: ${formatCounts(counts)}\n`);
  }
  await err.write(formatSummary(batch.tally, ms, interrupted, state));
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
  const ids = inputIdentity(inputs, io.cwd);
  const targets = await openTargets(options, io, out, err, ids, inputs);
  if (targets === null) {
    status.usage = true;
    return;
  }
  // The store is one more written path: the write guard has checked it with the others (output/targets.ts).
  const store = await openStore(options, io, err);
  if (options.db !== null && store === null) {
    await targets.file?.abort();
    targets.tree?.close();
    status.usage = true;
    return;
  }
  const expand = expandOptions(options, io, targets.tree);
  const state: ExpandState = { walked: false, skippedLinks: 0, skippedHidden: 0 };
  // With -o, the records go to the output file (which is no terminal).
  const records = targets.file?.sink ?? out;
  const emitter =
    store !== null && options.db?.alone === true
      ? discard
      : await chooseEmitter(options, records, targets.tree, targets.file === null && io.stdout.isTTY === true);
  const { progress, stop } = startProgress(inputs, expand, options, io, err, started);
  const dispatcher = new Dispatcher(options, io, targets.tree);
  const batch = new Batch(options, status, emitter, err, targets.log, progress, targets.tree, store);
  batch.stopped = () => records.closed || out.closed || io.signal?.aborted === true;
  if (io.stderr.isTTY === true) batch.shownLines = new ShownLines();
  // With workers, enough files in flight to keep each one's message batches full.
  const inFlight = dispatcher.workers > 0 ? (dispatcher.workers + 1) * IN_FLIGHT_PER_WORKER : 1;
  const clash = { message: null as string | null };
  const admit = options.sources.filesFrom === "-" && targets.guard.written.some((t) => t.mode !== "tree") ? admitter(targets.guard, clash) : undefined;
  const entries = usesSources(options.sources)
    ? sourceEntries(
        inputs,
        options.sources,
        expand,
        state,
        () => io.stdin,
        options.maxBytes,
        () => Promise.all([out.flush(), err.flush()]),
        admit,
      )
    : expandInputs(inputs, expand, state);
  let storeFailed = false;
  for await (const r of ordered(entries, inFlight, dispatcher.convert, io.signal)) {
    try {
      await batch.take(r);
    } catch (e) {
      // The store could not be written (a full disk, a read-only file): one line, exit 2, no new work.
      if (!(e instanceof StoreError)) throw e;
      await err.write(`ingest: error: ${(e as Error).message}\n`);
      status.io = true;
      storeFailed = true;
      break;
    }
    dispatcher.release(r.entry);
    // A closed or failed output (| head, a full disk): no new work.
    if (records.closed || out.closed || anyFailed([err, targets.log])) break;
    progress?.tick(batch.tally.files);
  }
  stop();
  await dispatcher.close();
  targets.tree?.close();
  progress?.clear();
  if (io.signal?.aborted === true) status.interrupted = true;
  await out.flush();
  // The log is closed first, so that a failure to write its end is known before the summary.
  await targets.log?.end();
  await reportFailures(
    [
      ["standard output", out],
      [`the --errors file ${options.errors.kind === "file" ? options.errors.shown : "-"}`, targets.log],
    ],
    err,
    status,
  );
  if (clash.message !== null) {
    await err.write(`ingest: error: ${clash.message}\n`);
    status.usage = true;
  }
  if (targets.file !== null) {
    const shown = options.records.kind === "file" ? options.records.shown : "";
    await settleOutputFile(targets.file, shown, err, status, anyFailed([out, err, targets.log]) || clash.message !== null);
  }
  if (store !== null) {
    if (storeFailed) await store.close();
    else await finishStore(store, batch, status, err);
  }
  // Standard error failing (a full disk) cannot be said there; the exit code says it (main.ts).
  if (err.failure !== null) status.io = true;
  const more = batch.shownLines?.closing(options.errors.kind === "file" ? options.errors.shown : null) ?? "";
  if (more !== "") await err.write(more);
  // A summary for batches; for a few named files it would only repeat what is already on screen.
  if (!options.quiet && (state.walked || targets.tree !== null || targets.file !== null || store !== null || status.interrupted)) {
    await writeSummary(batch, Date.now() - started, status.interrupted, state, err);
  }
}
