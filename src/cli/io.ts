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
  readonly closed: boolean;
}

/** Wrap a stream in a Sink. */
export function sink(stream: NodeJS.WritableStream): Sink {
  let closed = false;
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE" || err.code === "ERR_STREAM_DESTROYED") closed = true;
    else throw err;
  });
  return {
    get closed() {
      return closed;
    },
    write(text: string): Promise<void> {
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
    },
  };
}

/** Read a whole stream into bytes. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
