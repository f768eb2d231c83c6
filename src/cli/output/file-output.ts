/**
 * Standard output or error when it is a plain file or /dev/null (a batch's `> out.jsonl`, a
 * benchmark's `> /dev/null`): written with `writeSync`, as Node's own stream for a file does,
 * without that stream. `process.stdout` loads Node's whole stream stack (~20 modules, ~1.5 ms of a
 * one-article run: BENCHMARKS.md, "Start-up"), which nothing else a plain run does needs.
 * Pipes and terminals keep Node's streams (`process.stdout`).
 */
import { EventEmitter } from "node:events";
import { fstatSync, statSync, writeSync } from "node:fs";
import { reopenedByNode } from "./closed.js";

/**
 * The part of a writable stream the CLI uses (`Io.stdout`, `Io.stderr`), over a file's descriptor.
 * As Node's stream for a file: each write is written at once, whole; a failed write (a full disk)
 * emits `error` and then `close` on the next tick, and nothing more is written.
 */
export class FileOutput extends EventEmitter {
  readonly isTTY = false;
  private failed = false;

  constructor(
    readonly fd: number,
    /** The descriptor was closed when the process started, and Node put /dev/null there (output/closed.ts). */
    readonly closedAtStart = false,
  ) {
    super();
  }

  write(chunk: string | Uint8Array): boolean {
    if (this.failed) return false;
    try {
      // write(2) may take fewer bytes than given (a disk filling up, a file size limit): the rest
      // is written again, so that its failure, if any, is seen; never silently dropped.
      const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      let at = 0;
      while (at < bytes.length) at += writeSync(this.fd, bytes, at, bytes.length - at);
    } catch (e) {
      this.failed = true;
      process.nextTick(() => {
        this.emit("error", e);
        this.emit("close");
      });
      return false;
    }
    return true;
  }
}

/** /dev/null's device number, looked up once (standard output and error are often both there). */
let devNull: number | undefined;

/** A FileOutput for `fd` when it is a regular file or /dev/null; null for anything else (a pipe, a terminal, a closed descriptor). */
export function fileOutput(fd: number): (NodeJS.WritableStream & { isTTY?: boolean }) | null {
  try {
    const info = fstatSync(fd);
    if (info.isFile()) return new FileOutput(fd) as unknown as NodeJS.WritableStream & { isTTY?: boolean };
    if (info.isCharacterDevice() && info.rdev === (devNull ??= statSync("/dev/null").rdev)) {
      return new FileOutput(fd, reopenedByNode(fd)) as unknown as NodeJS.WritableStream & { isTTY?: boolean };
    }
  } catch {
    // Cannot tell: Node's stream decides.
  }
  return null;
}
