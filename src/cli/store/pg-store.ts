/**
 * The store in PostgreSQL: an input's rows and problems are gathered in memory and written in
 * batches (COPY into a temporary staging table, then INSERT … ON CONFLICT DO UPDATE), each batch
 * one transaction that holds whole inputs only. Several machines may write one database at once.
 */
import type { Reported } from "../report/diagnostic-line.js";
import type { Article } from "../../schema.js";
import { connect, copyRows, migratePg, type PgClient } from "./pg-client.js";
import { articleRow, FIELD_COLUMNS } from "./rows.js";
import type { Marker } from "../output/markers.js";
import { StoreError } from "./store-error.js";
import { RUN_END_COLUMNS, type RunEnd, runEndValues, type Store, type StoreCounts, type StoreOptions } from "./store.js";

/** Rows gathered before a batch is written (whole inputs only), and the longest a batch waits. */
const BATCH_ROWS = 2000;
const BATCH_MS = 1000;

const STAGING = ["seq", "key", ...FIELD_COLUMNS, "record", "hash"] as const;
const PROBLEM = ["run", "input", "article", "line", "code", "severity", "message"] as const;

export class PgStore implements Store {
  readonly counts: StoreCounts = { inserted: 0, updated: 0, unchanged: 0, duplicates: 0 };
  private run = 0;
  private rows: unknown[][] = [];
  private problems: unknown[][] = [];
  /** --incremental's marks of the gathered inputs, by input (the last one given stands). */
  private marks = new Map<string, string>();
  /** Where the current input's rows and problems start, to drop them if it is cut short. */
  private start = { rows: 0, problems: 0 };
  /** The marks already in the database, read at the first question (one query, not one per input). */
  private known: Map<string, Marker> | null = null;
  private input: string | null = null;
  private since = Date.now();
  private seq = 0;

  private constructor(
    private readonly client: PgClient,
    readonly display: string,
    private readonly durable: boolean,
  ) {}

