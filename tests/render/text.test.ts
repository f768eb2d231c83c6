import { describe, expect, it } from "vitest";
import { formatTimestamp, parse, renderText, renderTexts, type Article } from "../../src/index.js";
import { readdirSync, readFileSync } from "node:fs";
import { fixture, ingest } from "../helpers.js";

const record: Article = {
  headline: "Kuwait opens new desalination plant",
  timestamp: "2025-06-02T09:05:00Z",
  source: "Kuwait News Agency (KUNA)",
  body: "KUWAIT, June 2 (KUNA) -- The plant opened on Monday.\n\nIt will supply 100,000 homes.",
  id: "MENAFN02062025000071011014ID1109612345",
  disclaimer: "MENAFN provides the information “as is” without warranty of any kind.",
  warnings: [{ code: "UNRECOGNISED_TEXT", message: "x", line: 20 }],
  extras: [{ line: 20, text: "Search" }],
  timestampText: null,
  idDate: "2025-06-02",
  articleNumber: "1109612345",
  credit: null,
  dateline: { place: "KUWAIT", date: "June 2", agency: "KUNA", text: "KUWAIT, June 2 (KUNA) --" },
  endMarker: true,
  paragraphCount: 2,
  wordCount: 15,
  language: "en",
  encoding: "utf-8",
  origin: { file: null, article: 1, startLine: 1, endLine: 20 },
};

describe("renderText", () => {
  it("lays a record out as a MENAFN article; extras and warnings are left out", () => {
    expect(renderText(record)).toBe(
      [
        "Monday, 02 June 2025 09:05 GMT",
        "",
        "Kuwait opens new desalination plant",
        "",
        "",
        "(MENAFN- Kuwait News Agency (KUNA)) KUWAIT, June 2 (KUNA) -- The plant opened on Monday.",
        "",
        "It will supply 100,000 homes. (end)",
        "",
        "MENAFN02062025000071011014ID1109612345",
        "",
        "",
        "MENAFN",
        "",
        "Legal Disclaimer:",
        "MENAFN provides the information “as is” without warranty of any kind.",
        "",
      ].join("\n"),
    );
  });

  it("writes (MENAFN) for MENAFN's own desk, a credit on the tag's line, and the timestamp as written", () => {
    const own = { ...record, source: "MENAFN", credit: "QNA", timestampText: "Sunday, 02 June 2025 09:05 GMT" };
    const lines = renderText(own).split("\n");
    expect(lines.slice(0, 8)).toEqual([
      "Sunday, 02 June 2025 09:05 GMT",
      "",
      own.headline,
      "",
      "",
      "(MENAFN) QNA",
      "",
      "KUWAIT, June 2 (KUNA) -- The plant opened on Monday.",
    ]);
  });

  it("leaves out the parts a record does not have", () => {
    const bare = { ...record, timestamp: null, source: null, id: null, disclaimer: null, endMarker: false };
    expect(renderText(bare)).toBe(`${record.headline}\n\n\n${record.body}\n\n\nMENAFN\n`);
  });

  it("puts the disclaimer on the heading's line when on its own line it would read as another part", () => {
    for (const disclaimer of ["Legal Disclaimer: twice", "Search", "MENAFN"]) {
      const text = renderText({ ...record, disclaimer });
      expect(text).toContain(`\nLegal Disclaimer: ${disclaimer}\n`);
      expect(parse(text).records[0]?.disclaimer).toBe(disclaimer);
    }
  });

  it("formats RFC 3339 UTC as the MENAFN timestamp line", () => {
    expect(formatTimestamp("2024-01-02T12:17:00Z")).toBe("Tuesday, 02 January 2024 12:17 GMT");
    expect(formatTimestamp("2024-02-29T00:00:00Z")).toBe("Thursday, 29 February 2024 00:00 GMT");
  });

  it("renders several records as a feed dump that parses back to the same articles, timestamps or not", () => {
    const second = { ...record, headline: "Second story", timestamp: null, credit: "KUNA" };
    const third = { ...record, headline: "Third story", source: "MENAFN" };
    const again = parse(renderTexts([record, second, third])).records;
    expect(again.map((r) => [r.headline, r.timestamp, r.source, r.credit, r.body])).toEqual(
      [record, second, third].map((r) => [r.headline, r.timestamp, r.source, r.credit, r.body]),
    );
    expect(again.map((r) => r.origin.startLine)).toEqual([1, 18, 35]);
  });
});

describe("every fixture's records", () => {
  const keys = [
    "headline",
    "timestamp",
    "timestampText",
    "source",
    "credit",
    "body",
    "id",
    "disclaimer",
    "dateline",
    "endMarker",
    "paragraphCount",
    "wordCount",
    "language",
  ] as const;
  const names = readdirSync(fixture("")).filter((f) => f.endsWith(".txt"));
  it.each(names)("%s renders as text that parses back to the same record (pages too: the publication line under the headline, (end) restored)", (name) => {
    for (const record of parse(readFileSync(fixture(name))).records) {
      const again = parse(renderText(record)).records;
      expect(again.map((r) => keys.map((k) => r[k]))).toEqual([keys.map((k) => record[k])]);
    }
  });
});

describe("ingest --format text", () => {
  it("prints the articles of every input back to back, a blank line between them", async () => {
    const r = await ingest(["-f", "text", "fixtures/000_ee22b7415f82c1d2.txt", "fixtures/credit-same-line.txt"]);
    expect(r.code).toBe(0);
    const again = parse(r.stdout).records;
    expect(again.map((x) => x.headline)).toEqual([
      "Putin proposes arming CSTO forces with Russian weapons",
      "Qatar, Rwanda sign agreement on avoidance of double taxation",
    ]);
    expect(again[1]?.credit).toBe("QNA");
    expect(r.stdout).toContain("kindly contact the provider above.\n\nWednesday, 05 November 2025 18:40 GMT\n");
    expect(r.stdout.endsWith("provider above.\n")).toBe(true);
  });
});
