/** `ingest search` over PostgreSQL: see pg-store.ts. */
import type { Hit, Searcher, SearchRequest } from "./search-query.js";
import { StoreError } from "./store-error.js";

export class PgSearcher implements Searcher {
  static async open(_target: string, _display: string): Promise<PgSearcher> {
    throw new StoreError("PostgreSQL is not supported yet");
  }
  async search(_r: SearchRequest): Promise<Hit[]> {
    return [];
  }
  async close(): Promise<void> {}
}
