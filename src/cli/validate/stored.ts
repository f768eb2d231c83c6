// Reading stored files for `ingest validate`: which files the arguments name, and their lines,
// one at a time (or a small file whole).
import { closeSync, constants, createReadStream, fstatSync, openSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { error } from "../../diagnostics.js";
import { formatDiagnostic } from "../report/diagnostic-line.js";
import type { RunStatus } from "../report/exit-code.js";
import type { Io, Sink } from "../io.js";

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
export type StoredLine = { text: string } | { tooLong: number };

/**
 * The lines of a stream, one at a time, so memory holds one line and not the whole file; a line
 * over `maxBytes` stops the reading (standard input may be /dev/zero, one endless line).
 */
export async function* storedLines(stream: AsyncIterable<unknown> | Iterable<unknown>, maxBytes: number): AsyncGenerator<StoredLine> {
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
export function openStored(path: string): NodeJS.ReadableStream | Buffer[] {
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
export function wholeDocument(bytes: Buffer): { parsed: unknown } | undefined {
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
export const opensDocument = (line: string): boolean => /^[{[][ \t]*$/.test(line.trim());

/** The files the arguments name: directories give their .json, .jsonl and .ndjson files. */
export async function expandArgs(args: string[], io: Io, err: Sink, status: RunStatus): Promise<string[]> {
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
