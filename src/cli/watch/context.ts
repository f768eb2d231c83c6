// One watch's ingest context (what ingest.ts and commit.ts are given) and the store's end of a watch.
import type { Io, Sink } from "../io.js";
import { DEFAULT_MAX_BYTES } from "../args/options.js";
import { shapeKey } from "../output/markers.js";
import type { Tally } from "../report/tally.js";
import type { Store } from "../store/store.js";
import { StoreError } from "../store/store-error.js";
import { DurableDirs } from "./durable.js";
import type { IngestContext } from "./ingest.js";
import type { Journal } from "./journal.js";
import { Names } from "./names.js";
import type { Places } from "./open.js";
import type { WatchOptions } from "./options.js";

/** The options that shape a watch's outputs, as its journal entries record them (out-tree.ts shapeKey). */
const watchShape = (strict: boolean, maxBytes: number): string => shapeKey({ format: "json", ninjsVersion: null, strict, maxBytes, errorOn: [] });

/** What ingestContext needs from the watch: its options, places and journal, and its count of inputs done (read when asked). */
export interface ContextParts {
  o: WatchOptions;
  io: Io;
  out: Sink;
  places: Places;
  journal: Journal | null;
  owners: Map<string, string>;
  store: Store | null;
  done: () => number;
}

/** What each input's ingest and commit steps are given (ingest.ts), for one watch. */
export function ingestContext(p: ContextParts): IngestContext {
  const { o, io, out, places, store } = p;
  // Step hook for the crash tests: INGEST_WATCH_CRASH=<step>:<n> kills the process (SIGKILL)
  // at that step of the group holding the n-th input done.
  const crash = /^(converted|outputs|journal|moved):(\d+)$/.exec(io.env.INGEST_WATCH_CRASH ?? "");
  return {
    inbox: places.inbox,
    inboxDisplay: o.dir,
    outDir: places.outDir,
    outDisplay: o.out,
    archive: places.archive,
    quarantine: places.quarantine,
    journal: p.journal,
    // A file over --max-input-bytes is refused, not streamed: each watched file is one unit of work.
    convert: { maxBytes: o.maxBytes, stdin: io.stdin, oversize: "refuse" },
    // --strict as in a batch: the code policy makes each warning an error that refuses its article.
    policy: { strict: o.strict },
    shape: watchShape(o.strict, o.maxBytes),
    legacyShape: watchShape(false, DEFAULT_MAX_BYTES),
    incomplete: { held: new Map(), settle: o.settle },
    dirs: new DurableDirs(),
    owners: p.owners,
    names: new Names(),
    store,
    // --db alone: the records go to the store, none to stdout.
    emit: (text) => (store !== null && places.outDir === null ? Promise.resolve() : out.write(text)),
    delivered: async () => {
      await out.flush();
      // An EPIPE is reported on a later turn of the event loop.
      await new Promise((done) => setImmediate(done));
      return !out.closed;
    },
    step: (name, upTo) => {
      if (crash !== null && crash[1] === name && p.done() < Number(crash[2]) && Number(crash[2]) <= upTo) process.kill(process.pid, "SIGKILL");
    },
  };
}

/** Write the run's end into the store and close it; the problem when that fails. */
export async function closeStore(store: Store, t: Tally, code: number): Promise<string | null> {
  try {
    await store.finish({ files: t.files, records: t.records, errors: t.errors, warnings: t.warnings, exitCode: code });
    return null;
  } catch (e) {
    if (e instanceof StoreError) return e.message;
    throw e;
  } finally {
    await store.close();
  }
}
