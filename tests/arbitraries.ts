/**
 * fast-check generators for MENAFN-style text: realistic articles built part by part
 * (every layout in docs/page-shapes.md), feed dumps of them, and the same lines mixed with noise.
 */
import { fc } from "@fast-check/vitest";
import { isEndMarker, matchTag } from "../src/parse/patterns.js";
import { isKnownJunk } from "../src/parse/vocabulary.js";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

export const DISCLAIMER =
  "MENAFN provides the information “as is” without warranty of any kind. We do not accept any responsibility or liability for the accuracy, content, images, videos, licenses, completeness, legality, or reliability of the information contained in this article. If you have any complaints or copyright issues related to this article, kindly contact the provider above.";

const WORDS = [
  "Doha",
  "the",
  "minister",
  "said",
  "on",
  "Tuesday",
  "Türkiye’s",
  "“we",
  "agree,”",
  "2025",
  "(KUNA)",
  "--",
  "—",
  "100,000",
  "per",
  "cent",
  "of",
  "MENAFN",
  "ID",
  "GMT",
  "Legal",
  "Disclaimer",
  "(end)",
  "a",
  "deal",
  "oil",
  "AM",
  "8:34:02",
  "2/6/2024",
  "BAKU,",
  "Azerbaijan,",
  "November",
  "24.",
  "(MENAFN)",
  "(",
  ")",
  "((",
  "Şahin",
  "USD",
  "-",
  "said.",
  "Search",
  "and",
  "with",
  "KUWAIT,",
  "June",
  "2",
  "AMMAN",
  "Will",
  "be",
  "updated",
  "x\u00a0y",
];

const word = fc.constantFrom(...WORDS);
const words = (min: number, max: number): fc.Arbitrary<string> => fc.array(word, { minLength: min, maxLength: max }).map((ws) => ws.join(" "));

/** A sentence-like line, short or long (long ones are paragraphs on one line). */
export const prose = fc.oneof(
  words(1, 8),
  words(8, 60).map((s) => `${s}.`),
);

/**
 * A headline as the parser reads one: a few words, one of them a plain lower-case word (a line of
 * only numbers, dates or capitals is page furniture), not a fixed page phrase (`Will be updated`).
 */
export const title = words(1, 12).filter((s) => s !== "Will be updated" && s.split(" ").some(isPlainWord));

/** A word of three or more lower-case letters that is no month or weekday name. */
function isPlainWord(w: string): boolean {
  const letters = w.replace(/[^a-z]/gi, "");
  return (
    /[a-z]{3}/.test(w) &&
    !MONTHS.concat(WEEKDAYS).some((n) => n.toLowerCase() === letters.toLowerCase() || n.slice(0, 3).toLowerCase() === letters.toLowerCase())
  );
}

const date = fc.date({ min: new Date("1999-01-01T00:00:00Z"), max: new Date("2030-12-31T23:59:00Z"), noInvalidDate: true });

/** A strict timestamp line, or one that bends the form (stale weekday, short day, no zone). */
export const timestampLine = fc.tuple(date, fc.nat(9)).map(([d, bend]) => {
  const weekday = WEEKDAYS[bend === 1 ? (d.getUTCDay() + 1) % 7 : d.getUTCDay()] ?? "";
  const day = bend === 2 ? String(d.getUTCDate()) : pad(d.getUTCDate());
  const zone = bend === 3 ? "" : " GMT";
  const month = bend === 4 ? (MONTHS[d.getUTCMonth()] ?? "").slice(0, 3) : MONTHS[d.getUTCMonth()];
  return `${weekday}, ${day} ${month} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${zone}`;
});

const digits = (n: number): fc.Arbitrary<string> => fc.array(fc.constantFrom(..."0123456789"), { minLength: n, maxLength: n }).map((a) => a.join(""));

/** An ID line (sometimes with an impossible date), or a malformed one. */
export const idLine = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(date, digits(12), digits(10))
      .map(([d, p, n]) => `MENAFN${pad(d.getUTCDate())}${pad(d.getUTCMonth() + 1)}${d.getUTCFullYear()}${p}ID${n}`),
  },
  { weight: 1, arbitrary: fc.tuple(digits(8), digits(12), digits(10)).map(([d, p, n]) => `MENAFN${d}${p}ID${n}`) },
  { weight: 1, arbitrary: fc.tuple(digits(3), digits(2)).map(([a, b]) => `MENAFN${a}ID${b}`) },
);

