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

/** Rows of `sql` in the store at `path` (read with libsql, a client other than the one that wrote it, on Node 22+). */
export function query(path: string, sql: string, ...params: Array<string | number>): Array<Record<string, unknown>> {
  const db = openSqlite(path, { readOnly: true }, { INGEST_SQLITE: "libsql" });
  try {
    return db.prepare(sql).all(...params) as Array<Record<string, unknown>>;
  } finally {
    db.close();
  }
}

/** What a store holds, as comparable text: every article's key, hash and revision, in key order. */
export const articlesOf = (path: string): string =>
  query(path, "SELECT key, hash, revision FROM articles ORDER BY key")
    .map((r) => `${r.key} ${r.hash} ${r.revision}`)
    .join("\n");
