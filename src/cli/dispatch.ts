/**
 * Where each input is converted: in the main thread, or in the worker pool once a batch with
 * --jobs over 1 is large enough to pay for it; inputs whose --out files are up to date are skipped.
 */
import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { convertInput, type ConvertOptions, type Result } from "./convert.js";
import type { InputEntry } from "./inputs.js";
import { ByteBudget, IN_FLIGHT } from "./memory-budget.js";
import type { Io } from "./io.js";
import type { RunOptions } from "./options.js";
import type { OutTree } from "./out-tree.js";
import type { ConvertPool } from "./pool.js";

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
  // the pool opens after the first POOL_AFTER files, with a worker per core, and never with --jobs 1.
  private pool: Promise<ConvertPool | null> | undefined;
  private files = 0;
  private readonly convertOptions: ConvertOptions;
  private readonly budget = new ByteBudget(IN_FLIGHT);
  private readonly held = new Map<InputEntry, number>();

  constructor(
    private readonly options: RunOptions,
    io: Io,
    private readonly tree: OutTree | null,
  ) {
    // One object for every input, not one (with its getter) per file. A getter: reading
    // process.stdin creates the stream, which costs milliseconds a run over files need not pay.
    this.convertOptions = {
      maxBytes: options.maxBytes,
      strict: options.strict,
      signal: io.signal,
      get stdin() {
        return io.stdin;
      },
    };
  }

  /** Read and parse one input (or skip it when --incremental finds its output up to date). */
  readonly convert = async (entry: InputEntry): Promise<Result> => {
    const o = this.options;
    const done = this.tree !== null && o.incremental && entry.kind === "file" ? this.tree.upToDate(entry) : null;
    if (done !== null) return { entry, records: [], diagnostics: [], articleCount: 0, io: false, skipped: true, seenIds: done };
    if (entry.kind === "file" && o.jobs > 1) {
      // Several inputs in flight: their bytes (and so their records) share one budget.
      const size = sizeOf(entry.raw ?? entry.path);
      this.held.set(entry, size);
      await this.budget.acquire(size);
    }
    if (entry.kind === "file" && o.jobs > 1 && ++this.files > POOL_AFTER) {
      this.pool ??= import("./pool.js").then((m) => m.ConvertPool.open(Math.min(o.jobs, availableParallelism()), o.maxBytes, o.strict));
      const workers = await this.pool;
      if (workers !== null) return workers.convert(entry);
    }
    return convertInput(entry, this.convertOptions);
  };

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
