// src/cli/validate/: `ingest validate`, checking stored records against the record schema; it
// shares report/ with the batch.
/**
 * `ingest validate`: check stored records against the record schema (zod). Reads what ingest
 * writes: JSON Lines, the pretty-printed `.json` files of an --out tree, directories of them;
 * it recognises ninjs documents and says so rather than listing every missing field. Lines are
 * read one at a time, so memory holds one line (or one pretty-printed document), not a file.
 */
import { closeSync, constants, createReadStream, fstatSync, openSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { error, type Diagnostic } from "../../diagnostics.js";
import { escapeName } from "../../render/sanitize.js";
import { articleSchema, issuePath } from "../../schema.js";
import { formatDiagnostic, type Reported } from "../report/diagnostic-line.js";
import type { RunStatus } from "../report/exit-code.js";
import { describeError } from "../report/fs-errors.js";
import type { Io, Sink } from "../io.js";
import { plural } from "../report/report.js";

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

/** The longest stored line read by default (a record is a few kilobytes; the ingest limit). */
export const DEFAULT_MAX_LINE = 10 * 1024 * 1024;

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

/** A stored line, or the sign that one was over the limit (the rest of its file is not read). */
type StoredLine = { text: string } | { tooLong: number };

/**
 * The lines of a stream, one at a time, so memory holds one line and not the whole file; a line
 * over `maxBytes` stops the reading (standard input may be /dev/zero, one endless line).
 */
async function* storedLines(stream: AsyncIterable<unknown> | Iterable<unknown>, maxBytes: number): AsyncGenerator<StoredLine> {
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

/** Files up to this size are read whole, at once; larger ones a chunk at a time. */
const READ_WHOLE = 1 << 20;

/** Open a stored file for reading, refusing what is no regular file (a FIFO would hang, a device never end). */
function openStored(path: string): NodeJS.ReadableStream | Buffer[] {
  // O_NONBLOCK: opening a named pipe must not hang; regular files ignore it.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) throw Object.assign(new Error("it is a directory"), { code: "EISDIR" });
    if (!info.isFile())
      throw Object.assign(new Error(info.isFIFO() ? "a named pipe, not a regular file" : "a device or special file, not a regular file"), { code: "ENOTREG" });
    // A small file (an --out record) is read in one synchronous call: through a stream, each file
    // waited on the thread pool for its open, reads and close, which made a directory of 16,883
    // records about 10 times slower than the same records in one JSON Lines file (BENCHMARKS.md).
    if (info.size <= READ_WHOLE) {
      const whole = readFileSync(fd);
      closeSync(fd);
      return [whole];
    }
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  return createReadStream("", { fd });
}

/** A whole file that is one pretty-printed document and parses as JSON: its value; undefined otherwise. */
function wholeDocument(bytes: Buffer): { parsed: unknown } | undefined {
  let at = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (at < bytes.length && (bytes[at] === 0x20 || bytes[at] === 0x09 || bytes[at] === 0x0a || bytes[at] === 0x0d)) at++;
  const nl = bytes.indexOf(10, at);
  if (!opensDocument(bytes.toString("utf8", at, nl < 0 ? bytes.length : nl))) return undefined;
  try {
    return { parsed: JSON.parse(bytes.toString("utf8", at)) };
  } catch {
    return undefined;
  }
}

/** A pretty-printed document (an --out file) starts with `{` or `[` alone on its first non-blank line. */
const opensDocument = (line: string): boolean => /^[{[][ \t]*$/.test(line.trim());

/** The files the arguments name: directories give their .json, .jsonl and .ndjson files. */
async function expandArgs(args: string[], io: Io, err: Sink, status: RunStatus): Promise<string[]> {
  const files: string[] = [];
  for (const arg of args) {
    const path = resolve(io.cwd, arg);
    if (arg !== "-" && statSync(path, { throwIfNoEntry: false })?.isDirectory() === true) {
      const found = listDirectory(path, arg);
      if (found.length === 0) {
        await err.write(formatDiagnostic(arg, error("NO_MATCH", null, { pattern: "*.json, *.jsonl or *.ndjson", under: arg })));
        status.refused = true;
      }
      files.push(...found);
    } else files.push(arg);
  }
  return files;
}

/** Where one stored file has got to: lines read, a record seen, a pretty-printed document being gathered. */
interface Reading {
  k: number;
  seen: boolean;
  stopped: boolean;
  /** A pretty-printed document is gathered (up to maxBytes) and parsed whole. */
  doc: { lines: string[]; from: number; size: number } | null;
}

/** One `ingest validate` run: its counts, and each problem reported on `err`. */
class Validation {
  readonly counts: ValidateCounts = { records: 0, invalid: 0, unreadable: 0, empty: 0 };

  constructor(
    private readonly io: Io,
    private readonly err: Sink,
    private readonly status: RunStatus,
    private readonly maxBytes: number,
  ) {}

  private report(name: string, d: Reported): Promise<void> {
    return this.err.write(formatDiagnostic(name, d));
  }

  private async refuse(name: string, d: Diagnostic): Promise<void> {
    await this.report(name, d);
    this.counts.unreadable++;
    this.status.io = true;
  }

  /** Count one record and report its problems. */
  private async check(name: string, line: number | null, problems: RecordProblem[]): Promise<void> {
    this.counts.records++;
    if (problems.length === 0) return;
    this.counts.invalid++;
    this.status.refused = true;
    // Worded as `path: message` rather than INVALID_RECORD's parser wording: here the record is the input.
    for (const p of problems) {
      const message = `${p.path}: ${p.message}`;
      await this.report(name, { code: "INVALID_RECORD", severity: "error", line, column: p.column ?? null, message, data: { detail: message } });
    }
  }

  /** Check one stored file (or -); false when the run was interrupted. */
  async file(file: string): Promise<boolean> {
    const name = file === "-" ? "<stdin>" : escapeName(file);
    const r: Reading = { k: 0, seen: false, stopped: false, doc: null };
    const signal = this.io.signal;
    let stop: (() => void) | undefined;
    try {
      const stream = file === "-" ? this.io.stdin : openStored(resolve(this.io.cwd, file));
      // Ctrl-C ends a read that may wait for ever (a terminal, a quiet pipe). The listener goes when
      // the file is done: left on the shared signal, each file's made every later add slower (an
      // EventTarget looks through its listeners on each add), and a directory quadratic.
      // A small pretty-printed document (what --out-dir writes) that parses is checked at once: the
      // same value as gathering its lines, without a string per line (the lines cost most of the
      // time, in the garbage collector). Anything else, and any syntax error, goes line by line.
      if (Array.isArray(stream) && (stream[0]?.length ?? 0) <= this.maxBytes) {
        const value = wholeDocument(stream[0] as Buffer);
        if (value !== undefined) {
          await this.check(name, null, checkValue(value.parsed));
          return true;
        }
      }
      stop = () => (stream as { destroy?: () => void }).destroy?.();
      signal?.addEventListener("abort", stop, { once: true });
      for await (const stored of storedLines(stream, this.maxBytes)) {
        if (!(await this.line(name, stored, r))) break;
      }
    } catch (e) {
      if (this.io.signal?.aborted) return false;
      const code = (e as NodeJS.ErrnoException).code;
      await this.refuse(
        name,
        code === "ENOTREG"
          ? error("NOT_A_FILE", null, { kind: (e as Error).message.replace(/, not a regular file$/, "") })
          : error("READ_ERROR", null, { detail: describeError(e) }),
      );
      return true;
    } finally {
      if (stop !== undefined) signal?.removeEventListener("abort", stop);
    }
    if (r.doc !== null) await this.document(name, r.doc);
    else if (!r.seen && !r.stopped && !this.io.signal?.aborted) {
      // Nothing in it: a stored file is expected to hold a record.
      await this.report(name, error("EMPTY_INPUT", null));
      this.counts.empty++;
      this.status.refused = true;
    }
    return true;
  }

  /** Take one stored line: a record, a line of a document, or nothing; false to stop reading the file. */
  private async line(name: string, stored: StoredLine, r: Reading): Promise<boolean> {
    r.k++;
    if ("tooLong" in stored) return this.tooLarge(name, r, r.k, stored.tooLong);
    if (this.io.signal?.aborted) return false;
    const line = stored.text;
    if (r.doc !== null) {
      r.doc.size += line.length + 1;
      if (r.doc.size > this.maxBytes) return this.tooLarge(name, r, r.doc.from, r.doc.size);
      r.doc.lines.push(line);
      return true;
    }
    // Blank lines (the final newline, spacing) hold no record.
    if (line.trim() === "") return true;
    if (!r.seen && opensDocument(line)) r.doc = { lines: [line], from: r.k, size: line.length + 1 };
    r.seen = true;
    if (r.doc === null) await this.check(name, r.k, checkLine(line));
    return true;
  }

  /** Refuse the file as over --max-bytes; false: stop reading it. */
  private async tooLarge(name: string, r: Reading, line: number, size: number): Promise<false> {
    await this.refuse(name, error("INPUT_TOO_LARGE", line, { size, limit: this.maxBytes }));
    r.doc = null;
    r.stopped = true;
    return false;
  }

  /** Parse a gathered document whole and check it. */
  private async document(name: string, doc: NonNullable<Reading["doc"]>): Promise<void> {
    const text = doc.lines.join("\n");
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const place = syntaxPlace(text, e as Error);
      const problem = { path: "(root)", message: notJson(e as Error), ...(place ? { column: place.column } : {}) };
      await this.check(name, place ? place.line + doc.from - 1 : doc.from, [problem]);
      return;
    }
    await this.check(name, null, checkValue(value));
  }
}

/** Validate each input (file, directory or -): report each invalid record on `err`, then a count. */
export async function validateFiles(args: string[], io: Io, err: Sink, status: RunStatus, maxBytes = DEFAULT_MAX_LINE): Promise<ValidateCounts> {
  const v = new Validation(io, err, status, maxBytes);
  for (const file of await expandArgs(args, io, err, status)) {
    if (io.signal?.aborted || !(await v.file(file))) break;
  }
  if (io.signal?.aborted) status.interrupted = true;
  const counts = v.counts;
  const unreadable = counts.unreadable > 0 ? `; ${plural(counts.unreadable, "file")} unreadable` : "";
  const empty = counts.empty > 0 ? `; ${plural(counts.empty, "file")} empty` : "";
  await err.write(`${plural(counts.records, "record")} checked: ${counts.records - counts.invalid} valid, ${counts.invalid} invalid${empty}${unreadable}\n`);
  return counts;
}
