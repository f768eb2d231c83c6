/**
 * The store in one SQLite file: WAL (readers never wait for the writer, and a reader such as
 * `ingest search` works while a watch writes), a busy timeout and retries for a second writer,
 * one SAVEPOINT per input inside a transaction committed every COMMIT_MS, so that an input
 * is stored whole or not at all and a SIGKILL at any moment leaves the last commit.
 */
import { existsSync, statSync } from "node:fs";
import { dirname } from "node:path";
import type { Reported } from "../report/diagnostic-line.js";
import type { Article } from "../../schema.js";
import { articleRow, FIELD_COLUMNS } from "./rows.js";
import { openSqlite, type Row, type SqliteDb, type Statement } from "./sqlite-driver.js";
import { migrate } from "./sqlite-schema.js";
import type { Marker } from "../output/markers.js";
import { StoreError } from "./store-error.js";
import { RUN_END_COLUMNS, type RunEnd, runEndValues, type Store, type StoreCounts, type StoreOptions } from "./store.js";

/** How long a batch keeps one transaction open (the write lock a second writer waits for). */
const COMMIT_MS = 250;
/** How long a writer waits for another's lock, in SQLite's busy handler, and then in retries. */
const BUSY_MS = 5000;
const RETRY_FOR_MS = 120_000;

const sleep = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};
const isBusy = (e: unknown): boolean => /database is locked|SQLITE_BUSY|database table is locked/i.test(String((e as Error)?.message ?? e));

/** SQLite's own message, without a binding's prefix. */
export const sqliteMessage = (e: unknown): string => String((e as Error)?.message ?? e).replace(/^(SqliteError|Error|SQLITE_\w+):\s*/, "");

/** The prepared statements of a writer. */
interface Statements {
  find: Statement;
  insert: Statement;
  touch: Statement;
  keep: Statement;
  update: Statement;
  problem: Statement;
  /** A batch's transaction: articles inserted from here on are indexed at its end (migration 2). */
  defer: Statement;
  /** Index the articles above fts_state.behind, and mark the index current. */
  catchUp: Statement;
  current: Statement;
  /** --incremental's marks (migration 3). */
  getMark: Statement;
  putMark: Statement;
}

