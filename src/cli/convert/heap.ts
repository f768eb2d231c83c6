/**
 * V8's heap sizing for a long run (a batch of many files, a streamed input), set once the run is
 * seen to be one. By default V8 lets the old generation fill with up to ~4 times its live size of
 * garbage before collecting it, and grows the young generation to two 16 MiB semi-spaces: for a
 * run whose live heap stays at ~10 MB that was most of its peak memory, and peak RSS grew with the
 * run (BENCHMARKS.md, "Memory"). So the old generation grows by half its live size at most, and in
 * a batch the young generation stays at the size it has by then (a streamed input keeps V8's
 * default there: with a small young generation, more of each window's objects outlive it, and
 * parsing took ~25 % more CPU time). Both are V8 flags that V8 reads at each collection, so they
 * can be set at run time (`--max-semi-space-size` cannot: V8 reads it when the heap is made).
 * A batch also scavenges on the main thread alone (`--no-parallel-scavenge`, read at each
 * scavenge): between two files almost nothing in the young generation is alive (~30 KB of a
 * 1 MiB semi-space), so helper threads had nothing to share but their start and join, which cost
 * most of each pause — ~4 % of a 20,000-file batch's CPU time, more on a loaded machine, where the
 * helpers wait for a core (BENCHMARKS.md, "Batch path").
 * Set only on the V8 versions they were measured on and known in (Node 20 to 24): an unknown flag
 * would make V8 print an error on stderr.
 */
import { createRequire } from "node:module";

const FLAGS = { batch: ["--heap-growing-percent=50", "--semi-space-growth-factor=1", "--no-parallel-scavenge"], stream: ["--heap-growing-percent=50"] };

const done = new Set<string>();

/** The V8 flags a long run of this kind gets on V8 `version`: none on a V8 they were not measured on. */
export function heapFlags(kind: "batch" | "stream", version: string): readonly string[] {
  const major = Number(version.split(".")[0]);
  return major >= 11 && major <= 13 ? FLAGS[kind] : [];
}

/** Size the heap for a long run of this kind; once per flag, and not before it is needed (loading node:v8 costs start-up time). */
export function tuneHeap(kind: "batch" | "stream"): void {
  const flags = heapFlags(kind, process.versions.v8).filter((f) => !done.has(f));
  if (flags.length === 0) return;
  for (const f of flags) done.add(f);
  // Required here, not imported at the top: only a long run pays for loading it. (A dynamic
  // import() would not do: the bundle is compiled by vm.Script, which has no module loader.)
  const v8 = createRequire(import.meta.url)("node:v8") as typeof import("node:v8");
  for (const flag of flags) v8.setFlagsFromString(flag);
}
