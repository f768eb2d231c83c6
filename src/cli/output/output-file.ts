/**
 * `-o FILE`: every record in one JSON Lines file, written to a hidden temporary file beside it
 * and renamed into place when the run ends, so that a reader never sees half of it and an
 * interrupted run leaves the old file (if any) as it was.
 */
import { createWriteStream, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { sink, type Sink } from "../io.js";

export class OutputFile {
  private constructor(
    readonly sink: Sink,
    private readonly stream: NodeJS.WritableStream & { close?: unknown },
    private readonly temp: string,
    private readonly target: string,
  ) {}

  /** Open the temporary file; throws (before any input is read) when it cannot be created. */
  static async open(target: string): Promise<OutputFile> {
    const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
    const stream = createWriteStream(temp, { flags: "wx" });
    await new Promise<void>((resolve, reject) => {
      stream.once("open", () => resolve());
      stream.once("error", reject);
    });
    return new OutputFile(sink(stream, { buffer: true }), stream, temp, target);
  }

  private async close(): Promise<void> {
    await this.sink.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.once("error", reject);
      this.stream.end(() => resolve());
    });
  }

  /** Finish: the file takes its name (replacing an older one) only now. */
  async commit(): Promise<void> {
    try {
      await this.close();
      renameSync(this.temp, this.target);
    } catch (e) {
      rmSync(this.temp, { force: true });
      throw e;
    }
  }

  /** Give up (interrupted): the temporary file goes, the target is untouched. */
  async abort(): Promise<void> {
    await this.close().catch(() => undefined);
    rmSync(this.temp, { force: true });
  }
}
