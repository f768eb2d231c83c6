/**
 * A standard stream its parent closed (`>&-`, `2>&-`). Node never runs with descriptor 1 or 2
 * closed: at start it opens /dev/null read-write in its place, so a run would write its records
 * into nothing and exit 0. What it leaves is recognisable: /dev/null, opened read-write (a
 * shell's `> /dev/null` opens it write-only). A parent that discards output on purpose the
 * same way (Python's DEVNULL, Node's `stdio: "ignore"`) looks alike; it can say `> /dev/null`.
 */
import { readFileSync } from "node:fs";

/** O_ACCMODE's read-write value. */
const O_RDWR = 2;

/** Whether descriptor `fd`, known to be /dev/null, was opened read-write (how Node fills a closed descriptor). */
export function reopenedByNode(fd: number): boolean {
  try {
    const flags = /^flags:\s+([0-7]+)$/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, "latin1"));
    return flags !== null && (Number.parseInt(flags[1] as string, 8) & 3) === O_RDWR;
  } catch {
    return false; // no /proc: cannot tell
  }
}

/** What a closed descriptor looks like to Node, and what else looks the same. */
const LOOKALIKE = ", or /dev/null opened read-write as Python's DEVNULL and Node's stdio \"ignore\" open it (Node cannot tell them apart)";

/** Whether a stream of `Io` stands for a descriptor that was closed at start (file-output.ts marks it). */
export const closedAtStart = (stream: unknown): boolean => (stream as { closedAtStart?: boolean }).closedAtStart === true;

/**
 * Why a run cannot start with its standard streams as they are, or null. `recordsOnStdout`: the
 * records (or the events of a watch) go to standard output.
 */
export function closedStreamProblem(stdout: unknown, stderr: unknown, recordsOnStdout: boolean): string | null {
  if (closedAtStart(stderr))
    return `standard error is closed (2>&-)${LOOKALIKE}: problems would go unseen; send it to a file, or to 2> /dev/null (opened write-only)`;
  if (recordsOnStdout && closedAtStart(stdout)) {
    return `standard output is closed (>&-)${LOOKALIKE}: the records would be lost; send it to a file, or to > /dev/null (opened write-only), or give -o /dev/null, to discard them`;
  }
  return null;
}
