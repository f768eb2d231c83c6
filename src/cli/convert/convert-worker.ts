/**
 * A worker thread for the pool in pool.ts: it reads, parses and renders the files it is sent,
 * and posts back one message per batch: the records' output text as one block of UTF-8 bytes
 * (transferred, not copied) and a short JSON text with the rest (IDs, lines, diagnostics).
 */
import { parentPort } from "node:worker_threads";
import type { Article } from "../../schema.js";
import { convertInput, type ConvertOptions } from "./convert.js";
import type { InputEntry } from "../inputs/inputs.js";
import { recordRenderer, type RenderSpec } from "./render-record.js";

/** A job: a file entry to convert; `id` pairs the answer with it. */
export interface Job {
  id: number;
  entry: InputEntry;
}

/** A batch of jobs with the options they share: one message for many files. */
export interface JobBatch {
  jobs: Job[];
  maxBytes: number;
  spec: RenderSpec;
}

/** One record of an answer: its text is bytes [start, end) of the batch's block. */
export interface AnsweredRecord {
  id: string | null;
  article: number;
  line: number;
  start: number;
  end: number;
}

/** What a worker posts back for a batch. */
export interface BatchAnswer {
  /** JSON: Array<{ id, result?: { records: AnsweredRecord[], diagnostics, articleCount, io, skipped }, error? }>. */
  meta: string;
  bytes: Uint8Array;
}

const noStdin: ConvertOptions["stdin"] = undefined as never; // workers are sent files only

/** A growable block of UTF-8 bytes. */
class Block {
  buf = new Uint8Array(256 * 1024);
  used = 0;
  private readonly encoder = new TextEncoder();
  add(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (this.buf.length - this.used < text.length * 3) {
      const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.used + text.length * 3));
      bigger.set(this.buf.subarray(0, this.used));
      this.buf = bigger;
    }
    this.used += this.encoder.encodeInto(text, this.buf.subarray(this.used)).written;
  }
}

const block = new Block();
let renderer: Promise<(record: Article) => string> | undefined;
let rendererKey = "";

parentPort?.on("message", async (batch: JobBatch) => {
  const key = JSON.stringify(batch.spec);
  if (renderer === undefined || key !== rendererKey) {
    rendererKey = key;
    renderer = recordRenderer(batch.spec);
  }
  const render = await renderer;
  block.used = 0;
  const answers: unknown[] = [];
  for (const job of batch.jobs) {
    try {
      const {
        entry: _,
        records,
        ...rest
      } = await convertInput(job.entry, {
        maxBytes: batch.maxBytes,
        stdin: noStdin,
        oversize: "defer",
        // --incremental's marks (the --out-dir tree's or the store's) record each input as it was read.
        identity: batch.spec.identity,
      });
      const answered: AnsweredRecord[] = [];
      for (const c of records) {
        const start = block.used;
        block.add(render(c.record as Article));
        answered.push({ id: c.id, article: c.article, line: c.line, start, end: block.used });
      }
      answers.push({ id: job.id, result: { records: answered, ...rest } });
    } catch (err) {
      answers.push({ id: job.id, error: String((err as Error)?.stack ?? err) });
    }
  }
  // An exact-size copy moves to the main thread (transferred, not copied again): the main thread
  // frees it only when a garbage collection runs, and a quarter-megabyte block per batch made it
  // collect far more often (external memory counts towards the heap's limits).
  const bytes = block.buf.slice(0, block.used);
  const answer: BatchAnswer = { meta: JSON.stringify(answers), bytes };
  parentPort?.postMessage(answer, [bytes.buffer]);
});
