/**
 * What the results of a batch come to, one input at a time in input order: diagnostics reported
 * (stderr, --errors) under the per-code policy, records emitted and stored, DUPLICATE_ID found,
 * everything counted for the summary.
 */
import { type Diagnostic, diagnostic } from "../diagnostics.js";
import type { Article } from "../schema.js";
import { FORMATS } from "../render/formats.js";
import type { Converted, Part, Result } from "./convert/convert.js";
import { DuplicateIds } from "./convert/duplicate-ids.js";
import { tuneHeap } from "./convert/heap.js";
import type { Emitter } from "./output/emit.js";
import type { RunStatus } from "./report/exit-code.js";
import type { ExpandState, InputEntry } from "./inputs/inputs.js";
import type { Sink } from "./io.js";
import { marksInStore, type RunOptions } from "./args/options.js";
import { lookAgain, makeMarker, type Marker, storeKey } from "./output/markers.js";
import { outputShape } from "./open-targets.js";
import type { OutTree } from "./output/out-tree.js";
import { applyPolicy, severityOf } from "./report/code-policy.js";
import type { Reported } from "./report/diagnostic-line.js";
import { type ErrorLog, formatCounts, formatDiagnostic, type ShownLines } from "./report/report.js";
import type { Progress } from "./report/status-line.js";
import { formatSummary, newTally } from "./report/tally.js";
import type { Store } from "./store/store.js";

/**
 * The store's --incremental mark of a file input (--db with no --out tree), from what was read of
 * it: it says done only when the file, looked at now, is still the one read whole; otherwise the
 * INPUT_CHANGED warning comes with it (the next --incremental run converts it again).
 */
function storeMark(r: Result, failed: boolean, ids: Array<[string, number]>, shape: string): { marker: Marker; changed: Diagnostic | null } {
  const entry = r.entry as Extract<InputEntry, { kind: "file" }>;
  const { done, changed } = lookAgain(entry.raw ?? entry.path, r.identity);
  return { marker: makeMarker(storeKey(entry), shape, r.identity, done, failed, [], ids), changed };
}

/** A flat copy of an ASCII string (an ID), sharing no memory with the text it was cut from. */
const ownCopy = (ascii: string): string => Buffer.from(ascii, "latin1").toString("latin1");

/** What the results of a run come to: their diagnostics reported, their records emitted, all counted. */
export class Batch {
  readonly tally = newTally();
  /** Reported diagnostics by severity and code, for the counts at the end. */
  readonly byCode = { warning: new Map<string, number>(), error: new Map<string, number>() };
  /** Whether to stop reading a streamed input (stdout closed, Ctrl-C). */
  stopped: () => boolean = () => false;
  /** On a terminal, the first problem lines only (null: every line, for pipes and files). */
  shownLines: ShownLines | null = null;
  private readonly ids = new DuplicateIds();
  /** Whether each input gets an --incremental mark: in the --out tree, or in the store. */
  private readonly marks: boolean;
  /** The options' shape for the store's marks (--db with --incremental and no --out tree), or null. */
  private readonly storeShape: string | null;

  constructor(
    private readonly options: RunOptions,
    private readonly status: RunStatus,
    private readonly emitter: Emitter,
    private readonly err: Sink,
    private readonly log: ErrorLog | null,
    private readonly progress: Progress | null,
    private readonly tree: OutTree | null = null,
    private readonly store: Store | null = null,
  ) {
    this.storeShape = store !== null && marksInStore(options) ? outputShape(options) : null;
    this.marks = tree !== null || this.storeShape !== null;
  }

