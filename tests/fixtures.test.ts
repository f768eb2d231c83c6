/**
 * Golden fixtures: every fixtures/NAME.txt is parsed and compared with the
 * hand-written fixtures/NAME.expected.json beside it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "../src/index.js";
import { fixture } from "./helpers.js";

interface Expected {
  records: Array<Record<string, unknown> & { warnings?: Array<{ code: string; line: number | null }> }>;
  errors: Array<{ code: string; line: number | null }>;
}

const byPlace = (a: { code: string; line: number | null }, b: { code: string; line: number | null }): number =>
  (a.line ?? Infinity) - (b.line ?? Infinity) || a.code.localeCompare(b.code);
const places = (list: Array<{ code: string; line: number | null }>): Array<{ code: string; line: number | null }> =>
  list.map(({ code, line }) => ({ code, line })).sort(byPlace);

const names = readdirSync(fixture(""))
  .filter((f) => f.endsWith(".txt"))
  .map((f) => f.slice(0, -4));

describe("fixtures", () => {
  it("every fixture has its expected output beside it", () => {
    const expected = new Set(readdirSync(fixture("")).filter((f) => f.endsWith(".expected.json")));
    expect(names.filter((n) => !expected.has(`${n}.expected.json`))).toEqual([]);
    expect(names.length).toBeGreaterThan(20);
  });

  it.each(names)("%s", (name) => {
    const expected = JSON.parse(readFileSync(fixture(`${name}.expected.json`), "utf8")) as Expected;
    const result = parse(readFileSync(fixture(`${name}.txt`)), { file: `fixtures/${name}.txt` });
    expect(places(result.diagnostics.filter((d) => d.severity === "error"))).toEqual(places(expected.errors));
    expect(result.records).toHaveLength(expected.records.length);
    expected.records.forEach((want, k) => {
      const got = result.records[k] as unknown as Record<string, unknown> & { warnings: Array<{ code: string; line: number | null }> };
      for (const [key, value] of Object.entries(want)) {
        if (key === "warnings") expect(places(got.warnings), `${name} record ${k + 1} warnings`).toEqual(places(value as never));
        else expect(got[key], `${name} record ${k + 1} ${key}`).toEqual(value);
      }
    });
  });
});
