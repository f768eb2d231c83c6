// A large input (a feed dump, standard input) parsed article by article as it is read, with its
// identity taken on the way; and the first bytes of a stream, read up to a limit.
import type { Stats } from "node:fs";
import { error } from "../../diagnostics.js";
import { parseStream } from "../../parse/stream.js";
import { describeError } from "../report/fs-errors.js";
import type { InputEntry } from "../inputs/inputs.js";
import { tuneHeap } from "./heap.js";
import { type ReadIdentity, sha256 } from "./read-identity.js";
import { type ConvertOptions, converted, numbered, type Part, type Result } from "./result.js";

/** Bytes read at a time from a streamed input. */
export const STREAM_CHUNK = 256 * 1024;

export type Chunks = AsyncIterator<Buffer | string>;

/** Read up to `limit` bytes of a stream: all of it (rest null), or the bytes so far and the rest to come. */
export async function readUpTo(
  stream: NodeJS.ReadableStream,
  limit: number,
  signal?: AbortSignal,
): Promise<{ bytes: Uint8Array; rest: Chunks | null } | { aborted: true }> {
  const chunks: Buffer[] = [];
  let size = 0;
  const it = stream[Symbol.asyncIterator]() as Chunks;
  // Ctrl-C destroys the stream, which settles a read in progress even on an open, silent input.
  // (Not Promise.race against an abort promise: each race left a reaction on it that held its chunk.)
  const stop = (): void => void (stream as { destroy?: () => void }).destroy?.();
  signal?.addEventListener("abort", stop, { once: true });
  try {
    while (size < limit) {
      if (signal?.aborted) return { aborted: true };
      const next = await it.next().catch((err: unknown) => {
        if (signal?.aborted) return { done: true as const, value: undefined };
        throw err;
      });
      if (signal?.aborted) return { aborted: true };
      if (next.done === true) return { bytes: Buffer.concat(chunks), rest: null };
      const chunk = typeof next.value === "string" ? Buffer.from(next.value) : next.value;
      chunks.push(chunk);
      size += chunk.length;
    }
  } finally {
    signal?.removeEventListener("abort", stop);
  }
  return { bytes: Buffer.concat(chunks), rest: it };
}

/**
 * A large input parsed article by article (src/parse/stream.ts): `head` (bytes already read),
 * then the rest. Memory stays bounded whatever the input's size; --max-bytes limits each article.
 * Reading stops at Ctrl-C, and the stream is closed when parsing stops early (a refusal).
 */
export function streamed(
  entry: InputEntry,
  head: Uint8Array,
  it: Chunks,
  file: string | null,
  o: ConvertOptions,
  input: NodeJS.ReadableStream,
  identity?: StreamIdentity,
): Result {
  const stop = (): void => void (input as { destroy?: () => void }).destroy?.();
  const source = async function* (): AsyncGenerator<Uint8Array> {
    try {
      // In chunks like the rest: the parser takes a window of text from each chunk it is given.
      for (let at = 0; at < head.length; at += STREAM_CHUNK) yield head.subarray(at, at + STREAM_CHUNK);
      // Not held for the rest of the input (standard input's first 8 MiB).
      head = new Uint8Array(0);
      // Ctrl-C destroys the input, which ends the reading even while it is open but silent.
      o.signal?.addEventListener("abort", stop, { once: true });
      while (o.signal?.aborted !== true) {
        const next = await it.next().catch((err: unknown) => {
          if (o.signal?.aborted) return { done: true as const, value: undefined };
          throw err;
        });
        if (o.signal?.aborted) return;
        if (next.done === true) {
          identity?.end();
          return;
        }
        const chunk = typeof next.value === "string" ? Buffer.from(next.value) : next.value;
        identity?.add(chunk);
        yield chunk;
      }
    } finally {
      o.signal?.removeEventListener("abort", stop);
      // Not awaited: a read in progress on an open input would hold it.
      void it.return?.();
    }
  };
  const parts = async function* (): AsyncGenerator<Part> {
    tuneHeap("stream");
    try {
      for await (const r of parseStream(source(), { file, maxArticleBytes: o.maxBytes })) {
        yield { records: converted(r), diagnostics: numbered(r, r.firstArticle) };
      }
    } catch (err) {
      yield { records: [], diagnostics: [error("READ_ERROR", null, { detail: describeError(err) })], io: true };
    }
  };
  // How many articles is not known ahead: more than one, for the --out file names.
  return { entry, records: [], diagnostics: [], articleCount: 2, io: false, skipped: false, stream: parts(), identity: identity?.value };
}

/** The identity of a streamed file, filled in as its chunks are read; complete only at its end. */
export interface StreamIdentity {
  value: ReadIdentity;
  add(chunk: Uint8Array): void;
  end(): void;
}

export function streamIdentity(info: Stats, readAt: number): StreamIdentity {
  const hash = sha256();
  const value: ReadIdentity = { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino, dev: info.dev, read: 0, hash: "", complete: false, readAt };
  return {
    value,
    add(chunk) {
      hash.update(chunk);
      value.read += chunk.length;
    },
    end() {
      value.hash = hash.digest("hex");
      value.complete = value.read === value.size;
    },
  };
}
