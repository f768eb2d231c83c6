/**
 * V8's heap sizing for a long run (a batch of many files, a streamed input), set once the run is
 * seen to be one. By default V8 grows its young generation to two 16 MiB semi-spaces and lets the
 * old generation fill with up to ~4 times its live size of garbage before collecting it: for a run
 * whose live heap stays at ~10 MB that was most of its peak memory, and peak RSS grew with the run
 * (BENCHMARKS.md, "Memory"). So the young generation stays at the size it has, and the old one
 * grows by half its live size at most. Both are V8 flags that V8 reads at each collection, so they
 * can be set at run time (`--max-semi-space-size` cannot: V8 reads it when the heap is made).
 * Set only on the V8 versions they were measured on (Node 20 to 24): an unknown flag would make
 * V8 print an error on stderr.
 */
import { createRequire } from "node:module";

const FLAGS = ["--semi-space-growth-factor=1", "--heap-growing-percent=50"];

let tuned = false;

/** Size the heap for a long run; at most once, and not before it is needed (loading node:v8 costs start-up time). */
export function tuneHeap(): void {
  if (tuned) return;
  tuned = true;
  const major = Number(process.versions.v8.split(".")[0]);
  if (!(major >= 11 && major <= 13)) return;
  // Required here, not imported at the top: only a long run pays for loading it. (A dynamic
  // import() would not do: the bundle is compiled by vm.Script, which has no module loader.)
  const v8 = createRequire(import.meta.url)("node:v8") as typeof import("node:v8");
  for (const flag of FLAGS) v8.setFlagsFromString(flag);
}
