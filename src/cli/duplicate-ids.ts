/**
 * The record IDs seen so far in a run, to report a repeated one with where it was first seen.
 */

/**
 * A string that does not share memory with the text it was cut from: V8 keeps
 * a slice's whole parent string alive, so a map of IDs sliced from each file
 * would hold every file's text until the end of the run.
 */
const ownCopy = (ascii: string): string => Buffer.from(ascii, "latin1").toString("latin1");

/** Every ID of a run, with the place (`file:line`) it was first seen. */
export class DuplicateIds {
  private readonly seen = new Map<string, string>();

  /** Where `id` was first seen; or null when this is its first time, which is remembered as `file:line`. */
  firstSeen(id: string, file: string, line: number): string | null {
    const first = this.seen.get(id);
    if (first !== undefined) return first;
    this.seen.set(ownCopy(id), `${file}:${line}`);
    return null;
  }
}
