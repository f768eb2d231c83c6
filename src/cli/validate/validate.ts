// src/cli/validate/: `ingest validate`, checking stored records against the record schema; it
// shares report/ with the batch.
/**
 * `ingest validate`: check stored records against the record schema (zod). Reads what ingest
 * writes: JSON Lines, the pretty-printed `.json` files of an --out tree, directories of them;
 * it recognises ninjs documents and says so rather than listing every missing field. Lines are
 * read one at a time, so memory holds one line (or one pretty-printed document), not a file.
 */
import { resolve } from "node:path";
import { error, type Diagnostic } from "../../diagnostics.js";
import { escapeName } from "../../render/sanitize.js";
import { formatDiagnostic, type Reported } from "../report/diagnostic-line.js";
import type { RunStatus } from "../report/exit-code.js";
import { describeError } from "../report/fs-errors.js";
import type { Io, Sink } from "../io.js";
import { plural } from "../report/tally.js";
import { checkLine, checkValue, notJson, syntaxPlace, type RecordProblem } from "./check.js";
import { expandArgs, openStored, opensDocument, storedLines, wholeDocument, type StoredLine } from "./stored.js";

/** The longest stored line read by default (a record is a few kilobytes; the ingest limit). */
export const DEFAULT_MAX_LINE = 10 * 1024 * 1024;

export interface ValidateCounts {
  records: number;
  invalid: number;
  unreadable: number;
  /** Files with nothing in them: an error, since a record was expected. */
  empty: number;
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
