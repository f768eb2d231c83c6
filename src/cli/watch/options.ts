// What `ingest watch` is asked to do: its options as command.ts resolves them.
export interface WatchOptions {
  dir: string;
  out: string | null;
  errors: string | null;
  /** --glob patterns, as a batch takes them (none: every .txt file, in any case). */
  glob: string[];
  exclude: string[];
  settle: number;
  poll: boolean;
  pollInterval: number;
  archive: string | null;
  quarantine: string | null;
  journal: string | null;
  log: string | null;
  once: boolean;
  strict: boolean;
  maxBytes: number;
  quiet: boolean;
  /** --db: the store, or null. */
  db?: string | null;
}