function prepare(db: SqliteDb): Statements {
  const cols = FIELD_COLUMNS.join(", ");
  const marks = FIELD_COLUMNS.map(() => "?").join(", ");
  const sets = FIELD_COLUMNS.map((c) => `${c} = ?`).join(", ");
  return {
    find: db.prepare("SELECT rowid, hash, revision, run FROM articles WHERE key = ?"),
    insert: db.prepare(
      `INSERT INTO articles (key, ${cols}, record, hash, revision, first_seen, last_seen, run) VALUES (?, ${marks}, ?, ?, 1, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
    ),
    touch: db.prepare("UPDATE articles SET last_seen = ?, run = ? WHERE rowid = ?"),
    keep: db.prepare("INSERT OR REPLACE INTO revisions (key, revision, record, replaced) SELECT key, revision, record, ? FROM articles WHERE rowid = ?"),
    update: db.prepare(`UPDATE articles SET ${sets}, record = ?, hash = ?, revision = revision + 1, last_seen = ?, run = ? WHERE rowid = ?`),
    problem: db.prepare("INSERT INTO problems (run, input, article, line, code, severity, message) VALUES (?, ?, ?, ?, ?, ?, ?)"),
    defer: db.prepare("UPDATE fts_state SET behind = (SELECT coalesce(max(rowid), 0) FROM articles) WHERE behind IS NULL"),
    catchUp: db.prepare(
      "INSERT INTO articles_fts(rowid, headline, body) SELECT rowid, headline, body FROM articles WHERE rowid > (SELECT behind FROM fts_state) ORDER BY rowid",
    ),
    current: db.prepare("UPDATE fts_state SET behind = NULL WHERE behind IS NOT NULL"),
    getMark: db.prepare("SELECT marker FROM marks WHERE input = ?"),
    putMark: db.prepare("INSERT INTO marks (input, marker) VALUES (?, ?) ON CONFLICT (input) DO UPDATE SET marker = excluded.marker"),
  };
}

/** Run `work`, retrying while another process holds the write lock (beyond the busy timeout). */
function retrying<T>(work: () => T): T {
  const until = Date.now() + RETRY_FOR_MS;
  for (;;) {
    try {
      return work();
    } catch (e) {
      if (!isBusy(e) || Date.now() > until) throw e;
      sleep(20 + Math.random() * 80);
    }
  }
}

export class SqliteStore implements Store {
  readonly counts: StoreCounts = { inserted: 0, updated: 0, unchanged: 0, duplicates: 0 };
  private run = 0;
  private inTransaction = false;
  private openedAt = 0;
  private input: string | null = null;
  private savepoint = false;
  private now = "";
  private readonly s: Statements;

  private constructor(
    private readonly db: SqliteDb,
    readonly display: string,
    private readonly durable: boolean,
  ) {
    this.s = prepare(db);
  }

  /** Open (creating the file and its tables if need be) and check that it can be written. */
  static open(path: string, display: string, o: StoreOptions): SqliteStore {
    if (!existsSync(dirname(path))) throw new StoreError(`cannot create the store ${display}: no directory ${dirname(path)}`);
    if (existsSync(path) && statSync(path).isDirectory()) throw new StoreError(`the store ${display} is a directory; name an SQLite file`);
    let db: SqliteDb | null = null;
    try {
      db = openSqlite(path, {}, o.env);
      const opened = db;
      opened.exec(`PRAGMA busy_timeout = ${BUSY_MS}`);
      retrying(() => opened.exec("PRAGMA journal_mode = WAL"));
      opened.exec(`PRAGMA synchronous = ${o.durable ? "FULL" : "NORMAL"}`);
      retrying(() => migrate(opened));
      const store = new SqliteStore(opened, display, o.durable === true);
      // A batch killed before its end left articles out of the index: index them now.
      if (opened.prepare("SELECT behind FROM fts_state").get()?.behind != null) retrying(() => store.transaction(() => store.catchUp()));
      return store;
    } catch (e) {
      try {
        db?.close();
      } catch {
        // Already failing: the first error is the one to say.
      }
      if (e instanceof StoreError) throw new StoreError(`cannot use the store ${display}: ${e.message}`);
      throw new StoreError(`cannot use the store ${display}: ${sqliteMessage(e)}`);
    }
  }

  /** Run `work` in one write transaction (no other may be open). */
  private transaction(work: () => void): void {
    this.db.exec("BEGIN IMMEDIATE");
    try {
      work();
      this.db.exec("COMMIT");
    } catch (e) {
      this.db.exec("ROLLBACK");
      throw e;
    }
  }

  /** Index the articles the last batch left out (a no-op when the index is current). */
  private catchUp(): void {
    this.s.catchUp.run();
    this.s.current.run();
  }

  private guard<T>(what: string, work: () => T): T {
    try {
      return work();
    } catch (e) {
      if (e instanceof StoreError) throw e;
      throw new StoreError(`cannot ${what} the store ${this.display}: ${sqliteMessage(e)}`);
    }
  }

  async begin(argv: string[], version: string): Promise<void> {
    this.guard("write", () => {
      retrying(() => {
        const started = new Date().toISOString();
        this.db.exec("BEGIN IMMEDIATE");
        try {
          this.db.prepare("INSERT INTO runs (started, version, argv) VALUES (?, ?, ?)").run(started, version, JSON.stringify(argv));
          this.run = Number(this.db.prepare("SELECT last_insert_rowid() AS run").get()?.run);
          this.db.exec("COMMIT");
        } catch (e) {
          this.db.exec("ROLLBACK");
          throw e;
        }
      });
    });
  }

  async startInput(input: string | null, streamed = false): Promise<void> {
    this.guard("write", () => {
      if (!this.inTransaction) {
        retrying(() => this.db.exec("BEGIN IMMEDIATE"));
        this.inTransaction = true;
        this.openedAt = Date.now();
        this.now = new Date().toISOString();
        // A batch indexes its articles once, at its end (finish), in one statement: several
        // times cheaper than row by row. A watch keeps the index current with each commit.
        if (!this.durable) this.s.defer.run();
      }
      // Only an input read window by window can be cut short (Ctrl-C, a closed stdout) with part
      // of it given: it alone needs a savepoint to go back to. Any other input is given whole
      // between two commits, and a crash before the commit leaves none of it.
      if (streamed) this.db.exec("SAVEPOINT input");
    });
    this.savepoint = streamed;
    this.input = input;
  }

  async article(record: Article): Promise<void> {
    this.guard("write", () => this.upsert(record));
  }

  private upsert(record: Article): void {
    const row = articleRow(record);
    const s = this.s;
    // A new key is one statement; only a key already there is looked up.
    if (Number(s.insert.run(row.key, ...row.fields, row.record, row.hash, this.now, this.now, this.run).changes) === 1) {
      this.counts.inserted++;
      return;
    }
    const found = s.find.get(row.key) as Row;
    if (found.hash === row.hash) {
      s.touch.run(this.now, this.run, found.rowid as number);
      this.counts.unchanged++;
    } else if (Number(found.run) === this.run) {
      // The same key twice in one run with two texts: the first stays, as with DUPLICATE_ID.
      this.counts.duplicates++;
    } else {
      s.keep.run(this.now, found.rowid as number);
      s.update.run(...row.fields, row.record, row.hash, this.now, this.run, found.rowid as number);
      this.counts.updated++;
    }
  }

  async problem(d: Reported): Promise<void> {
    this.guard("write", () => this.s.problem.run(this.run, this.input, d.article ?? null, d.line, d.code, d.severity, d.message));
  }

  async endInput(abandon = false, commit = false, mark?: Marker): Promise<void> {
    this.guard("write", () => {
      if (this.savepoint && abandon) this.db.exec("ROLLBACK TO input");
      else if (mark !== undefined) this.s.putMark.run(mark.input, JSON.stringify(mark));
      if (this.savepoint) this.db.exec("RELEASE input");
    });
    // A watch commits with its group (flush); a batch every COMMIT_MS.
    if (commit || (!this.durable && Date.now() - this.openedAt >= COMMIT_MS)) await this.flush();
  }

  async mark(input: string): Promise<Marker | null> {
    const row = this.guard("read", () => this.s.getMark.get(input));
    return row === undefined ? null : (JSON.parse(String(row.marker)) as Marker);
  }

  async flush(): Promise<void> {
    if (!this.inTransaction) return;
    this.guard("write", () => {
      // A watch's commit is searchable at once, a batch running beside it or not.
      if (this.durable) this.catchUp();
      this.db.exec("COMMIT");
    });
    this.inTransaction = false;
  }

  async finish(end: RunEnd): Promise<void> {
    await this.flush();
    this.guard("write", () =>
      retrying(() =>
        this.transaction(() => {
          this.catchUp();
          this.db
            .prepare(`UPDATE runs SET ${RUN_END_COLUMNS.map((c) => `${c} = ?`).join(", ")} WHERE run = ?`)
            .run(...runEndValues(end, this.counts), this.run);
        }),
      ),
    );
  }

  async close(): Promise<void> {
    try {
      if (this.inTransaction) this.db.exec("ROLLBACK");
    } catch {
      // A failed transaction may be gone already.
    }
    this.inTransaction = false;
    this.db.close();
  }
}
