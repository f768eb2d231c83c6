/**
 * Where a run's records go, chosen once per run: JSON Lines, ninjs, the MENAFN text layout or
 * the summary on stdout, or one file per article in the --out tree. A JSON or ninjs record comes
 * parsed, or already rendered by a worker thread (render-record.ts) as UTF-8 bytes.
 */
import type { Diagnostic } from "../../diagnostics.js";
import { FORMATS, type Renderer } from "../../render/formats.js";
import { stripControls } from "../../render/sanitize.js";
import type { Article } from "../../schema.js";
import type { Result } from "../convert/convert.js";
import type { Sink } from "../io.js";
import { marksInStore, type RunOptions } from "../args/options.js";
import type { OutTree } from "./out-tree.js";
import type { RenderSpec } from "../convert/render-record.js";

/** A record a worker thread rendered: its output text (line break included) as UTF-8 bytes, and its article number. */
export interface Rendered {
  bytes: Uint8Array;
  article: number;
}

/** Puts out one record of a converted input. */
export interface Emitter {
  /** Write `record` (one of `from`'s); the problem when it could not be written, else null. */
  emit(record: Article | Rendered, from: Result): Promise<Diagnostic | null>;
}

/** What decides a record's text in this run: what the workers are told to render (recordRenderer). */
export const renderSpec = (options: RunOptions, tree: boolean): RenderSpec => ({
  format: options.format,
  pretty: options.pretty,
  color: options.color,
  ninjsVersion: options.ninjsVersion,
  tree,
  identity: tree || marksInStore(options),
});

const isRendered = (r: Article | Rendered): r is Rendered => "bytes" in r;

/** One rendering after another (JSON Lines); a record a worker rendered goes as its bytes. */
const lines = (out: Sink, render: Renderer): Emitter => ({
  async emit(record) {
    await out.write(isRendered(record) ? record.bytes : render(record));
    return null;
  },
});

const utf8 = new TextDecoder();

/** Blocks of text with a blank line between them: several text records stay a valid feed dump. */
function separated(out: Sink, render: Renderer): Emitter {
  let printed = 0;
  return {
    async emit(record) {
      // Formats for people are rendered in the main thread (dispatch.ts); bytes would go as they are.
      const text = isRendered(record) ? utf8.decode(record.bytes) : render(record);
      await out.write(`${printed++ > 0 ? "\n" : ""}${text}`);
      return null;
    },
  };
}

/** One pretty-printed file per article under the --out tree; an input that is no file goes to `other`. */
const tree = (dir: OutTree, render: Renderer, other: Emitter): Emitter => ({
  emit(record, from) {
    if (from.entry.kind !== "file") return other.emit(record, from);
    if (isRendered(record)) return Promise.resolve(dir.write(from.entry, record.article, from.articleCount, utf8.decode(record.bytes)));
    return Promise.resolve(dir.write(from.entry, record.origin.article, from.articleCount, render(record)));
  },
});

/** The emitter for `options`, from the format registry: to the --out tree when there is one, else to `out`. */
export async function chooseEmitter(options: RunOptions, out: Sink, outTree: OutTree | null, terminal = false): Promise<Emitter> {
  const format = FORMATS[options.format];
  const look = { pretty: options.pretty, color: options.color, ninjsVersion: options.ninjsVersion, width: options.width, ignore: options.ignore };
  const rendered = await format.renderer(look);
  // On a terminal, no control character of the input reaches it (JSON escapes them itself).
  const render: Renderer = terminal && format.name === "text" ? (r) => stripControls(rendered(r)) : rendered;
  const stdout = format.separator === "line" ? lines(out, render) : separated(out, render);
  if (outTree === null || !format.toDir) return stdout;
  return tree(outTree, await format.renderer({ ...look, pretty: true }), stdout);
}
