/**
 * A record as an IPTC ninjs document (2.2, lowercase names, or 3.1, camelCase names).
 * Pure: no I/O; node:crypto only hashes the text for a stable urn when there is no ID.
 */
import { createHash } from "node:crypto";
import type { Article } from "../schema.js";

export { NINJS_VERSIONS, type NinjsVersion } from "./ninjs-versions.js";
import type { NinjsVersion } from "./ninjs-versions.js";

interface Headline22 {
  role: string;
  contenttype: string;
  value: string;
}
interface Body22 extends Headline22 {
  charcount: number;
  wordcount: number;
}
interface InfoSource {
  name: string;
  role: string;
  uri?: string;
}
interface AltId {
  role: string;
  value: string;
}

/** A ninjs 2.2 document as `toNinjs` writes it (a subset of the standard's properties). */
export interface Ninjs22 {
  uri: string;
  type: "text";
  standard: { name: "ninjs"; version: "2.2"; schema: string };
  versioncreated?: string;
  firstcreated?: string;
  language?: string;
  headlines: Headline22[];
  by?: string;
  located?: string;
  bodies: Body22[];
  infosources: InfoSource[];
  altids?: AltId[];
  usageterms?: string;
}

/** A ninjs 3.1 document as `toNinjs` writes it (a subset of the standard's properties). */
export interface Ninjs31 {
  uri: string;
  type: "text";
  standard: { name: "ninjs"; version: "3.1"; schema: string };
  versionCreated?: string;
  firstCreated?: string;
  language?: string;
  headlines: Array<{ role: string; contentType: string; value: string }>;
  by?: string;
  located?: string;
  bodies: Array<{ role: string; contentType: string; charCount: number; wordCount: number; value: string }>;
  infoSources: InfoSource[];
  altIds?: AltId[];
  usageTerms?: string;
}

/** Where the records come from: MENAFN, the distributor of every article. */
export const MENAFN = { name: "MENAFN", uri: "https://menafn.com/" } as const;

/** The UUID namespace of this tool's name-based (v5) article URNs. */
export const URN_NAMESPACE = "735f3002-9923-4812-a847-fcdec1882cc0";

const schemaUri = (version: NinjsVersion): string => `http://www.iptc.org/std/ninjs/ninjs-schema_${version}.json#`;

/** The text an article's urn is hashed from: headline and body, NFC, white space collapsed. */
export function normalisedText(record: Pick<Article, "headline" | "body">): string {
  return `${record.headline}\n${record.body}`.normalize("NFC").replace(/\s+/gu, " ").trim();
}

/** A name-based UUID (RFC 9562 version 5: SHA-1) of `name` in `namespace`. */
export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  const bytes = createHash("sha1").update(ns).update(name, "utf8").digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The article's ninjs uri: its menafn.com address, or a urn:uuid hashed from its text. */
export function ninjsUri(record: Article): string {
  if (record.articleNumber !== null) return `https://menafn.com/${record.articleNumber}`;
  return `urn:uuid:${uuidV5(normalisedText(record), URN_NAMESPACE)}`;
}

const DAY_MS = 86_400_000;

/**
 * The creation time: the timestamp when it agrees with the ID's date (within a day, as the
 * parser's TIMESTAMP_ID_DATE_MISMATCH check), else midnight UTC of the ID's date, else the
 * timestamp, else none. A date the article's own ID contradicts (a page's frozen site clock) is
 * never published as if it were true.
 */
export function created(record: Pick<Article, "timestamp" | "idDate">): string | undefined {
  const { timestamp, idDate } = record;
  if (idDate === null) return timestamp ?? undefined;
  if (timestamp !== null && Math.abs(Date.parse(timestamp.slice(0, 10)) - Date.parse(idDate)) <= DAY_MS) return timestamp;
  return `${idDate}T00:00:00Z`;
}

/** Unicode characters (code points), not UTF-16 units. */
const charCount = (text: string): number => [...text].length;

function infoSources(record: Article): InfoSource[] {
  const sources: InfoSource[] = [];
  if (record.source !== null) sources.push({ name: record.source, role: "originator" });
  sources.push({ name: MENAFN.name, role: "distributor", uri: MENAFN.uri });
  return sources;
}

/** The record as a ninjs 2.2 document. */
function toNinjs22(record: Article): Ninjs22 {
  const when = created(record);
  return {
    uri: ninjsUri(record),
    type: "text",
    standard: { name: "ninjs", version: "2.2", schema: schemaUri("2.2") },
    ...(when !== undefined && { versioncreated: when, firstcreated: when }),
    // The record's own language (en or ar); none where the parser could not tell.
    ...(record.language !== null && { language: record.language }),
    headlines: [{ role: "main", contenttype: "text/plain", value: record.headline }],
    ...(record.credit !== null && { by: record.credit }),
    ...(record.dateline?.place != null && { located: record.dateline.place }),
    bodies: [
      {
        role: "main",
        contenttype: "text/plain",
        charcount: charCount(record.body),
        wordcount: record.wordCount,
        value: record.body,
      },
    ],
    infosources: infoSources(record),
    ...(record.id !== null && { altids: [{ role: "menafn-id", value: record.id }] }),
    ...(record.disclaimer !== null && { usageterms: record.disclaimer }),
  };
}

/** Rename a 2.2 document's properties to their 3.1 camelCase names, keeping the order. */
function toNinjs31(doc: Ninjs22): Ninjs31 {
  return {
    uri: doc.uri,
    type: doc.type,
    standard: { name: "ninjs", version: "3.1", schema: schemaUri("3.1") },
    ...(doc.versioncreated !== undefined && { versionCreated: doc.versioncreated }),
    ...(doc.firstcreated !== undefined && { firstCreated: doc.firstcreated }),
    ...(doc.language !== undefined && { language: doc.language }),
    headlines: doc.headlines.map((h) => ({ role: h.role, contentType: h.contenttype, value: h.value })),
    ...(doc.by !== undefined && { by: doc.by }),
    ...(doc.located !== undefined && { located: doc.located }),
    bodies: doc.bodies.map((b) => ({
      role: b.role,
      contentType: b.contenttype,
      charCount: b.charcount,
      wordCount: b.wordcount,
      value: b.value,
    })),
    infoSources: doc.infosources,
    ...(doc.altids !== undefined && { altIds: doc.altids }),
    ...(doc.usageterms !== undefined && { usageTerms: doc.usageterms }),
  };
}

/** The record as an IPTC ninjs document of the given version (default 2.2). */
export function toNinjs(record: Article, version: "2.2"): Ninjs22;
export function toNinjs(record: Article, version: "3.1"): Ninjs31;
export function toNinjs(record: Article, version?: NinjsVersion): Ninjs22 | Ninjs31;
export function toNinjs(record: Article, version: NinjsVersion = "2.2"): Ninjs22 | Ninjs31 {
  const doc = toNinjs22(record);
  return version === "3.1" ? toNinjs31(doc) : doc;
}

/** A record as ninjs JSON: compact (one document per line) or pretty-printed. */
export function renderNinjs(record: Article, version: NinjsVersion, pretty = false): string {
  return JSON.stringify(toNinjs(record, version), null, pretty ? 2 : undefined);
}
