/**
 * --input-format jsonl: each line of an input is one document, `{"path", "text"}` or
 * `{"path", "bytes": "<base64>"}`, the shape an engine hands a pipe stage (Spark's
 * `binaryFile` rows turned into JSON lines). Each document is one input named by its path;
 * a text is parsed as a UTF-8 file holding it would be, and bytes go through our decoder
 * (encoding detection, the binary check, mojibake repair). A bad line is an error naming the
 * input and the line, and the run goes on. Lines are read as they are consumed: one line (one
 * document) at a time is held, never the whole input.
 */
import { createReadStream } from "node:fs";
import { error } from "../../diagnostics.js";
import { describeError } from "../report/fs-errors.js";
import type { InputEntry } from "./inputs.js";
import { splitStream } from "./split-stream.js";

type Source = Extract<InputEntry, { kind: "stdin" | "file" }>;
type Doc = Extract<InputEntry, { kind: "document" }>;

/** The longest line read: a document of --max-bytes as JSON-escaped text or base64, with room. */
export const maxLineBytes = (maxBytes: number): number => 6 * maxBytes + 64 * 1024;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The documents of one JSON Lines input, with a problem entry for each bad line. */
export async function* documents(source: Source, stdin: NodeJS.ReadableStream, maxBytes: number, idle?: () => Promise<unknown>): AsyncGenerator<InputEntry> {
  const stream = source.kind === "stdin" ? (stdin as AsyncIterable<Buffer | string>) : createReadStream(source.path);
  // A bad line has no trustworthy path: --shard places it by its FILE:LINE, so one shard reports it.
  const bad = (line: number, detail: string): InputEntry => ({
    kind: "problem",
    display: source.display,
    diagnostic: error("INVALID_DOCUMENT", line, { detail }),
    named: false,
    rel: `${source.display}:${line}`,
  });
  try {
    for await (const { n, bytes } of splitStream(stream, 0x0a, maxLineBytes(maxBytes), idle)) {
      if (bytes === null) {
        yield bad(n, `the line is over ${maxLineBytes(maxBytes)} bytes (a document may hold ${maxBytes}, --max-bytes)`);
        continue;
      }
      const text = bytes.toString("utf8");
      if (text.trim() === "") continue;
      yield toDocument(text, maxBytes, (detail) => bad(n, detail));
    }
  } catch (e) {
    // The input itself failed (missing, unreadable): a named input that cannot be read.
    yield { kind: "problem", display: source.display, diagnostic: error("READ_ERROR", null, { detail: describeError(e) }), named: source.named };
  }
}

/** One line → a document entry, or the problem with it. */
function toDocument(line: string, maxBytes: number, bad: (detail: string) => InputEntry): InputEntry {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return bad(`not JSON (${(e as Error).message})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return bad("not a JSON object");
  const { path, text, bytes } = value as Record<string, unknown>;
  if (typeof path !== "string" || path === "") return bad(`"path" must be a non-empty string`);
  const doc = (b: Uint8Array): Doc | InputEntry => {
    if (b.length > maxBytes) {
      return { kind: "problem", display: path, diagnostic: error("INPUT_TOO_LARGE", null, { size: b.length, limit: maxBytes }), named: false, rel: path };
    }
    return { kind: "document", display: path, bytes: b, named: false };
  };
  if (typeof text === "string" && bytes === undefined) return doc(Buffer.from(text, "utf8"));
  if (typeof bytes === "string" && text === undefined) {
    if (bytes.length % 4 !== 0 || !BASE64.test(bytes)) return bad(`${path}: "bytes" is not base64 (standard alphabet, padded, no line breaks)`);
    return doc(Buffer.from(bytes, "base64"));
  }
  return bad(`${path}: needs exactly one of "text" (a string) or "bytes" (base64)`);
}