  static async open(url: string, display: string, o: StoreOptions): Promise<PgStore> {
    const client = await connect(url, display);
    try {
      await migratePg(client);
      const fields = FIELD_COLUMNS.map((c) => `${c} ${c.endsWith("_count") ? "integer" : "text"}`).join(", ");
      await client.query(`CREATE TEMP TABLE ingest_staging (seq integer, key text, ${fields}, record text, hash text)`);
    } catch (e) {
      await client.end().catch(() => {});
      if (e instanceof StoreError) throw new StoreError(`cannot use the store ${display}: ${e.message}`);
      throw new StoreError(`cannot use the store ${display}: ${(e as Error).message}`);
    }
    return new PgStore(client, display, o.durable === true);
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (e instanceof StoreError) throw e;
      throw new StoreError(`cannot write the store ${this.display}: ${(e as Error).message}`);
    }
  }

  async begin(argv: string[], version: string): Promise<void> {
    await this.guard(async () => {
      const r = await this.client.query<{ run: string }>("INSERT INTO runs (started, version, argv) VALUES ($1, $2, $3) RETURNING run", [
        new Date().toISOString(),
        version,
        JSON.stringify(argv),
      ]);
      this.run = Number(r.rows[0]?.run);
    });
  }

  async startInput(input: string | null): Promise<void> {
    this.input = input;
    this.start = { rows: this.rows.length, problems: this.problems.length };
  }

  async article(record: Article): Promise<void> {
    const row = articleRow(record);
    this.rows.push([this.seq++, row.key, ...row.fields, row.record, row.hash]);
  }

  async problem(d: Reported): Promise<void> {
    this.problems.push([this.run, this.input, d.article ?? null, d.line, d.code, d.severity, d.message]);
  }

  async endInput(abandon = false, commit = false, mark?: Marker): Promise<void> {
    if (abandon) {
      this.rows.length = this.start.rows;
      this.problems.length = this.start.problems;
    } else if (mark !== undefined) this.marks.set(mark.input, JSON.stringify(mark));
    const due = this.rows.length + this.problems.length >= BATCH_ROWS || Date.now() - this.since >= BATCH_MS;
    if (commit || (!this.durable && due)) await this.flush();
  }

  async mark(input: string): Promise<Marker | null> {
    if (this.known === null) {
      const r = await this.guard(() => this.client.query<{ input: string; marker: Marker }>("SELECT input, marker FROM marks"));
      this.known = new Map(r.rows.map((m) => [m.input, m.marker]));
    }
    return this.known.get(input) ?? null;
  }

  /** Write the gathered inputs in one transaction. */
  async flush(): Promise<void> {
    const rows = this.rows;
    const problems = this.problems;
    const marks = this.marks;
    this.since = Date.now();
    if (rows.length === 0 && problems.length === 0 && marks.size === 0) return;
    await this.guard(async () => {
      const c = this.client;
      const now = new Date().toISOString();
      await c.query("BEGIN");
      try {
        await c.query("TRUNCATE ingest_staging");
        await copyRows(c, "ingest_staging", STAGING, rows);
        // The first of a key in this batch stands for it (DUPLICATE_ID's rule); then what each is.
        await c.query("DELETE FROM ingest_staging s USING ingest_staging t WHERE s.key = t.key AND s.seq > t.seq");
        const kinds = await c.query<{ kind: string; n: string }>(
          `SELECT CASE WHEN a.key IS NULL THEN 'inserted' WHEN a.hash = s.hash THEN 'unchanged' WHEN a.run = $1 THEN 'duplicates' ELSE 'updated' END AS kind, count(*) AS n
           FROM ingest_staging s LEFT JOIN articles a ON a.key = s.key GROUP BY 1`,
          [this.run],
        );
        await c.query(
          `INSERT INTO revisions (key, revision, record, replaced)
           SELECT a.key, a.revision, a.record, $1 FROM articles a JOIN ingest_staging s ON a.key = s.key
           WHERE a.hash <> s.hash AND a.run <> $2 ON CONFLICT DO NOTHING`,
          [now, this.run],
        );
        const cols = FIELD_COLUMNS.join(", ");
        const sets = [...FIELD_COLUMNS, "record", "hash"].map((col) => `${col} = excluded.${col}`).join(", ");
        await c.query(
          `INSERT INTO articles (key, ${cols}, record, hash, revision, first_seen, last_seen, run)
           SELECT key, ${cols}, record::json, hash, 1, $1, $1, $2 FROM ingest_staging
           ON CONFLICT (key) DO UPDATE SET ${sets}, revision = articles.revision + 1, last_seen = excluded.last_seen, run = excluded.run
           WHERE articles.hash <> excluded.hash AND articles.run <> excluded.run`,
          [now, this.run],
        );
        await c.query("UPDATE articles a SET last_seen = $1, run = $2 FROM ingest_staging s WHERE a.key = s.key AND a.hash = s.hash", [now, this.run]);
        await copyRows(c, "problems", PROBLEM, problems);
        if (marks.size > 0)
          await c.query(
            "INSERT INTO marks (input, marker) SELECT i, m::json FROM unnest($1::text[], $2::text[]) AS t(i, m) ON CONFLICT (input) DO UPDATE SET marker = excluded.marker",
            [[...marks.keys()], [...marks.values()]],
          );
        await c.query("COMMIT");
        for (const k of kinds.rows) this.counts[k.kind as keyof StoreCounts] += Number(k.n);
        this.counts.duplicates += rows.length - kinds.rows.reduce((n, k) => n + Number(k.n), 0);
      } catch (e) {
        await c.query("ROLLBACK").catch(() => {});
        throw e;
      }
    });
    this.rows = [];
    this.problems = [];
    this.marks = new Map();
    this.start = { rows: 0, problems: 0 };
  }

  async finish(end: RunEnd): Promise<void> {
    await this.flush();
    await this.guard(() =>
      this.client.query(`UPDATE runs SET ${RUN_END_COLUMNS.map((c, i) => `${c} = $${i + 1}`).join(", ")} WHERE run = $${RUN_END_COLUMNS.length + 1}`, [
        ...runEndValues(end, this.counts),
        this.run,
      ]),
    );
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => {});
  }
}
