/**
 * PostgreSQL through `pg` (pure JavaScript) and `pg-copy-streams` (COPY FROM STDIN), loaded only
 * for a postgres:// target. The schema, versioned in `ingest_schema`, mirrors SQLite's; the
 * full-text index is a generated tsvector (english, accents folded where the unaccent extension
 * can be made) with a GIN index.
 */
import { createRequire } from "node:module";
import { StoreError } from "./store-error.js";

const require = createRequire(import.meta.url);

/** The slice of pg's Client this store uses. */
export interface PgClient {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
  end(): Promise<void>;
  on(event: "error", listener: (e: Error) => void): unknown;
}

/** Connect to `url`; a StoreError naming `display` when that cannot be. */
export async function connect(url: string, display: string): Promise<PgClient> {
  const pg = require("pg") as { Client: new (o: { connectionString: string; application_name: string }) => PgClient & { connect(): Promise<void> } };
  const client = new pg.Client({ connectionString: url, application_name: "ingest" });
  // A connection lost later is reported by the query that needed it.
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (e) {
    throw new StoreError(`cannot connect to the store ${display}: ${(e as Error).message}`);
  }
  return client;
}

/** COPY `rows` into `table` (columns in order) as COPY's text format. */
export async function copyRows(client: PgClient, table: string, columns: readonly string[], rows: ReadonlyArray<ReadonlyArray<unknown>>): Promise<void> {
  if (rows.length === 0) return;
  const { from } = require("pg-copy-streams") as { from: (sql: string) => NodeJS.WritableStream };
  const { pipeline } = await import("node:stream/promises");
  const { Readable } = await import("node:stream");
  const stream = (client as unknown as { query(s: NodeJS.WritableStream): NodeJS.WritableStream }).query(
    from(`COPY ${table} (${columns.join(", ")}) FROM STDIN`),
  );
  const lines = function* () {
    let chunk = "";
    for (const row of rows) {
      chunk += `${row.map(copyValue).join("\t")}\n`;
      if (chunk.length > 65536) {
        yield chunk;
        chunk = "";
      }
    }
    if (chunk !== "") yield chunk;
  };
  await pipeline(Readable.from(lines()), stream);
}

/** One value in COPY's text format: \N for null; backslash, tab, line feed and carriage return escaped. */
export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return "\\N";
  return String(v).replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE articles (
    key text PRIMARY KEY,
    id text,
    headline text NOT NULL,
    timestamp text,
    source text,
    body text NOT NULL,
    disclaimer text,
    credit text,
    dateline text,
    article_number text,
    id_date text,
    paragraph_count integer NOT NULL,
    word_count integer NOT NULL,
    warning_count integer NOT NULL,
    input text,
    record json NOT NULL,
    hash text NOT NULL,
    revision integer NOT NULL,
    first_seen text NOT NULL,
    last_seen text NOT NULL,
    run bigint NOT NULL,
    search tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('english', ingest_fold(headline)), 'A') || setweight(to_tsvector('english', ingest_fold(body)), 'B')
    ) STORED
  );
  CREATE INDEX articles_search ON articles USING gin (search);
  CREATE INDEX articles_source ON articles (source);
  CREATE INDEX articles_time ON articles ((coalesce(timestamp, id_date)));
  CREATE TABLE revisions (key text NOT NULL, revision integer NOT NULL, record json NOT NULL, replaced text NOT NULL, PRIMARY KEY (key, revision));
  CREATE TABLE runs (
    run bigserial PRIMARY KEY, started text NOT NULL, finished text, version text NOT NULL, argv json NOT NULL,
    files integer, records integer, inserted integer, updated integer, unchanged integer, errors integer, warnings integer, exit_code integer
  );
  CREATE TABLE problems (
    run bigint NOT NULL REFERENCES runs (run), input text, article integer, line integer,
    code text NOT NULL, severity text NOT NULL, message text NOT NULL
  );
  CREATE INDEX problems_run ON problems (run);
  CREATE INDEX problems_code ON problems (code);`,
  // 2: --incremental's marks for a batch with --db and no --out-dir (as SQLite's migration 3).
  `CREATE TABLE marks (input text PRIMARY KEY, marker json NOT NULL);`,
];

export const PG_SCHEMA_VERSION = MIGRATIONS.length;

/** Bring the database up to PG_SCHEMA_VERSION (once, under an advisory lock, should two start together). */
export async function migratePg(client: PgClient): Promise<void> {
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock(1919191919)");
    await client.query("CREATE TABLE IF NOT EXISTS ingest_schema (version integer NOT NULL)");
    const got = await client.query<{ version: number }>("SELECT version FROM ingest_schema");
    let version = got.rows[0]?.version ?? 0;
    if (got.rows.length === 0) await client.query("INSERT INTO ingest_schema VALUES (0)");
    if (version > PG_SCHEMA_VERSION) throw new StoreError(`it has schema version ${version}, newer than this ingest's ${PG_SCHEMA_VERSION}: upgrade ingest`);
    if (version === 0) await foldFunction(client);
    for (; version < PG_SCHEMA_VERSION; version++) await client.query(MIGRATIONS[version] as string);
    await client.query("UPDATE ingest_schema SET version = $1", [version]);
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  }
}

/**
 * ingest_fold(text): accents folded with the unaccent extension where it can be made (it is a
 * trusted extension from PostgreSQL 13: a database owner may create it), else the text as it is.
 * Declared immutable, as a generated column needs (unaccent's own dictionary is fixed).
 */
async function foldFunction(client: PgClient): Promise<void> {
  await client.query("SAVEPOINT fold");
  try {
    await client.query("CREATE EXTENSION IF NOT EXISTS unaccent");
    await client.query(
      "CREATE OR REPLACE FUNCTION ingest_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT unaccent('unaccent'::regdictionary, $1) $$",
    );
    await client.query("RELEASE SAVEPOINT fold");
  } catch {
    await client.query("ROLLBACK TO SAVEPOINT fold");
    await client.query("CREATE OR REPLACE FUNCTION ingest_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT $1 $$");
  }
}
