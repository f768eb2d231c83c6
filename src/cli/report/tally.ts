/**
 * The counts a batch and a watch keep as they go, and the last line each says with them. One
 * tally for both commands; each summary keeps its own words (a batch's inputs are "ok" or "with
 * errors", a watch's are "ingested" or "refused").
 */

/** Running counts of a batch or a watch. */
export interface Tally {
  /** Inputs done: `ok + failed + skipped` in a batch; `ok + failed` in a watch (an unchanged input is not done again). */
  files: number;
  /** Inputs whose records all went out (a watch: ingested). */
  ok: number;
  /** Inputs with an error (a watch: refused). */
  failed: number;
  /** A batch: up to date (--incremental). A watch: seen again with content its journal already has. */
  skipped: number;
  /** A watch: could not be read, so not journaled and tried again (a batch counts these as failed). */
  unreadable: number;
  records: number;
  warnings: number;
  errors: number;
}

export const newTally = (): Tally => ({ files: 0, ok: 0, failed: 0, skipped: 0, unreadable: 0, records: 0, warnings: 0, errors: 0 });

/** `1 file`, `2 files`; `words` for an irregular plural. */
export const plural = (n: number, word: string, words = `${word}s`): string => `${n} ${n === 1 ? word : words}`;

/** Entries the walk passed over by default. */
export interface Passed {
  skippedLinks: number;
  skippedHidden: number;
}

/** The last line of a batch: files (ok, with errors, skipped), records, warnings, errors and time. */
export function formatSummary(t: Tally, ms: number, interrupted: boolean, passed: Passed = { skippedLinks: 0, skippedHidden: 0 }): string {
  const parts = [`${t.ok} ok`, `${t.failed} with errors`];
  if (t.skipped > 0) parts.push(`${t.skipped} up to date`);
  const head = interrupted ? "interrupted after " : "";
  const over: string[] = [];
  if (passed.skippedLinks > 0) over.push(`${plural(passed.skippedLinks, "symbolic link")} (--follow-symlinks)`);
  if (passed.skippedHidden > 0) over.push(`${plural(passed.skippedHidden, "hidden entry", "hidden entries")} (--hidden)`);
  const tail = over.length > 0 ? `; not read: ${over.join(", ")}` : "";
  return `${head}${plural(t.files, "file")} (${parts.join(", ")}): ${plural(t.records, "record")}, ${plural(t.warnings, "warning")}, ${plural(t.errors, "error")} in ${(ms / 1000).toFixed(1)}s${tail}\n`;
}

/** The last line of a watch: what it did, and how long it ran. */
export function formatWatchSummary(t: Tally, ms: number, why: string): string {
  const same = (t.skipped > 0 ? `, ${t.skipped} unchanged` : "") + (t.unreadable > 0 ? `, ${t.unreadable} unreadable` : "");
  return `watch stopped (${why}) after ${(ms / 1000).toFixed(1)}s: ${plural(t.files, "file")} (${t.ok} ingested, ${t.failed} refused${same}): ${plural(t.records, "record")}, ${plural(t.warnings, "warning")}, ${plural(t.errors, "error")}\n`;
}
