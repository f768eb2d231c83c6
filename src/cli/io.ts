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
  /** The arguments as given (without node and script), for the store's runs table; `main` sets it. */
  argv?: readonly string[];
}

/** A writer that goes quiet once its stream is closed (EPIPE from `| head`) and honours back-pressure. */
export interface Sink {
  /** Text, or text already encoded as UTF-8 (records a worker thread rendered). */
  write(text: string | Uint8Array): Promise<void>;
  /** Write out what a buffered sink holds. */
  flush(): Promise<void>;
  readonly closed: boolean;
  /** The error that stopped this sink (a full disk, an I/O error); null while it works or after a quiet EPIPE. */
  readonly failure: NodeJS.ErrnoException | null;
}

export interface SinkOptions {
  /**
   * Gather writes into blocks of ~64 KiB: a batch prints one short line per record, and one
   * system call per line was a large part of a batch's CPU profile (BENCHMARKS.md, measured
   * costs). `flush()` writes out the rest.
   */
  buffer?: boolean;
  /** Called before each write (to flush another sink that shares this one's file, keeping order). */
  before?: () => Promise<void>;
  /** Rewrite each text before it is written (escaping for a terminal). */
  transform?: (text: string) => string;
}

const BLOCK = 64 * 1024;
/** UTF-8 takes at most 3 bytes per UTF-16 code unit. */
const MAX_BYTES_PER_UNIT = 3;

const DONE = Promise.resolve();
const utf8 = new TextDecoder();

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;

/** Wrap a stream in a Sink. */
export function sink(stream: NodeJS.WritableStream, options: SinkOptions = {}): Sink {
  return new StreamSink(stream, options);
}

class StreamSink implements Sink {
  closed = false;
  failure: NodeJS.ErrnoException | null = null;
  // Buffered text is encoded straight into a block of bytes: joining the lines into one string
  // and encoding that copied every byte twice (BENCHMARKS.md, measured costs). A new block per
  // flush, since a stream may hold on to a chunk it has not written yet.
  private block: Buffer | null = null;
  private used = 0;
  // A high surrogate ending one write waits for the next, so a pair split over two writes is
  // encoded as the pair, as joining the strings did.
  private tail = "";

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly options: SinkOptions,
  ) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
      // A closed pipe ends quietly; any other failure (ENOSPC, EIO) is kept for the run to report:
      // never an uncaught exception. Either way nothing more is written.
      this.closed = true;
      if (err.code !== "EPIPE" && err.code !== "ERR_STREAM_DESTROYED") this.failure ??= err;
    });
  }

  write(text: string | Uint8Array): Promise<void> {
    if (this.options.transform) text = this.options.transform(typeof text === "string" ? text : utf8.decode(text));
    return this.options.before ? this.options.before().then(() => this.take(text)) : this.take(text);
  }

  async flush(): Promise<void> {
    if (this.tail !== "") {
      const last = this.tail;
      this.tail = "";
      await this.add(last);
    }
    await this.putBlock();
  }

  private take(text: string | Uint8Array): Promise<void> {
    if (typeof text !== "string") return this.takeBytes(text);
    if (!this.options.buffer) return this.put(text);
    if (this.tail !== "") {
      text = this.tail + text;
      this.tail = "";
    }
    if (text.length > 0 && isHighSurrogate(text.charCodeAt(text.length - 1))) {
      this.tail = text.slice(-1);
      text = text.slice(0, -1);
    }
    // Not through `add` when it fits: an async call per line is a promise per line.
    return this.fits(text) ? DONE : this.add(text);
  }

  /** Bytes already encoded (a record a worker thread rendered): copied into the block when they fit, as text is. */
  private takeBytes(bytes: Uint8Array): Promise<void> {
    if (!this.options.buffer) return this.put(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
    if (this.tail === "" && this.block !== null && bytes.length <= BLOCK - this.used) {
      this.block.set(bytes, this.used);
      this.used += bytes.length;
      return DONE;
    }
    return this.addBytes(bytes);
  }

  private async addBytes(bytes: Uint8Array): Promise<void> {
    if (this.tail !== "") {
      const last = this.tail;
      this.tail = "";
      await this.add(last);
    }
    if (bytes.length > BLOCK - this.used) await this.putBlock();
    if (bytes.length > BLOCK) return this.put(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
    this.block ??= Buffer.allocUnsafe(BLOCK);
    this.block.set(bytes, this.used);
    this.used += bytes.length;
  }

  /** Write to the stream, waiting for it to drain (or end) when it is full. */
  private put(chunk: string | Buffer): Promise<void> {
    const stream = this.stream;
    if (this.closed) return Promise.resolve();
    if (stream.write(chunk)) return Promise.resolve();
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
  }

  private putBlock(): Promise<void> {
    if (this.block === null || this.used === 0) return Promise.resolve();
    const chunk = this.block.subarray(0, this.used);
    this.block = null;
    this.used = 0;
    return this.put(chunk);
  }

  /** Encode into the block; false when it does not fit (the caller writes the block out first). */
  private fits(text: string): boolean {
    if (text.length * MAX_BYTES_PER_UNIT > BLOCK - this.used) return false;
    this.block ??= Buffer.allocUnsafe(BLOCK);
    this.used += this.block.write(text, this.used, "utf8");
    return true;
  }

  /** Encode text after what is held, writing out a full block first; a text over a block's worst case goes as it is. */
  private async add(text: string): Promise<void> {
    if (this.fits(text)) return;
    await this.putBlock();
    if (!this.fits(text)) await this.put(text);
  }
}

/** Whether two streams write to the same file (as with `2>&1`), so their relative order shows. */
export function sameTarget(a: NodeJS.WritableStream, b: NodeJS.WritableStream): boolean {
  const fa = (a as { fd?: unknown }).fd,
    fb = (b as { fd?: unknown }).fd;
  if (typeof fa !== "number" || typeof fb !== "number") return false;
  try {
    const sa = fstatSync(fa),
      sb = fstatSync(fb);
    // A device (a terminal, /dev/null) shows no order worth keeping; a terminal is never buffered.
    return sa.dev === sb.dev && sa.ino === sb.ino && !sa.isCharacterDevice();
  } catch {
    return true; // cannot tell: keep the order
  }
}
