/**
 * The site's vocabulary (src/parse/vocabulary.ts) and its one case rule: every fixed text is
 * matched case-insensitively, whichever list it is in and whichever part asks.
 */
import { describe, expect, it } from "vitest";
import { parse } from "../../src/index.js";
import { renderText } from "../../src/render/text.js";
import {
  FURNITURE_ONLY_PHRASES,
  GLUED_LINKS,
  gluedLink,
  isCookieBanner,
  isFurniturePhrase,
  isKnownJunk,
  isLinkListHeading,
  isLoneLink,
  JUNK_PHRASES,
  LINK_LIST_HEADINGS,
} from "../../src/parse/vocabulary.js";

const CLOCK = "Tuesday, 02 January 2024 12:17 GMT";
const ID = "MENAFN02012024000045017640ID1107653210";
const page = (...lines: string[]): string => `${lines.join("\n")}\n`;

describe("vocabulary: one case rule", () => {
  it("matches every list's phrases in any case, and nothing longer", () => {
    for (const p of JUNK_PHRASES) for (const t of [p, p.toLowerCase(), p.toUpperCase()]) expect(isKnownJunk(t), t).toBe(true);
    for (const p of [...JUNK_PHRASES, ...FURNITURE_ONLY_PHRASES]) expect(isFurniturePhrase(p.toUpperCase()), p).toBe(true);
    for (const p of LINK_LIST_HEADINGS) expect(isLinkListHeading(p.toLowerCase()), p).toBe(true);
    for (const p of GLUED_LINKS) expect(isLoneLink(p.toLowerCase()), p).toBe(true);
    expect(isKnownJunk("Search results")).toBe(false);
    expect(isFurniturePhrase("Will be updated soon")).toBe(false);
    // Furniture only: a body keeps `Will be updated`.
    expect(isKnownJunk("Will be updated")).toBe(false);
  });

  it("finds a glued link in any case, after a space only, as the line writes it", () => {
    expect(gluedLink("Jane Doe read more")).toBe("read more");
    expect(gluedLink("Jane Doe READ MORE")).toBe("READ MORE");
    expect(gluedLink("Jane DoeRead more")).toBeNull();
    expect(gluedLink("Read more")).toBeNull();
    expect(isCookieBanner("This website uses cookies. learn more")).toBe(true);
    expect(isCookieBanner("Jane Doe Read more")).toBe(false);
  });

  it("sets a lower-case `search` and `comments` after the body aside, as their capitalised forms", () => {
    for (const [junk, capital] of [
      ["search", "Search"],
      ["comments", "Comments"],
    ] as const) {
      const lower = parse(page(CLOCK, "", "Oman signs deal", "", "(MENAFN) Oman signed a deal on Monday.", "", junk, "", ID));
      const upper = parse(page(CLOCK, "", "Oman signs deal", "", "(MENAFN) Oman signed a deal on Monday.", "", capital, "", ID));
      expect(lower.records[0]?.body).toBe("Oman signed a deal on Monday.");
      expect(lower.records[0]?.extras).toEqual([{ line: 7, text: junk }]);
      expect(lower.records[0]?.warnings.map((w) => w.code)).toEqual(upper.records[0]?.warnings.map((w) => w.code));
    }
  });

  it("takes the byline off a lower-case glued `read more`, and renders a lower-case junk disclaimer so it reads back", () => {
    const r = parse(page(CLOCK, "", "Oman signs deal", "", "(MENAFN- Times of Oman) Jane Doe read more", "", "Oman signed a deal on Monday.", "", ID));
    expect(r.records[0]?.credit).toBe("Jane Doe");
    expect(r.records[0]?.extras).toContainEqual({ line: 5, text: "read more" });
    const record = { ...parse(page(CLOCK, "", "Oman signs deal", "", "(MENAFN) Oman signed a deal.", "", ID)).records[0]!, disclaimer: "search" };
    expect(renderText(record)).toContain("Legal Disclaimer: search\n");
    expect(parse(renderText(record)).records[0]?.disclaimer).toBe("search");
  });
});