const SOURCES = ["The Peninsula", "Trend News Agency", "Kuwait News Agency (KUNA)", "Arab News", "Jordan Times", "Qatar News Agency"];
/** A source tag as providers write it, including nesting, the GlobeNewsWire form and unclosed ones. */
export const tag = fc.oneof(
  fc.constant("(MENAFN)"),
  fc.constantFrom(...SOURCES).map((s) => `(MENAFN- ${s})`),
  fc.constant("(MENAFN - GlobeNewsWire - Nasdaq)"),
  fc.constantFrom("(MENAFN- ", "(MENAFN-((x) ", "(MENAFN–Arab News)", "(MENAFN"),
  fc.nat(6).map((n) => `(MENAFN- ${"(".repeat(n)}Deep${")".repeat(n)})`),
);
const credit = fc.constantFrom("QNA", "The Peninsula Online", "By Reem Walid", "WAM", "KUNA");

/** Blank lines: one to four, some holding spaces, tabs or a no-break space. */
const blanks = (min = 1): fc.Arbitrary<string[]> => fc.array(fc.constantFrom("", "", " ", "\t", "\u00a0"), { minLength: min, maxLength: 4 });

/** The lead: the tag followed by a space, nothing or a line break; a credit sometimes; or no tag. */
const lead = fc
  .tuple(fc.option(tag, { freq: 6 }), fc.constantFrom(" ", "", "\n"), fc.option(credit, { freq: 2 }), fc.constantFrom(" ", "\n", "\n\n"), prose)
  .map(([t, sep, c, csep, text]) => (t === null ? text : c === null ? `${t}${sep}${text}` : `${t} ${c}${csep}${text}`).split("\n"));

