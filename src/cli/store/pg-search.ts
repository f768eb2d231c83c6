/**
 * `ingest search` over PostgreSQL: the query, written in FTS5's syntax (words, "phrases", oil*,
 * AND, OR, NOT, parentheses), turned into a tsquery; ranked by ts_rank, the snippet by ts_headline.
 */
import { connect, type PgClient } from "./pg-client.js";
import type { Hit, Searcher, SearchRequest } from "./search-query.js";
import { QueryError, StoreError } from "./store-error.js";

const SYNTAX = 'words (all must match), "a phrase", oil*, OR, NOT, ( )';

/** Words as the tsquery parser may read them: letters and digits only, quoted as lexemes. */
const lexeme = (word: string): string => `'${word.replace(/'/g, "''")}'`;

/** The FTS5-style query as tsquery text (for to_tsquery), or a QueryError naming the problem. */
export function toTsquery(query: string): string {
  const tokens = query.match(/"[^"]*"?|\(|\)|[^\s()"]+/g) ?? [];
  const out: string[] = [];
  let depth = 0;
  let pendingNot = false;
  const operand = (text: string): void => {
    if (out.length > 0 && !/^[|&(!]$|& !$/.test(out.at(-1) as string)) out.push("&");
    out.push(pendingNot ? `!${text}` : text);
    pendingNot = false;
  };
  for (const t of tokens) {
    if (t === "(") {
      if (out.length > 0 && !/^[|&(]$/.test(out.at(-1) as string)) out.push("&");
      out.push(pendingNot ? "!(" : "(");
      pendingNot = false;
      depth++;
    } else if (t === ")") {
      if (depth === 0) throw new QueryError(`the query ${JSON.stringify(query)} is not valid: a ) with no ( before it (syntax: ${SYNTAX})`);
      depth--;
      out.push(")");
    } else if (t === "OR" || t === "AND") {
      if (out.length === 0 || /^[|&(]$/.test(out.at(-1) as string))
        throw new QueryError(`the query ${JSON.stringify(query)} is not valid: ${t} needs a term on each side (syntax: ${SYNTAX})`);
      out.push(t === "OR" ? "|" : "&");
    } else if (t === "NOT") {
      if (out.length === 0) throw new QueryError(`the query ${JSON.stringify(query)} is not valid: NOT needs a term before it (syntax: ${SYNTAX})`);
      pendingNot = true;
    } else if (t.startsWith('"')) {
      if (t.length < 2 || !t.endsWith('"')) throw new QueryError(`the query ${JSON.stringify(query)} is not valid: unterminated string (syntax: ${SYNTAX})`);
      const words = t.slice(1, -1).match(/[\p{L}\p{N}]+/gu) ?? [];
      if (words.length > 0) operand(`(${words.map(lexeme).join(" <-> ")})`);
    } else {
      const prefix = t.endsWith("*");
      const words = t.match(/[\p{L}\p{N}]+/gu) ?? [];
      if (words.length === 0) continue;
      const last = words.length - 1;
      operand(
        words.length === 1
          ? `${lexeme(words[0] as string)}${prefix ? ":*" : ""}`
          : `(${words.map((w, i) => `${lexeme(w)}${prefix && i === last ? ":*" : ""}`).join(" <-> ")})`,
      );
    }
  }
  if (depth > 0) throw new QueryError(`the query ${JSON.stringify(query)} is not valid: a ( is not closed (syntax: ${SYNTAX})`);
  if (pendingNot || /^[|&(]$/.test(out.at(-1) ?? "&"))
    throw new QueryError(`the query ${JSON.stringify(query)} is not valid: it ends with an operator (syntax: ${SYNTAX})`);
  return out.join(" ");
}

export class PgSearcher implements Searcher {
  private constructor(
    private readonly client: PgClient,
    private readonly display: string,
  ) {}

  static async open(url: string, display: string): Promise<PgSearcher> {
    const client = await connect(url, display);
    const has = await client.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'ingest_schema'").catch(() => ({ rows: [] }));
    if (has.rows.length === 0) {
      await client.end().catch(() => {});
      throw new StoreError(`${display} is not a store of ingest (it has no ingest_schema table)`);
    }
    return new PgSearcher(client, display);
  }

  async search(r: SearchRequest): Promise<Hit[]> {
    const tsquery = toTsquery(r.query);
    const params: unknown[] = [tsquery];
    const where = ["a.search @@ q"];
    if (r.source !== null) {
      params.push(r.source);
      where.push(`a.source = $${params.length}`);
    }
    if (r.since !== null) {
      params.push(r.since);
      where.push(`coalesce(a.timestamp, a.id_date) >= $${params.length}`);
    }
    if (r.before !== null) {
      params.push(r.before);
      where.push(`coalesce(a.timestamp, a.id_date) < $${params.length}`);
    }
    params.push(r.limit);
    // The best `limit` keys first, then the record and headline of those only (ts_headline is the costly part).
    const sql = `WITH top AS (
        SELECT a.key, ts_rank(a.search, q) AS score FROM articles a, to_tsquery('english', ingest_fold($1)) q
        WHERE ${where.join(" AND ")} ORDER BY score DESC, a.key LIMIT $${params.length}
      )
      SELECT a.record::text AS record, top.score,
        ts_headline('english', a.headline || E'\\n' || a.body, q, 'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, MaxFragments=1, FragmentDelimiter=…') AS snippet
      FROM top JOIN articles a ON a.key = top.key, to_tsquery('english', ingest_fold($1)) q
      ORDER BY top.score DESC, a.key`;
    try {
      const res = await this.client.query<Hit>(sql, params);
      return res.rows.map((h) => ({ ...h, score: Number(h.score) }));
    } catch (e) {
      throw new StoreError(`cannot search the store ${this.display}: ${(e as Error).message}`);
    }
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => {});
  }
}
