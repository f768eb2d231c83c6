/**
 * A small pool of worker threads for `convertInput` (read + parse + render), so a batch uses
 * every core: the main thread walks, orders and writes, the workers do the rest. Files are sent in
 * batches to the least busy worker; each batch comes back as one block of output bytes plus a
 * short JSON text (convert-worker.ts). Results are promises, which the ordered pipeline (batch.ts)
 * puts back in input order, so the output is the same as with one job.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Converted, Result } from "./convert.js";
import type { AnsweredRecord, BatchAnswer, Job, JobBatch } from "./convert-worker.js";
import type { InputEntry } from "../inputs/inputs.js";
import type { RenderSpec } from "./render-record.js";

type Pending = { entry: InputEntry; resolve: (r: Result) => void; reject: (e: Error) => void };
type Answer = { id: number; result?: Omit<Result, "entry" | "records"> & { records: AnsweredRecord[] }; error?: string };

/**
 * Files per message: a message costs a thread wake-up and a JSON parse of its meta, so fewer
 * and larger is cheaper, as long as every worker has a batch or two queued (see IN_FLIGHT in run.ts).
 */
export const BATCH = 32;

/**
 * Batches queued per worker before the main thread parses a file itself. Eight: with the ordered
 * window of run.ts ((workers + 1) × 128 inputs) that is never reached, so the main thread walks,
 * sends, orders and writes, and only the workers parse. The main thread parsing the overflow (three
 * batches, before) ran the parser in two isolates: TurboFan compiled it twice and the run took ~25 %
 * more CPU in all (20,000 files, --jobs 2: 2.15 s against 1.65–1.69 s; BENCHMARKS.md).
 */
const BACKLOG = 8;

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
    private readonly spec: RenderSpec,
    private readonly local: (entry: InputEntry) => Promise<Result>,
  ) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(url);
      // Never what keeps the process alive: close() ends them on the normal path.
      worker.unref();
      const slot = { worker, busy: 0 };
      worker.on("message", (answer: BatchAnswer) => {
        slot.busy--;
        this.settle(answer);
      });
      worker.on("error", (err) => {
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
      });
      this.workers.push(slot);
    }
  }

  private settle({ meta, bytes }: BatchAnswer): void {
    for (const a of JSON.parse(meta) as Answer[]) {
      const p = this.pending.get(a.id);
      if (!p) continue;
      this.pending.delete(a.id);
      if (!a.result) {
        p.reject(new Error(a.error));
        continue;
      }
      // An input over --max-bytes is streamed by the main thread, article by article.
      if (a.result.deferred === true) {
        this.local(p.entry).then(p.resolve, p.reject);
        continue;
      }
      const records: Converted[] = a.result.records.map((r) => ({
        record: null,
        id: r.id,
        article: r.article,
        line: r.line,
        bytes: bytes.subarray(r.start, r.end),
      }));
      p.resolve({ entry: p.entry, ...a.result, records });
    }
  }

  /** A pool of `size` workers, or null where the worker script is not built (tests run from src/). */
  static open(size: number, maxBytes: number, spec: RenderSpec, local: (entry: InputEntry) => Promise<Result>): ConvertPool | null {
    const url = new URL("./convert-worker.js", import.meta.url);
    if (size < 1 || !existsSync(fileURLToPath(url))) return null;
    return new ConvertPool(url, size, maxBytes, spec, local);
  }

  /** Whether every worker has fewer than BACKLOG batches to do: otherwise the caller converts the file itself. */
  wantsMore(): boolean {
    return this.pending.size < this.workers.length * BATCH * BACKLOG;
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
    const batch: JobBatch = { jobs: this.queue, maxBytes: this.maxBytes, spec: this.spec };
    this.queue = [];
    slot.worker.postMessage(batch);
  }

  /** End the workers. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