/** A paragraph: one line, or hard-wrapped at about 60 columns, or bullet lines. */
const paragraph = fc.oneof(
  prose.map((p) => [p]),
  words(20, 60).map((s) => wrap(`${s}.`, 62)),
  fc.array(
    words(2, 6).map((s) => `- ${s}`),
    { minLength: 2, maxLength: 4 },
  ),
  fc.constantFrom<string[]>(["ECONOMY"], ["2/6/2024 8:34:02 AM"], ["Will be updated"], ["(end) mt"]),
);

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = "";
  for (const w of text.split(" ")) {
    if (line && line.length + 1 + w.length > width) {
      out.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  return [...out, line];
}

const disclaimer = fc.constantFrom<string[]>(
  ["Legal Disclaimer:", DISCLAIMER],
  ["Legal Disclaimer:", "", DISCLAIMER],
  [`Legal Disclaimer: ${DISCLAIMER}`],
  ["Legal Disclaimer:", ...wrap(DISCLAIMER, 70).map((l) => `  ${l}`)],
  ["Legal Disclaimer:"],
);

/** A menafn.com page's furniture line: a language link, menus, a section name, an error code, a stray date. */
const furnitureLine = fc.constantFrom("عربي", "US    Europe    Arab    Asia", "|  Politics   Economy   Oil&Energy", "MARKET NEWS", "404", "12 Mar 2014");

/** A page's publication line, in either form (some bent: no real date). */
export const publicationLine = fc.tuple(date, fc.boolean(), fc.nat(9)).map(([d, iso, bend]) => {
  const [y, mo, day, h, mi, s] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
  if (iso) return `${y}-${pad(bend === 1 ? 13 : mo)}-${pad(day)} ${pad(h)}:${pad(mi)}:${pad(s)}`;
  return `${bend === 1 ? 13 : mo}/${day}/${y} ${h % 12 === 0 ? 12 : h % 12}:${pad(mi)}:${pad(s)} ${h < 12 ? "AM" : "PM"}`;
});

/** One article, as lines: every part optional where real articles leave it out (`complete`: with timestamp and ID). */
export const article = (complete = false): fc.Arbitrary<string[]> =>
  fc
    .record({
      ts: complete ? timestampLine : fc.option(timestampLine, { freq: 5 }),
      headline: complete ? title : prose,
      lead,
      paragraphs: fc.array(fc.tuple(paragraph, fc.boolean()), { maxLength: 5 }),
      id: complete ? fc.tuple(idLine, fc.nat(5)) : fc.option(fc.tuple(idLine, fc.nat(5)), { freq: 5 }),
      footer: fc.boolean(),
      disclaimer: fc.option(disclaimer, { freq: 4 }),
      junk: fc.array(fc.constantFrom("Search", "CommentsNo comment", "Comments", "No comment", "Read more"), { maxLength: 2 }),
      gap: blanks(),
      // Page template (fixtures/page-*): furniture above the title, a publication line under it.
      furniture: complete ? fc.constant([]) : fc.array(furnitureLine, { maxLength: 3 }),
      publication: complete ? fc.constant(null) : fc.option(publicationLine, { freq: 3 }),
    })
    // A complete article's headline and body hold no line that is another part in disguise
    // ("MENAFN" alone is the footer, "Search" page junk): a real article ends there.
    .filter((a) => !complete || [a.headline, ...a.lead, ...a.paragraphs.flatMap(([p]) => p)].every((l) => !isEndMarker(l) && !isKnownJunk(l.trim())))
    // Nor a line below the headline that opens with a tag, other than the lead's: the tag marks where the lead starts.
    .filter((a) => !complete || [...a.lead.slice(1), ...a.paragraphs.flatMap(([p]) => p)].every((l) => matchTag(l.trim()) === null))
    // Nor a tagless lead that repeats the headline: above a US-style time line that is, by its
    // layout, a page's title twice and its publication line (fixtures/page-*), another reading.
    .filter((a) => !complete || a.lead[0] !== a.headline)
    .map((a) => {
      const out: string[] = [];
      if (a.ts !== null) out.push(a.ts, ...a.gap);
      out.push(...a.furniture, a.headline, ...(a.publication === null ? [] : [a.publication]), ...a.gap, ...a.lead);
      // A paragraph follows a blank run, or a single line break (no blank line at all).
      for (const [p, single] of a.paragraphs) out.push(...(single ? [] : a.gap), ...p);
      if (a.id !== null) out.push(...a.gap, a.id[0], ...(a.id[1] === 0 ? [a.id[0]] : []));
      if (a.footer) out.push(...a.gap, "MENAFN");
      if (a.disclaimer !== null) out.push(...a.gap, ...a.disclaimer);
      if (a.junk.length > 0) out.push("", ...a.junk);
      return out;
    });

/** One article, as lines. */
export const articleLines = article();

/** A feed dump: one to four articles back to back, with or without blank lines between them. */
export const feedLines = fc
  .array(fc.tuple(articleLines, fc.boolean()), { minLength: 1, maxLength: 4 })
  .map((as) => as.flatMap(([lines, gap], k) => (k > 0 && gap ? ["", ...lines] : lines)));

/** Noise: arbitrary UTF-16 (lone surrogates included), control characters, parentheses. */
const noise = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
  fc.string({ unit: fc.constantFrom("(", ")", "(MENAFN", "-", " ", "\t", "\r", "\u0000", "\u001b[31m", "\u00a0", "\ufeff"), maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.nat(2000).map((n) => `(MENAFN- ${"(".repeat(n)}`),
);

/** Lines of real articles mixed with noise and stray parts. */
export const mixedLines = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: articleLines },
      // An article with a stray part or noise spliced in anywhere, even inside its body.
      {
        weight: 2,
        arbitrary: fc
          .tuple(articleLines, fc.oneof(noise, timestampLine, idLine, tag, fc.constantFrom("Legal Disclaimer:", "MENAFN", "Search", "")), fc.nat())
          .map(([lines, extra, at]) => {
            const k = at % (lines.length + 1);
            return [...lines.slice(0, k), extra, ...lines.slice(k)];
          }),
      },
      { weight: 2, arbitrary: noise.map((n) => [n]) },
      { weight: 1, arbitrary: fc.oneof(timestampLine, idLine, tag, prose, fc.constant("Legal Disclaimer:"), fc.constant("MENAFN")).map((l) => [l]) },
    ),
    { maxLength: 6 },
  )
  .map((chunks) => chunks.flat());

/** Join lines with LF, CRLF or lone CR, chosen per line. */
export const joinLines = (lines: string[]): fc.Arbitrary<string> =>
  fc
    .array(fc.constantFrom("\n", "\r\n", "\r"), { minLength: lines.length, maxLength: lines.length })
    .map((ends) => lines.map((l, k) => `${l}${ends[k]}`).join(""));
