/**
 * The SQLite store's schema, as numbered migrations: `PRAGMA user_version` is the number of the
 * last one applied, and each runs in the transaction that raises it. A file from a newer ingest
 * (a higher number than this one knows) is refused rather than guessed at. docs/store.md has the
 * tables and columns: a public interface, changed only by a new migration.
 */
import type { SqliteDb } from "./sqlite-driver.js";
import { StoreError } from "./store-error.js";

const MIGRATIONS: readonly string[] = [
  // 1: articles, their earlier revisions, the full-text index, and the ledger (runs, problems).
  `CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    id TEXT,
    headline TEXT NOT NULL,
    timestamp TEXT,
    source TEXT,
    body TEXT NOT NULL,
    disclaimer TEXT,
    credit TEXT,
    dateline TEXT,
    article_number TEXT,
    id_date TEXT,
    paragraph_count INTEGER NOT NULL,
    word_count INTEGER NOT NULL,
    warning_count INTEGER NOT NULL,
    input TEXT,
    record TEXT NOT NULL,
    hash TEXT NOT NULL,
    revision INTEGER NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    run INTEGER NOT NULL
  );
  CREATE INDEX articles_source ON articles(source);
  CREATE INDEX articles_time ON articles(coalesce(timestamp, id_date));
  CREATE TABLE revisions (
    key TEXT NOT NULL,
    revision INTEGER NOT NULL,
    record TEXT NOT NULL,
    replaced TEXT NOT NULL,
    PRIMARY KEY (key, revision)
  );
  CREATE VIRTUAL TABLE articles_fts USING fts5(
    headline, body, content="articles", content_rowid="rowid",
    tokenize = 'porter unicode61 remove_diacritics 2'
  );
  CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, headline, body) VALUES (new.rowid, new.headline, new.body);
  END;
  CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, headline, body) VALUES ('delete', old.rowid, old.headline, old.body);
  END;
  CREATE TRIGGER articles_au AFTER UPDATE OF headline, body ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, headline, body) VALUES ('delete', old.rowid, old.headline, old.body);
    INSERT INTO articles_fts(rowid, headline, body) VALUES (new.rowid, new.headline, new.body);
  END;
  CREATE TABLE runs (
    run INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    version TEXT NOT NULL,
    argv TEXT NOT NULL,
    files INTEGER,
    records INTEGER,
    inserted INTEGER,
    updated INTEGER,
    unchanged INTEGER,
    errors INTEGER,
    warnings INTEGER,
    exit_code INTEGER
  );
  CREATE TABLE problems (
    run INTEGER NOT NULL REFERENCES runs(run),
    input TEXT,
    article INTEGER,
    line INTEGER,
    code TEXT NOT NULL,
    severity TEXT NOT NULL,
    message TEXT NOT NULL
  );
  CREATE INDEX problems_run ON problems(run);
  CREATE INDEX problems_code ON problems(code);`,
  // 2: a batch defers the full-text index to its end (one bulk insert instead of one per row).
  // fts_state.behind is null when every article is indexed; otherwise the articles with a
  // rowid above it are not yet (a batch is loading, or one was killed): the triggers leave them
  // alone and catchUp (sqlite-store.ts) indexes them, at a batch's end, a watch's every commit,
  // and a writer's open.
  `CREATE TABLE fts_state (one INTEGER PRIMARY KEY CHECK (one = 1), behind INTEGER);
  INSERT INTO fts_state (one, behind) VALUES (1, NULL);
  DROP TRIGGER articles_ai;
  DROP TRIGGER articles_ad;
  DROP TRIGGER articles_au;
  CREATE TRIGGER articles_ai AFTER INSERT ON articles WHEN (SELECT behind FROM fts_state) IS NULL BEGIN
    INSERT INTO articles_fts(rowid, headline, body) VALUES (new.rowid, new.headline, new.body);
  END;
  CREATE TRIGGER articles_ad AFTER DELETE ON articles WHEN coalesce(old.rowid <= (SELECT behind FROM fts_state), 1) BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, headline, body) VALUES ('delete', old.rowid, old.headline, old.body);
  END;
  CREATE TRIGGER articles_au AFTER UPDATE OF headline, body ON articles WHEN coalesce(old.rowid <= (SELECT behind FROM fts_state), 1) BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, headline, body) VALUES ('delete', old.rowid, old.headline, old.body);
    INSERT INTO articles_fts(rowid, headline, body) VALUES (new.rowid, new.headline, new.body);
  END;`,
  // 3: --incremental's marks for a batch with --db and no --out-dir: one row per input file (its
  // absolute path), written in the transaction of the input's rows (output/markers.ts's Marker).
  `CREATE TABLE marks (input TEXT PRIMARY KEY, marker TEXT NOT NULL);`,
];

/** The schema version this ingest writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Bring `db` up to SCHEMA_VERSION (`to`: an older version, as an older ingest made it, for the tests); an error when the file is from a newer ingest. */
export function migrate(db: SqliteDb, to = SCHEMA_VERSION): void {
  const version = () => Number(db.prepare("PRAGMA user_version").get()?.user_version ?? 0);
  if (version() >= SCHEMA_VERSION) {
    if (version() > SCHEMA_VERSION) throw new StoreError(`it has schema version ${version()}, newer than this ingest's ${SCHEMA_VERSION}: upgrade ingest`);
    return;
  }
  // IMMEDIATE: two processes creating one store at once migrate it once.
  db.exec("BEGIN IMMEDIATE");
  try {
    for (let v = version(); v < to; v++) {
      db.exec(MIGRATIONS[v] as string);
      db.exec(`PRAGMA user_version = ${v + 1}`);
    }
    db.exec("COMMIT");
  } catch (e) {
    db.exec("ROLLBACK");
    throw e;
  }
}
