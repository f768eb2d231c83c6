/**
 * `-o FILE`: every record in one JSON Lines file, written to a hidden temporary file beside it
 * and renamed into place when the run ends, so that a reader never sees half of it and an
 * interrupted or failed run leaves the old file (if any) as it was. Every step is checked to the
 * end: a failed write (a full disk, `ulimit -f`), `end`, `fsync` or `rename` is the run's I/O
 * failure, and the temporary file goes; a partial file never takes the name.
 */
import { closeSync, createWriteStream, fsyncSync, openSync, renameSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { sink, type Sink } from "../io.js";
import { outputTemp } from "./targets.js";

/** fsync a file or directory by path. */
function fsyncPath(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export class OutputFile {
  private constructor(
    readonly sink: Sink,
    private readonly stream: NodeJS.WritableStream & { close?: unknown },
    private readonly temp: string,
    private readonly target: string,
  ) {}

  /** Open the temporary file; throws (before any input is read) when it cannot be created. */
  static async open(target: string): Promise<OutputFile> {
    const temp = outputTemp(target);
    const stream = createWriteStream(temp, { flags: "wx" });
    await new Promise<void>((resolve, reject) => {
      stream.once("open", () => resolve());
      stream.once("error", reject);
    });
    return new OutputFile(sink(stream, { buffer: true }), stream, temp, target);
  }

  /** Write out what is held and close; rejects with the first failure of any write or of the close. */
  private async close(): Promise<void> {
    await this.sink.flush();
    // end()'s callback hears a failed write, earlier or last (then ERR_STREAM_DESTROYED: the sink kept the first).
    const ended = await new Promise<Error | null>((resolve) => this.stream.end((e?: Error | null) => resolve(e ?? null)));
    const failure = this.sink.failure ?? ended;
    if (failure !== null) throw failure;
  }

  /** Finish: the file takes its name (replacing an older one) only now, once every byte is on disk. */
  async commit(): Promise<void> {
    try {
      await this.close();
      fsyncPath(this.temp);
      renameSync(this.temp, this.target);
    } catch (e) {
      rmSync(this.temp, { force: true });
      throw e;
    }
    // The rename is durable once the directory is; a file system that cannot fsync a directory is no failure of the file.
    try {
      fsyncPath(dirname(this.target));
    } catch {
      // EINVAL on some file systems.
    }
  }

  /** Give up (interrupted, or an output failed): the temporary file goes, the target is untouched. */
  async abort(): Promise<void> {
    await this.close().catch(() => undefined);
    rmSync(this.temp, { force: true });
  }
}
