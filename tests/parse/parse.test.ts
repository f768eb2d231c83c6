import { describe, expect, it } from "vitest";
import { parse } from "../../src/index.js";

const DISCLAIMER =
  "MENAFN provides the information “as is” without warranty of any kind. We do not accept any responsibility or liability for the accuracy, content, images, videos, licenses, completeness, legality, or reliability of the information contained in this article. If you have any complaints or copyright issues related to this article, kindly contact the provider above.";

/** A complete article with parts that a test can override. */
function article(over: Partial<Record<"ts" | "headline" | "lead" | "rest" | "end", string>> = {}): string {
  return [
    over.ts ?? "Thursday, 27 November 2025 10:30 GMT",
    "",
    over.headline ?? "Qatar and Türkiye sign energy deal",
    "",
    over.lead ?? "(MENAFN- The Peninsula) Doha: Qatar and Türkiye signed an agreement on Wednesday to expand gas supplies.",
    "",
    over.rest ?? "The deal runs for ten years, officials said.",
    "",
    over.end ?? `MENAFN27112025000063011536ID1110406777\n\n\nMENAFN\n\nLegal Disclaimer:\n${DISCLAIMER}\n\nSearch`,
  ].join("\n");
}
/** Hard-wrap text at `width` columns, breaking at spaces. */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...out, line];
}
const codes = (r: ReturnType<typeof parse>): string[] => r.diagnostics.map((d) => d.code);

describe("parse: a complete article", () => {
  it("gives every field, with line numbers for warnings and extras", () => {
    const r = parse(article(), { file: "a.txt" });
    expect(r.diagnostics).toEqual([]);
    expect(r.records).toHaveLength(1);
    expect(r.records[0]).toMatchObject({
      headline: "Qatar and Türkiye sign energy deal",
      timestamp: "2025-11-27T10:30:00Z",
      source: "The Peninsula",
      body: "Doha: Qatar and Türkiye signed an agreement on Wednesday to expand gas supplies.\n\nThe deal runs for ten years, officials said.",
      id: "MENAFN27112025000063011536ID1110406777",
      idDate: "2025-11-27",
      articleNumber: "1110406777",
      disclaimer: DISCLAIMER,
      extras: [{ line: 17, text: "Search" }],
      warnings: [],
      paragraphCount: 2,
      wordCount: 21,
      origin: { file: "a.txt", article: 1, startLine: 1, endLine: 17 },
    });
  });

  it("gives the same record for CRLF, lone CR, a BOM and trailing spaces", () => {
    const base = parse(article()).records[0];
    for (const variant of [article().replace(/\n/g, "\r\n"), article().replace(/\n/g, "\r"), `\ufeff${article()}`, article().replace(/\n/g, "   \n")]) {
      expect(parse(variant).records[0]).toEqual(base);
    }
  });
});

describe("parse: source tag and credit", () => {
  it("takes a credit after the tag on its line", () => {
    const r = parse(article({ lead: "(MENAFN- Qatar News Agency) QNA\n\nDoha: The Amir received a phone call on Tuesday." }));
    expect(r.records[0]).toMatchObject({ source: "Qatar News Agency", credit: "QNA", body: expect.stringMatching(/^Doha: The Amir/) });
  });
  it("takes a credit on the line after a tag alone on its line", () => {
    const r = parse(article({ lead: "(MENAFN- The Peninsula)\nThe Peninsula Online\n\nDoha: Qatar Airways said on Monday it will add flights." }));
    expect(r.records[0]).toMatchObject({ source: "The Peninsula", credit: "The Peninsula Online", body: expect.stringMatching(/^Doha: Qatar Airways/) });
  });
  it("warns when there is no tag, and keeps the lead whole", () => {
    const r = parse(article({ lead: "Doha: Qatar and Türkiye signed an agreement on Wednesday." }));
    expect(r.records[0]?.source).toBeNull();
    expect(r.records[0]?.body.startsWith("Doha: Qatar")).toBe(true);
    expect(r.diagnostics).toMatchObject([{ code: "MISSING_SOURCE_TAG", line: 5, severity: "warning" }]);
  });
});

describe("parse: ID, footer and disclaimer layouts", () => {
  it("warns on a repeated ID line and an ID with an impossible date", () => {
    const rep = parse(article({ end: "MENAFN27112025000063011536ID1110406777\nMENAFN27112025000063011536ID1110406777\nLegal Disclaimer: x" }));
    expect(rep.diagnostics).toMatchObject([{ code: "REPEATED_ID", line: 10 }]);
    const bad = parse(article({ end: "MENAFN31022025000063011536ID1110406777" }));
    expect(codes(bad)).toEqual(["INVALID_ID_DATE", "MISSING_DISCLAIMER"]);
    expect(bad.records[0]?.idDate).toBeNull();
  });

  it.each([
    ["heading then text", `Legal Disclaimer:\n${DISCLAIMER}`],
    ["heading, blank line, text", `Legal Disclaimer:\n\n${DISCLAIMER}`],
    ["one line", `Legal Disclaimer: ${DISCLAIMER}`],
    [
      "hard-wrapped and indented",
      `Legal Disclaimer:\n${wrap(DISCLAIMER, 64)
        .map((l) => `    ${l}`)
        .join("\n")}`,
    ],
  ])("reads the disclaimer laid out as %s", (_name, end) => {
    const r = parse(article({ end: `MENAFN27112025000063011536ID1110406777\n${end}\nCommentsNo comment` }));
    expect(r.records[0]?.disclaimer).toBe(DISCLAIMER);
    expect(r.records[0]?.extras.map((x) => x.text)).toEqual(["CommentsNo comment"]);
  });

  it("leaves missing parts null with a warning each", () => {
    const r = parse("Headline only here\n\n(MENAFN) Body text of the article.\n");
    expect(r.records[0]).toMatchObject({ timestamp: null, id: null, disclaimer: null, source: "MENAFN" });
    expect(codes(r)).toEqual(["MISSING_TIMESTAMP", "MISSING_ID", "MISSING_DISCLAIMER"]);
  });

  it("keeps unknown text after the end in extras, with a warning", () => {
    const r = parse(article({ end: "MENAFN27112025000063011536ID1110406777\nRelated: more news\nLegal Disclaimer: x" }));
    expect(r.records[0]?.extras).toEqual([{ line: 10, text: "Related: more news" }]);
    expect(codes(r)).toEqual(["UNRECOGNISED_TEXT"]);
  });
});

