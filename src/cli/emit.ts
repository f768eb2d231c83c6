/**
 * Where a run's records go, chosen once per run: JSON Lines, ninjs, the MENAFN text layout or
 * the summary on stdout, or one file per article in the --out tree. A record comes as the parsed
 * record, or already rendered by a worker thread (render-record.ts) as UTF-8 bytes.
 */
import type { Diagnostic } from "../diagnostics.js";
import type { Article } from "../schema.js";
import type { Result } from "./convert.js";
import type { Sink } from "./io.js";
import type { RunOptions } from "./options.js";
import type { OutTree } from "./out-tree.js";
import { blankLineBetween, recordRenderer, type RenderSpec } from "./render-record.js";

/** A record a worker thread rendered: its output text as UTF-8 bytes, and its article number. */
export interface Rendered {
  bytes: Uint8Array;
  article: number;
}

/** Puts out one record of a converted input. */
export interface Emitter {
  /** Write `record` (one of `from`'s); the problem when it could not be written, else null. */
  emit(record: Article | Rendered, from: Result): Promise<Diagnostic | null>;
}

/** What decides a record's text in this run: what the workers are told to render. */
export const renderSpec = (options: RunOptions, tree: boolean): RenderSpec => ({
  format: options.format,
  pretty: options.pretty,
  color: options.color,
  ninjsVersion: options.ninjsVersion ?? "2.2",
  tree,
});

const isRendered = (r: Article | Rendered): r is Rendered => "bytes" in r;

/** The emitter for `options`: to the --out tree when there is one, else to `out`. */
export async function chooseEmitter(options: RunOptions, out: Sink, outTree: OutTree | null): Promise<Emitter> {
  const spec = renderSpec(options, false);
  const render = await recordRenderer(spec);
  const text = (r: Article | Rendered): string | Uint8Array => (isRendered(r) ? r.bytes : render(r));
  // Blocks of text with a blank line between them: several text records stay a valid feed dump.
  let printed = 0;
  const stdout: Emitter = blankLineBetween(spec)
    ? {
        async emit(r) {
          if (printed++ > 0) await out.write("\n");
          await out.write(text(r));
          return null;
        },
      }
    : {
        async emit(r) {
          await out.write(text(r));
          return null;
        },
      };
  if (outTree === null) return stdout;
  // One pretty-printed file per article under the --out tree; an input that is no file goes to stdout.
  const renderFile = await recordRenderer(renderSpec(options, true));
  const utf8 = new TextDecoder();
  return {
    emit(r, from) {
      if (from.entry.kind !== "file") return stdout.emit(r, from);
      const file = isRendered(r) ? utf8.decode(r.bytes) : renderFile(r);
      return outTree.write(from.entry, isRendered(r) ? r.article : r.origin.article, from.articleCount, file);
    },
  };
}
