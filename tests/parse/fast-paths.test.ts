// The parser's shortcuts (#11) answer exactly as the plain definitions they stand in for.
import { describe, expect, it } from "vitest";
import { LineTable } from "../../src/parse/line-table.js";
import { isBlank, nextNonBlank } from "../../src/parse/lines.js";
import { endMarkerAt } from "../../src/parse/tail.js";
import { ID_LIKE, ID_VALID, idShape, NOT_ID } from "../../src/parse/id-shape.js";
import { isEndMarker, matchDisclaimerHeading, matchId, matchTag } from "../../src/parse/patterns.js";
import { countWords } from "../../src/parse/record.js";

const everyUnit = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c));

describe("isBlank", () => {
  it("agrees with trim() on every UTF-16 code unit, alone and before a letter", () => {
    const wrong = everyUnit.filter((u) => isBlank(u) !== (u.trim() === "") || isBlank(`${u}a`) || isBlank(`${u} `) !== (u.trim() === ""));
    expect(wrong).toEqual([]);
  });
});

describe("the line table's blank marks", () => {
  const lines = ["", " ", "\u00a0", "\u2028", "\u3000\ufeff", "“Quote”", "text", "\t", "— dash", "x"];
  it("blank and next give the answers isBlank and nextNonBlank give line by line", () => {
    const t = new LineTable(lines);
    expect(lines.map((_, k) => t.blank(k))).toEqual(lines.map((l) => isBlank(l)));
    expect(lines.map((_, k) => t.next(k))).toEqual(lines.map((_, k) => nextNonBlank(lines, k)));
    expect(t.blank(lines.length)).toBe(true);
  });
});

describe("countWords", () => {
  it("counts runs between space, LF, tab, CR, form feed and NBSP only", () => {
    const samples = ["", " ", "one", " two  words ", "a\u00a0b\tc\nd\re\ff", "a\vb", "a\u2009b", "“quoted” — dash", "\u00a0\u00a0x"];
    for (const s of samples) expect(countWords(s)).toBe(s.split(/[ \n\t\r\f\u00a0]+/).filter((w) => w.length > 0).length);
  });
});

describe("isEndMarker and matchTag", () => {
  // The definitions before the first-character shortcuts.
  const endMarker = (line: string): boolean => {
    const text = line.trimStart();
    const c = text.charCodeAt(0) | 0x20;
    if (c === 0x6d) return text.startsWith("MENAFN") && (/^MENAFN\d[\dA-Z]*$/.test(text.trim()) || text.trim() === "MENAFN");
    if (c === 0x6c) return matchDisclaimerHeading(text) !== null;
    return false;
  };
  const lines = [
    "MENAFN27112025000045017640ID1110406018",
    "  MENAFN27112025000045017640ID1110406018 ",
    "MENAFN",
    "\u00a0MENAFN",
    "Meanwhile, prices rose",
    "Legal Disclaimer:",
    "\tlegal disclaimer",
    "London",
    "(MENAFN) Text",
    " (MENAFN- Trend) Text",
    "\u3000(menafn - X) y",
    "(MENAFN",
    "(MENAFX) no",
    "“(MENAFN) quoted”",
    "",
  ];
  it("isEndMarker answers as before", () => {
    for (const l of lines) expect([l, isEndMarker(l)]).toEqual([l, endMarker(l)]);
  });
  it("matchTag answers each line, asked in any order, as if asked once", () => {
    const once = lines.map((l) => JSON.stringify(matchTag(l)));
    const again = [...lines].reverse().map((l) => JSON.stringify(matchTag(l)));
    expect(again.reverse()).toEqual(once);
    expect(matchTag("(MENAFN- A) x")).toEqual({ source: "A", rest: "x" });
    expect(matchTag("(MENAFN- B) y")).toEqual({ source: "B", rest: "y" });
  });
  it("endMarkerAt turns away lines that end in neither `)` nor initials", () => {
    expect(endMarkerAt("peak demand. (end) aam.gta")).toBe(13);
    expect(endMarkerAt("peak demand (end).")).toBe(-1);
    expect(endMarkerAt("(end) 1")).toBe(-1);
  });
});

describe("idShape", () => {
  const VALID = /^MENAFN(\d{2})(\d{2})(\d{4})(\d{12})ID(\d{10})$/;
  const LIKE = /^MENAFN\d[\dA-Z]*$/;
  const id = "MENAFN27112025000045017640ID1110406018";
  // Every one-character change, deletion and insertion around a valid ID, and some others.
  const variants = new Set<string>([id, "MENAFN", "MENAFN1", "MENAFN1X", "MENAFNX1", "MENAFN1x", "MENAFN1 2", "menafn1", `${id}9`, `${id}ID`]);
  const alphabet = ["0", "9", "A", "D", "I", "Z", "a", " ", "-", "\u0661", "\uff10"];
  for (let i = 0; i <= id.length; i++) {
    variants.add(id.slice(0, i) + id.slice(i + 1));
    for (const c of alphabet) {
      variants.add(id.slice(0, i) + c + id.slice(i + 1));
      variants.add(id.slice(0, i) + c + id.slice(i));
    }
  }
  it("reads lines as the ID regexes did", () => {
    const wrong = [...variants].filter((t) => idShape(t) !== (VALID.test(t) ? ID_VALID : LIKE.test(t) ? ID_LIKE : NOT_ID));
    expect(wrong).toEqual([]);
  });
  it("matchId takes the same parts as the regex's captures", () => {
    const m = VALID.exec(id) as RegExpExecArray;
    expect(matchId(`  ${id} `)).toEqual({ id, date: `${m[3]}-${m[2]}-${m[1]}`, rawDate: `${m[1]}${m[2]}${m[3]}`, articleNumber: m[5] });
  });
});
