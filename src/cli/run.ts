/**
 * The per-input loop: expand the arguments, convert up to `jobs` inputs at
 * once, and handle each result in input order: diagnostics to stderr (and
 * --errors), records to stdout or the --out tree, counts for the summary.
 */
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { diagnostic, type Diagnostic } from "../diagnostics.js";
import type { Article } from "../schema.js";
import type { NinjsVersion } from "../render/ninjs-versions.js";
import { stripControls } from "../render/sanitize.js";
import { ordered } from "./batch.js";
import { convertInput, type Result } from "./convert.js";
import type { RunStatus } from "./exit-code.js";
import { describeError } from "./fs-errors.js";
import { expandInputs, type ExpandOptions, type ExpandState, type InputEntry } from "./inputs.js";
import type { Io, Sink } from "./io.js";
import type { ConvertPool } from "./pool.js";
import { IdPlaces } from "./id-set.js";
import { OutTree } from "./out-tree.js";
import { blankLineBetween, recordRenderer, type RenderSpec } from "./render-record.js";
import { ErrorLog, formatSummary, newTally, Progress } from "./report.js";

export interface RunOptions {
  format: "json" | "summary" | "ninjs" | "text";
  pretty: boolean;
  strict: boolean;
  color: boolean;
  maxBytes: number;
  /** The output directory as given, or null for stdout. */
  out: string | null;
  glob: string;
  exclude: string[];
  hidden: boolean;
  followSymlinks: boolean;
  /** The --errors JSON Lines file, or null. */
  errors: string | null;
  incremental: boolean;
  jobs: number;
  quiet: boolean;
  /** The ninjs version for format "ninjs". */
  ninjsVersion?: NinjsVersion;
}

/** One diagnostic as a stderr line: `FILE:LINE: severity CODE message`. */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  // Walked file names are input too: a name can hold terminal escapes.
  const name = stripControls(file);
  const where = d.line === null ? `${name}:` : `${name}:${d.line}:`;
  return `${where} ${d.severity} ${d.code} ${stripControls(d.message)}\n`;
}


/** Files converted in the main thread before the worker pool starts. */
const POOL_AFTER = 32;
/** Inputs (and their records) held at once per worker thread: four of the pool's batches of 32, so none waits for work. */
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

