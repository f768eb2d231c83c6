/**
 * The journal of `ingest watch`: append-only JSON Lines, one entry per input
 * ingested or refused, written only once that input's outputs are durable and
 * fsynced before the input is moved. It is what makes a restart exactly-once:
 * an input whose entry is there (same path and content) is done; any other is
 * done again, and its outputs are replaced with the same bytes.
 */
import { closeSync, fdatasyncSync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { fsyncPath } from "./durable.js";
import { makeDirs } from "../output/make-dirs.js";

/** One journal line. Paths are relative (input to the watched directory, outputs to --out), with `/`. */
export interface JournalEntry {
  v: 1;
  event: "ingested" | "refused";
  path: string;
  size: number;
  mtimeMs: number;
  ino: number;
  /** sha256 of the bytes, hex. */
  hash: string;
  records: number;
  outputs: string[];
  /** Where the input was moved to (relative to the archive or quarantine directory), after this entry was written. */
  moved: "archive" | "quarantine" | null;
  at: string;
}

/** What the index keeps of an entry: enough to tell whether a file is the one already done. */
export type Done = Pick<JournalEntry, "event" | "size" | "mtimeMs" | "ino" | "hash" | "outputs" | "moved">;

/** The journal file and the index of its entries (last entry per path wins). */
export class Journal {
  private constructor(
    private readonly fd: number,
    readonly path: string,
    readonly index: Map<string, Done>,
    /** Lines read at start, and torn bytes dropped from the end (a crash in the middle of an append). */
    readonly loaded: { lines: number; tornBytes: number },
  ) {}

  /** Open (creating it durably if needed), read the index and cut a torn last line. */
  static open(path: string): Journal {
    makeDirs(dirname(path));
    const fd = openSync(path, "a+");
    let created = false;
    try {
      created = fstatSync(fd).size === 0;
      const index = new Map<string, Done>();
      let lines = 0;
      // Bytes up to the end of the last complete, valid line; line by line, since the journal of
      // a long-lived feed can be large. A line without its newline is torn, even if it parses.
      let good = 0;
      let pos = 0;
      let rest = Buffer.alloc(0);
      const chunk = Buffer.alloc(64 * 1024);
      reading: for (;;) {
        const n = readSync(fd, chunk, 0, chunk.length, pos);
        if (n === 0) break;
        pos += n;
        let buf = rest.length > 0 ? Buffer.concat([rest, chunk.subarray(0, n)]) : chunk.subarray(0, n);
        let nl: number;
        while ((nl = buf.indexOf(10)) !== -1) {
          const entry = parseLine(buf.subarray(0, nl).toString("utf8"));
          if (entry === null) break reading;
          lines++;
          good += nl + 1;
          index.set(entry.path, done(entry));
          buf = buf.subarray(nl + 1);
        }
        rest = Buffer.from(buf);
      }
      const size = fstatSync(fd).size;
      // Only the last line can be torn (appends are sequential); anything after the last good line goes.
      if (size > good) {
        ftruncateSync(fd, good);
        fdatasyncSync(fd);
      }
      if (created) fsyncPath(dirname(path));
      return new Journal(fd, path, index, { lines, tornBytes: size - good });
    } catch (e) {
      closeSync(fd);
      throw e;
    }
  }

  /** Append entries (one write) and fsync them; the index follows. */
  append(entries: JournalEntry[]): void {
    if (entries.length === 0) return;
    const lines = Buffer.from(entries.map((e) => `${JSON.stringify(e)}\n`).join(""));
    let off = 0;
    while (off < lines.length) off += writeSync(this.fd, lines, off);
    fdatasyncSync(this.fd);
    for (const e of entries) this.index.set(e.path, done(e));
  }

  close(): void {
    closeSync(this.fd);
  }
}

const done = (e: JournalEntry): Done => ({ event: e.event, size: e.size, mtimeMs: e.mtimeMs, ino: e.ino, hash: e.hash, outputs: e.outputs, moved: e.moved });

/** An entry, or null for a line that is not one (a torn tail). */
function parseLine(line: string): JournalEntry | null {
  try {
    const e = JSON.parse(line) as Partial<JournalEntry>;
    if (e.v !== 1 || typeof e.path !== "string" || typeof e.hash !== "string" || !Array.isArray(e.outputs)) return null;
    return e as JournalEntry;
  } catch {
    return null;
  }
}
