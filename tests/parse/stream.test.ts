import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse, type ParseResult } from "../../src/parse/index.js";
import { parseStream } from "../../src/parse/stream.js";
import { fixture } from "../helpers.js";

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/** Every window's results, joined as one. */
async function streamed(bytes: Uint8Array, chunk: number, window: number, maxArticleBytes = 1 << 30): Promise<ParseResult> {
  const all: ParseResult = { records: [], diagnostics: [], articles: [], encoding: "utf-8" };
  for await (const r of parseStream(chunked(bytes, chunk), { file: "in.txt", window, maxArticleBytes })) {
    all.records.push(...r.records);
    all.diagnostics.push(...r.diagnostics);
    all.articles.push(...r.articles);
    all.encoding = r.encoding;
  }
  return all;
}

const names = readdirSync(fixture(""))
  .filter((n) => n.endsWith(".txt"))
  .sort();
const utf8 = names.filter((n) => !/windows-1252|utf16/.test(n));
/** The UTF-8 fixtures as one feed dump, each article followed by a blank line. */
const dump = Buffer.from(
  utf8
    .filter((n) => !n.startsWith("refuse-"))
    .map(
      (n) =>
        `${readFileSync(fixture(n), "utf8")
          .replace(/^\ufeff/, "")
          .replace(/\r\n?/g, "\n")
          .trimEnd()}\n\n`,
    )
    .join("")
    .repeat(3),
);

describe("parseStream", () => {
  it.each(names)("gives what parse() gives for %s, in tiny chunks and windows", async (name) => {
    const bytes = readFileSync(fixture(name));
    const whole = parse(bytes, { file: "in.txt" });
    for (const [chunk, window] of [
      [7, 16],
      [64, 200],
      [1 << 20, 1 << 22],
    ] as const) {
      const s = await streamed(bytes, chunk, window);
      expect(s.records).toEqual(whole.records);
      expect(s.articles).toEqual(whole.articles);
      // Whole-input refusals (empty, JSON) come out alone in both.
      expect(s.diagnostics).toEqual(whole.diagnostics);
    }
  });

  it("refuses JSON with the mojibake repair parse() reports, read whole or in chunks", async () => {
    const bytes = Buffer.from('{"headline": "Caf\u00c3\u00a9 owners meet",\n "body": "x"}\n', "utf8");
    const whole = parse(bytes, { file: "in.txt" });
    expect(whole.diagnostics.map((d) => d.code)).toEqual(["REPAIRED_MOJIBAKE", "NOT_AN_ARTICLE"]);
    for (const chunk of [5, 1 << 20]) expect((await streamed(bytes, chunk, 1 << 16)).diagnostics).toEqual(whole.diagnostics);
  });

  it("gives what parse() gives for a feed dump of every fixture, cut anywhere", async () => {
    const whole = parse(dump, { file: "in.txt" });
    expect(whole.records.length).toBeGreaterThan(100);
    for (const [chunk, window] of [
      [1, 1],
      [13, 500],
      [4096, 3000],
      [65536, 1 << 16],
    ] as const) {
      const s = await streamed(dump, chunk, window);
      expect(s.articles).toEqual(whole.articles);
      expect(s.diagnostics).toEqual(whole.diagnostics);
    }
  });

  it("refuses an article over the limit and goes on at the next timestamp line", async () => {
    const one = readFileSync(fixture("000_ee22b7415f82c1d2.txt"), "utf8").trimEnd();
    const big = `${one.replace("(MENAFN)", `(MENAFN) ${"word ".repeat(2000)}`)}\n\n`;
    const input = Buffer.from(`${one}\n\n${big}${one}\n\n`);
    const s = await streamed(input, 512, 1000, 4000);
    expect(s.records).toHaveLength(2);
    const line = one.split("\n").length + 2;
    expect(s.diagnostics).toContainEqual(expect.objectContaining({ code: "ARTICLE_TOO_LARGE", severity: "error", line }));
    expect(s.records.map((r) => r.origin.article)).toEqual([1, 3]);
  });

  it("refuses a line longer than the limit without holding it, and goes on at the next timestamp line", async () => {
    const one = readFileSync(fixture("000_ee22b7415f82c1d2.txt"), "utf8").trimEnd();
    const input = Buffer.from(`${one}\n\n${one.replace("(MENAFN)", `(MENAFN) ${"x".repeat(50_000)}`)}\n\n${one}\n`);
    const s = await streamed(input, 1000, 2000, 4000);
    expect(s.records.map((r) => r.origin.article)).toEqual([1, 3]);
    const whole = parse(input, { file: "in.txt" });
    expect(s.records[1]?.origin).toEqual(whole.records[2]?.origin);
    expect(s.diagnostics.filter((d) => d.code === "ARTICLE_TOO_LARGE")).toHaveLength(1);
  });

  it("refuses an article whose line breaks are lost as parse() does, naming the line counted in the input", async () => {
    const seed = readFileSync(fixture("000_ee22b7415f82c1d2.txt"), "utf8");
    const flat = seed
      .split("\n")
      .filter((l) => l.trim() !== "")
      .join(" ");
    for (const text of [`${flat}\n`, `\n\n${flat}\n\nMENAFN\n`, `${"\n".repeat(70_000)}${flat}`]) {
      const bytes = Buffer.from(text, "utf8");
      const whole = parse(bytes, { file: "in.txt" });
      expect(whole.diagnostics.map((d) => d.code)).toEqual(["NOT_AN_ARTICLE"]);
      expect(whole.diagnostics[0]?.message).toContain(`line ${text.indexOf(flat) + 1} holds a timestamp`);
      for (const [chunk, window] of [
        [7, 16],
        [1 << 20, 1 << 16],
      ] as const) {
        const s = await streamed(bytes, chunk, window);
        expect(s.diagnostics).toEqual(whole.diagnostics);
        expect(s.records).toEqual([]);
      }
    }
  });

  it("switches to windows-1252 where invalid UTF-8 appears, warning with its line", async () => {
    const one = readFileSync(fixture("000_ee22b7415f82c1d2.txt"), "utf8").trimEnd();
    const bad = Buffer.concat([Buffer.from(`${one}\n\n`), Buffer.from(`${one}\n\n`.replace("Putin proposes", "Caf\u00e9 proposes"), "latin1")]);
    const s = await streamed(bad, 100, 300);
    expect(s.records).toHaveLength(2);
    expect(s.records[0]?.encoding).toBe("utf-8");
    expect(s.records[1]?.encoding).toBe("windows-1252");
    expect(s.records[1]?.headline).toContain("Café");
  });
});

