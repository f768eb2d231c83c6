/**
 * The #10 acceptance trial (tests/page-trial/corpus.ts): real-looking page texts that hold an
 * article with a title line give the hand-written key fields; texts with no title line are refused.
 */
import { describe, expect, it } from "vitest";
import { parse } from "../../src/index.js";
import { refused, textOf, titled } from "../page-trial/corpus.js";

describe("page trial: texts with a title line", () => {
  it("has at least 40 cases", () => expect(titled.length).toBeGreaterThanOrEqual(40));

  it.each(titled.map((c) => [c.name, c] as const))("%s", (name, c) => {
    const result = parse(Buffer.from(textOf(c), "utf8"), { file: `${name}.txt` });
    const errors = result.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code}: ${d.message}`);
    expect(errors).toEqual([]);
    expect(result.records).toHaveLength(1);
    const r = result.records[0]!;
    const e = c.expect;
    expect({
      headline: r.headline,
      timestamp: r.timestamp,
      source: r.source,
      id: r.id,
      dateline: r.dateline,
      endMarker: r.endMarker,
      ...(e.credit !== undefined ? { credit: r.credit } : {}),
    }).toEqual({
      headline: e.headline,
      timestamp: e.timestamp,
      source: e.source,
      id: e.id,
      dateline: e.dateline,
      endMarker: e.endMarker,
      ...(e.credit !== undefined ? { credit: e.credit } : {}),
    });
    expect(r.body).not.toContain(e.headline);
    if (e.bodyHas !== undefined) expect(r.body).toContain(e.bodyHas);
    for (const lack of e.bodyLacks ?? []) expect(r.body).not.toContain(lack);
    if (e.source === null) expect(r.warnings.map((w) => w.code)).toContain("MISSING_SOURCE_TAG");
  });
});

describe("page trial: texts with no title line are refused", () => {
  it("has at least 20 cases", () => expect(refused.length).toBeGreaterThanOrEqual(20));

  it.each(refused.map((c) => [c.name, c] as const))("%s", (name, c) => {
    const result = parse(Buffer.from(textOf(c), "utf8"), { file: `${name}.txt` });
    expect(result.records).toEqual([]);
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    expect(c.codes).toContain(errors[0]!.code);
    // What was found and what is missing; a tag that stands in the text is never called absent.
    expect(errors[0]!.message).toMatch(/found|holds/);
    if (/^\(MENAFN/m.test(textOf(c))) expect(errors[0]!.message).not.toMatch(/no[^;]*\(MENAFN\) tag|tag[^;]*(?:is|was) (?:absent|missing)/);
  });
});
