// One stored value or JSON Lines line checked against the record schema: pure, no I/O.
import { articleSchema, issuePath } from "../../schema.js";

/** One problem with one stored record: where in the record, and what. */
export interface RecordProblem {
  path: string;
  message: string;
  /** 1-based column in the line, for JSON syntax errors. */
  column?: number;
}

/** Which ninjs version a value is, when it is a ninjs document rather than a record; null otherwise. */
export function ninjsVersion(value: unknown): string | null {
  if (typeof value !== "object" || value === null || Array.isArray(value) || "headline" in value) return null;
  const v = value as Record<string, unknown>;
  const standard = v.standard as Record<string, unknown> | undefined;
  if (standard?.name === "ninjs") return typeof standard.version === "string" ? standard.version : "";
  return typeof v.uri === "string" && ("headlines" in v || "bodies" in v || "versioncreated" in v || "versionCreated" in v) ? "" : null;
}

/** Check one parsed value: no problems when it is a valid record. Pure. */
export function checkValue(value: unknown): RecordProblem[] {
  const ninjs = ninjsVersion(value);
  if (ninjs !== null) {
    const v = ninjs === "" ? "" : ` ${ninjs}`;
    return [
      { path: "(root)", message: `this is a ninjs${v} document, not an ingest record (validate checks records; the ninjs schemas are in schema/ninjs/)` },
    ];
  }
  const checked = articleSchema.safeParse(value);
  if (checked.success) return [];
  return checked.error.issues.map((x) => ({ path: issuePath(x.path), message: x.message }));
}

/** Where a JSON.parse error happened, as a 1-based line and column of `text`, when the message says. */
export function syntaxPlace(text: string, e: Error): { line: number; column: number } | null {
  const m = /at position (\d+)/.exec(e.message);
  if (!m) return null;
  const at = Math.min(Number(m[1]), text.length);
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  return { line, column: at - (before.lastIndexOf("\n") + 1) + 1 };
}

export const notJson = (e: Error): string => `not JSON (${oneLine(e.message.replace(/ \(line \d+ column \d+\)$/, ""))})`;

/** A message on one line: V8 quotes the text around a syntax error, line breaks and all; they are escaped (`\n`). */
const oneLine = (message: string): string =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what is escaped.
  message.replace(/[\u0000-\u001f\u007f]/g, (c) =>
    c === "\n" ? "\\n" : c === "\r" ? "\\r" : c === "\t" ? "\\t" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );

/** Check one JSON Lines line: no problems when it is a valid record. Pure. */
export function checkLine(line: string): RecordProblem[] {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    const place = syntaxPlace(line, e as Error);
    return [{ path: "(root)", message: notJson(e as Error), ...(place ? { column: place.column } : {}) }];
  }
  return checkValue(value);
}