describe("parse: timestamps", () => {
  it("warns on a weekday mismatch and on an ID date far from the timestamp", () => {
    const r = parse(article({ ts: "Monday, 27 November 2025 10:30 GMT", end: "MENAFN01012024000063011536ID1110406777" }));
    expect(codes(r)).toEqual(["TIMESTAMP_WEEKDAY_MISMATCH", "TIMESTAMP_ID_DATE_MISMATCH", "MISSING_DISCLAIMER"]);
    expect(r.records[0]?.timestamp).toBe("2025-11-27T10:30:00Z");
  });
  it("keeps an invalid timestamp's text but no value", () => {
    const r = parse(article({ ts: "Friday, 31 November 2025 10:30 GMT" }));
    expect(r.records[0]).toMatchObject({ timestamp: null, timestampText: "Friday, 31 November 2025 10:30 GMT" });
    expect(codes(r)).toContain("INVALID_TIMESTAMP");
  });
});

describe("parse: refusals", () => {
  it.each([
    ["empty", "", "EMPTY_INPUT", null],
    ["white space", "  \n\t\n", "EMPTY_INPUT", null],
    ["JSON", '[{"headline": "x"}]', "NOT_AN_ARTICLE", null],
    ["plain prose", "Dear diary,\n\nToday was fine.", "NOT_AN_ARTICLE", null],
    ["a tag where the headline should be", "(MENAFN) Body text.\n\nMENAFN27112025000063011536ID1110406777", "MISSING_HEADLINE", 1],
    ["only a disclaimer", `\nLegal Disclaimer:\n${DISCLAIMER}`, "MISSING_HEADLINE", 2],
    ["a headline and no body", "Thursday, 27 November 2025 10:30 GMT\nHeadline\n\nMENAFN27112025000063011536ID1110406777", "MISSING_BODY", 2],
  ])("refuses %s", (_name, text, code, line) => {
    const r = parse(text);
    expect(r.records).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toMatchObject([{ code, line }]);
  });

  it("with strict, refuses an article that has warnings", () => {
    const r = parse(article({ lead: "No tag here at all, just text." }), { strict: true });
    expect(r.records).toEqual([]);
    expect(r.diagnostics).toMatchObject([{ code: "MISSING_SOURCE_TAG", severity: "error" }]);
  });
});

describe("parse: several articles in one input", () => {
  it("splits at each timestamp line after an article's end, with each article's own lines", () => {
    const second = article({ headline: "Second story", ts: "Friday, 28 November 2025 08:00 GMT", end: "MENAFN28112025000063011536ID1110406778" });
    const r = parse(`${article()}\n${second}\n`);
    expect(r.records.map((x) => x.headline)).toEqual(["Qatar and Türkiye sign energy deal", "Second story"]);
    expect(r.records.map((x) => x.origin)).toEqual([
      { file: null, article: 1, startLine: 1, endLine: 17 },
      { file: null, article: 2, startLine: 18, endLine: 26 },
    ]);
    expect(r.diagnostics).toMatchObject([{ code: "MISSING_DISCLAIMER", line: null }]);
  });

  it("an error in one article does not lose the others", () => {
    const broken = "Friday, 28 November 2025 08:00 GMT\n\n(MENAFN) A lead with no headline above it.\n";
    const r = parse(`${article()}\n${broken}\n${article({ headline: "Third" })}`);
    expect(r.records.map((x) => x.headline)).toEqual(["Qatar and Türkiye sign energy deal", "Third"]);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toMatchObject([{ code: "MISSING_HEADLINE", line: 20 }]);
  });
});

describe("parse: hard-wrapped leads", () => {
  it("does not take the end of a wrapped tag line for a credit", () => {
    const lead =
      "(MENAFN- Bahrain News Agency) MANAMA, Sept. 18 (BNA) -- The\nKingdom of Bahrain has welcomed the agreement signed between the\ntwo parties on Wednesday, the foreign ministry said.";
    const r = parse(article({ lead }));
    expect(r.records[0]).toMatchObject({
      source: "Bahrain News Agency",
      credit: null,
      body: expect.stringMatching(
        /^MANAMA, Sept\. 18 \(BNA\) -- The Kingdom of Bahrain has welcomed the agreement signed between the two parties on Wednesday, the foreign ministry said\.\n\n/,
      ),
    });
  });
  it("keeps a short credit on the tag's line above a single line break", () => {
    const r = parse(article({ lead: "(MENAFN- Qatar News Agency) QNA\nDoha: The Amir received a phone call on Tuesday from the President." }));
    expect(r.records[0]).toMatchObject({ credit: "QNA", body: expect.stringMatching(/^Doha: The Amir/) });
  });
});
