/**
 * `ingest search`'s request, settled from its flags: the query, the filters, and the window of
 * time (on the article's timestamp, else the date in its ID), as text that compares in order
 * with both (`2024-03-01` and `2024-03-01T10:00:00Z`).
 */

export interface SearchRequest {
  query: string;
  limit: number;
  source: string | null;
  /** Inclusive lower bound, or null. */
  since: string | null;
  /** Exclusive upper bound, or null. */
  before: string | null;
}

/** One hit: the stored record, its score (higher is better) and a snippet with `<mark>` around each match. */
export interface Hit {
  record: string;
  score: number;
  snippet: string;
}

/** The store's side of a search. */
export interface Searcher {
  search(r: SearchRequest): Promise<Hit[]>;
  /** How many stored articles a search cannot find yet (SQLite: a batch loading, or one stopped before its end). */
  notIndexed?(): Promise<number>;
  close(): Promise<void>;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z?$/;

/** A --since/--until value as comparable text, or null when it is not a date or UTC time. */
function instant(value: string): string | null {
  if (DAY.test(value)) return Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? null : value;
  if (!TIME.test(value)) return null;
  const t = Date.parse(value.endsWith("Z") ? value : `${value}Z`);
  return Number.isNaN(t) ? null : new Date(t).toISOString().replace(".000Z", "Z");
}

/** The day after `day` (YYYY-MM-DD). */
const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The request, or the usage problem with the flags. */
export function searchRequest(query: string, o: { limit?: number; source?: string; since?: string; until?: string }): SearchRequest | { usage: string } {
  if (query.trim() === "") return { usage: "the search query is empty: give words to look for (ingest search 'oil prices' --db news.sqlite)" };
  const since = o.since === undefined ? null : instant(o.since);
  if (o.since !== undefined && since === null) return { usage: `--since ${o.since} is not a date (2024-03-01) or a UTC time (2024-03-01T10:00:00Z)` };
  const until = o.until === undefined ? null : instant(o.until);
  if (o.until !== undefined && until === null) return { usage: `--until ${o.until} is not a date (2024-03-01) or a UTC time (2024-03-01T10:00:00Z)` };
  // --until a day takes in the whole day; --until a time, up to and including that second.
  const before = until === null ? null : DAY.test(until) ? nextDay(until) : `${until.slice(0, -1)}.001Z`;
  return { query, limit: o.limit ?? 20, source: o.source ?? null, since, before };
}
