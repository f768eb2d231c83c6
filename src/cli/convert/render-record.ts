/**
 * How a record becomes output text, for the main thread and the worker threads alike: a worker
 * renders the records it parses, so only their bytes cross back to the main thread.
 */
import { renderJson } from "../../render/json.js";
import type { NinjsVersion } from "../../render/ninjs-versions.js";
import { renderText } from "../../render/text.js";
import type { Article } from "../../schema.js";

/** What decides a record's text: the output format and its flags. */
export interface RenderSpec {
  format: "json" | "summary" | "ninjs" | "text";
  pretty: boolean;
  color: boolean;
  ninjsVersion: NinjsVersion;
  /** Writing one file per article (--out): pretty JSON or ninjs. */
  tree: boolean;
}

/**
 * A record's text, with the line break that follows it (none for the text format, whose
 * articles are separated by a blank line the caller writes between them). The summary (chalk)
 * and ninjs (node:crypto) renderers load only when their format is chosen.
 */
export async function recordRenderer(spec: RenderSpec): Promise<(record: Article) => string> {
  const version = spec.ninjsVersion;
  if (spec.format === "ninjs") {
    const { renderNinjs } = await import("../../render/ninjs.js");
    const pretty = spec.tree || spec.pretty;
    return (record) => `${renderNinjs(record, version, pretty)}\n`;
  }
  if (spec.tree) return (record) => `${renderJson(record, true)}\n`;
  if (spec.format === "summary") {
    const { renderSummary } = await import("../../render/summary.js");
    const color = spec.color;
    return (record) => `${renderSummary(record, { color })}\n`;
  }
  if (spec.format === "text") return renderText;
  const pretty = spec.pretty;
  return (record) => `${renderJson(record, pretty)}\n`;
}

/** Whether records of this format are separated by a blank line (written before all but the first). */
export const blankLineBetween = (spec: RenderSpec): boolean => !spec.tree && (spec.format === "text" || spec.format === "summary");
