/**
 * Real page text (issue #10): the pieces that find an article among a menafn.com page's furniture,
 * and the rules that the page fixtures (fixtures/page-*) show whole.
 */
import { describe, expect, it } from "vitest";
import { parse } from "../../src/index.js";
import { matchDateline } from "../../src/parse/dateline.js";
import { isCapsLabel, isDateOrNumberLine, isForeignLink, isFurniture, isMenu } from "../../src/parse/furniture.js";
import { isTagFragment, isTitleLike } from "../../src/parse/head.js";
import { matchPublication } from "../../src/parse/publication.js";
import { endMarkerAt, isInitials } from "../../src/parse/tail.js";

const CLOCK = "Tuesday, 02 January 2024 12:17 GMT";
const ID = "MENAFN02082025000214011033ID1109891234"; // 2 August 2025
const LEAD = "(MENAFN- Oman Observer) MUSCAT, August 2. Oman and Jordan signed three agreements on Saturday.";
const codes = (text: string): string[] => parse(text).diagnostics.map((d) => `${d.code}@${d.line}`);

describe("publication lines", () => {
  it("reads both forms as UTC, the slash form month first, with a 12-hour clock", () => {
    expect(matchPublication("2025-08-02 08:04:19")).toMatchObject({ iso: "2025-08-02T08:04:19Z", date: "2025-08-02", problem: null });
    expect(matchPublication("10/28/2023 3:12:14 PM")?.iso).toBe("2023-10-28T15:12:14Z");
    expect(matchPublication("3/4/2024 12:05:00 AM")?.iso).toBe("2024-03-04T00:05:00Z"); // 4 March, just after midnight
    expect(matchPublication("3/4/2024 12:05:00 PM")?.iso).toBe("2024-03-04T12:05:00Z");
  });

  it("keeps a line of the right shape that names no real date or time, with its problem", () => {
    expect(matchPublication("28/10/2023 3:12:14 PM")).toMatchObject({ iso: null, problem: expect.stringContaining("month/day") });
    expect(matchPublication("2025-02-30 08:04:19")?.problem).toContain("not a real date");
    expect(matchPublication("10/28/2023 13:12:14 PM")?.problem).toContain("time of day");
  });

  it("is no headline, a MENAFN-form line or a sentence", () => {
    for (const text of [CLOCK, "2025-08-02", "Oil rose 2% on 10/28/2023 3:12:14 PM", "2025-08-02T08:04:19Z"]) expect(matchPublication(text)).toBeNull();
  });
});

describe("furniture, by shape", () => {
  it("recognises menus, dates and numbers, capitals-only labels and non-Latin one-word links", () => {
    expect(isMenu("US    Europe    Arab    Asia")).toBe(true);
    expect(isMenu("|  Politics   Economy   Oil&Energy")).toBe(true);
    for (const t of ["404", "12 Mar 2014", "date 2024-05-06 403", "2025-08-02 08:04:19", "10/28/2023 3:12:14 PM", CLOCK])
      expect(isDateOrNumberLine(t), t).toBe(true);
    expect(isCapsLabel("MARKET NEWS")).toBe(true);
    expect(isForeignLink("عربي")).toBe(true);
    for (const t of ["Oops!", "Read Also", "More News", "Will be updated", "This website uses cookies to improve your experience. Learn more"])
      expect(isFurniture(t), t).toBe(true);
  });

  it("leaves headlines alone: mixed case, digits in words, accents, a title with a year", () => {
    for (const t of [
      "Oman and Jordan sign agreements",
      "Qatar's non-oil exports climb 12% in Q2",
      "Türkiye, Azerbaijan sign gas deal",
      "OPEC+ keeps output steady in 2025",
      "UAE, KSA sign MoU on trade",
      "March 2025 inflation at 2.1%",
    ]) {
      expect(isFurniture(t), t).toBe(false);
      expect(isTitleLike(t), t).toBe(true);
    }
  });

  it("takes neither a long sentence running into the lead nor a tag without its parenthesis for a title", () => {
    const sentence =
      "Azerbaijan's non-oil sector grew by 6.2 percent in the first seven months of the year, while the oil and gas sector contracted by 1.5 percent, the committee said.";
    expect(isTitleLike(sentence)).toBe(false);
    expect(isTitleLike("Oman, Jordan sign agreements,")).toBe(false);
    expect(isTagFragment("MENAFN- Trend News Agency) BAKU")).toBe(true);
    expect(isTagFragment("MENAFN)Pakistan")).toBe(true);
    expect(isTagFragment("MENAFN")).toBe(false);
  });
});