  /** One problem: a line on stderr (unless hidden) and in the --errors log, and counted. */
  private async report(entry: InputEntry, d: Reported, several: boolean, shown = true): Promise<void> {
    const o = this.options;
    // -q hides warnings; --errors - puts the JSON objects on stderr in place of the lines.
    if (shown && !(o.quiet && d.severity === "warning") && o.errors.kind !== "stderr" && this.shownLines?.take(d.code) !== false) {
      this.progress?.clear();
      await this.err.write(formatDiagnostic(entry.display, d, { color: o.errColor, article: several }));
    }
    if (this.log !== null) await this.log.write(entry.kind === "stdin" ? null : entry.display, d);
    // An output that could not be written is the run's I/O failure (exit 2), not the input's fault;
    // but an output name over the file system's limit comes from the input's own name: its error (exit 1).
    if (d.code === "WRITE_ERROR" && !isOwnName(d)) this.status.io = true;
    await this.store?.problem(d);
    if (d.severity === "error") this.tally.errors++;
    else this.tally.warnings++;
    const counts = this.byCode[d.severity];
    counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
  }

  /** An input skipped as up to date (--incremental): its outputs and record IDs still count in this run. */
  private async skip(r: Result): Promise<void> {
    // Its outputs are its own in this run too: another input mapping to one is a conflict.
    const conflict = this.tree !== null && r.entry.kind === "file" ? this.tree.claim(r.entry, r.seenOutputs ?? []) : null;
    if (conflict !== null) {
      await this.report(r.entry, conflict, false);
      this.tally.failed++;
      this.status.refused = true;
      return;
    }
    this.tally.skipped++;
    // Its records were written by an earlier run: their IDs still count as seen.
    for (const [id, line] of r.seenIds ?? []) this.ids.firstSeen(id, r.entry.display, line);
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
    if (r.skipped) return this.skip(r);
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
    // rows are committed before its marker, so that --incremental never skips an input the store lacks;
    // without one, its mark is written in the store, with its rows.
    const inStore = this.storeShape !== null && r.entry.kind === "file" && !cut ? storeMark(r, failed, written, this.storeShape) : null;
    await this.store?.endInput(cut, this.tree !== null, inStore?.marker);
    if (inStore?.changed != null) await this.report(r.entry, inStore.changed, r.articleCount > 1);
    // The input's marker in the --out tree, written last: only now does a rerun with --incremental
    // count it as done, and only if it is still the file that was read (else INPUT_CHANGED, a warning;
    // an input cut short was not read whole, and is not done either).
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
    const inBlock = FORMATS[this.options.format].showsWarnings && this.options.records.kind === "stdout" ? new Set(records.map((c) => c.article)) : null;
    let failed = false;
    for (const d of diagnostics) {
      const shown = !(inBlock !== null && d.severity === "warning" && d.article != null && inBlock.has(d.article));
      await this.report(r.entry, d, r.articleCount > 1, shown);
      failed ||= d.severity === "error";
    }
    for (const c of records) {
      if (await this.record(r, c)) {
        // Kept for --incremental's mark only, and as a copy: the ID is a slice of its input's
        // text, and holding the slice would hold every window of a streamed input.
        if (c.id !== null && this.marks) written.push([ownCopy(c.id), c.line]);
      } else failed = true;
    }
    return failed;
  }

  /** Emit one record unless its ID repeats under --strict; false when it is refused or not written. */
  private async record(r: Result, { record, id, article, line, bytes }: Converted): Promise<boolean> {
    const first = id === null ? null : this.ids.firstSeen(id, r.entry.display, line);
    if (id !== null && first !== null) {
      // --strict (or --error-on DUPLICATE_ID) refuses what would be a warning, and a repeated ID is one.
      const severity = severityOf("DUPLICATE_ID", this.options);
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

/** The counts by code (what to --ignore, or to look at first), then the summary line, last. */
export async function writeSummary(batch: Batch, ms: number, interrupted: boolean, state: ExpandState, err: Sink): Promise<void> {
  for (const severity of ["warning", "error"] as const) {
    const counts = batch.byCode[severity];
    if (counts.size > 0) await err.write(`${severity}s: ${formatCounts(counts)}\n`);
  }
  await err.write(formatSummary(batch.tally, ms, interrupted, state));
}

/** A WRITE_ERROR caused by the input's own name being too long for an output's name (docs/failure-model.md, "long names"). */
function isOwnName(d: Reported): boolean {
  return (d.data as { errno?: unknown } | undefined)?.errno === "ENAMETOOLONG";
}
