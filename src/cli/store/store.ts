/**
 * The store behind --db: where a run's articles land, upserted by key, with the run's problems
 * and a row for the run itself. SQLite (a path) or PostgreSQL (a postgres:// URL), one interface.
 * Inputs are its unit of atomicity: an input's rows and problems are committed together or not
 * at all; several inputs may share a transaction (a batch commits every few hundred milliseconds).
 */
import type { Reported } from "../report/diagnostic-line.js";
import type { Article } from "../../schema.js";
import type { Marker } from "../output/markers.js";
import { isPostgres } from "./target.js";

export { isPostgres } from "./target.js";

/** What the store did with the articles it was given. */
export interface StoreCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Met a second time in this run with another text: the first kept, as DUPLICATE_ID keeps it. */
  duplicates: number;
}

/** The run's row in `runs`, as it ends. */
export interface RunEnd {
  files: number;
  records: number;
  errors: number;
  warnings: number;
  exitCode: number;
}

/** The columns `finish()` sets on its row of `runs`, in the order `runEndValues` gives them. */
export const RUN_END_COLUMNS = ["finished", "files", "records", "inserted", "updated", "unchanged", "errors", "warnings", "exit_code"] as const;

/** The values of RUN_END_COLUMNS for a run that ends now. */
export function runEndValues(end: RunEnd, counts: StoreCounts): Array<string | number> {
  return [new Date().toISOString(), end.files, end.records, counts.inserted, counts.updated, counts.unchanged, end.errors, end.warnings, end.exitCode];
}

export interface Store {
  /** The target as the user named it (a URL without its password). */
  readonly display: string;
  readonly counts: StoreCounts;
  /** Record the run's start (its row in `runs`, committed at once). */
  begin(argv: string[], version: string): Promise<void>;
  /** One input starts (`streamed`: given window by window, so it may be cut short): up to endInput, it commits whole or not at all. */
  startInput(input: string | null, streamed?: boolean): Promise<void>;
  article(record: Article): Promise<void>;
  problem(d: Reported): Promise<void>;
  /**
   * The input is complete (`abandon`: it was cut short, leave none of it); `commit`: commit it now.
   * `mark`: its --incremental mark (a batch with --db and no --out-dir), written with its rows,
   * in the same transaction: a mark never vouches for rows the store lacks.
   */
  endInput(abandon?: boolean, commit?: boolean, mark?: Marker): Promise<void>;
  /** The --incremental mark of input `input` (a file's absolute path, Marker.input), or null. */
  mark(input: string): Promise<Marker | null>;
  /** Commit every complete input given so far. */
  flush(): Promise<void>;
  /** Commit, and write the run's end into `runs`. */
  finish(end: RunEnd): Promise<void>;
  /** Close without committing what is pending. */
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Commit only when flushed (ingest watch: before each group's journal entries), each commit synced to disk. */
  durable?: boolean;
  env: Record<string, string | undefined>;
}

/** The target for messages: a URL's password left out. */
export function displayTarget(target: string): string {
  if (!isPostgres(target)) return target;
  try {
    const u = new URL(target);
    if (u.password !== "") u.password = "***";
    return u.toString();
  } catch {
    return "the PostgreSQL URL";
  }
}

/** Open the store at `target` (a path resolved against cwd, or a URL); a StoreError says why it cannot be. */
export async function openStore(target: string, path: string, o: StoreOptions): Promise<Store> {
  if (isPostgres(target)) {
    const { PgStore } = await import("./pg-store.js");
    return PgStore.open(target, displayTarget(target), o);
  }
  const { SqliteStore } = await import("./sqlite-store.js");
  return SqliteStore.open(path, target, o);
}
