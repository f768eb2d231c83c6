import { describe, expect, it } from "vitest";
import { DuplicateIds } from "../src/cli/duplicate-ids.js";

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

  it("keeps at most 24 bytes per ID (the table and the IDs, not the input names)", () => {
    const set = new DuplicateIds();
    for (let i = 0; i < 1 << 19; i++) set.firstSeen(id(i), "dump.txt", i);
    expect(set.bytes / set.count).toBeLessThanOrEqual(24);
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
