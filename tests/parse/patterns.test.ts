import { describe, expect, it } from "vitest";
import { isFooter, isRealDate, looksLikeId, matchDisclaimerHeading, matchId, matchTag, matchTimestamp } from "../../src/parse/patterns.js";

describe("matchTimestamp", () => {
  it("parses the strict MENAFN form to RFC 3339 UTC", () => {
    expect(matchTimestamp("Tuesday, 02 January 2024 12:17 GMT")).toEqual({
      text: "Tuesday, 02 January 2024 12:17 GMT",
      iso: "2024-01-02T12:17:00Z",
      date: "2024-01-02",
      problem: null,
      weekdayMismatch: null,
    });
    expect(matchTimestamp("  Thursday, 27 November 2025 09:05 GMT  ")?.iso).toBe("2025-11-27T09:05:00Z");
  });

  it("reports a weekday that disagrees with the date", () => {
    expect(matchTimestamp("Monday, 02 January 2024 12:17 GMT")?.weekdayMismatch).toEqual({ said: "Monday", actual: "Tuesday" });
  });

  it("recognises but refuses lines that bend the form, never guessing", () => {
    expect(matchTimestamp("Tuesday, 2 January 2024 12:17 GMT")?.problem).toContain("two digits");
    expect(matchTimestamp("Tue, 02 Jan 2024 12:17 GMT")?.problem).toContain("full English");
    expect(matchTimestamp("Friday, 30 February 2024 12:17 GMT")?.problem).toContain("does not exist");
    expect(matchTimestamp("Tuesday, 02 January 2024 25:17 GMT")?.problem).toContain("not a time of day");
    expect(matchTimestamp("Tuesday, 02 January 2024 12:17")?.problem).toContain("GMT");
    expect(matchTimestamp("Tuesday, 02 January 2024 12:17 GMT")?.problem).toBeNull();
  });

  it("does not take a headline or a US-style time for a timestamp", () => {
    expect(matchTimestamp("2/6/2024 8:34:02 AM")).toBeNull();
    expect(matchTimestamp("Putin proposes arming CSTO forces with Russian weapons")).toBeNull();
    expect(matchTimestamp("Markets, 5 Things 2024 10:30")).toBeNull();
  });
});

describe("matchId", () => {
  it("splits the ID into date and article number", () => {
    expect(matchId("MENAFN27112025000045017640ID1110406018")).toEqual({
      id: "MENAFN27112025000045017640ID1110406018",
      date: "2025-11-27",
      rawDate: "27112025",
      articleNumber: "1110406018",
    });
  });
  it("keeps an ID with an impossible date but gives no date", () => {
    expect(matchId("MENAFN31022025000045017640ID1110406018")?.date).toBeNull();
  });
  it("tells malformed IDs apart from other lines", () => {
    expect(matchId("MENAFN2711202500004501764ID1110406018")).toBeNull();
    expect(looksLikeId("MENAFN2711202500004501764ID1110406018")).toBe(true);
    expect(looksLikeId("MENAFN27112025000045017640ID1110406018")).toBe(false);
    expect(looksLikeId("MENAFN")).toBe(false);
  });
  it("accepts real calendar dates only", () => {
    expect(isRealDate(2024, 2, 29)).toBe(true);
    expect(isRealDate(2025, 2, 29)).toBe(false);
    expect(isRealDate(2025, 13, 1)).toBe(false);
  });
});

describe("matchTag", () => {
  it.each([
    ["(MENAFN) Russian President", "MENAFN", "Russian President"],
    ["(MENAFN)Pakistan's army", "MENAFN", "Pakistan's army"],
    ["(MENAFN- The Peninsula) Doha: text", "The Peninsula", "Doha: text"],
    ["(MENAFN - GlobeNewsWire - Nasdaq) NEW YORK", "GlobeNewsWire - Nasdaq", "NEW YORK"],
    ["(MENAFN- Kuwait News Agency (KUNA)) KUWAIT, June 2 (KUNA) -- text", "Kuwait News Agency (KUNA)", "KUWAIT, June 2 (KUNA) -- text"],
    ["(MENAFN- Trend News Agency)", "Trend News Agency", ""],
  ])("%s", (line, source, rest) => {
    expect(matchTag(line)).toEqual({ source, rest });
  });
  it("says when the tag never closes, and ignores look-alikes", () => {
    expect(matchTag("(MENAFN- Kuwait News Agency (KUNA) text")).toBe("unclosed");
    expect(matchTag("(MENAFNX) text")).toBeNull();
    expect(matchTag("The (MENAFN) tag")).toBeNull();
  });
});

describe("footer and disclaimer heading", () => {
  it("recognises them", () => {
    expect(isFooter(" MENAFN ")).toBe(true);
    expect(isFooter("MENAFN news")).toBe(false);
    expect(matchDisclaimerHeading("Legal Disclaimer:")).toBe("");
    expect(matchDisclaimerHeading("Legal Disclaimer: MENAFN provides")).toBe("MENAFN provides");
    expect(matchDisclaimerHeading("Legal matters")).toBeNull();
  });
});

describe("the ID format, written in the parser and in the schema", () => {
  it("is the same format in both places", async () => {
    const { ID_PATTERN } = await import("../../src/schema.js");
    const cases = [
      "MENAFN27112025000045017640ID1110406018",
      "MENAFN31022025000045017640ID1110406018",
      "MENAFN2711202500004501764ID1110406018",
      "MENAFN27112025000045017640ID111040601",
      "MENAFN27112025000045017640ID11104060189",
      "MENAFN27112025000045017640id1110406018",
      "menafn27112025000045017640ID1110406018",
      "MENAFN",
      "",
    ];
    for (const c of cases) expect(matchId(c) !== null, c).toBe(ID_PATTERN.test(c));
  });
});
