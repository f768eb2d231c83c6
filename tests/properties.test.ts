/**
 * Property-based tests: nothing is lost, nothing is made up, nothing throws.
 * Generators live in tests/arbitraries.ts. Run counts are set so that all properties
 * together stay a small part of `npm test`; failures print a seed to replay.
 */
import { fc, test } from "@fast-check/vitest";
import { isDeepStrictEqual } from "node:util";
import { describe, expect } from "vitest";
import { articleSchema, parse, renderText, renderTexts, type Article, type ParsedArticle } from "../src/index.js";
import { splitLines } from "../src/parse/lines.js";
import { matchTimestamp } from "../src/parse/patterns.js";
import { article, articleLines, feedLines, joinLines, mixedLines } from "./arbitraries.js";

// Runs per property: 1,500 in a plain `npm test`, 6,000 in CI (.ci/run sets FC_RUNS=6000 for its
// three `npm test`s), 150 in `npm run test:unit`. Each run draws a fresh seed, so the runs of many
// `npm test`s add up. FC_RUNS=60000 npx vitest run tests/properties.test.ts fuzzes ten times deeper than CI.
const RUNS = Math.round(Number(process.env.FC_RUNS ?? 1500));
// A property's time grows with its runs (the normalisation one took 11 s of 6,000 runs on a loaded machine).
const TIMEOUT = Math.max(20_000, RUNS * 10);
// FC_SEED=125421044 replays the seed a failure printed (with the same FC_RUNS it ran under).
if (process.env.FC_SEED !== undefined) fc.configureGlobal({ seed: Math.trunc(Number(process.env.FC_SEED)) });
// Whole numbers: fast-check never finishes a run count such as 2666.67.
const QUARTER = Math.round(RUNS / 4);
const textOf = (lines: fc.Arbitrary<string[]>): fc.Arbitrary<string> => lines.chain(joinLines);

/**
 * `expect(actual).toEqual(expected)`, asked only when Node's strict deep equality fails: what is
 * strictly equal is equal, and at thousands of runs vitest's comparison was a quarter of the time.
 */
function equal(actual: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual).toEqual(expected);
}

/** Whatever comes in, parse returns records or diagnostics, and every record is valid. */
function checkOutcome(input: string | Uint8Array): void {
  const r = parse(input);
  expect(r.records.length + r.diagnostics.length).toBeGreaterThan(0);
  for (const record of r.records) expect(articleSchema.safeParse(record).success).toBe(true);
  for (const a of r.articles) {
    // A refused article always says why.
    if (a.record === null) expect(a.diagnostics.some((d) => d.severity === "error")).toBe(true);
  }
}

describe("parse never throws", { timeout: TIMEOUT }, () => {
  test.prop([textOf(mixedLines)], { numRuns: RUNS })("on article lines mixed with noise", (text) => {
    checkOutcome(text);
  });
  test.prop([fc.string({ unit: "binary", maxLength: 300 })], { numRuns: QUARTER })("on any string", (text) => {
    checkOutcome(text);
  });
  test.prop([fc.uint8Array({ maxLength: 400 })], { numRuns: QUARTER })("on any bytes", (bytes) => {
    checkOutcome(bytes);
  });
  test.prop([textOf(mixedLines), fc.constantFrom<BufferEncoding>("utf8", "latin1", "utf16le")], { numRuns: QUARTER })(
    "on article text saved in any encoding",
    (text, enc) => {
      checkOutcome(new Uint8Array(Buffer.from(text, enc)));
    },
  );
});

/** Each place's line numbers, by name. */
function placesOf(a: ParsedArticle): Array<[string, number]> {
  const { timestamp, headline, tag, credit, body, id, footer, disclaimer, extras } = a.lines;
  const single: Array<[string, number | null]> = [
    ["timestamp", timestamp],
    ["headline", headline],
    ["tag", tag],
  ];
  const many: Array<[string, number[]]> = [
    ["credit", credit],
    ["body", body],
    ["id", id],
    ["footer", footer],
    ["disclaimer", disclaimer],
    ["extras", extras],
  ];
  return [...single.filter((x): x is [string, number] => x[1] !== null), ...many.flatMap(([name, ns]) => ns.map((n): [string, number] => [name, n]))];
}

