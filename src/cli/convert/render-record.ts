/**
 * How a record becomes output text, for the main thread and the worker threads alike: a worker
 * renders the records it parses, so only their bytes cross back to the main thread. The
 * renderers are the format registry's (render/formats.ts).
 */
import { FORMATS, type FormatName, type Renderer } from "../../render/formats.js";
import type { NinjsVersion } from "../../render/ninjs-versions.js";

/** What decides a record's text: the output format and its flags. */
export interface RenderSpec {
  format: FormatName;
  pretty: boolean;
  color: boolean;
  ninjsVersion: NinjsVersion;
  /** Writing one file per article (--out-dir): the format's pretty form. */
  tree: boolean;
  /** Take each file's identity and hash as it is read, for --incremental's marks (the --out tree's or the store's). */
  identity: boolean;
}

/** A record's text, with the line break that follows it. */
export function recordRenderer(spec: RenderSpec): Promise<Renderer> {
  const format = FORMATS[spec.format];
  return format.renderer({ ...spec, pretty: spec.tree ? format.pretty : spec.pretty, width: null, ignore: new Set() });
}
