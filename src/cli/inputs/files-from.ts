/**
 * --files-from FILE (- for standard input): the inputs listed one a line, or NUL-separated with
 * -0/--null (as `find -print0`, `xargs -0` and `rsync --files-from` do). Each listed path is taken
 * as if named on the command line (a directory is walked), except that it is never a glob
 * pattern. The list is read as it is consumed, so a list of millions is never held.
 */
import { createReadStream } from "node:fs";
import { resolve } from "node:path";
import { describeError } from "../report/fs-errors.js";

/** A listed path longer than this is no path (PATH_MAX is 4096 on Linux). */
const MAX_PATH_BYTES = 64 * 1024;

export interface ListSource {
  /** The list file as given, or - for standard input. */
  list: string;
  nul: boolean;
  cwd: string;
  stdin: NodeJS.ReadableStream;
  /** Awaited before waiting on a quiet list (see splitStream). */
  idle?: () => Promise<unknown>;
}

/** Thrown when the list itself cannot be read (at `line`, or as a whole): it is a named input that failed. */
export class ListError extends Error {
  constructor(
    readonly detail: string,
    readonly line: number | null = null,
  ) {
    super(detail);
  }
}

/** The paths listed in `src.list`, in order; blank lines (and a CR before a newline) are ignored. */
export async function* listedPaths(src: ListSource): AsyncGenerator<string> {
  const { splitStream } = await import("./split-stream.js");
  const stream = src.list === "-" ? (src.stdin as AsyncIterable<Buffer | string>) : createReadStream(resolve(src.cwd, src.list));
  try {
    for await (const { n, bytes } of splitStream(stream, src.nul ? 0 : 0x0a, MAX_PATH_BYTES, src.idle)) {
      if (bytes === null) throw new ListError(`the listed path is over ${MAX_PATH_BYTES} bytes`, n);
      let path = bytes.toString("utf8");
      if (!src.nul && path.endsWith("\r")) path = path.slice(0, -1);
      if (path.trim() === "") continue;
      yield path;
    }
  } catch (e) {
    if (e instanceof ListError) throw e;
    throw new ListError(`the --files-from list: ${describeError(e)}`);
  }
}