const squeeze = (s: string): string => s.replace(/\s+/g, "");

/**
 * Every non-blank line of a record's span is in exactly one place (the tag's line may also
 * hold the credit or the body's start; a split line's end is also in extras), and the body is
 * made of the body lines' text.
 * Problems are collected and asserted once: an expect() per line would be slow at thousands of runs.
 */
function accountingProblems(lines: string[], a: ParsedArticle, record: Article): string[] {
  const problems: string[] = [];
  const where = new Map<number, string[]>();
  for (const [name, n] of placesOf(a)) {
    if (n < a.startLine || n > a.endLine) problems.push(`${name} line ${n} is outside ${a.startLine}-${a.endLine}`);
    where.set(n, [...(where.get(n) ?? []), name]);
  }
  // A split line also holds the piece of it that went to extras (` (end) mt`, a glued `Read more`).
  const split = new Set(a.lines.split);
  for (let n = a.startLine; n <= a.endLine; n++) {
    const blank = (lines[n - 1] ?? "").trim() === "";
    const places = where.get(n) ?? [];
    if (split.has(n)) {
      const k = places.indexOf("extras");
      if (k < 0 || places.length < 2) problems.push(`split line ${n} is in: ${places.join("+")}`);
      else places.splice(k, 1);
    }
    const got = places.join("+");
    if (blank ? got !== "" : got.split("+").length !== 1 && got !== "tag+credit" && got !== "tag+body") {
      problems.push(`line ${n} ${JSON.stringify(lines[n - 1])} is in: ${got || "nothing"}`);
    }
  }
  // The body is the body lines' text in order, less the tag cut off the front of the tag's line.
  const cut = (n: number): string => {
    const text = (lines[n - 1] ?? "").trimEnd();
    const piece = split.has(n) ? (record.extras.find((x) => x.line === n)?.text ?? "") : "";
    return text.endsWith(piece) ? text.slice(0, text.length - piece.length) : text;
  };
  const source = squeeze(a.lines.body.map(cut).join(" "));
  const body = squeeze(record.body);
  const tagShared = a.lines.tag !== null && a.lines.body.includes(a.lines.tag);
  if (tagShared ? !source.endsWith(body) : source !== body)
    problems.push(`body ${JSON.stringify(record.body)} is not the text of lines ${a.lines.body.join(",")}`);
  return problems;
}

const checkAccounting = (text: string): void => {
  const lines = splitLines(text);
  const problems = parse(text).articles.flatMap((a) => (a.record ? accountingProblems(lines, a, a.record) : []));
  expect(problems).toEqual([]);
};

describe("nothing is lost", { timeout: TIMEOUT }, () => {
  test.prop([textOf(feedLines)], { numRuns: RUNS })("every line of a record's span lands in one place", checkAccounting);
  test.prop([textOf(mixedLines)], { numRuns: QUARTER })("also amid noise", checkAccounting);
});

describe("feed dumps", { timeout: TIMEOUT }, () => {
  // Articles with a timestamp line and an ID line, back to back with or without a blank line.
  const dump = fc.array(fc.tuple(article(true), fc.boolean()), { minLength: 1, maxLength: 5 });
  test.prop([dump], { numRuns: QUARTER })("split into one article per article, each with its own span", (parts) => {
    const lines: string[] = [];
    const starts: number[] = [];
    for (const [a, gap] of parts) {
      if (gap && lines.length > 0) lines.push("");
      starts.push(lines.length + 1);
      lines.push(...a);
    }
    const r = parse(lines.join("\n"));
    expect(r.articles.map((a) => a.startLine)).toEqual(starts);
    // Each article's timestamp is its first line, unless that line is the site's clock
    // (SITE_CLOCK: a title with a publication line under it, within the same article, gives the
    // time; the generator can write such a page, with a label line such as `updated` above it).
    const clocks = new Set(r.diagnostics.filter((d) => d.code === "SITE_CLOCK").map((d) => d.line));
    r.articles.forEach((a, i) => {
      const start = starts[i] ?? 0;
      const next = starts[i + 1] ?? lines.length + 1;
      if (clocks.has(start)) expect(a.lines.timestamp).toSatisfy((t: number | null) => t !== null && t > start && t < next);
      else expect(a.lines.timestamp).toBe(start);
    });
  });
});

