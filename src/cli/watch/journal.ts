/**
 * The journal of `ingest watch`: append-only JSON Lines, one entry per input
 * ingested or refused, written only once that input's outputs are durable and
 * fsynced before the input is moved. It is what makes a restart exactly-once:
 * an input whose entry is there (same path and content, made under the same
 * options) is done; any other is done again, and its outputs are replaced with
 * the same bytes.
 *
 * The file starts with a header line that says what it is; a file that does not look like a
 * journal of ours (neither that header nor, for journals made before it, an entry as its first
 * line) is never appended to, let alone cut: the watch refuses it at start. Only a torn last line
 * (bytes after the last line break: a crash in the middle of an append) is cut. A damaged line
 * elsewhere is skipped with a warning naming it; the lines after it still count.
 */
import { closeSync, constants, fdatasyncSync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { fsyncPath } from "./durable.js";
import { makeDirs } from "../output/make-dirs.js";
import type { ReadIdentity } from "../convert/read-identity.js";
import type { Reported } from "../report/diagnostic-line.js";

/** The journal's first line. */
export const JOURNAL_HEADER = { journal: "ingest watch", v: 1 } as const;
const HEADER_LINE = `${JSON.stringify(JOURNAL_HEADER)}\n`;

/** One journal line. Paths are relative (input to the watched directory, outputs to --out), with `/`. */
export interface JournalEntry {
  v: 1;
  event: "ingested" | "refused";
  path: string;
  /**
   * The name it is kept under in --archive or --quarantine, and its outputs are named after, when
   * not `path`: a later delivery of a name an earlier one holds (`a~2.txt`; names.ts).
   */
  name?: string;
  size: number;
  mtimeMs: number;
  ino: number;
  /** sha256 of the bytes parsed, hex. */
  hash: string;
  /**
   * The options that shaped the outputs (out-tree.ts shapeKey); an entry made under others is
   * done again. Absent in entries of builds before it, which count as made under the defaults.
   */
  opts?: string;
  records: number;
  outputs: string[];
  /** Where the input was moved to (relative to the archive or quarantine directory), after this entry was written. */
  moved: "archive" | "quarantine" | null;
  at: string;
}

/** What the index keeps of an entry: enough to tell whether a file is the one already done. */
export type Done = Pick<JournalEntry, "event" | "name" | "size" | "mtimeMs" | "ino" | "hash" | "opts" | "outputs" | "moved" | "at">;

/** A file that is not a journal of ours: the watch refuses it rather than write into it. */
export class NotAJournal extends Error {}

/** The journal file and the index of its entries (last entry per path wins). */
export class Journal {
  private constructor(
    private readonly fd: number,
    readonly path: string,
    readonly index: Map<string, Done>,
    /** Entries read at start, torn bytes cut from the end, and the damaged lines skipped (1-based). */
    readonly loaded: { lines: number; tornBytes: number; damaged: number[] },
  ) {}

  /**
   * Open (creating it durably if needed, with its header), read the index, and cut a torn last
   * line. Throws NotAJournal, having changed nothing, when the file is not a journal of ours.
   */
  static open(path: string): Journal {
    makeDirs(dirname(path));
    // O_NONBLOCK: a named pipe given as the journal must not hang the start (it is refused below).
    const fd = openSync(path, constants.O_RDWR | constants.O_CREAT | constants.O_APPEND | constants.O_NONBLOCK, 0o666);
    try {
      const info = fstatSync(fd);
      if (!info.isFile()) throw new NotAJournal(`the journal ${path} is not a regular file`);
      const created = info.size === 0;
      const index = new Map<string, Done>();
      const damaged: number[] = [];
      let lines = 0;
      let lineNo = 0;
      // Bytes up to the end of the last complete line; line by line, since the journal of a
      // long-lived feed can be large. A line without its newline is torn, even if it parses.
      let good = 0;
      let pos = 0;
      let rest = Buffer.alloc(0);
      const chunk = Buffer.alloc(64 * 1024);
      for (;;) {
        const n = readSync(fd, chunk, 0, chunk.length, pos);
        if (n === 0) break;
        // Ours only if it starts as a journal does: its header, or (made before the header) an entry.
        if (pos === 0 && !looksLikeJournal(chunk.toString("latin1", 0, Math.min(n, 64)))) {
          throw new NotAJournal(`${path} is not a journal of ingest watch (it does not start with the journal's header line); refusing to write into it`);
        }
        pos += n;
        let buf = rest.length > 0 ? Buffer.concat([rest, chunk.subarray(0, n)]) : chunk.subarray(0, n);
        let nl: number;
        while ((nl = buf.indexOf(10)) !== -1) {
          const text = buf.subarray(0, nl).toString("utf8");
          lineNo++;
          if (!(lineNo === 1 && isHeader(text))) {
            const entry = parseLine(text);
            if (entry !== null) {
              lines++;
              index.set(entry.path, done(entry));
            } else damaged.push(lineNo);
          }
          good += nl + 1;
          buf = buf.subarray(nl + 1);
        }
        rest = Buffer.from(buf);
      }
      const size = fstatSync(fd).size;
      // Only the last line can be torn (appends are sequential): the bytes after the last line break go.
      if (size > good) {
        ftruncateSync(fd, good);
        fdatasyncSync(fd);
      }
      if (good === 0) {
        writeAll(fd, Buffer.from(HEADER_LINE));
        fdatasyncSync(fd);
      }
      if (created) fsyncPath(dirname(path));
      return new Journal(fd, path, index, { lines, tornBytes: size - good, damaged });
    } catch (e) {
      closeSync(fd);
      throw e;
    }
  }

  /** Append entries (one write) and fsync them; the index follows. */
  append(entries: JournalEntry[]): void {
    if (entries.length === 0) return;
    writeAll(this.fd, Buffer.from(entries.map((e) => `${JSON.stringify(e)}\n`).join("")));
    fdatasyncSync(this.fd);
    for (const e of entries) this.index.set(e.path, done(e));
  }

  close(): void {
    closeSync(this.fd);
  }
}

function writeAll(fd: number, bytes: Buffer): void {
  let off = 0;
  while (off < bytes.length) off += writeSync(fd, bytes, off);
}

const done = (e: JournalEntry): Done => ({
  event: e.event,
  ...(e.name !== undefined ? { name: e.name } : {}),
  size: e.size,
  mtimeMs: e.mtimeMs,
  ino: e.ino,
  hash: e.hash,
  opts: e.opts,
  outputs: e.outputs,
  moved: e.moved,
  at: e.at,
});

/** The start of the header line, and of an entry as this and earlier builds write it. */
const PREFIXES = [HEADER_LINE.slice(0, 24), '{"v":1,"event":'];

/** Whether a file starting with `head` may be a journal of ours (a start cut short by a crash included). */
const looksLikeJournal = (head: string): boolean => PREFIXES.some((p) => head.startsWith(p) || p.startsWith(head));

function isHeader(line: string): boolean {
  try {
    const h = JSON.parse(line) as { journal?: unknown };
    return h.journal === JOURNAL_HEADER.journal;
  } catch {
    return false;
  }
}

/** An entry, or null for a line that is not one. */
function parseLine(line: string): JournalEntry | null {
  try {
    const e = JSON.parse(line) as Partial<JournalEntry>;
    if (e.v !== 1 || typeof e.path !== "string" || typeof e.hash !== "string" || !Array.isArray(e.outputs)) return null;
    if (typeof e.size !== "number" || typeof e.mtimeMs !== "number" || typeof e.ino !== "number") return null;
    return e as JournalEntry;
  } catch {
    return null;
  }
}

/** The journal entry of a converted input: ingested (moved to --archive) or refused (to --quarantine). */
export function journalEntry(
  ctx: { archive: string | null; quarantine: string | null; shape: string },
  rel: string,
  name: string,
  read: ReadIdentity,
  records: number,
  outputs: string[],
  diagnostics: Reported[],
): JournalEntry {
  const refused = diagnostics.some((d) => d.severity === "error");
  const moved = refused ? (ctx.quarantine !== null ? "quarantine" : null) : ctx.archive !== null ? "archive" : null;
  return {
    v: 1,
    event: refused ? "refused" : "ingested",
    path: rel,
    ...(name !== rel ? { name } : {}),
    size: read.size,
    mtimeMs: read.mtimeMs,
    ino: read.ino,
    hash: read.hash,
    opts: ctx.shape,
    records,
    outputs,
    moved,
    at: "",
  };
}
