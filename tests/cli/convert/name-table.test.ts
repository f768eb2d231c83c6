import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { NameTable } from "../../../src/cli/convert/name-table.js";

/** What a name comes back as: its UTF-8 round trip (a lone surrogate becomes U+FFFD). */
const utf8 = (s: string): string => Buffer.from(s, "utf8").toString("utf8");

describe("NameTable against a plain array", () => {
  // Names that share starts often, and some with multi-byte characters cut anywhere.
  const name = fc.oneof(
    fc.constantFrom("", "a", "dir/a.txt", "dir/ab.txt", "dir/é.txt", "dir/éa.txt", "日本/記事.txt", "日本/記.txt", "😀/x", "😀/y"),
    fc.string({ unit: "binary", maxLength: 12 }),
    fc.string({ maxLength: 200 }),
  );
  test.prop([fc.array(name, { maxLength: 150 })], { numRuns: 300 })("gives every name back", (names) => {
    const table = new NameTable();
    for (const n of names) table.add(n);
    expect(table.length).toBe(names.length);
    for (let k = 0; k < names.length; k++) expect(table.get(k)).toBe(utf8(names[k] as string));
  });

  it("holds 100,000 walk paths in less than their characters", () => {
    const table = new NameTable();
    const path = (i: number): string =>
      `corpus/d${String(Math.floor(i / 1000)).padStart(3, "0")}/e${Math.floor(i / 100) % 10}/${String(i).padStart(6, "0")}-story.txt`;
    let chars = 0;
    for (let i = 0; i < 100_000; i++) {
      table.add(path(i));
      chars += path(i).length;
    }
    for (const i of [0, 1, 31, 32, 33, 99_999, 54_321]) expect(table.get(i)).toBe(path(i));
    // Strings would take more than one byte a character.
    expect(table.byteLength).toBeLessThan(chars * 0.75);
  });
});