/**
 * The fields a text rendering must keep. Left out: warnings and extras (page junk, repeated or
 * malformed ID lines and the like are not rendered, so their warnings go too), origin (line
 * numbers move) and encoding (the rendering is always parsed as a string).
 */
const contract = (r: Article): Partial<Article> => ({
  headline: r.headline,
  timestamp: r.timestamp,
  timestampText: r.timestampText,
  source: r.source,
  credit: r.credit,
  body: r.body,
  id: r.id,
  idDate: r.idDate,
  articleNumber: r.articleNumber,
  disclaimer: r.disclaimer,
  paragraphCount: r.paragraphCount,
  wordCount: r.wordCount,
});

/**
 * Records that cannot be rendered faithfully, by construction of the format: a lead that opens
 * with an unclosed "(MENAFN" whose parenthesis closes on a later hard-wrapped line is one
 * paragraph once joined, and on one line that paragraph opens with a closed tag. (A real tag
 * is shorter than a wrapped line, so it never spans two.)
 */
const renderable = (r: Article): boolean => !r.warnings.some((w) => w.code === "UNCLOSED_SOURCE_TAG");

/**
 * Out of noise, also: a body paragraph that is a timestamp line, followed by paragraphs that
 * open like a headline and a tag, starts a new article once the paragraphs are laid out with
 * blank lines, though it did not in the original line breaks. Real bodies hold no such thing.
 */
const renderableFromNoise = (r: Article): boolean => renderable(r) && !r.body.split("\n\n").some((p) => matchTimestamp(p) !== null);

describe("round trip through --format text", { timeout: TIMEOUT }, () => {
  test.prop([textOf(articleLines)], { numRuns: RUNS })("a rendered record parses back to itself", (text) => {
    for (const record of parse(text).records.filter(renderable)) {
      const again = parse(renderText(record));
      equal(again.records.map(contract), [contract(record)]);
    }
  });
  test.prop([textOf(mixedLines)], { numRuns: QUARTER })("also for records parsed out of noise", (text) => {
    for (const record of parse(text).records.filter(renderableFromNoise)) {
      equal(parse(renderText(record)).records.map(contract), [contract(record)]);
    }
  });
  test.prop([textOf(feedLines)], { numRuns: QUARTER })("rendered records form a feed dump that parses back to them", (text) => {
    const records = parse(text).records.filter(renderable);
    if (records.length === 0) return;
    equal(parse(renderTexts(records)).records.map(contract), records.map(contract));
  });
});

describe("normalisation", { timeout: TIMEOUT }, () => {
  const cases = fc.tuple(articleLines, fc.constantFrom("\r\n", "\r"), fc.array(fc.constantFrom(" ", "  ", "\t"), { minLength: 1, maxLength: 64 }));
  test.prop([cases], { numRuns: Math.round((RUNS * 2) / 3) })("CRLF or CR endings, a BOM and trailing spaces change no field", ([lines, eol, spaces]) => {
    const plain = parse(lines.join("\n"));
    const variants = [
      lines.join(eol),
      `\ufeff${lines.join("\n")}`,
      lines.map((l, k) => `${l}${spaces[k % spaces.length]}`).join("\n"),
      `\ufeff${lines.map((l, k) => `${l}${spaces[k % spaces.length]}`).join(eol)}${eol}`,
    ];
    for (const v of variants) {
      equal(parse(v), plain);
      equal(parse(new TextEncoder().encode(v)), plain);
    }
  });
});
