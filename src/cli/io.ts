import { fstatSync } from "node:fs";

/** The streams and environment `main` runs against, so tests can pass their own. */
export interface Io {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  /** Aborted on Ctrl-C: a batch stops starting new inputs, prints its summary so far and exits 130. */
  signal?: AbortSignal;
}

/** A writer that goes quiet once its stream is closed (EPIPE from `| head`) and honours back-pressure. */
export interface Sink {
  write(text: string): Promise<void>;
  /** Write out what a buffered sink holds. */
  flush(): Promise<void>;
  readonly closed: boolean;
}

export interface SinkOptions {
  /**
   * Gather writes into blocks of ~64 KiB: a batch prints one short line per record, and one
   * system call per line was 14% of a batch's CPU profile. `flush()` writes out the rest.
   */
  buffer?: boolean;
  /** Called before each write (to flush another sink that shares this one's file, keeping order). */
  before?: () => Promise<void>;
}

const BLOCK = 64 * 1024;

/** Wrap a stream in a Sink. */
export function sink(stream: NodeJS.WritableStream, options: SinkOptions = {}): Sink {
  let closed = false;
  let pending: string[] = [];
  let size = 0;
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE" || err.code === "ERR_STREAM_DESTROYED") closed = true;
    else throw err;
  });
  const put = (text: string): Promise<void> => {
    if (closed) return Promise.resolve();
    if (stream.write(text)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        stream.off("drain", done);
        stream.off("error", done);
        stream.off("close", done);
        resolve();
      };
      stream.once("drain", done);
      stream.once("error", done);
      stream.once("close", done);
    });
  };
  const flush = (): Promise<void> => {
    if (size === 0) return Promise.resolve();
    const text = pending.join("");
    pending = [];
    size = 0;
    return put(text);
  };
  return {
    get closed() {
      return closed;
    },
    async write(text: string): Promise<void> {
      if (options.before) await options.before();
      if (!options.buffer) return put(text);
      pending.push(text);
      size += text.length;
      if (size >= BLOCK) await flush();
    },
    flush,
  };
}

/** Whether two streams write to the same file (as with `2>&1`), so their relative order shows. */
export function sameTarget(a: NodeJS.WritableStream, b: NodeJS.WritableStream): boolean {
  const fa = (a as { fd?: unknown }).fd, fb = (b as { fd?: unknown }).fd;
  if (typeof fa !== "number" || typeof fb !== "number") return false;
  try {
    const sa = fstatSync(fa), sb = fstatSync(fb);
    // A device (a terminal, /dev/null) shows no order worth keeping; a terminal is never buffered.
    return sa.dev === sb.dev && sa.ino === sb.ino && !sa.isCharacterDevice();
  } catch {
    return true; // cannot tell: keep the order
  }
}

/** Read a whole stream into bytes. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