describe("datelines", () => {
  it.each([
    ["KUWAIT, March 1 (KUNA) -- Kuwait said", { place: "KUWAIT", date: "March 1", agency: "KUNA", text: "KUWAIT, March 1 (KUNA) --" }],
    ["BAKU, Azerbaijan, November 24. Azerbaijan and", { place: "BAKU, Azerbaijan", date: "November 24", agency: null, text: "BAKU, Azerbaijan, November 24." }],
    ["Amman, Aug. 9 (Petra)-- Jordan's", { place: "Amman", date: "Aug. 9", agency: "Petra", text: "Amman, Aug. 9 (Petra)--" }],
    ["Doha: Qatar and Türkiye", { place: "Doha", date: null, agency: null, text: "Doha:" }],
    ["AMMAN — The ministry", { place: "AMMAN", date: null, agency: null, text: "AMMAN —" }],
  ])("%s", (lead, want) => {
    expect(matchDateline(lead)).toEqual(want);
  });

  it("is not read into an ordinary opening", () => {
    for (const lead of [
      "Russian President Vladimir Putin proposed on Thursday",
      "Prime Minister Sheikh Mohammed: We will",
      "Dubai-based Emirates - the airline",
      "Meanwhile, the minister said",
      "The Ministry said: prices",
    ]) {
      expect(matchDateline(lead), lead).toBeNull();
    }
  });
});

describe("the (end) marker", () => {
  it("ends a line, alone or after the last sentence, with an editor's initials or none", () => {
    expect(endMarkerAt("peak demand. (end) aam.gta")).toBe(13);
    expect(endMarkerAt("(end)")).toBe(0);
    expect(endMarkerAt("peak demand. (end)")).toBe(13);
    expect(endMarkerAt("the (end) of the war was near")).toBe(-1);
    expect(endMarkerAt("peak demand.(end)")).toBe(-1);
    expect(isInitials("ibi.hm")).toBe(true);
    expect(isInitials("The end")).toBe(false);
  });

  it("is taken off the body only at its end; the initials under it go to extras", () => {
    const r = parse(`Headline\n\n${LEAD}\n\nMore text. (end)\n\n\nmh.gta\n\n${ID}\n`);
    expect(r.records[0]).toMatchObject({
      body: expect.stringMatching(/More text\.$/),
      endMarker: true,
      extras: [
        { line: 5, text: "(end)" },
        { line: 8, text: "mh.gta" },
      ],
    });
    const middle = parse(`Headline\n\n${LEAD}\n\nKUNA said (end) aam\n\nMore text.\n\n${ID}\n`);
    expect(middle.records[0]).toMatchObject({ endMarker: false, paragraphCount: 3 });
  });
});

