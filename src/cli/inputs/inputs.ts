// src/cli/inputs/: where a run's inputs come from. Arguments, directory walks with --glob,
// --files-from lists, JSON Lines documents, --shard. Never imports output/ or convert/: an input is
// named here, read in convert/.
/**
 * Command-line arguments → a stream of inputs. A directory is walked one
 * directory at a time with its entries sorted, so the order is the same on
 * every run and memory does not grow with the number of files.
 */
import { statSync, type Stats } from "node:fs";
import { dirname, resolve } from "node:path";
import { error } from "../../diagnostics.js";
import { inside } from "../paths.js";
import { expandGlob } from "./expand-glob.js";
import type { ExpandOptions, ExpandState, InputEntry } from "./types.js";
import { loadFastGlob, newWalk, passedOver, problem, walk, type Walk } from "./walk.js";

export type { ExpandOptions, ExpandState, InputEntry } from "./types.js";

/** Expand arguments in the order given: `-`, files, directories (walked) and glob patterns. */
export async function* expandInputs(args: Iterable<string> | AsyncIterable<string>, o: ExpandOptions, state: ExpandState): AsyncGenerator<InputEntry> {
  let w: Walk | undefined;
  for await (const arg of args) {
    if (o.signal?.aborted) return;
    if (arg === "-") {
      yield { kind: "stdin", display: "<stdin>", named: true };
      continue;
    }
    const abs = resolve(o.cwd, arg);
    let info: Stats | null = null;
    try {
      // Synchronous, like the reads: the first asynchronous file call starts libuv's thread pool,
      // ~1.5 ms of every one-file run (BENCHMARKS.md, "Start-up").
      info = statSync(abs, { throwIfNoEntry: false }) ?? null;
    } catch {
      // A name that does not exist may be a pattern; otherwise the reader reports it.
    }
    if (info === null && o.literal !== true && (await loadFastGlob()).isDynamicPattern(arg)) {
      state.walked = true;
      yield* expandGlob(arg, (w ??= await newWalk(o, state)));
    } else if (info?.isDirectory()) {
      state.walked = true;
      const found: Walk["found"] = { n: 0 };
      const dirWalk: Walk = { ...(w ??= await newWalk(o, state)), root: abs, found };
      yield* walk(abs, arg, "", dirWalk, new Set([`${info.dev}:${info.ino}`]));
      // Silent zero work is a mistake more often than not: say so (exit 1).
      if (found.n === 0 && o.signal?.aborted !== true)
        yield problem(arg, error("NO_MATCH", null, { pattern: dirWalk.shown, under: arg, ...passedOver(found.others) }));
    } else {
      const root = o.literal === true && inside(abs, resolve(o.cwd)) ? resolve(o.cwd) : dirname(abs);
      yield { kind: "file", path: abs, display: arg, root, named: true };
    }
  }
}
