import { describe, expect, it } from "vitest";
import type { ArticleParts } from "../../src/parse/parts.js";
import { countWords, toRecord } from "../../src/parse/record.js";

function parts(over: Partial<ArticleParts> = {}): ArticleParts {
  return {
    timestamp: null,
    headline: "A headline",
    source: "MENAFN",
    credit: null,
    paragraphs: ["Body text."],
    endMarker: false,
    id: null,
    disclaimer: null,
    extras: [],
    diagnostics: [],
    lines: { timestamp: null, headline: 1, tag: 3, credit: [], body: [3], id: [], footer: [], disclaimer: [], extras: [], split: [] },
    clues: { tag: null, unclosedTag: null, tagFragment: null },
    ...over,
  };
}
const ctx = { file: "x.txt", article: 1, startLine: 1, endLine: 3, encoding: "utf-8" as const, only: true, inherited: [] };

describe("toRecord", () => {
  it("refuses a record that fails the schema, naming the zod issue path, and prints nothing", () => {
    const r = toRecord(parts({ source: "" }), ctx, false);
    expect(r.record).toBeNull();
    expect(r.diagnostics.at(-1)).toMatchObject({ code: "INVALID_RECORD", severity: "error", line: 1 });
    expect(r.diagnostics.at(-1)?.message).toContain("source:");
  });

  it("counts words across white space of every kind", () => {
    expect(countWords("one two\n\nthree\u00a0four\tfive ")).toBe(5);
    expect(countWords("")).toBe(0);
  });
});