/** Process the inputs; records to `out` (or the --out tree), diagnostics to `err`. */
export async function run(inputs: string[], options: RunOptions, io: Io, out: Sink, err: Sink, status: RunStatus): Promise<void> {
  const started = Date.now();
  const outDir = options.out === null ? null : resolve(io.cwd, options.out);
  let tree: OutTree | null = null;
  let log: ErrorLog | null = null;
  let what = "";
  try {
    what = `the output directory ${options.out}`;
    if (outDir !== null && options.out !== null) tree = await OutTree.open(outDir, options.out);
    what = `the --errors file ${options.errors}`;
    if (options.errors !== null) log = await ErrorLog.open(resolve(io.cwd, options.errors));
  } catch (e) {
    await err.write(`error: cannot create ${what}: ${describeError(e)}\n`);
    status.usage = true;
    return;
  }
  const spec: RenderSpec = { format: options.format, pretty: options.pretty, color: options.color, ninjsVersion: options.ninjsVersion ?? "2.2", tree: tree !== null };
  const render = await recordRenderer(spec);
  const separate = blankLineBetween(spec);
  const utf8 = new TextDecoder();
  const expand: ExpandOptions = {
    cwd: io.cwd, glob: options.glob, exclude: options.exclude, hidden: options.hidden, followSymlinks: options.followSymlinks, outDir, signal: io.signal,
    // Each asynchronous listing left the thread idle for its round trip to the thread pool (~0.2 ms a
    // directory, 15% of a run over a tree of 1,000 directories); Ctrl-C is still heard every 64 files.
    listSync: true,
  };
  const state: ExpandState = { walked: false, skippedLinks: 0, skippedHidden: 0 };
  const stopCount = new AbortController();
  io.signal?.addEventListener("abort", () => stopCount.abort());
  const progress = io.stderr.isTTY === true && !options.quiet ? new Progress((s) => void err.write(s), started) : null;
  if (progress) void countInputs(inputs, { ...expand, signal: stopCount.signal }).then((n) => (progress.total = n));

  const tally = newTally();
  const seen = new IdPlaces();
  let printed = 0;
  const report = async (entry: InputEntry, d: Diagnostic): Promise<void> => {
    progress?.clear();
    await err.write(formatDiagnostic(entry.display, d));
    if (log !== null) await log.write(entry.kind === "stdin" ? null : entry.display, d);
    if (d.severity === "error") tally.errors++;
    else tally.warnings++;
  };
  // Worker threads pay for batches only (a worker takes ~30 ms to start): the pool opens after the
  // first POOL_AFTER files, and never with --jobs 1. The main thread is one of the jobs: it parses
  // whatever the workers have no room for. Each thread compiles the parser for itself (a worker's
  // JIT warm-up cost ~0.3 s of CPU over a 20,000-file batch), so --jobs N starts N - 1 workers,
  // not N, and the main thread never sits idle waiting for them.
  let pool: Promise<ConvertPool | null> | undefined;
  let fileCount = 0;
  let local = 0;
  // One object for every input, not one (with its getter) per file. A getter: reading
  // process.stdin creates the stream, which costs milliseconds a run over files need not pay.
  const convertOptions = { maxBytes: options.maxBytes, strict: options.strict, get stdin() { return io.stdin; } };
  const workers = Math.min(options.jobs, availableParallelism()) - 1;
  const work = async (entry: InputEntry): Promise<Result> => {
    if (tree !== null && options.incremental && entry.kind === "file" && (await tree.upToDate(entry))) {
      return { entry, records: [], diagnostics: [], articleCount: 0, io: false, skipped: true };
    }
    if (entry.kind === "file" && workers > 0 && ++fileCount > POOL_AFTER) {
      pool ??= import("./pool.js").then((m) => m.ConvertPool.open(workers, options.maxBytes, options.strict, spec));
      const p = await pool;
      if (p !== null) {
        if (p.wantsMore()) return p.convert(entry);
        // A file parsed here holds up the workers' answers: let them in every few files.
        if (++local % 4 === 0) await new Promise((done) => setImmediate(done));
      }
    }
    return convertInput(entry, convertOptions);
  };

  // With workers, enough files in flight to keep each one's message batches full.
  const inFlight = workers > 0 ? (workers + 1) * IN_FLIGHT_PER_WORKER : 1;
  for await (const r of ordered(expandInputs(inputs, expand, state), inFlight, work, io.signal)) {
    tally.files++;
    // Synchronous reads and writes never give the event loop a turn by themselves: without one now
    // and then, Ctrl-C (and the progress timer) would wait for the end of a large flat directory.
    if (tally.files % 64 === 0) await new Promise((done) => setImmediate(done));
    if (r.skipped) {
      tally.skipped++;
      continue;
    }
    let failed = false;
    for (const d of r.diagnostics) {
      await report(r.entry, d);
      failed ||= d.severity === "error";
    }
    for (const c of r.records) {
      const id = c.id;
      if (id !== null) {
        const first = seen.add(id, r.entry.display, c.line);
        if (first !== null) {
          await report(r.entry, diagnostic("DUPLICATE_ID", options.strict ? "error" : "warning", c.line, { id, first }));
          // --strict refuses what would be a warning, and a repeated ID is one.
          if (options.strict) {
            failed = true;
            continue;
          }
        }
      }
      // Rendered here, or already by a worker thread (as bytes).
      const text = c.bytes ?? render(c.record as Article);
      if (tree !== null && r.entry.kind === "file") {
        const problem = await tree.write(r.entry, c.article, r.articleCount, typeof text === "string" ? text : utf8.decode(text));
        if (problem !== null) {
          await report(r.entry, problem);
          failed = true;
          continue;
        }
      } else {
        // A blank line between articles keeps several text records a valid feed dump.
        if (separate && printed > 0) await out.write("\n");
        await out.write(text);
      }
      printed++;
      tally.records++;
    }
    if (failed) {
      tally.failed++;
      if (r.io) status.io = true;
      else status.refused = true;
    } else tally.ok++;
    if (out.closed) break;
    progress?.tick(tally.files);
  }
  stopCount.abort();
  await (await pool)?.close();
  progress?.clear();
  if (io.signal?.aborted === true) status.interrupted = true;
  // A summary for batches; for a few named files it would only repeat what is already on screen.
  if (!options.quiet && (state.walked || tree !== null || status.interrupted)) {
    await err.write(formatSummary(tally, Date.now() - started, status.interrupted, state));
  }
  await log?.end();
}
