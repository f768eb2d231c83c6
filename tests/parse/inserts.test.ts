/**
 * What pages insert into a body (src/parse/inserts.ts, #23): set aside by shape or by the shared
 * vocabulary, never because a sentence merely holds the words.
 */
import { describe, expect, it } from "vitest";
import { parse } from "../../src/index.js";
import { isPromoLine } from "../../src/parse/furniture.js";
import { stuckLink } from "../../src/parse/vocabulary.js";

const ID = "MENAFN11032025000071011013ID1109330000";
const page = (...body: string[]): string => ["Kuwait and Saudi Arabia discuss oil output", "2025-03-11 10:15:00", "", ...body, "", ID, ""].join("\n");
const TAG = "(MENAFN- Kuwait News Agency (KUNA))";
const only = (text: string) => {
  const r = parse(text);
  expect(r.records).toHaveLength(1);
  return r.records[0]!;
};

describe("link text stuck onto a paragraph's last sentence", () => {
  it("is cut off, in any case, after . ! ? or a closing quote, and kept in extras as written", () => {
    expect(stuckLink("the agency reported.Recommended For You")).toBe("Recommended For You");
    expect(stuckLink("as strikes intensified.ALSO READ")).toBe("ALSO READ");
    expect(stuckLink('he said "we agree."Read More')).toBe("Read More");
    expect(stuckLink("Is it over?read also")).toBe("read also");
  });

  it("is not cut after a space, inside a word or as a sentence's own words", () => {
    expect(stuckLink("We compiled a list of titles recommended for you")).toBeNull();
    expect(stuckLink("the agency reported. Recommended For You")).toBeNull();
    expect(stuckLink("Recommended For You")).toBeNull();
    expect(stuckLink("a book he had read.Also read")).toBe("Also read");
    const r = only(page(`${TAG} KUWAIT, March 11 (KUNA) -- The ministry published a reading list it recommended for you.`, "", "More text."));
    expect(r.body).toContain("recommended for you.");
    expect(r.extras).toEqual([]);
  });

  it("takes the `- ` related lines right under it, and only those", () => {
    const r = only(page(`${TAG} The talks went on.ALSO READ`, "- Related one", "- Related two", "", "- A bullet of the story", "", "The end."));
    expect(r.body).toBe("The talks went on.\n\n- A bullet of the story\n\nThe end.");
    expect(r.extras.map((x) => x.text)).toEqual(["ALSO READ", "- Related one", "- Related two"]);
  });

  it("leaves bullet lines under an ordinary paragraph in the body", () => {
    const r = only(page(`${TAG} The delegation included:`, "- Minister of Energy", "- Minister of Finance", "", "The end."));
    expect(r.body).toContain("- Minister of Energy");
    expect(r.extras).toEqual([]);
  });
});

describe("link lists inside a body", () => {
  it("a heading alone on its line and the short lines right under it go to extras", () => {
    const r = only(page(`${TAG} The talks went on.`, "", "Read Also", "Gold steadies", "Oil rises", "", "The end."));
    expect(r.body).toBe("The talks went on.\n\nThe end.");
    expect(r.extras.map((x) => [x.line, x.text])).toEqual([
      [6, "Read Also"],
      [7, "Gold steadies"],
      [8, "Oil rises"],
    ]);
  });

  it("stop at a sentence or a blank line; the heading's words inside a sentence stay", () => {
    const r = only(
      page(
        `${TAG} The talks went on.`,
        "",
        "Read Also",
        "Gold steadies",
        "The ministers met again on Monday.",
        "",
        "Readers can read also the full statement online.",
        "",
        "The end.",
      ),
    );
    expect(r.body).toBe("The talks went on.\n\nThe ministers met again on Monday.\n\nReaders can read also the full statement online.\n\nThe end.");
    expect(r.extras.map((x) => x.text)).toEqual(["Read Also", "Gold steadies"]);
  });
});

describe("promotion lines", () => {
  it("a line of only promotion sentences is one", () => {
    expect(isPromoLine("Stay up to date with the latest news. Follow KT on WhatsApp Channels.")).toBe(true);
    expect(isPromoLine("Follow Gulf Times on Google News")).toBe(true);
    expect(isPromoLine("stay up to date with the latest news.")).toBe(true);
  });

  it("a sentence holding the words among others is not", () => {
    expect(isPromoLine("Organisers said shoppers could follow the festival on WhatsApp Channels.")).toBe(false);
    expect(isPromoLine("Follow KT on WhatsApp Channels. The festival opens on Friday.")).toBe(false);
    expect(isPromoLine("Follow the money on Telegram.")).toBe(false);
    expect(isPromoLine("Follow KT on Mastodon.")).toBe(false);
  });

  it("between paragraphs it goes to extras; as the lead it stays", () => {
    const r = only(page(`${TAG} The talks went on.`, "", "Follow KUNA on X.", "", "The end."));
    expect(r.body).toBe("The talks went on.\n\nThe end.");
    expect(r.extras).toEqual([{ line: 6, text: "Follow KUNA on X." }]);
  });
});
