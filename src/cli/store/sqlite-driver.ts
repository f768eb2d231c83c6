/**
 * One thin adapter over the two SQLite bindings that install from the npm registry alone, with no
 * compiler: Node's own `node:sqlite` (Node 22.13 and later; nothing to load) and `libsql` (a
 * registry package shipping a prebuilt SQLite with FTS5, for Node 20). Both are SQLite's C
 * library underneath, so one file works with either, and with every other SQLite client.
 * INGEST_SQLITE=libsql|node picks one (the tests run the same suite on both).
 */
import { createRequire } from "node:module";

/** A value bound to or read from a statement. */
export type SqlValue = string | number | bigint | null | Uint8Array;
export type Row = Record<string, SqlValue>;

/** A prepared statement, the same on both bindings. */
export interface Statement {
  run(...params: SqlValue[]): { changes: number | bigint };
  get(...params: SqlValue[]): Row | undefined;
  all(...params: SqlValue[]): Row[];
}

/** An open SQLite database. */
export interface SqliteDb {
  /** Which binding: "node:sqlite" or "libsql". */
  readonly driver: string;
  exec(sql: string): void;
  prepare(sql: string): Statement;
  close(): void;
}

export interface OpenOptions {
  readOnly?: boolean;
}

type Binding = (path: string, o: OpenOptions) => SqliteDb;

const require = createRequire(import.meta.url);

/**
 * `node:sqlite`, or null where this Node has none. Node 22 announces it with an ExperimentalWarning
 * (Node 24 does not): that warning is Node's, not the user's business, so it alone is held back
 * while the module loads.
 */
function nodeSqlite(): Binding | null {
  const emit = process.emitWarning;
  let mod: { DatabaseSync: new (path: string, o: { readOnly: boolean }) => { exec(sql: string): void; prepare(sql: string): unknown; close(): void } };
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === "string" ? warning : warning.message;
    if (/SQLite/i.test(text)) return;
    return (emit as (...a: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    mod = require("node:sqlite");
  } catch {
    return null;
  } finally {
    process.emitWarning = emit;
  }
  return (path, o) => {
    const db = new mod.DatabaseSync(path, { readOnly: o.readOnly === true });
    return {
      driver: "node:sqlite",
      exec: (sql) => db.exec(sql),
      prepare: (sql) => db.prepare(sql) as unknown as Statement,
      close: () => db.close(),
    };
  };
}

/** `libsql`'s better-sqlite3-style binding (a prebuilt SQLite for this platform, from the registry). */
function libsql(): Binding {
  // biome-ignore lint/suspicious/noExplicitAny: the package has no types of its own.
  const Database = require("libsql") as any;
  return (path, o) => {
    const db = new Database(path, { readonly: o.readOnly === true });
    return {
      driver: "libsql",
      exec: (sql) => void db.exec(sql),
      prepare: (sql) => db.prepare(sql) as Statement,
      close: () => db.close(),
    };
  };
}

/** Each binding once loaded, by what INGEST_SQLITE asked for (a process asks one way; the in-process tests ask both). */
const chosen = new Map<string, Binding>();

/** The binding for this process: node:sqlite where Node has it, else libsql (or as INGEST_SQLITE says). */
function binding(env: Record<string, string | undefined>): Binding {
  const want = env.INGEST_SQLITE ?? "";
  let b = chosen.get(want);
  if (b !== undefined) return b;
  if (want === "libsql") b = libsql();
  else {
    const own = nodeSqlite();
    if (own === null && want === "node") throw new Error("INGEST_SQLITE=node: this Node has no node:sqlite (Node 22.13 or later has)");
    b = own ?? libsql();
  }
  chosen.set(want, b);
  return b;
}

/** Open (or create) the SQLite file at `path`. */
export function openSqlite(path: string, o: OpenOptions = {}, env: Record<string, string | undefined> = process.env): SqliteDb {
  return binding(env)(path, o);
}
