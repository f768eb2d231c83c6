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

/** A word (`oil`, `oil*`) or a "phrase" as tsquery text; null when it holds no letter or digit. */
function term(token: string): string | null {
  const phrase = token.startsWith('"');
  const prefix = !phrase && token.endsWith("*");
  const words = (phrase ? token.slice(1, -1) : token).match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  const last = words.length - 1;
  const parts = words.map((w, i) => `${lexeme(w)}${prefix && i === last ? ":*" : ""}`);
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(" <-> ")})`;
}

/** Builds the tsquery text token by token, refusing what FTS5 would refuse. */
class TsqueryBuilder {
  private readonly out: string[] = [];
  private depth = 0;
  private not = false;

  constructor(private readonly query: string) {}

  private fail(why: string): QueryError {
    return new QueryError(`the query ${JSON.stringify(this.query)} is not valid: ${why} (syntax: ${SYNTAX})`);
  }

  /** Nothing stands to the left that a term could be joined to. */
  private atOperator(): boolean {
    return /^[|&(]$|^!\($/.test(this.out.at(-1) ?? "&");
  }

  private operand(text: string, open = false): void {
    if (this.out.length > 0 && !this.atOperator()) this.out.push("&");
    this.out.push(this.not ? `!${text}` : text);
    this.not = false;
    if (open) this.depth++;
  }

  take(t: string): void {
    if (t === "(") this.operand("(", true);
    else if (t === ")") {
      if (this.depth === 0) throw this.fail("a ) with no ( before it");
      this.depth--;
      this.out.push(")");
    } else if (t === "OR" || t === "AND") {
      if (this.atOperator() || this.out.length === 0) throw this.fail(`${t} needs a term on each side`);
      this.out.push(t === "OR" ? "|" : "&");
    } else if (t === "NOT") {
      if (this.out.length === 0) throw this.fail("NOT needs a term before it");
      this.not = true;
    } else {
      if (t.startsWith('"') && (t.length < 2 || !t.endsWith('"'))) throw this.fail("unterminated string");
      const text = term(t);
      if (text !== null) this.operand(text);
    }
  }

  finish(): string {
    if (this.depth > 0) throw this.fail("a ( is not closed");
    if (this.not || this.atOperator()) throw this.fail("it ends with an operator");
    return this.out.join(" ");
  }
}

/** The FTS5-style query as tsquery text (for to_tsquery), or a QueryError naming the problem. */
export function toTsquery(query: string): string {
  const builder = new TsqueryBuilder(query);
  for (const t of query.match(/"[^"]*"?|\(|\)|[^\s()"]+/g) ?? []) builder.take(t);
  return builder.finish();
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
