// Real-length articles for the benchmark: 2–6 KB each, like fixtures/000_ee22b7415f82c1d2.txt
// (2.3 KB), where the fixtures average about 1 KB. Each article takes one of the page shapes the
// fixtures and the page trial hold (the plain seed layout, a provider's tag with a dateline, the
// full page template with menus, a publication line, tags and link lists, a hard-wrapped body, a
// CRLF page), a headline, a clock line with its true weekday, a unique ID, and a body of
// paragraphs drawn from the fixtures' own paragraphs until it reaches its length. Deterministic:
// the same seed gives the same bytes.
//   node bench/real-corpus.mjs DIR COUNT [SEED]   writes COUNT files, prints the total bytes
import { mkdirSync, writeFileSync } from "node:fs";
import { corpusPath, loadFixtures } from "./corpus.mjs";

/** mulberry32: a small seeded generator, enough to pick shapes and lengths reproducibly. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DISCLAIMER =
  "MENAFN provides the information “as is” without warranty of any kind. We do not accept any responsibility or liability for the accuracy, content, images, videos, licenses, completeness, legality, or reliability of the information contained in this article. If you have any complaints or copyright issues related to this article, kindly contact the provider above.";
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const HEADLINES = [
  "Putin proposes arming CSTO forces with Russian weapons",
  "Qatar and Oman expand joint shipping routes",
  "Kuwait cabinet approves draft law on public procurement",
  "Gold steadies as traders await US jobs data",
  "Saudi Arabia raises crude prices for Asian buyers",
  "Jordan's exports rise 9 percent in first half",
  "UAE central bank holds key rate as inflation eases",
  "Oman launches tender for new solar power plant",
  "Egypt signs gas deal with Cyprus: what it means for the region",
  "Bahrain hosts regional fintech summit",
  "Azerbaijan, Türkiye discuss energy corridor",
  "Will oil demand peak before 2030?",
];
const TAGS = [
  ["(MENAFN)", null],
  ["(MENAFN- Kuwait News Agency (KUNA))", "KUWAIT, March 1 (KUNA) --"],
  ["(MENAFN- Jordan News Agency)", "Amman, Aug. 9 (Petra)--"],
  ["(MENAFN- The Peninsula)", "Doha:"],
  ["(MENAFN- AzerNews)", "BAKU, Azerbaijan, November 24."],
  ["(MENAFN- GlobeNewsWire - Nasdaq)", null],
];
const NAV = ["عربي", "US    Europe    Arab    Asia", "|  Politics   Economy   Oil&Energy   Business   Markets"];
const LISTS = [
  "Tags",
  "Economy",
  "Gulf",
  "Most popular stories",
  "Saudi Arabia raises crude prices for Asian buyers",
  "Gold steadies as traders await US jobs data",
  "Market Research",
  "Global Halal Food Market Report 2025",
];

/** Body paragraphs of the fixtures: long plain lines that are no marker of any kind. */
function paragraphs(fixtures) {
  const seen = new Set();
  for (const f of fixtures) {
    if (f.text === null || f.name.startsWith("refuse-")) continue;
    for (const line of f.text.split(/\r\n?|\n/)) {
      const t = line.trim();
      if (
        t.length >= 160 &&
        !t.startsWith("(MENAFN") &&
        !t.startsWith("MENAFN") &&
        !t.includes("without warranty") &&
        !t.includes("â€") &&
        !/^[A-Z][a-z]+, \d/.test(t)
      )
        seen.add(t);
    }
  }
  return [...seen].sort();
}

const pad = (n, w = 2) => String(n).padStart(w, "0");

/** A paragraph hard-wrapped at 76 columns, as some providers send it. */
function wrap(text) {
  const out = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > 76) {
      out.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  out.push(line);
  return out.join("\n");
}

/** One article's text, number `i`. */
export function realArticle(i, rand, pool) {
  const day = 1 + Math.floor(rand() * 28);
  const month = Math.floor(rand() * 12);
  const year = 2020 + Math.floor(rand() * 6);
  const hour = Math.floor(rand() * 24);
  const minute = Math.floor(rand() * 60);
  const weekday = WEEKDAYS[new Date(Date.UTC(year, month, day)).getUTCDay()];
  const clock = `${weekday}, ${pad(day)} ${MONTHS[month]} ${year} ${pad(hour)}:${pad(minute)} GMT`;
  const headline = HEADLINES[Math.floor(rand() * HEADLINES.length)];
  const [tag, dateline] = TAGS[Math.floor(rand() * TAGS.length)];
  const id = `MENAFN${pad(day)}${pad(month + 1)}${year}000045017640ID${String(1_100_000_000 + i).padStart(10, "0")}`;
  const target = 2000 + Math.floor(rand() * 4000);
  const shape = Math.floor(rand() * 5); // 0 seed, 1 seed with tag, 2 page template, 3 hard-wrapped, 4 CRLF template
  const body = [];
  let size = 0;
  const lead = `${tag} ${dateline ?? ""}${dateline ? " " : ""}${pool[Math.floor(rand() * pool.length)]}`;
  body.push(lead);
  size += lead.length;
  while (size < target - 700) {
    const p = pool[Math.floor(rand() * pool.length)];
    body.push(p);
    size += p.length + 2;
  }
  const wrapped = shape === 3 ? body.map(wrap) : body;
  const trailer = [id, "", "", "", "MENAFN", "", "Legal Disclaimer:", DISCLAIMER, "", "Search"];
  let lines;
  if (shape === 2 || shape === 4) {
    lines = [
      clock,
      "",
      ...NAV,
      "",
      headline,
      headline,
      `${year}-${pad(month + 1)}-${pad(day)} ${pad(hour)}:${pad(minute)}:19`,
      "",
      wrapped.join("\n\n"),
      "",
      ...trailer,
      ...LISTS,
    ];
  } else {
    lines = [clock, "", headline, "", "", wrapped.join("\n\n"), "", ...trailer];
  }
  const eol = shape === 4 ? "\r\n" : "\n";
  return `${lines.join("\n").replace(/\n/g, eol)}${eol}`;
}

/** Write `count` real-length articles under `root` (the small corpus's layout); returns the total bytes. */
export function writeRealCorpus(root, count, seed = 20, fixtures = loadFixtures()) {
  const rand = random(seed);
  const pool = paragraphs(fixtures);
  let bytes = 0;
  let dir = "";
  for (let i = 0; i < count; i++) {
    const path = corpusPath(root, i, "article");
    const here = path.slice(0, path.lastIndexOf("/"));
    if (here !== dir) mkdirSync((dir = here), { recursive: true });
    const data = Buffer.from(realArticle(i, rand, pool));
    writeFileSync(path, data);
    bytes += data.length;
  }
  return bytes;
}

/** A feed dump of at least `minBytes` of real-length articles, one after another. */
export function makeRealDump(minBytes, seed = 20, fixtures = loadFixtures()) {
  const rand = random(seed);
  const pool = paragraphs(fixtures);
  const parts = [];
  let size = 0;
  for (let i = 0; size < minBytes; i++) {
    const text = `${realArticle(i, rand, pool).replace(/\r\n?/g, "\n").trimEnd()}\n\n`;
    parts.push(text);
    size += Buffer.byteLength(text);
  }
  return Buffer.from(parts.join(""));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [root, count, seed] = process.argv.slice(2);
  if (!root || !count) throw new Error("usage: node bench/real-corpus.mjs DIR COUNT [SEED]");
  console.log(writeRealCorpus(root, Number(count), seed === undefined ? 20 : Number(seed)));
}
