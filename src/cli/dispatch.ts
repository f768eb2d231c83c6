/**
 * Where each input is converted: in the main thread, or in the worker pool once a batch with
 * --jobs over 1 is large enough to pay for it; inputs whose --out files are up to date are skipped.
 */
import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { convertInput, type ConvertOptions, type Result } from "./convert/convert.js";
import { renderSpec } from "./output/emit.js";
import type { InputEntry } from "./inputs/inputs.js";
import { workersThatFit } from "./convert/address-space.js";
import { ByteBudget, IN_FLIGHT } from "./convert/memory-budget.js";
import type { Io } from "./io.js";
import { marksInStore, type RunOptions } from "./args/options.js";
import { type Done, storeKey, vouches } from "./output/markers.js";
import { outputShape } from "./open-targets.js";
import type { Store } from "./store/store.js";
import { FORMATS } from "../render/formats.js";
import type { OutTree } from "./output/out-tree.js";
import type { ConvertPool } from "./convert/pool.js";

/** A file's size (0 when it cannot be read: its reader reports why). */
function sizeOf(path: string | Buffer): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Files converted in the main thread before the worker pool starts. */
const POOL_AFTER = 32;

/** Converts inputs: in the main thread, or (with --jobs over 1) in a worker pool once a batch is large enough. */
export class Dispatcher {
  // Worker threads pay for batches only (a worker takes tens of milliseconds to start; BENCHMARKS.md):
  // the pool opens after the first POOL_AFTER files, and never with --jobs 1. The main thread is one
  // of the jobs: it walks, sends batches, puts the answers in order and writes them (~20 µs a file,
  // ~0.4 s of a 20,000-file batch), and parses only what the workers have no room for (pool.ts's
  // BACKLOG, which the ordered window keeps it from reaching). Each thread that parses compiles the
  // parser for itself (TurboFan took ~0.3 s of CPU per thread over a 20,000-file batch), so --jobs N
  // starts N - 1 workers, not N.
  private pool: Promise<ConvertPool | null> | undefined;
  private files = 0;
  private local = 0;
  /**
   * Worker threads to start: one fewer than the jobs, no more than the cores allow, and none for
   * the summary and text formats (for people, on a terminal), whose records the main thread renders.
   */
  readonly workers: number;
  private readonly convertOptions: ConvertOptions;
  private readonly budget = new ByteBudget(IN_FLIGHT);
  private readonly held = new Map<InputEntry, number>();
  /** The options' shape, which the store's marks must match (made at the first question). */
  private shape: string | undefined;

  constructor(
    private readonly options: RunOptions,
    io: Io,
    private readonly tree: OutTree | null,
    /** Write out what is buffered (records and diagnostics so far). */
    flush?: () => Promise<unknown>,
    /** The --db store, where --incremental's marks live when there is no --out tree. */
    private readonly store: Store | null = null,
  ) {
    // One object for every input, not one (with its getter) per file. A getter: reading
    // process.stdin creates the stream, which costs milliseconds a run over files need not pay.
    this.convertOptions = {
      maxBytes: options.maxBytes,
      signal: io.signal,
      // The --out-dir tree's markers record each input as it was read (out-tree.ts).
      identity: tree !== null || marksInStore(options),
      ...(flush ? { beforeLarge: flush } : {}),
      get stdin() {
        return io.stdin;
      },
    };
    // The store takes records as JSON: with --db, only JSON is rendered in the workers (ninjs in this thread).
    const inWorker = FORMATS[options.format].inWorker && (options.db === null || options.format === "json");
    // Under an address-space limit, only the worker threads that fit (address-space.ts): V8 aborts
    // the process when one cannot reserve its code range.
    this.workers = inWorker ? workersThatFit(Math.min(options.jobs, availableParallelism()) - 1) : 0;
  }

  /** Read and parse one input (or skip it when --incremental finds its output up to date). */
  readonly convert = async (entry: InputEntry): Promise<Result> => {
    const o = this.options;
    const done = o.incremental && entry.kind === "file" ? await this.upToDate(entry) : null;
    if (done !== null) return { entry, records: [], diagnostics: [], articleCount: 0, io: false, skipped: true, seenIds: done.ids, seenOutputs: done.outputs };
    if (entry.kind === "file" && o.jobs > 1) {
      // Several inputs in flight: their bytes (and so their records) share one budget.
      const size = sizeOf(entry.raw ?? entry.path);
      this.held.set(entry, size);
      await this.budget.acquire(size);
    }
    if (entry.kind === "file" && this.workers > 0 && ++this.files > POOL_AFTER) {
      const spec = renderSpec(o, this.tree !== null);
      this.pool ??= import("./convert/pool.js").then((m) => m.ConvertPool.open(this.workers, o.maxBytes, spec, (e) => convertInput(e, this.convertOptions)));
      const pool = await this.pool;
      if (pool !== null) {
        if (pool.wantsMore()) return pool.convert(entry);
        // A file parsed here holds up the workers' answers: let them in every few files.
        if (++this.local % 4 === 0) await new Promise((done) => setImmediate(done));
      }
    }
    return convertInput(entry, this.convertOptions);
  };

  /** --incremental: what the input's mark (in the --out tree, else in the store) vouches for, or null. */
  private async upToDate(entry: Extract<InputEntry, { kind: "file" }>): Promise<Done | null> {
    if (this.tree !== null) return this.tree.upToDate(entry);
    if (this.store === null) return null;
    this.shape ??= outputShape(this.options);
    const mark = await this.store.mark(storeKey(entry));
    return mark !== null && vouches(mark, this.shape, entry.raw ?? entry.path) ? { ids: mark.ids, outputs: [] } : null;
  }

  /** The input's result has been written out: its share of the budget is free. */
  release(entry: InputEntry): void {
    const size = this.held.get(entry);
    if (size === undefined) return;
    this.held.delete(entry);
    this.budget.release(size);
  }

  /** Stop the worker threads, if any started. */
  async close(): Promise<void> {
    await (await this.pool)?.close();
  }
}
