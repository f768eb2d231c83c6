/**
 * Read each input, parse it, print its records and its diagnostics.
 */
import { open } from "node:fs/promises";
import { resolve } from "node:path";
import { error, type Diagnostic } from "../diagnostics.js";
import { parse } from "../parse/index.js";
import { renderJson } from "../render/json.js";
import { stripControls } from "../render/sanitize.js";
import { renderSummary } from "../render/summary.js";
import { renderText } from "../render/text.js";
import type { RunStatus } from "./exit-code.js";
import { readAll, type Io, type Sink } from "./io.js";

export interface RunOptions {
  format: "json" | "summary" | "text";
  pretty: boolean;
  strict: boolean;
  color: boolean;
  maxBytes: number;
}

/** One diagnostic as a stderr line: `FILE:LINE: severity CODE message`. */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  const where = d.line === null ? `${file}:` : `${file}:${d.line}:`;
  return `${where} ${d.severity} ${d.code} ${stripControls(d.message)}\n`;
}

type Loaded = { bytes: Uint8Array } | { problem: Diagnostic; io: boolean };

/** Read a file, refusing it before reading when it is over the size limit. */
async function load(path: string, io: Io, maxBytes: number): Promise<Loaded> {
  if (path === "-") return { bytes: await readAll(io.stdin) };
  let handle;
  try {
    handle = await open(resolve(io.cwd, path), "r");
  } catch (err) {
    return { problem: error("READ_ERROR", null, { detail: describe(err) }), io: true };
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) return { problem: error("READ_ERROR", null, { detail: "it is a directory" }), io: true };
    if (info.size > maxBytes) {
      return { problem: error("INPUT_TOO_LARGE", null, { size: info.size, limit: maxBytes }), io: false };
    }
    return { bytes: await handle.readFile() };
  } catch (err) {
    return { problem: error("READ_ERROR", null, { detail: describe(err) }), io: true };
  } finally {
    await handle.close();
  }
}

function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const known: Record<string, string> = {
    ENOENT: "no such file",
    EACCES: "permission denied",
    EISDIR: "it is a directory",
    ELOOP: "too many symbolic links (a loop?)",
  };
  return (e.code && known[e.code]) ?? e.message ?? String(err);
}

/** Process the inputs in order; records to `out`, diagnostics to `err`. */
export async function run(inputs: string[], options: RunOptions, io: Io, out: Sink, err: Sink, status: RunStatus): Promise<void> {
  let printed = 0;
  for (const input of inputs) {
    if (out.closed) return;
    const name = input === "-" ? "<stdin>" : input;
    const loaded = await load(input, io, options.maxBytes);
    if ("problem" in loaded) {
      await err.write(formatDiagnostic(name, loaded.problem));
      if (loaded.io) status.io = true;
      else status.refused = true;
      continue;
    }
    const result = parse(loaded.bytes, { file: input === "-" ? null : input, strict: options.strict });
    for (const d of result.diagnostics) {
      await err.write(formatDiagnostic(name, d));
      if (d.severity === "error") status.refused = true;
    }
    for (const record of result.records) {
      if (options.format === "text") {
        // A blank line between articles keeps several records a valid feed dump.
        await out.write(`${printed > 0 ? "\n" : ""}${renderText(record)}`);
      } else if (options.format === "summary") {
        await out.write(`${printed > 0 ? "\n" : ""}${renderSummary(record, { color: options.color })}\n`);
      } else {
        await out.write(`${renderJson(record, options.pretty)}\n`);
      }
      printed++;
    }
  }
}
