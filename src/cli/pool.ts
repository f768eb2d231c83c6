/**
 * A small pool of worker threads for `convertInput` (read + parse), so a batch uses every core:
 * the main thread walks, orders and writes, the workers parse. Jobs are sent in batches to the
 * least busy worker; results come back as promises, which the ordered pipeline (batch.ts) puts
 * back in input order, so the output is the same as with one job.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Result } from "./convert.js";
import type { Job, JobBatch } from "./convert-worker.js";
import type { InputEntry } from "./inputs.js";

type Pending = { entry: InputEntry; resolve: (r: Result) => void; reject: (e: Error) => void };
type Answer = { id: number; result?: Omit<Result, "entry">; error?: string };

/** Files per message: enough to amortise a message, few enough to keep both workers fed. */
const BATCH = 16;

/** A pool of workers converting files; `close()` ends them. */
export class ConvertPool {
  private readonly workers: Array<{ worker: Worker; busy: number }> = [];
  private readonly pending = new Map<number, Pending>();
  private queue: Job[] = [];
  private flushing = false;
  private next = 0;

  private constructor(
    url: URL,
    size: number,
    private readonly maxBytes: number,
    private readonly strict: boolean,
  ) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(url);
      // Never what keeps the process alive: close() ends them on the normal path.
      worker.unref();
      const slot = { worker, busy: 0 };
      worker.on("message", (text: string) => {
        slot.busy--;
        for (const a of JSON.parse(text) as Answer[]) {
          const p = this.pending.get(a.id);
          if (!p) continue;
          this.pending.delete(a.id);
          if (a.result) p.resolve({ entry: p.entry, ...a.result });
          else p.reject(new Error(a.error));
        }
      });
      worker.on("error", (err) => {
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
      });
      this.workers.push(slot);
    }
  }

  /** A pool of `size` workers, or null where the worker script is not built (tests run from src/). */
  static open(size: number, maxBytes: number, strict: boolean): ConvertPool | null {
    const url = new URL("./convert-worker.js", import.meta.url);
    if (size < 1 || !existsSync(fileURLToPath(url))) return null;
    return new ConvertPool(url, size, maxBytes, strict);
  }

  /** Convert one file entry in a worker. */
  convert(entry: InputEntry): Promise<Result> {
    const id = this.next++;
    const promise = new Promise<Result>((resolve, reject) => this.pending.set(id, { entry, resolve, reject }));
    this.queue.push({ id, entry });
    if (this.queue.length >= BATCH) this.flush();
    else if (!this.flushing) {
      // A part batch goes out once the pipeline has queued what it can in this turn.
      this.flushing = true;
      setImmediate(() => {
        this.flushing = false;
        this.flush();
      });
    }
    return promise;
  }

  private flush(): void {
    if (this.queue.length === 0) return;
    let slot = this.workers[0];
    for (const w of this.workers) if (slot === undefined || w.busy < slot.busy) slot = w;
    if (slot === undefined) throw new Error("the pool has no workers");
    slot.busy++;
    const batch: JobBatch = { jobs: this.queue, maxBytes: this.maxBytes, strict: this.strict };
    this.queue = [];
    slot.worker.postMessage(batch);
  }

  /** End the workers. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
