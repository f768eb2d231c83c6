import { describe, expect, it } from "vitest";
import { weekday } from "../../src/parse/dates.js";

describe("weekday", () => {
  it("agrees with Date.UTC, which reads years 0–99 as 1900–1999", () => {
    for (const year of [0, 1, 99, 100, 999, 1582, 1900, 2000, 2024, 2100, 9999]) {
      for (let month = 1; month <= 12; month++) {
        for (const day of [1, 15, 28]) {
          expect(weekday(year, month, day)).toBe(new Date(Date.UTC(year, month - 1, day)).getUTCDay());
        }
      }
    }
  });
});
