/**
 * `ingest validate`: check stored JSON Lines records against the record schema (zod).
 */
import { closeSync, constants, createReadStream, fstatSync, openSync } from "node:fs";
import { resolve } from "node:path";
import { error, type Diagnostic } from "../diagnostics.js";
import { escapeName, stripControls } from "../render/sanitize.js";
import { articleSchema, issuePath } from "../schema.js";
import type { RunStatus } from "./exit-code.js";
import { describeError } from "./fs-errors.js";
import type { Io, Sink } from "./io.js";
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

/** The longest stored line read by default (a record is a few kilobytes; the ingest limit). */
export const DEFAULT_MAX_LINE = 10 * 1024 * 1024;

export interface ValidateCounts {
  records: number;
  invalid: number;
  unreadable: number;
}

/** A stored line, or the sign that one was over the limit (the rest of its file is not read). */
type StoredLine = { text: string } | { tooLong: number };

/**
 * The lines of a stream, one at a time, so memory holds one line and not the whole file; a line
 * over `maxBytes` stops the reading (standard input may be /dev/zero, one endless line).
 */
async function* storedLines(stream: NodeJS.ReadableStream, maxBytes: number): AsyncGenerator<StoredLine> {
  let parts: Buffer[] = [];
  let size = 0;
  let first = true;
  const line = (bytes: Buffer): StoredLine => {
    let text = bytes.toString("utf8");
    if (first) text = text.replace(/^\uFEFF/, "");
    first = false;
    return { text: text.endsWith("\r") ? text.slice(0, -1) : text };
  };
  for await (const chunk of stream) {
    let buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    for (let nl = buf.indexOf(10); nl >= 0; nl = buf.indexOf(10)) {
      if (size + nl > maxBytes) return yield { tooLong: size + nl };
      parts.push(buf.subarray(0, nl));
      yield line(parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts));
      parts = [];
      size = 0;
      buf = buf.subarray(nl + 1);
    }
    size += buf.length;
    if (size > maxBytes) return yield { tooLong: size };
    if (buf.length > 0) parts.push(buf);
  }
  if (size > 0) yield line(Buffer.concat(parts));
}

/** Open a stored file for reading, refusing what is no regular file (a FIFO would hang, a device never end). */
function openStored(path: string): NodeJS.ReadableStream {
  // O_NONBLOCK: opening a named pipe must not hang; regular files ignore it.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) throw Object.assign(new Error("it is a directory"), { code: "EISDIR" });
    if (!info.isFile()) throw Object.assign(new Error(info.isFIFO() ? "a named pipe, not a regular file" : "a device or special file, not a regular file"), { code: "ENOTREG" });
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  return createReadStream("", { fd });
}

/** Validate each file's non-blank lines, report each invalid one on `err`, then a summary count. */
export async function validateFiles(files: string[], io: Io, err: Sink, status: RunStatus, maxBytes = DEFAULT_MAX_LINE): Promise<ValidateCounts> {
  const counts: ValidateCounts = { records: 0, invalid: 0, unreadable: 0 };
  const refuse = async (name: string, d: Diagnostic): Promise<void> => {
    await err.write(formatDiagnostic(name, d));
    counts.unreadable++;
    status.io = true;
  };
  for (const file of files) {
    if (io.signal?.aborted) break;
    const name = file === "-" ? "<stdin>" : escapeName(file);
    let k = 0;
    try {
      const stream = file === "-" ? io.stdin : openStored(resolve(io.cwd, file));
      // Ctrl-C ends a read that may wait for ever (a terminal, a quiet pipe).
      io.signal?.addEventListener("abort", () => (stream as { destroy?: () => void }).destroy?.(), { once: true });
      for await (const stored of storedLines(stream, maxBytes)) {
        k++;
        if ("tooLong" in stored) {
          await refuse(name, error("INPUT_TOO_LARGE", k, { size: stored.tooLong, limit: maxBytes }));
          break;
        }
        if (io.signal?.aborted) break;
        const line = stored.text;
        // Blank lines (the final newline, spacing) hold no record.
        if (line.trim() === "") continue;
        counts.records++;
        const problems = checkLine(line);
        if (problems.length === 0) continue;
        counts.invalid++;
        status.refused = true;
        for (const p of problems) {
          await err.write(`${name}:${k}: error INVALID_RECORD ${stripControls(p.path)}: ${stripControls(p.message)}\n`);
        }
      }
    } catch (e) {
      if (io.signal?.aborted) break;
      const code = (e as NodeJS.ErrnoException).code;
      await refuse(name, code === "ENOTREG" ? error("NOT_A_FILE", null, { kind: (e as Error).message.replace(/, not a regular file$/, "") }) : error("READ_ERROR", null, { detail: describeError(e) }));
    }
  }
  if (io.signal?.aborted) status.interrupted = true;
  const unreadable = counts.unreadable > 0 ? `; ${plural(counts.unreadable, "file")} unreadable` : "";
  await err.write(
    `${plural(counts.records, "line")} checked: ${counts.records - counts.invalid} valid, ${counts.invalid} invalid${unreadable}\n`,
  );
  return counts;
}
