// matchDateline runs its two patterns only where they could match (#11, start-up): it answers as
// running both on every lead did.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { DATED_STOP, DATELINE, matchDateline } from "../../src/parse/dateline.js";

/** matchDateline as it was, with both patterns run on every lead. */
function unfiltered(lead: string): ReturnType<typeof matchDateline> {
  const head = lead.slice(0, 120);
  const stop = DATED_STOP.exec(head);
  if (stop) return { place: stop[1] ?? "", date: stop[2] ?? null, agency: null, text: stop[0] };
  const m = DATELINE.exec(head);
  if (!m) return null;
  const [text = "", place = "", date, agency, separator = ""] = m;
  if (date === undefined && agency === undefined) {
    if (place.split(" ").length > 3) return null;
    const city = place.split(",")[0] ?? place;
    if (separator !== ":" && city !== city.toUpperCase()) return null;
  }
  return { place, date: date ?? null, agency: agency ?? null, text: text.trim() };
}

const pieces = [
  "KUWAIT",
  "Amman",
  "Baku",
  "Kurdistan Region",
  "Doha",
  "Sept.",
  "March",
  "Aug.",
  "1st",
  "24",
  "2025",
  "(KUNA)",
  "(Petra)",
  "The",
  "said",
  "x",
  ...", ,.:;-—–()'’".split(""),
];
const lead = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 3 })), { maxLength: 30 }).map((parts) => parts.join(""));

describe("matchDateline's filter", () => {
  test.prop([lead], { numRuns: 3000 })("agrees with both patterns run on every lead", (text) => {
    expect(matchDateline(text)).toEqual(unfiltered(text));
  });

  it("agrees on the dateline forms and near misses", () => {
    for (const text of [
      "KUWAIT, March 1 (KUNA) -- The",
      "BAKU, Azerbaijan, November 24. The",
      "Amman, Aug. 9 (Petra)--The",
      "Doha: Qatar",
      "AMMAN — The",
      "ERBIL, Kurdistan Region - The",
      "Abu Dhabi, 1st September, 2024. The",
      "KUWAIT, March 1 (KUNA)",
      "Russian President Vladimir Putin proposed on Thursday",
      "kuwait: the",
      "",
      `${"A".repeat(119)} -- x`,
      `${"A".repeat(118)}: x`,
    ]) {
      expect(matchDateline(text), text).toEqual(unfiltered(text));
    }
  });
});
