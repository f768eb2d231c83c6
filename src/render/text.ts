/**
 * A record back in the MENAFN text layout, so that the parser reads it back to the
 * same record. Extras (page junk) and warnings are not rendered: they are not part
 * of the article. Several rendered records back to back form a valid feed dump.
 */
import { isEndMarker, matchTag } from "../parse/patterns.js";
import { isKnownJunk } from "../parse/vocabulary.js";
import { MONTHS, pad, WEEKDAYS } from "../parse/dates.js";
import { matchPublication } from "../parse/publication.js";
import type { Article } from "../schema.js";

/** `Weekday, DD Month YYYY HH:MM GMT` for an RFC 3339 UTC timestamp. */
export function formatTimestamp(iso: string): string {
  const d = new Date(iso);
  const weekday = WEEKDAYS[d.getUTCDay()] ?? "";
  const month = MONTHS[d.getUTCMonth()] ?? "";
  return `${weekday}, ${pad(d.getUTCDate())} ${month} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} GMT`;
}

/** The source tag as it opens the lead: `(MENAFN)` for MENAFN's own desk, else `(MENAFN- Source)`. */
export function formatTag(source: string): string {
  return source === "MENAFN" ? "(MENAFN)" : `(MENAFN- ${source})`;
}

/**
 * Render one record as a MENAFN article, ending with a line break. The timestamp line is
 * `timestampText` as written when there is one (so a stale weekday survives), else built
 * from `timestamp`; a page's publication line (`2025-08-02 08:04:19`) goes where pages have it,
 * under the headline. A credit goes on the tag's line, a blank line below it: alone on a line
 * of its own, a credit such as "Legal Disclaimer Doha" would read as the article's end.
 * A body that closed with ` (end)` gets it back.
 */
export function renderText(record: Article): string {
  const out: string[] = [];
  const stamp = record.timestampText ?? (record.timestamp === null ? null : formatTimestamp(record.timestamp));
  const publication = stamp !== null && matchPublication(stamp) !== null;
  if (stamp !== null && !publication) out.push(stamp, "");
  out.push(record.headline, ...(publication && stamp !== null ? [stamp] : []), "", "");
  const paragraphs = record.body.split("\n\n");
  if (record.endMarker) {
    // ` (end)` closes the last sentence, unless the paragraph would then open like a source tag
    // (`(MENAFN` becomes `(MENAFN (end)`, an unclosed tag): then it stands alone below it.
    const last = paragraphs.pop() ?? "";
    if (matchTag(`${last} (end)`) === null) paragraphs.push(`${last} (end)`);
    else paragraphs.push(last, "(end)");
  }
  const [lead = "", ...rest] = paragraphs;
  if (record.source !== null && record.credit !== null) out.push(`${formatTag(record.source)} ${record.credit}`, "", lead);
  else if (record.source !== null) out.push(`${formatTag(record.source)} ${lead}`);
  else if (record.credit !== null) out.push(record.credit, "", lead);
  else out.push(lead);
  for (const paragraph of rest) out.push("", paragraph);
  if (record.id !== null) out.push("", record.id);
  out.push("", "", "MENAFN");
  if (record.disclaimer !== null) {
    // The heading alone, then the text, as MENAFN lays it out; on one line when the text on a
    // line of its own would read as another part (a second heading, an ID, page junk).
    const alone = isEndMarker(record.disclaimer) || isKnownJunk(record.disclaimer);
    out.push("", ...(alone ? [`Legal Disclaimer: ${record.disclaimer}`] : ["Legal Disclaimer:", record.disclaimer]));
  }
  return `${out.join("\n")}\n`;
}

/** Render several records back to back, a blank line between articles: a feed dump. */
export function renderTexts(records: readonly Article[]): string {
  return records.map(renderText).join("\n");
}
