/**
 * Small regression tests for parser bugs found by the pathological inputs
 * (bench/pathological.mjs) and by the property tests (tests/properties.test.ts).
 */
import { describe, expect, it } from "vitest";
import { parse, renderText, type Article } from "../../src/index.js";
import { QUICK } from "../helpers.js";

const TS = "Thursday, 27 November 2025 10:30 GMT";
const ID = "MENAFN27112025000045017640ID1110406018";

describe("regressions", () => {
  it.skipIf(QUICK)("reports 200,000 repeated ID lines instead of overflowing the call stack", () => {
    const text = `${TS}\n\nHeadline\n\n(MENAFN) Lead.\n\n${`${ID}\n`.repeat(200_000)}`;
    const r = parse(text);
    expect(r.records).toHaveLength(1);
    expect(r.diagnostics.filter((d) => d.code === "REPEATED_ID")).toHaveLength(199_999);
    expect(r.records[0]?.id).toBe(ID);
  });
});

describe("regressions: feed dumps", () => {
  it("keeps a headless article's lines in its own extras, with the one error and no warning per line", () => {
    const text = `${TS}\n\n(MENAFN) A lead with no headline.\n\nA second paragraph.\n\n${ID}\n`;
    const r = parse(text);
    expect(r.diagnostics.map((d) => `${d.code}@${d.line}`)).toEqual(["MISSING_HEADLINE@3"]);
    expect(r.articles[0]?.lines).toMatchObject({ timestamp: 1, extras: [3, 5], id: [7] });
  });
});

describe("regressions found by the property tests", () => {
  it("refuses an article that is only a timestamp line with an error, not silently", () => {
    const r = parse(`${TS}\n`);
    expect(r.records).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toMatchObject([{ code: "MISSING_HEADLINE", line: 1 }]);
  });

  it("decides a credit on the lead's first paragraph, so a wrapped short tag line gives the same answer as its rendering", () => {
    // The tag line is long, so the parser once took its end for a hard-wrapped lead even though
    // the paragraph ended there; rendered back with a blank line, the same text became a credit.
    const wrapped = parse(
      "Doha\n\n(MENAFN - GlobeNewsWire - Nasdaq) Doha Doha Doha\nDoha Doha Türkiye’s Doha Doha Doha Doha Doha Doha Doha Doha\nDoha Doha Doha.\n",
    );
    const blank = parse(
      "Doha\n\n(MENAFN - GlobeNewsWire - Nasdaq) Doha Doha Doha\n\nDoha Doha Türkiye’s Doha Doha Doha Doha Doha Doha Doha Doha Doha Doha Doha.\n",
    );
    expect(wrapped.records[0]).toMatchObject({ credit: "Doha Doha Doha", paragraphCount: 1 });
    expect(blank.records[0]).toMatchObject({ credit: "Doha Doha Doha", body: wrapped.records[0]?.body });
    expect(wrapped.articles[0]?.lines).toMatchObject({ tag: 3, credit: [3], body: [4, 5] });
  });
});

describe("regressions: links under the byline (property seed 125421044)", () => {
  it("sets aside every lone `Read more` under the byline, so the body does not open with one that its rendering would lose", () => {
    const text = `Doha\n\n(MENAFN) Doha\n\nRead more\nRead more\nDoha\n\nDoha Doha Doha Doha Doha Doha Doha Doha.\n\n${"MENAFN01011999000000000000ID0000000000\n".repeat(2)}`;
    const r = parse(text);
    expect(r.records[0]).toMatchObject({ credit: "Doha", body: "Doha\n\nDoha Doha Doha Doha Doha Doha Doha Doha.", paragraphCount: 2 });
    expect(r.articles[0]?.lines).toMatchObject({ credit: [3], body: [7, 9], extras: [5, 6] });
    const again = parse(renderText(r.records[0] as Article)).records[0];
    expect(again).toMatchObject({ credit: "Doha", body: r.records[0]?.body, paragraphCount: 2, wordCount: r.records[0]?.wordCount });
  });
});

describe("regressions: the body's end (property seed 1 at FC_RUNS=60000)", () => {
  it("reads initials under an `(end)` glued to the tag as it reads them under its rendering `(MENAFN- Deep) (end)`", () => {
    // The initials check once read the tag's line whole, where `)(end)` is no end marker; the
    // rendering puts a space after the tag, so the same record read back as initials and no body.
    for (const gap of ["", " "]) {
      const r = parse(`Doha\n\n(MENAFN- Deep)${gap}(end)\n\non\n`);
      expect(r.records).toEqual([]);
      expect(r.diagnostics.filter((d) => d.severity === "error")).toMatchObject([{ code: "MISSING_BODY", line: 1 }]);
      expect(r.articles[0]?.lines).toMatchObject({ tag: 3, body: [], extras: [3, 5] });
    }
  });
});

describe("regressions found at FC_RUNS=60000 (seeds 4 and 125421044)", () => {
  it("reads `(MENAFN ` with a trailing space as it reads `(MENAFN`: trailing spaces change no split", () => {
    const lines = ["MENAFN", "1/1/1999 12:00:00 AM", "", "(MENAFN", "Doha Doha Doha Doha Doha Doha Doha Doha."];
    const plain = parse(lines.join("\n"));
    expect(parse(lines.map((l) => `${l} `).join("\n"))).toEqual(plain);
    expect(plain.articles).toHaveLength(1);
  });

  it("renders `(end)` on a line of its own when glued on it would make the last paragraph open like a source tag", () => {
    const text =
      "Friday, 01 January 1999 00:00 GMT\n\nDoha Doha Doha Doha Doha Doha Doha Doha.\n1/1/1999 12:00:00 AM\n\nDoha\n\nECONOMY\n(MENAFN\n\n(end) mt\n\nMENAFN01011999000000000000ID0000000000\n";
    const [record] = parse(text).records;
    expect(record).toMatchObject({ body: "Doha\n\nECONOMY\n\n(MENAFN", endMarker: true, source: null });
    const rendered = renderText(record as Article);
    expect(rendered).toContain("\n(MENAFN\n\n(end)\n");
    expect(parse(rendered).records[0]).toMatchObject({ body: record?.body, endMarker: true, paragraphCount: 3 });
  });
});