/**
 * What only a whole input can tell (docs/large-inputs.md): parse() sees its input whole and
 * decides on all of it; a stream cannot look ahead and decides from where it is. Both rules are
 * kept on purpose, and parse() feeds the same windows as a stream once it has decided them.
 */
describe("parse() and a stream: decisions on the whole input", () => {
  const one = readFileSync(fixture("000_ee22b7415f82c1d2.txt"), "utf8").trimEnd();
  const latin1Second = Buffer.concat([Buffer.from(`${one}\n\n`), Buffer.from(`${one}\n\n`.replace("Putin proposes", "Caf\u00e9 proposes"), "latin1")]);

  it("parse(): one invalid UTF-8 byte makes the whole input windows-1252, warning on its line in the article holding it", () => {
    const whole = parse(latin1Second, { file: "in.txt" });
    expect(whole.encoding).toBe("windows-1252");
    expect(whole.records.map((r) => r.encoding)).toEqual(["windows-1252", "windows-1252"]);
    const start = `${one}\n\n`.split("\n").length; // the second article's first line (its clock); the headline is two below
    const legacy = whole.articles.map((a) => a.diagnostics.filter((d) => d.code === "DECODED_LEGACY").map((d) => d.line));
    expect(legacy).toEqual([[null], [start + 2]]);
  });

  it("a stream: windows-1252 only from the chunk holding the byte on", async () => {
    const s = await streamed(latin1Second, 100, 300);
    expect(s.records.map((r) => r.encoding)).toEqual(["utf-8", "windows-1252"]);
    expect(s.articles[0]?.diagnostics.map((d) => d.code)).not.toContain("DECODED_LEGACY");
  });

  const JSON_REFUSAL = "the input is not a MENAFN-style article (it looks like JSON)";
  const bracketed = Buffer.from(`[Update] ${one}\n`, "utf8");
  it("parse(): JSON is refused only when the input also closes like JSON", async () => {
    expect(parse(bracketed).diagnostics.map((d) => d.code)).not.toContain("NOT_AN_ARTICLE");
    expect(parse(bracketed).records).toHaveLength(1);
    expect(parse(Buffer.from('[{"headline": "x"},\n {"body": "y"}]\n')).diagnostics.map((d) => d.message)).toEqual([JSON_REFUSAL]);
  });

  it("a stream: JSON is refused by its opening, without reading to the end", async () => {
    const s = await streamed(bracketed, 64, 1 << 16);
    expect(s.records).toEqual([]);
    expect(s.diagnostics.map((d) => d.message)).toEqual([JSON_REFUSAL]);
  });
});
