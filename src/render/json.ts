import type { Article } from "../schema.js";

/** A record as JSON: compact (one line, for JSON Lines) or pretty-printed. */
export function renderJson(record: Article, pretty = false): string {
  return pretty ? JSON.stringify(record, null, 2) : JSON.stringify(record);
}
