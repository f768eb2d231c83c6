/**
 * An article as a row of the store: its key, the hash that tells a changed text from the same
 * one, and its columns. The same for SQLite and PostgreSQL.
 */
import { createHash } from "node:crypto";
import type { Article } from "../../schema.js";

/** The columns of `articles` that hold the record's fields, in the order the statements bind them. */
export const FIELD_COLUMNS = [
  "id",
  "headline",
  "timestamp",
  "source",
  "body",
  "disclaimer",
  "credit",
  "dateline",
  "article_number",
  "id_date",
  "paragraph_count",
  "word_count",
  "warning_count",
  "input",
] as const;

/** One article ready to store. */
export interface ArticleRow {
  /** The MENAFN ID, or `content:` and 32 hex digits of its content's SHA-256 (contentKey). */
  key: string;
  /** SHA-256 of the record without its origin: the same text from another file or position is the same revision. */
  hash: string;
  /** The record as JSON Lines would hold it. */
  record: string;
  fields: Array<string | number | null>;
}

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/**
 * The key of an article without an ID: `content:` and the first 32 hex digits of the SHA-256 of
 * its headline, timestamp (empty when none) and body, joined by line feeds. A rerun finds the
 * same key; an article whose text changes gets a new one (it has nothing else to be known by).
 */
export function contentKey(a: Pick<Article, "headline" | "timestamp" | "body">): string {
  return `content:${sha256(`${a.headline}\n${a.timestamp ?? ""}\n${a.body}`).slice(0, 32)}`;
}

/** The row of `record`. */
export function articleRow(record: Article): ArticleRow {
  const origin = record.origin;
  const json = JSON.stringify(record);
  // origin is the record's last field (src/schema.ts): the text before it is the record without it.
  // A quote inside a JSON string is escaped, so `,"origin":{` can only be the key itself.
  const at = json.lastIndexOf(',"origin":{');
  return {
    key: record.id ?? contentKey(record),
    hash: sha256(at === -1 ? json : json.slice(0, at)),
    record: json,
    fields: [
      record.id,
      record.headline,
      record.timestamp,
      record.source,
      record.body,
      record.disclaimer,
      record.credit,
      record.dateline?.text ?? null,
      record.articleNumber,
      record.idDate,
      record.paragraphCount,
      record.wordCount,
      record.warnings.length,
      origin.file,
    ],
  };
}
