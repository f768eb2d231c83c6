import { createRequire } from "node:module";
import { openSqlite } from "../../src/cli/store/sqlite-driver.js";

const require = createRequire(import.meta.url);

/** The SQLite bindings this Node can run: libsql always, node:sqlite from Node 22.13. */
export const BACKENDS: string[] = (() => {
  const out = ["libsql"];
  try {
    process.removeAllListeners("warning");
    require("node:sqlite");
    out.push("node");
  } catch {
    // Node 20: libsql only.
  }
  return out;
})();

/**
 * A reader of stores with one binding. A store written by another process is read with libsql (a
 * client other than the one that wrote it, on Node 22+); one written in this process (the in-process
 * suites) must be read with the binding that wrote it: two copies of SQLite in one process do not
 * see each other's POSIX locks, and one's close drops the other's, which can leave a WAL file read
 * as "database disk image is malformed" (SQLite's "How To Corrupt", 2.2.1).
 */
export function reader(binding: string) {
  const query = (path: string, sql: string, ...params: Array<string | number>): Array<Record<string, unknown>> => {
    const db = openSqlite(path, { readOnly: true }, { INGEST_SQLITE: binding });
    try {
      return db.prepare(sql).all(...params) as Array<Record<string, unknown>>;
    } finally {
      db.close();
    }
  };
  /** What a store holds, as comparable text: every article's key, hash and revision, in key order. */
  const articlesOf = (path: string): string =>
    query(path, "SELECT key, hash, revision FROM articles ORDER BY key")
      .map((r) => `${r.key} ${r.hash} ${r.revision}`)
      .join("\n");
  return { query, articlesOf };
}

/** Rows of `sql` in a store another process wrote, and what it holds (read with libsql). */
export const { query, articlesOf } = reader("libsql");
