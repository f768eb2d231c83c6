import { describe, expect, it } from "vitest";
import { splitLines } from "../../src/parse/lines.js";
import { buildParagraphSpans, type BodyLine } from "../../src/parse/paragraphs.js";

/** The paragraphs' texts, as the parser takes them from `buildParagraphSpans`. */
const buildParagraphs = (lines: Array<BodyLine | null>): string[] => buildParagraphSpans(lines).map((p) => p.text);
const body = (text: string): Array<BodyLine | null> => text.split("\n").map((l) => (l.trim() === "" ? null : { text: l.trim(), width: l.trim().length }));

describe("splitLines", () => {
  it("ends lines at LF, CRLF and lone CR, drops a BOM, adds no line for a final break", () => {
    expect(splitLines("\ufeffa\r\nb\rc\nd\n")).toEqual(["a", "b", "c", "d"]);
    expect(splitLines("a\n\nb")).toEqual(["a", "", "b"]);
    expect(splitLines("")).toEqual([]);
  });
});

describe("buildParagraphs", () => {
  it("separates paragraphs at blank lines, however many", () => {
    expect(buildParagraphs(body("One.\n\n\n\nTwo.\n\nThree."))).toEqual(["One.", "Two.", "Three."]);
  });

  it("keeps one paragraph per line when lines are not hard-wrapped", () => {
    const long = `${"A".repeat(80)} first paragraph ends here.`;
    const other = `${"B".repeat(90)} second paragraph ends here.`;
    expect(buildParagraphs(body(`${long}\n${other}`))).toEqual([long, other]);
  });

  it("re-joins prose hard-wrapped at about 60 columns, and finds where paragraphs end", () => {
    const text = [
      "The central bank kept its main policy rate unchanged on",
      "Thursday, citing a slowdown in inflation and steady growth in",
      "the non-oil economy over the third quarter.",
      "Analysts had expected the decision, which follows two cuts",
      "earlier in the year.",
    ].join("\n");
    expect(buildParagraphs(body(text))).toEqual([
      "The central bank kept its main policy rate unchanged on Thursday, citing a slowdown in inflation and steady growth in the non-oil economy over the third quarter.",
      "Analysts had expected the decision, which follows two cuts earlier in the year.",
    ]);
  });

  it("never joins bullets, all-caps subtitles or short table rows", () => {
    const text = "KEY DECISIONS\n- Minister of Oil: Tareq Al-Roumi\n- Minister of Finance: Noura Al-Fassam\nRevenue 2024 1,234\nProfit 2024 456";
    expect(buildParagraphs(body(text))).toEqual([
      "KEY DECISIONS",
      "- Minister of Oil: Tareq Al-Roumi",
      "- Minister of Finance: Noura Al-Fassam",
      "Revenue 2024 1,234",
      "Profit 2024 456",
    ]);
  });
});
