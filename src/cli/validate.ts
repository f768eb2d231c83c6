/**
 * `ingest validate`: check stored records against the record schema (zod). Reads what ingest
 * writes: JSON Lines, the pretty-printed `.json` files of an --out tree, directories of them;
 * it recognises ninjs documents and says so rather than listing every missing field.
 */
import { readdirSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { error, type Diagnostic } from "../diagnostics.js";
import { articleSchema, issuePath } from "../schema.js";
import { formatDiagnostic, type Reported } from "./diagnostic-line.js";
import type { RunStatus } from "./exit-code.js";
import { describeError } from "./fs-errors.js";
import { readAll, type Io, type Sink } from "./io.js";
import { plural } from "./report.js";

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
    return [{ path: "(root)", message: `this is a ninjs${v} document, not an ingest record (validate checks records; the ninjs schemas are in schema/ninjs/)` }];
  }
  const checked = articleSchema.safeParse(value);
  if (checked.success) return [];
  return checked.error.issues.map((x) => ({ path: issuePath(x.path), message: x.message }));
}

/** Where a JSON.parse error happened, as a 1-based line and column of `text`, when the message says. */
function syntaxPlace(text: string, e: Error): { line: number; column: number } | null {
  const m = /at position (\d+)/.exec(e.message);
  if (!m) return null;
  const at = Math.min(Number(m[1]), text.length);
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  return { line, column: at - (before.lastIndexOf("\n") + 1) + 1 };
}

const notJson = (e: Error): string => `not JSON (${e.message.replace(/ \(line \d+ column \d+\)$/, "")})`;

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

export interface ValidateCounts {
  records: number;
  invalid: number;
  unreadable: number;
  /** Files with nothing in them: an error, since a record was expected. */
  empty: number;
}

/** Files a directory argument contributes: .json, .jsonl and .ndjson files, walked in sorted order, hidden entries skipped. */
function listDirectory(dir: string, shown: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const d of entries) {
    if (d.name.startsWith(".")) continue;
    if (d.isDirectory()) out.push(...listDirectory(join(dir, d.name), join(shown, d.name)));
    else if (d.isFile() && /\.(?:json|jsonl|ndjson)$/i.test(d.name)) out.push(join(shown, d.name));
  }
  return out;
}

async function load(path: string, io: Io): Promise<string> {
  const bytes = path === "-" ? await readAll(io.stdin) : await readFile(resolve(io.cwd, path));
  return Buffer.from(bytes).toString("utf8").replace(/^\uFEFF/, "");
}

/** A pretty-printed document (an --out file): its first non-blank line is `{` or `[` alone. */
const isDocument = (text: string): boolean => /^[{[][ \t]*\r?\n/.test(text.trimStart());

/** Validate each input (file, directory or -): report each invalid record on `err`, then a count. */
export async function validateFiles(args: string[], io: Io, err: Sink, status: RunStatus): Promise<ValidateCounts> {
  const counts: ValidateCounts = { records: 0, invalid: 0, unreadable: 0, empty: 0 };
  const report = (name: string, d: Reported): Promise<void> => err.write(formatDiagnostic(name, d));
  // Worded as `path: message` rather than INVALID_RECORD's parser wording: here the record is the input.
  const invalid = (line: number | null, p: RecordProblem): Reported => ({
    code: "INVALID_RECORD",
    severity: "error",
    line,
    column: p.column ?? null,
    message: `${p.path}: ${p.message}`,
    data: { detail: `${p.path}: ${p.message}` },
  });
  const files: string[] = [];
  for (const arg of args) {
    if (arg !== "-") {
      try {
        if (statSync(resolve(io.cwd, arg)).isDirectory()) {
          const found = listDirectory(resolve(io.cwd, arg), arg);
          if (found.length === 0) {
            await report(arg, error("NO_MATCH", null, { pattern: "*.json, *.jsonl or *.ndjson", under: arg }));
            status.refused = true;
          }
          files.push(...found);
          continue;
        }
      } catch {
        // Reported when read.
      }
    }
    files.push(arg);
  }
  for (const file of files) {
    const name = file === "-" ? "<stdin>" : file;
    let text: string;
    try {
      text = await load(file, io);
    } catch (e) {
      await report(name, error("READ_ERROR", null, { detail: describeError(e) }));
      counts.unreadable++;
      status.io = true;
      continue;
    }
    if (text.trim() === "") {
      const empty: Diagnostic = error("EMPTY_INPUT", null);
      await report(name, empty);
      counts.empty++;
      status.refused = true;
      continue;
    }
    if (isDocument(text)) {
      // One pretty-printed record (or an array of them), as --out writes.
      counts.records++;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        const place = syntaxPlace(text, e as Error);
        await report(name, invalid(place?.line ?? null, { path: "(root)", message: notJson(e as Error), ...(place ? { column: place.column } : {}) }));
        counts.invalid++;
        status.refused = true;
        continue;
      }
      const problems = checkValue(value);
      if (problems.length === 0) continue;
      counts.invalid++;
      status.refused = true;
      for (const p of problems) await report(name, invalid(null, p));
      continue;
    }
    const lines = text.split(/\r?\n/);
    for (const [k, line] of lines.entries()) {
      // Blank lines (the final newline, spacing) hold no record.
      if (line.trim() === "") continue;
      counts.records++;
      const problems = checkLine(line);
      if (problems.length === 0) continue;
      counts.invalid++;
      status.refused = true;
      for (const p of problems) await report(name, invalid(k + 1, p));
    }
  }
  const unreadable = counts.unreadable > 0 ? `; ${plural(counts.unreadable, "file")} unreadable` : "";
  const empty = counts.empty > 0 ? `; ${plural(counts.empty, "file")} empty` : "";
  await err.write(`${plural(counts.records, "record")} checked: ${counts.records - counts.invalid} valid, ${counts.invalid} invalid${empty}${unreadable}\n`);
  return counts;
}