describe("regressions: the disclaimer heading", () => {
  it("needs its colon, or the line to itself: a body line opening with the words does not end the article", () => {
    const text = `Headline\n\n(MENAFN) Lead.\n\nLegal disclaimers on food labels will change next year.\n\n${ID}\n\nLegal Disclaimer\nThe text.\n`;
    const r = parse(text);
    expect(r.records[0]).toMatchObject({ body: "Lead.\n\nLegal disclaimers on food labels will change next year.", disclaimer: "The text." });
  });
});

describe("regressions: splitting feed dumps", () => {
  it("does not start an article at a timestamp line whose next line is a tag, which can be no headline", () => {
    const r = parse(`Headline\n\n(MENAFN) Lead.\n${TS}\n(MENAFN) Doha\n\n(MENAFN - GlobeNewsWire - Nasdaq) Doha Doha.\n\n${ID}\n`);
    expect(r.articles).toHaveLength(1);
    expect(r.records[0]?.body.split("\n\n")).toHaveLength(4);
  });

  it("takes a timestamp line right below another for the next article's, not for a headline", () => {
    // Rendered back, such a timestamp-shaped headline above a wrapped paragraph and a tag split differently.
    const r = parse(`${TS}\n${TS}\n\nHeadline\n\n(MENAFN) Lead.\n\n${ID}\n`);
    expect(r.articles.map((a) => [a.startLine, a.endLine])).toEqual([
      [1, 1],
      [2, 8],
    ]);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toMatchObject([{ code: "MISSING_HEADLINE", line: 1 }]);
    expect(r.records[0]).toMatchObject({ headline: "Headline", timestampText: TS, body: "Lead." });
  });
});

describe("decoding warnings in feed dumps (found in review)", () => {
  const ARTICLE = (n: number, headline: string): string =>
    `Thursday, 27 November 2025 10:3${n} GMT\n\n${headline}\n\n(MENAFN) The lead paragraph of article ${n}.\n\nMENAFN2711202500004501764${n}ID111040601${n}\n\nLegal Disclaimer:\nText.\n`;

  it("every article of a windows-1252 dump says how it was decoded, so --strict refuses them all", () => {
    const text = `${ARTICLE(1, "Qatar\u2019s first")}\n${ARTICLE(2, "Oman\u2019s second")}`;
    const bytes = Uint8Array.from([...text].map((c) => (c === "\u2019" ? 0x92 : c.charCodeAt(0))));
    const r = parse(bytes);
    expect(r.records.map((x) => [x.headline, x.encoding, x.warnings.map((w) => [w.code, w.line])])).toEqual([
      ["Qatar\u2019s first", "windows-1252", [["DECODED_LEGACY", 3]]],
      ["Oman\u2019s second", "windows-1252", [["DECODED_LEGACY", null]]],
    ]);
    expect(parse(bytes, { strict: true }).records).toEqual([]);
  });

  it("each article in which mojibake was repaired carries its own REPAIRED_MOJIBAKE", () => {
    const text = `${ARTICLE(1, "Qatar\u00e2\u20ac\u2122s first")}\n${ARTICLE(2, "Clean second")}\n${ARTICLE(3, "T\u00c3\u00bcrkiye third")}`;
    const r = parse(new TextEncoder().encode(text));
    expect(r.records.map((x) => [x.headline, x.warnings.map((w) => [w.code, w.line])])).toEqual([
      ["Qatar\u2019s first", [["REPAIRED_MOJIBAKE", 3]]],
      ["Clean second", []],
      ["T\u00fcrkiye third", [["REPAIRED_MOJIBAKE", 25]]],
    ]);
  });
});

describe("regressions: the byline above the tag (#23) and --format text", () => {
  // Found by the round-trip property: the text form writes a credit on the tag's line with the
  // body under it, and a body that is only `MENAFN` on its own line is the site's footer.
  const page = (body: string): string => `Friday, 01 January 1999 00:00 GMT\n\nDoha\n1/1/1999 12:00:00 AM\nReem Walid\n\n(MENAFN- Deep) ${body}\n\n${ID}\n`;

  it("takes the byline as the credit when the body is text, and the text form reads back the same", () => {
    const first = parse(page("Word")).records[0];
    expect(first).toMatchObject({ credit: "Reem Walid", body: "Word" });
    const again = parse(renderText(first as Article)).records[0];
    expect(again).toMatchObject({ credit: "Reem Walid", body: "Word" });
  });

  it("leaves it in extras when the body is only the footer word, so the text form reads back the same", () => {
    const r = parse(page("MENAFN"));
    const first = r.records[0];
    expect(first).toMatchObject({ credit: null, body: "MENAFN" });
    expect(r.articles[0]?.lines.extras).toContain(5);
    const again = parse(renderText(first as Article)).records[0];
    expect(again).toMatchObject({ credit: null, body: "MENAFN" });
  });
});
