/**
 * `ingest validate`: check stored JSON Lines records against the record schema (zod).
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { error } from "../diagnostics.js";
import { stripControls } from "../render/sanitize.js";
import { articleSchema, issuePath } from "../schema.js";
import type { RunStatus } from "./exit-code.js";
import { describeError } from "./fs-errors.js";
import { readAll, type Io, type Sink } from "./io.js";
import { formatDiagnostic, plural } from "./report.js";

/** One problem with one stored line: where in the record, and what. */
export interface RecordProblem {
  path: string;
  message: string;
}

/** Check one JSON Lines line: no problems when it is a valid record. Pure. */
export function checkLine(line: string): RecordProblem[] {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return [{ path: "(root)", message: `not JSON (${(e as Error).message})` }];
  }
  const checked = articleSchema.safeParse(value);
  if (checked.success) return [];
  return checked.error.issues.map((x) => ({ path: issuePath(x.path), message: x.message }));
}

export interface ValidateCounts {
  records: number;
  invalid: number;
  unreadable: number;
}

async function load(path: string, io: Io): Promise<string> {
  const bytes = path === "-" ? await readAll(io.stdin) : await readFile(resolve(io.cwd, path));
  return Buffer.from(bytes).toString("utf8").replace(/^\uFEFF/, "");
}

/** Validate each file's non-blank lines, report each invalid one on `err`, then a summary count. */
export async function validateFiles(files: string[], io: Io, err: Sink, status: RunStatus): Promise<ValidateCounts> {
  const counts: ValidateCounts = { records: 0, invalid: 0, unreadable: 0 };
  for (const file of files) {
    const name = file === "-" ? "<stdin>" : file;
    let text: string;
    try {
      text = await load(file, io);
    } catch (e) {
      await err.write(formatDiagnostic(name, error("READ_ERROR", null, { detail: describeError(e) })));
      counts.unreadable++;
      status.io = true;
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
      for (const p of problems) {
        await err.write(`${name}:${k + 1}: error INVALID_RECORD ${stripControls(p.path)}: ${stripControls(p.message)}\n`);
      }
    }
  }
  const unreadable = counts.unreadable > 0 ? `; ${plural(counts.unreadable, "file")} unreadable` : "";
  await err.write(
    `${plural(counts.records, "line")} checked: ${counts.records - counts.invalid} valid, ${counts.invalid} invalid${unreadable}\n`,
  );
  return counts;
}