describe("timestamps on pages", () => {
  it("takes the publication line, and sets the site's clock aside with a warning", () => {
    const r = parse(`${CLOCK}\n\nOman and Jordan sign agreements\n2025-08-02 08:04:19\n\n${LEAD}\n\n${ID}\n`);
    expect(r.records[0]).toMatchObject({ timestamp: "2025-08-02T08:04:19Z", timestampText: "2025-08-02 08:04:19", extras: [{ line: 1, text: CLOCK }] });
    expect(r.diagnostics[0]?.message).toBe(
      `"${CLOCK}" is the site's clock, not the article's time: the timestamp comes from the publication line on line 4 (the clock is kept in extras)`,
    );
    expect(codes(`${CLOCK}\n\nOman and Jordan sign agreements\n2025-08-02 08:04:19\n\n${LEAD}\n\n${ID}\n`)).toEqual([
      "SITE_CLOCK@1",
      "MISSING_DISCLAIMER@null",
    ]);
  });

  it("checks the publication line, not the clock, against the ID's date", () => {
    const late = `${CLOCK}\nOman and Jordan sign agreements\n2025-08-20 08:04:19\n${LEAD}\n${ID}\n`;
    expect(codes(late)).toEqual(["SITE_CLOCK@1", "TIMESTAMP_ID_DATE_MISMATCH@5", "MISSING_DISCLAIMER@null"]);
    expect(parse(late).diagnostics[1]?.message).toContain("2025-08-20 and the ID's date 2025-08-02");
  });

  it("with only the MENAFN-form line keeps reading the timestamp from it", () => {
    const r = parse(`${CLOCK}\n\nOman and Jordan sign agreements\n\n${LEAD}\n\n${ID}\n`);
    expect(r.records[0]).toMatchObject({ timestamp: "2024-01-02T12:17:00Z", timestampText: CLOCK, extras: [] });
    expect(codes(`${CLOCK}\n\nOman and Jordan sign agreements\n\n${LEAD}\n\n${ID}\n`)).toEqual(["TIMESTAMP_ID_DATE_MISMATCH@7", "MISSING_DISCLAIMER@null"]);
  });

  it("warns about a publication line that names no real date and leaves the timestamp null", () => {
    const r = parse(`Oman and Jordan sign agreements\n28/10/2023 3:12:14 PM\n${LEAD}\n${ID}\n`);
    expect(r.records[0]?.timestamp).toBeNull();
    expect(r.records[0]?.timestampText).toBe("28/10/2023 3:12:14 PM");
    expect(codes(`Oman and Jordan sign agreements\n28/10/2023 3:12:14 PM\n${LEAD}\n${ID}\n`)[0]).toBe("INVALID_TIMESTAMP@2");
  });
});

describe("the headline among furniture", () => {
  it("is the nearest title above the body; the lines above it go to extras under one LEADING_JUNK", () => {
    const r = parse(`عربي\nUS    Europe    Arab    Asia\nMARKET NEWS\nOman and Jordan sign agreements\n${LEAD}\n${ID}\n`);
    expect(r.records[0]?.headline).toBe("Oman and Jordan sign agreements");
    expect(r.records[0]?.extras.map((x) => x.line)).toEqual([1, 2, 3]);
    expect(r.diagnostics.find((d) => d.code === "LEADING_JUNK")).toMatchObject({
      line: 1,
      message: "3 lines of page text before the article were set aside (kept in extras)",
    });
  });

  it("stands above the publication line: a byline or caption between it and the tag is the credit (#23), not the title", () => {
    const r = parse(`Oman and Jordan sign agreements\n2025-08-02 08:04:19\nPhoto: Oman News Agency\n${LEAD}\n${ID}\n`);
    expect(r.records[0]).toMatchObject({
      headline: "Oman and Jordan sign agreements",
      timestamp: "2025-08-02T08:04:19Z",
      credit: "Photo: Oman News Agency",
      extras: [],
    });
    expect(r.articles[0]?.lines.credit).toEqual([3]);
  });

  it("a line between the publication line and the tag stays in extras when the tag has its own credit, or is no byline", () => {
    const own = parse(
      `Oman and Jordan sign agreements\n2025-08-02 08:04:19\nPhoto: Oman News Agency\n(MENAFN- Oman Observer)\nONA\n\n${LEAD.slice(LEAD.indexOf(")") + 2)}\n\nMore.\n${ID}\n`,
    );
    expect(own.records[0]).toMatchObject({ credit: "ONA", extras: [{ line: 3, text: "Photo: Oman News Agency" }] });
    const two = parse(`Oman and Jordan sign agreements\n2025-08-02 08:04:19\nJane Doe\nPhoto: Oman News Agency\n${LEAD}\n${ID}\n`);
    expect(two.records[0]).toMatchObject({
      credit: null,
      extras: [
        { line: 3, text: "Jane Doe" },
        { line: 4, text: "Photo: Oman News Agency" },
      ],
    });
    const sentence = parse(`Oman and Jordan sign agreements\n2025-08-02 08:04:19\nThe agreements were signed on Saturday.\n${LEAD}\n${ID}\n`);
    expect(sentence.records[0]).toMatchObject({ credit: null, extras: [{ line: 3, text: "The agreements were signed on Saturday." }] });
  });

  it("a title repeated on the next line is one headline, and no junk", () => {
    const r = parse(`Oman and Jordan sign agreements\nOman and Jordan sign agreements\n${LEAD}\n${ID}\n`);
    expect(r.records[0]).toMatchObject({ headline: "Oman and Jordan sign agreements", extras: [{ line: 1, text: "Oman and Jordan sign agreements" }] });
    expect(r.diagnostics.map((d) => d.code)).not.toContain("LEADING_JUNK");
  });
});

