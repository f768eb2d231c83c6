/**
 * `ingest search QUERY --db TARGET`: ranked hits as JSON Lines (the stored record, its score and
 * a snippet with `<mark>` around each match), or for people a short summary of each.
 */
import { resolve } from "node:path";
import { stripControls } from "../../render/sanitize.js";
import type { RunStatus } from "../report/exit-code.js";
import type { Io, Sink } from "../io.js";
import type { Hit, Searcher, SearchRequest } from "./search-query.js";
import { displayTarget, isPostgres } from "./store.js";
import { StoreError } from "./store-error.js";

export interface SearchOptions {
  format: "json" | "summary";
  color: boolean;
}

const MARK = /<mark>|<\/mark>/g;

/** One hit as a JSON line: the record's fields, then score and snippet. */
export function hitJson(hit: Hit): string {
  const record = JSON.parse(hit.record) as Record<string, unknown>;
  return `${JSON.stringify({ ...record, score: hit.score, snippet: hit.snippet })}\n`;
}

/** One hit for a terminal: headline, then source and time, then the snippet with the matches highlighted. */
export function hitSummary(hit: Hit, color: boolean): string {
  const r = JSON.parse(hit.record) as { headline: string; source: string | null; timestamp: string | null; idDate: string | null; id: string | null };
  const paint = (open: string, text: string): string => (color ? `\u001b[${open}m${text}\u001b[0m` : text);
  const when = r.timestamp ?? r.idDate ?? "no date";
  const snippet = stripControls(hit.snippet.replace(/\s+/g, " ")).replace(/<mark>([^<]*)<\/mark>/g, (_, m: string) => (color ? paint("1;33", m) : `[${m}]`));
  const meta = [r.source ?? "no source", when, r.id ?? "no ID"].map(stripControls).join(" · ");
  return `${paint("1", stripControls(r.headline))}\n${paint("2", meta)}\n  ${snippet.replace(MARK, "")}\n`;
}

async function openSearcher(target: string, io: Io): Promise<Searcher> {
  if (isPostgres(target)) {
    const { PgSearcher } = await import("./pg-search.js");
    return PgSearcher.open(target, displayTarget(target));
  }
  const { SqliteSearcher } = await import("./sqlite-search.js");
  return SqliteSearcher.open(resolve(io.cwd, target), target, io.env);
}

/** Run a search; problems are one line on `err`, exit 2. */
export async function search(target: string, request: SearchRequest, o: SearchOptions, io: Io, out: Sink, err: Sink, status: RunStatus): Promise<void> {
  let searcher: Searcher | null = null;
  try {
    searcher = await openSearcher(target, io);
    const hits = await searcher.search(request);
    let first = true;
    for (const hit of hits) {
      if (out.closed) break;
      if (o.format === "json") await out.write(hitJson(hit));
      else {
        await out.write(`${first ? "" : "\n"}${hitSummary(hit, o.color)}`);
        first = false;
      }
    }
    const behind = (await searcher.notIndexed?.()) ?? 0;
    if (behind > 0) {
      await err.write(
        `ingest: note: ${behind} stored articles are not in the search index yet (an ingest --db run is loading them, or one stopped before its end; the next ingest --db adds them)\n`,
      );
    }
  } catch (e) {
    if (!(e instanceof StoreError)) throw e;
    await err.write(`ingest: error: ${e.message}\n`);
    status.usage = true;
  } finally {
    await searcher?.close();
  }
}
