import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { DuplicateIds } from "../../../src/cli/convert/duplicate-ids.js";
import { QUICK } from "../../helpers.js";

const id = (n: number): string =>
  `MENAFN${String(n % 99_999_999).padStart(8, "0")}${String(n).padStart(12, "0")}ID${String(n * 7)
    .padStart(10, "0")
    .slice(-10)}`;

describe("DuplicateIds (compact)", () => {
  it("says where an ID was first seen, across growth of the table and many inputs", () => {
    const set = new DuplicateIds();
    const n = 200_000;
    let found = 0;
    for (let i = 0; i < n; i++) if (set.firstSeen(id(i), `f${Math.floor(i / 3)}.txt`, (i % 97) + 1) !== null) found++;
    expect(found).toBe(0);
    expect(set.count).toBe(n);
    for (const i of [0, 1, 2, 3, 4, 12_345, 99_999, n - 1]) {
      expect(set.firstSeen(id(i), "again.txt", 5)).toBe(`f${Math.floor(i / 3)}.txt:${(i % 97) + 1}`);
    }
    // A repeat is not added again, and unseen IDs stay unseen.
    expect(set.count).toBe(n);
    expect(set.firstSeen(id(n), "new.txt", 1)).toBeNull();
  });

  it.skipIf(QUICK)("keeps at most 16 bytes per ID at every count from 10,000 on (the table, not the input names)", () => {
    const set = new DuplicateIds();
    let worst = 0;
    for (let i = 0; i < 600_000; i++) {
      set.firstSeen(id(i), "dump.txt", i);
      if (i >= 10_000) worst = Math.max(worst, set.bytes / set.count);
    }
    expect(worst).toBeLessThanOrEqual(16);
  });

  it("finds a place past the 32-bit line axis (a run of more than 4 billion lines)", () => {
    // `far` set low, as if the run had passed 4,294,967,295 lines.
    const set = new DuplicateIds(100);
    expect(set.firstSeen("A", "a.txt", 60)).toBeNull();
    expect(set.firstSeen("B", "b.txt", 30)).toBeNull(); // b.txt starts at 61: 91
    expect(set.firstSeen("C", "c.txt", 5)).toBeNull(); // c.txt starts at 92: 97
    expect(set.firstSeen("D", "c.txt", 8)).toBeNull(); // 100: far
    expect(set.firstSeen("E", "e.txt", 1000)).toBeNull();
    expect(set.firstSeen("A", "x", 1)).toBe("a.txt:60");
    expect(set.firstSeen("B", "x", 1)).toBe("b.txt:30");
    expect(set.firstSeen("D", "x", 1)).toBe("c.txt:8");
    expect(set.firstSeen("E", "x", 1)).toBe("e.txt:1000");
  });

  it("keeps input names as they were given, line 0 included", () => {
    const set = new DuplicateIds();
    const names = ["", "ü/ñ.txt", "日本/記事.txt", "😀.txt", "a:b.txt"];
    for (const [i, name] of names.entries()) set.firstSeen(`ID${i}`, name, i === 0 ? 0 : 7);
    for (const [i, name] of names.entries()) expect(set.firstSeen(`ID${i}`, "z", 1)).toBe(`${name}:${i === 0 ? 0 : 7}`);
  });

  it("names the first input again when it comes back after others", () => {
    const set = new DuplicateIds();
    set.firstSeen("MENAFN01012025000000000001ID0000000001", "a.txt", 3);
    set.firstSeen("MENAFN01012025000000000002ID0000000002", "b.txt", 4);
    set.firstSeen("MENAFN01012025000000000003ID0000000003", "a.txt", 9);
    expect(set.firstSeen("MENAFN01012025000000000003ID0000000003", "c.txt", 1)).toBe("a.txt:9");
    expect(set.firstSeen("MENAFN01012025000000000002ID0000000002", "c.txt", 1)).toBe("b.txt:4");
  });
});

/** The plain reference: a Map from the ID to its first place. */
function reference(): (id: string, input: string, line: number) => string | null {
  const seen = new Map<string, string>();
  return (id, input, line) => {
    const first = seen.get(id);
    if (first !== undefined) return first;
    seen.set(id, `${input}:${line}`);
    return null;
  };
}

describe("DuplicateIds against a plain Map", () => {
  // Few distinct IDs, inputs and lines, so that repeats, inputs coming back and equal lines are common.
  const step = fc.record({
    id: fc.oneof(fc.integer({ min: 0, max: 60 }).map(id), fc.string({ maxLength: 4 })),
    input: fc.constantFrom("a.txt", "b.txt", "dir/c.txt", "-", "ä.txt"),
    line: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 2 ** 31 })),
  });
  test.prop([fc.array(step, { maxLength: 300 })], { numRuns: 300 })("gives the same answer for every call", (steps) => {
    const set = new DuplicateIds();
    const ref = reference();
    for (const { id, input, line } of steps) expect(set.firstSeen(id, input, line)).toBe(ref(id, input, line));
  });
  test.prop([fc.array(step, { maxLength: 200 }), fc.integer({ min: 1, max: 500 })], { numRuns: 200 })(
    "and with the line axis cut short anywhere",
    (steps, far) => {
      const set = new DuplicateIds(far);
      const ref = reference();
      for (const { id, input, line } of steps) expect(set.firstSeen(id, input, line)).toBe(ref(id, input, line));
    },
  );
  it.skipIf(QUICK)("and over several growths of the table, with many inputs", () => {
    const set = new DuplicateIds();
    const ref = reference();
    for (let i = 0; i < 60_000; i++) {
      // Every fifth ID is one seen before.
      const k = i % 5 === 4 ? Math.floor(i / 3) : i;
      const input = `dir/${Math.floor(i / 7)}.txt`;
      expect(set.firstSeen(id(k), input, (i * 13) % 1000)).toBe(ref(id(k), input, (i * 13) % 1000));
    }
  });
});
