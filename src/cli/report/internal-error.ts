/**
 * A bug's report: "internal error, please report" and a stack a person can read. The CLI runs
 * as a minified bundle; its frames are mapped back to the TypeScript sources through the source
 * map the build writes beside it (never a line of minified text: Node's own report of an
 * uncaught exception quotes the source line, which in the bundle is kilobytes long).
 */
import { readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const maps = new Map<string, SourceMap | null>();

/** The source map beside a bundle file, or null (tests run from src/, where no map is needed). */
function mapFor(file: string): SourceMap | null {
  if (!maps.has(file)) {
    let map: SourceMap | null = null;
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8")) as ConstructorParameters<typeof SourceMap>[0]);
    } catch {
      // No map: the frame is shown as it is.
    }
    maps.set(file, map);
  }
  return maps.get(file) ?? null;
}

/** One stack frame's `file:line:column`, mapped to the original source when a map is at hand. */
function mapFrame(location: string, file: string, line: number, column: number): string {
  const path = file.startsWith("file://") ? fileURLToPath(file) : file;
  const map = mapFor(path);
  if (map === null) return location;
  const entry = map.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
  if (entry.originalSource === undefined || entry.originalLine === undefined) return location;
  const source = entry.originalSource.startsWith("file://") ? fileURLToPath(entry.originalSource) : join(dirname(path), entry.originalSource);
  return `${source}:${entry.originalLine + 1}:${(entry.originalColumn ?? 0) + 1}`;
}

/** A stack line `    at f (/path/file.js:1:2)` or `    at /path/file.js:1:2` with its location mapped. */
function mapLine(line: string): string {
  const close = line.endsWith(")") ? 1 : 0;
  const end = line.length - close;
  const open = close === 1 ? line.lastIndexOf("(", end) : line.lastIndexOf(" ", end);
  const location = line.slice(open + 1, end);
  const colon2 = location.lastIndexOf(":");
  const colon1 = location.lastIndexOf(":", colon2 - 1);
  const l = Number(location.slice(colon1 + 1, colon2)),
    c = Number(location.slice(colon2 + 1));
  if (open < 0 || colon1 <= 0 || !Number.isInteger(l) || !Number.isInteger(c)) return line;
  return `${line.slice(0, open + 1)}${mapFrame(location, location.slice(0, colon1), l, c)}${line.slice(end)}`;
}

/** Cut anything longer than a sane stack line: never kilobytes of one line. */
const clipLine = (line: string): string => (line.length > 300 ? `${line.slice(0, 297)}...` : line);

/** The report of a bug, ending with a newline; `error` is whatever was thrown. */
export function formatInternalError(error: unknown): string {
  const e = error instanceof Error ? error : new Error(String(error));
  const stack = (e.stack ?? `${e.name}: ${e.message}`).split("\n").map(mapLine).map(clipLine);
  return `${clipLine(`ingest: internal error, please report it with the lines below: ${e.message}`)}\n${stack.slice(1).join("\n")}\n`;
}
