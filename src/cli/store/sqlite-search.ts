/** `ingest search` over an SQLite store: FTS5 MATCH, ranked by bm25. */
import { accessSync, constants, existsSync } from "node:fs";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import { openSqlite, type SqliteDb } from "./sqlite-driver.js";
import { sqliteMessage } from "./sqlite-store.js";
import type { Hit, Searcher, SearchRequest } from "./search-query.js";
import { StoreError, QueryError } from "./store-error.js";

/** How long a search waits for a writer's lock before it says the store cannot be read. */
const READ_BUSY_MS = 5000;

/** The FTS5 query syntax in brief, for the message about a malformed query. */
export const FTS5_SYNTAX = 'words (all must match), "a phrase", oil*, OR, NOT, NEAR(a b), headline:word';

/** What a store's schema holds, for telling a store from a file being made or another database. */
interface Schema {
  tables: number;
  fts: boolean;
}

/** One read of sqlite_master: how many entries, and whether the full-text index is among them. */
function probe(db: SqliteDb): Schema {
  const row = db.prepare("SELECT count(*) AS n, coalesce(max(name = 'articles_fts'), 0) AS fts FROM sqlite_master").get();
  return { tables: Number(row?.n ?? 0), fts: Number(row?.fts ?? 0) === 1 };
}

/**
 * Open read-only, and read the schema. A WAL file on a read-only file system (a snapshot, a
 * read-only mount) has no shared-memory file and cannot be opened as usual; nothing can write it
 * there, so it is opened as immutable.
 */
function openReadOnly(path: string, env: Record<string, string | undefined>): { db: SqliteDb; schema: Schema } {
  let db: SqliteDb | null = null;
  try {
    db = openSqlite(path, { readOnly: true }, env);
    // Before the first read: a writer making the store (its schema, the switch to WAL) holds a
    // lock for a moment, and a read without a busy timeout fails at once with "database is locked".
    db.exec(`PRAGMA busy_timeout = ${READ_BUSY_MS}`);
    // SQLite opens lazily: the first read is where a missing shared-memory file shows.
    return { db, schema: probe(db) };
  } catch (e) {
    db?.close();
    try {
      accessSync(dirname(path), constants.W_OK);
    } catch {
      const immutable = openSqlite(`${pathToFileURL(path).href}?immutable=1`, { readOnly: true }, env);
      return { db: immutable, schema: probe(immutable) };
    }
    throw e;
  }
}

export class SqliteSearcher implements Searcher {
  private constructor(
    private readonly db: SqliteDb,
    private readonly display: string,
  ) {}

  static open(path: string, display: string, env: Record<string, string | undefined>): SqliteSearcher {
    if (!existsSync(path)) throw new StoreError(`no store at ${display} (make one with: ingest FILES --db ${display})`);
    let opened: { db: SqliteDb; schema: Schema };
    try {
      opened = openReadOnly(path, env);
    } catch (e) {
      throw new StoreError(`cannot read the store ${display}: ${sqliteMessage(e)}`);
    }
    const { db, schema } = opened;
    // A file with no tables at all is a store being made (a writer has just created it): no store yet.
    if (schema.tables === 0) {
      db.close();
      throw new StoreError(`no store at ${display} yet (the file has no tables; make one with: ingest FILES --db ${display})`);
    }
    if (!schema.fts) {
      db.close();
      throw new StoreError(`${display} is not a store of ingest (it has no articles_fts table)`);
    }
    return new SqliteSearcher(db, display);
  }

  /**
   * Two steps: the best `limit` rows by rank (bm25) from the index alone (joined with articles
   * only for a filter), then each hit's record and snippet. Reading every match's record and
   * making its snippet before sorting took several times as long on a common word.
   */
  async search(r: SearchRequest): Promise<Hit[]> {
    const where = ["articles_fts MATCH ?"];
    const params: Array<string | number> = [r.query];
    if (r.source !== null) {
      where.push("a.source = ?");
      params.push(r.source);
    }
    if (r.since !== null) {
      where.push("coalesce(a.timestamp, a.id_date) >= ?");
      params.push(r.since);
    }
    if (r.before !== null) {
      where.push("coalesce(a.timestamp, a.id_date) < ?");
      params.push(r.before);
    }
    params.push(r.limit);
    const join = params.length > 2 ? "JOIN articles a ON a.rowid = f.rowid" : "";
    try {
      const top = this.db
        .prepare(`SELECT f.rowid AS id, f.rank AS rank FROM articles_fts f ${join} WHERE ${where.join(" AND ")} ORDER BY f.rank LIMIT ?`)
        .all(...params);
      const one = this.db.prepare(
        `SELECT a.record AS record, snippet(articles_fts, -1, '<mark>', '</mark>', '…', 16) AS snippet
         FROM articles_fts f JOIN articles a ON a.rowid = f.rowid WHERE articles_fts MATCH ? AND f.rowid = ?`,
      );
      return top.map((t) => {
        const hit = one.get(r.query, t.id as number) as { record: string; snippet: string };
        return { record: hit.record, snippet: hit.snippet, score: -(t.rank as number) };
      });
    } catch (e) {
      const message = sqliteMessage(e);
      if (/fts5|syntax error|no such column|unterminated|unknown special query|malformed MATCH/i.test(message)) {
        throw new QueryError(`the query ${JSON.stringify(r.query)} is not valid: ${message.replace(/^fts5: /, "")} (FTS5 syntax: ${FTS5_SYNTAX})`);
      }
      throw new StoreError(`cannot search the store ${this.display}: ${message}`);
    }
  }

  async notIndexed(): Promise<number> {
    try {
      const row = this.db.prepare("SELECT count(*) AS n FROM articles WHERE rowid > (SELECT behind FROM fts_state)").get();
      return Number(row?.n ?? 0);
    } catch {
      // A store of schema version 1 has no fts_state: everything in it is indexed.
      return 0;
    }
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
