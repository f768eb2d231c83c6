/**
 * The run's own outputs failing (a full disk under stdout or --errors, an I/O error): one line
 * each, `ingest: error: cannot write standard output: no space left on device`, and exit 2.
 * The sinks keep their failure instead of throwing; the run stops starting new work when one
 * fails, and reports each failure once, before its summary.
 */
import type { RunStatus } from "./exit-code.js";
import { describeError } from "./fs-errors.js";
import type { Sink } from "../io.js";

/** Anything that may fail to write: a sink, the --errors log. */
export interface Failing {
  readonly failure: NodeJS.ErrnoException | null;
}

const reported = new WeakSet<Failing>();

/** An output of the run and what to call it in the message. */
export type NamedSink = readonly [what: string, sink: Failing | null | undefined];

/** Whether any of the outputs has failed. */
export const anyFailed = (sinks: ReadonlyArray<Failing | null | undefined>): boolean => sinks.some((s) => s?.failure != null);

/** Report each failed sink once on `err` (when `err` itself still works); sets the I/O status. */
export async function reportFailures(sinks: readonly NamedSink[], err: Sink, status: RunStatus): Promise<void> {
  for (const [what, s] of sinks) {
    if (s?.failure == null || reported.has(s)) continue;
    reported.add(s);
    status.io = true;
    await err.write(`ingest: error: cannot write ${what}: ${describeError(s.failure)}\n`);
  }
}
