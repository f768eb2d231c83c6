/**
 * A readable summary of a record for a terminal. Pure: colour is a parameter.
 */
import { Chalk } from "chalk";
import type { Article } from "../schema.js";
import { stripControls } from "./sanitize.js";
import { wrapLine } from "./wrap.js";

export interface SummaryOptions {
  color: boolean;
  /** Characters of the lead to show before cutting it. */
  leadLength?: number;
  /** The terminal's width: longer lines are wrapped, continuation lines indented under their label. Not wrapped when absent. */
  width?: number;
  /** Warning codes left out (--ignore). */
  ignore?: ReadonlySet<string>;
}

const LABEL = 10;
/** A space the wrapping must not break at (a private-use character, made a space after wrapping). */
const GLUE = "\uE000";

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const at = text.lastIndexOf(" ", max);
  return `${text.slice(0, at > max * 0.6 ? at : max)} …`;
}

/** Render one record as a short, labelled summary. */
export function renderSummary(record: Article, options: SummaryOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const s = stripControls;
  const label = (name: string): string => c.dim(name.padEnd(LABEL));
  const lines: string[] = [c.bold(s(record.headline))];
  const ts = record.timestamp ? `${record.timestamp}  ${c.dim(`(${s(record.timestampText ?? "")})`)}` : c.yellow("none");
  lines.push(`${label("timestamp")}${ts}`);
  lines.push(`${label("source")}${record.source ? s(record.source) : c.yellow("none")}${record.credit ? c.dim(` · ${s(record.credit)}`) : ""}`);
  const idInfo = record.id ? `${record.id}  ${c.dim(`(${record.idDate ?? "invalid date"},${GLUE}article${GLUE}${record.articleNumber})`)}` : c.yellow("none");
  lines.push(`${label("id")}${idInfo}`);
  lines.push(`${label("words")}${record.wordCount} in ${record.paragraphCount} paragraph${record.paragraphCount === 1 ? "" : "s"}`);
  const where = `${record.origin.file ?? "<stdin>"}, lines ${record.origin.startLine}–${record.origin.endLine}`;
  lines.push(`${label("from")}${s(where)}`);
  const lead = record.body.split("\n\n")[0] ?? "";
  lines.push(`${label("lead")}${s(cut(lead, options.leadLength ?? 240))}`);
  if (record.extras.length > 0) {
    lines.push(`${label("extras")}${record.extras.map((x) => `${x.line}: ${s(x.text)}`).join(c.dim(" | "))}`);
  }
  const warnings = options.ignore ? record.warnings.filter((w) => !options.ignore?.has(w.code)) : record.warnings;
  if (warnings.length === 0) lines.push(`${label("warnings")}${c.green("none")}`);
  else {
    warnings.forEach((w, k) => {
      const where = w.line === null ? "" : c.dim(`line ${w.line}: `);
      lines.push(`${label(k === 0 ? "warnings" : "")}${c.yellow(w.code)} ${where}${s(w.message)}`);
    });
  }
  const width = options.width;
  const text = width === undefined ? lines.join("\n") : lines.map((line, k) => wrapLine(line, width, k === 0 ? 0 : LABEL)).join("\n");
  return text.replaceAll(GLUE, " ");
}
