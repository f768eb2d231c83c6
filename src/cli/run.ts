/**
 * The per-input loop: expand the arguments, convert up to `jobs` inputs at
 * once, and handle each result in input order: diagnostics to stderr (and
 * --errors), records to stdout or the --out tree, counts for the summary.
 */
import { diagnostic } from "../diagnostics.js";
import type { Article } from "../schema.js";
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
import { ordered } from "./convert/ordered.js";
import { OutputFile } from "./output/output-file.js";
import { lockTree, type Lock } from "./output/lock.js";
import { OutTree, shapeKey } from "./output/out-tree.js";
import { parseShard } from "./inputs/shard.js";
import { applyPolicy, severityOf } from "./report/code-policy.js";
import type { Reported } from "./report/diagnostic-line.js";
import { sourceEntries, usesSources } from "./inputs/sources.js";
import { anyFailed, reportFailures } from "./report/failure.js";
import { globMatchers } from "./inputs/globs.js";
import { errorsProblem, inputIdentity, outIsInput, type Identity } from "./output/identity.js";
import { ErrorLog, formatCounts, formatDiagnostic, formatSummary, newTally, Progress, ShownLines } from "./report/report.js";

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
  /** The --out-dir tree's lock (lock.ts), held until the run ends. */
  lock: Lock | null;
  log: ErrorLog | null;
  file: OutputFile | null;
}

/** The options that shape the --out-dir tree's outputs, which its markers record. */
export const outputShape = (o: RunOptions): string =>
  shapeKey({
    format: o.format,
    ninjsVersion: o.format === "ninjs" ? o.ninjsVersion : null,
    strict: o.strict,
    maxBytes: o.maxBytes,
    errorOn: [...o.errorOn],
  });

/** Open the --out-dir directory, the -o file and the --errors file; null, after saying why on `err`, when one cannot be created. */
async function openTargets(options: RunOptions, out: Sink, err: Sink, ids: Identity): Promise<Targets | null> {
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
  let lock: Lock | null = null;
  if (records.kind === "dir") {
    try {
      tree = OutTree.open(records.path, records.shown, ids, { shape: outputShape(options), incremental: options.incremental });
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
  return { tree, lock, log, file };
}

/** The walk's own matchers, to tell whether a file under a walked directory would be read. */
async function wouldRead(options: RunOptions): Promise<{ include: (rel: string) => boolean; exclude: (rel: string) => boolean; hidden: boolean }> {
  const m = await globMatchers({ glob: options.glob, iglob: options.iglob, exclude: options.exclude });
  return { include: m.include, exclude: m.exclude, hidden: options.hidden };
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
      // Its outputs are its own in this run too: another input mapping to one is a conflict.
      const conflict = this.tree !== null && r.entry.kind === "file" ? this.tree.claim(r.entry, r.seenOutputs ?? []) : null;
      if (conflict !== null) {
        await this.report(r.entry, conflict, false);
        tally.failed++;
        this.status.refused = true;
        return;
      }
      tally.skipped++;
      // Its records were written by an earlier run: their IDs still count as seen.
      for (const [id, line] of r.seenIds ?? []) this.ids.firstSeen(id, r.entry.display, line);
      return;
    }
    const written: Array<[string, number]> = [];
    let failed = await this.part(r, r, written);
    let io = r.io;
    // A large input comes a window of articles at a time.
    if (r.stream) {
      for await (const part of r.stream) {
        failed = (await this.part(r, part, written)) || failed;
        io ||= part.io === true;
        if (this.stopped()) break;
      }
    }
    // The input's marker in the --out tree, written last: only now does a rerun with --incremental
    // count it as done, and only if it is still the file that was read (else INPUT_CHANGED, a warning).
    const unfinished = this.tree !== null && r.entry.kind === "file" ? this.tree.finish(r.entry, failed, written, r.identity) : null;
    if (unfinished !== null) {
      await this.report(r.entry, unfinished, r.articleCount > 1);
      failed ||= unfinished.severity === "error";
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
    const inBlock = this.options.format === "summary" && this.options.records.kind === "stdout" ? new Set(records.map((c) => c.article)) : null;
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
    return true;
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
async function settleOutputFile(file: OutputFile, shown: string, err: Sink, status: RunStatus): Promise<void> {
  if (status.interrupted) return file.abort();
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
  const ids = inputIdentity(inputs, io.cwd);
  const targets = await openTargets(options, out, err, ids);
  if (targets === null) {
    status.usage = true;
    return;
  }
  const expand = expandOptions(options, io, targets.tree);
  const state: ExpandState = { walked: false, skippedLinks: 0, skippedHidden: 0 };
  // With -o, the records go to the output file (which is no terminal).
  const records = targets.file?.sink ?? out;
  const emitter = await chooseEmitter(options, records, targets.tree, targets.file === null && io.stdout.isTTY === true);
  const { progress, stop } = startProgress(inputs, expand, options, io, err, started);
  const dispatcher = new Dispatcher(options, io, targets.tree, () => Promise.all([records.flush(), err.flush()]));
  const batch = new Batch(options, status, emitter, err, targets.log, progress, targets.tree);
  batch.stopped = () => records.closed || out.closed || io.signal?.aborted === true;
  if (io.stderr.isTTY === true) batch.shownLines = new ShownLines();
  // With workers, enough files in flight to keep each one's message batches full.
  const inFlight = dispatcher.workers > 0 ? (dispatcher.workers + 1) * IN_FLIGHT_PER_WORKER : 1;
  const entries = usesSources(options.sources)
    ? sourceEntries(
        inputs,
        options.sources,
        expand,
        state,
        () => io.stdin,
        options.maxBytes,
        () => Promise.all([out.flush(), err.flush()]),
      )
    : expandInputs(inputs, expand, state);
  for await (const r of ordered(entries, inFlight, dispatcher.convert, io.signal)) {
    await batch.take(r);
    dispatcher.release(r.entry);
    // A closed or failed output (| head, a full disk): no new work.
    if (records.closed || out.closed || anyFailed([err, targets.log])) break;
    progress?.tick(batch.tally.files);
  }
  stop();
  await dispatcher.close();
  targets.tree?.close();
  targets.lock?.release();
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
  if (targets.file !== null) await settleOutputFile(targets.file, options.records.kind === "file" ? options.records.shown : "", err, status);
  const more = batch.shownLines?.closing(options.errors.kind === "file" ? options.errors.shown : null) ?? "";
  if (more !== "") await err.write(more);
  // A summary for batches; for a few named files it would only repeat what is already on screen.
  if (!options.quiet && (state.walked || targets.tree !== null || targets.file !== null || status.interrupted)) {
    await writeSummary(batch, Date.now() - started, status.interrupted, state, err);
  }
}