describe("refusals say what was found and what was missing", () => {
  it("never says a tag is absent when one is there", () => {
    const r = parse(`عربي\nUS    Europe    Arab    Asia\n${LEAD}\n\nMore text.\n`);
    expect(r.diagnostics).toMatchObject([{ code: "MISSING_HEADLINE", line: 3 }]);
    expect(r.diagnostics[0]?.message).toBe("the article has no headline (found the source tag on line 3; missing a title line above the source tag)");
  });

  it("names a tag that never closes or lost its parenthesis", () => {
    const unclosed = parse("Some words here\n(MENAFN- Trend News Agency BAKU, the text.\n");
    expect(unclosed.diagnostics[0]?.message).toBe(
      "the input is not a MENAFN-style article (found 2 lines of text and a source tag that never closes on line 2; missing a timestamp or publication line, a complete (MENAFN) source tag, an ID line and a disclaimer)",
    );
    const lost = parse(`MENAFN- Trend News Agency) BAKU, Azerbaijan, August 2. The text.\n\nMore.\n\n${ID}\n`);
    expect(lost.diagnostics[0]?.message).toBe(
      "the article has no headline (found a source tag without its opening parenthesis on line 1 and an ID line; missing a title line: line 1 is the first candidate (it opens with a source tag that lost its opening parenthesis))",
    );
  });

  it("still refuses body text with no title line, and plain text as no article", () => {
    const body =
      "Azerbaijan's non-oil sector grew by 6.2 percent in the first seven months of the year, while the oil and gas sector contracted by 1.5 percent, the committee said.";
    expect(codes(`${body}\n\nMore.\n\n${ID}\n`)).toEqual(["MISSING_HEADLINE@1"]);
    expect(codes(`${body}\n\nMore.\n`)).toEqual(["NOT_AN_ARTICLE@null"]);
  });
});

describe("feed dumps of pages", () => {
  it("a label (Date) between a title and its publication line starts no article of its own (#23)", () => {
    const page = (title: string, when: string): string => `عربي\n${title}\nDate\n${when}\n${LEAD}\n\n${ID}\n`;
    const r = parse(`${page("Oman signs deal", "10/26/2024 2:24:13 PM")}${page("Jordan signs deal", "10/27/2024 9:00:00 AM")}`);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.records.map((x) => [x.headline, x.timestamp, x.origin.startLine])).toEqual([
      ["Oman signs deal", "2024-10-26T14:24:13Z", 1],
      ["Jordan signs deal", "2024-10-27T09:00:00Z", 8],
    ]);
    expect(r.records[1]?.extras).toEqual([
      { line: 8, text: "عربي" },
      { line: 10, text: "Date" },
    ]);
  });

  it("start a new article at a title with a publication line under it, after the previous one's end", () => {
    const page = (title: string, when: string): string => `${title}\n${when}\n\nThe lead of ${title}.\n\n${ID}\n`;
    const r = parse(`${page("Oman signs deal", "2025-08-02 08:04:19")}${page("Jordan signs deal", "2025-08-02 09:00:00")}`);
    expect(r.records.map((x) => [x.headline, x.timestamp, x.origin.startLine])).toEqual([
      ["Oman signs deal", "2025-08-02T08:04:19Z", 1],
      ["Jordan signs deal", "2025-08-02T09:00:00Z", 7],
    ]);
  });
});
