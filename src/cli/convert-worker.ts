/**
 * A worker thread that runs `convertInput` for the pool in pool.ts: it reads and parses the
 * files it is sent and posts back what they gave, so that parsing uses the other cores.
 */
import { parentPort } from "node:worker_threads";
import { convertInput, type ConvertOptions } from "./convert.js";
import type { InputEntry } from "./inputs.js";

/** A job: a file entry to convert; `id` pairs the answer with it. */
export interface Job {
  id: number;
  entry: InputEntry;
}

/** A batch of jobs with the options they share: one message for many files. */
export interface JobBatch {
  jobs: Job[];
  maxBytes: number;
  strict: boolean;
}

const noStdin: ConvertOptions["stdin"] = undefined as never; // workers are sent files only

parentPort?.on("message", async (batch: JobBatch) => {
  const results: string[] = [];
  for (const job of batch.jobs) {
    try {
      const { entry: _, ...result } = await convertInput(job.entry, { maxBytes: batch.maxBytes, strict: batch.strict, stdin: noStdin });
      results.push(JSON.stringify({ id: job.id, result }));
    } catch (err) {
      results.push(JSON.stringify({ id: job.id, error: String((err as Error)?.stack ?? err) }));
    }
  }
  // As JSON text, one message per batch: V8's structured clone of a record's many small objects
  // cost more than the JSON text (BENCHMARKS.md), and each message costs a thread wake-up besides.
  parentPort?.postMessage(`[${results.join(",")}]`);
});
