// Pathological inputs for the parser: each should parse in well under a second, in time linear
// in its size. For each input, prints the parse time and MB/s at full size, and the time ratio
// against the same input at half size measured in the same run (about 2 when linear, 4 when
// quadratic). Run `npm run build` first. No assertions: timings belong in benchmarks, not tests.
import { parse } from "../dist/index.js";

const TS = "Thursday, 27 November 2025 10:30 GMT";
const ID = "MENAFN27112025000045017640ID1110406018";
const DISCLAIMER = "Legal Disclaimer:\nMENAFN provides the information “as is” without warranty of any kind.";
const article = (body) => `${TS}\n\nHeadline of the pathological article\n\n${body}\n\n${ID}\n\nMENAFN\n\n${DISCLAIMER}\n`;

/** Each case: a name, its full size n, and a function that builds the input for a size. */
const CASES = [
  ["10 MB single line", 2_000_000, (n) => "word ".repeat(n)],
  ["10 MB single line, tag first", 2_000_000, (n) => `(MENAFN) ${"word ".repeat(n)}`],
  ["1,000,000 blank lines", 1_000_000, (n) => "\n".repeat(n)],
  ["1,000,000 blank lines inside an article", 1_000_000, (n) => article(`(MENAFN) Lead.${"\n".repeat(n)}More text.`)],
  ["100,000 tags on one line", 100_000, (n) => article("(MENAFN) ".repeat(n))],
  ["100,000 tag lines", 100_000, (n) => article("(MENAFN- Trend) Lead text.\n".repeat(n))],
  ["100,000 unclosed tags", 100_000, (n) => article("(MENAFN- x ".repeat(n))],
  ["tag nested 100,000 deep", 100_000, (n) => article(`(MENAFN- ${"(".repeat(n)}KUNA${")".repeat(n)}) Lead.`)],
  ["tag nested 100,000 deep, unclosed", 100_000, (n) => article(`(MENAFN- ${"(".repeat(n)}KUNA Lead.`)],
  ["200,000 repeated ID lines", 200_000, (n) => article(`(MENAFN) Lead.\n${`${ID}\n`.repeat(n)}`)],
  ["200,000 malformed ID lines", 200_000, (n) => article(`(MENAFN) Lead.\n${"MENAFN123ID\n".repeat(n)}`)],
  ["100,000 junk lines after the body", 100_000, (n) => article(`(MENAFN) Lead.\n${"Search\n".repeat(n)}`)],
  ["100,000 timestamp lines", 100_000, (n) => `${TS}\n`.repeat(n)],
  ["100,000 timestamp lines, blank-separated", 100_000, (n) => `${TS}\n\n\n`.repeat(n)],
  ["100,000 headline/tag pairs after an end", 100_000, (n) => article("(MENAFN) Lead.") + "Headline\n(MENAFN) x\n".repeat(n)],
  ["10,000 articles back to back", 10_000, (n) => article("(MENAFN) Lead.").repeat(n)],
  ["100,000 disclaimer headings", 100_000, (n) => article(`(MENAFN) Lead.\n${"Legal Disclaimer:\n".repeat(n)}`)],
  ["disclaimer wrapped over 200,000 lines", 200_000, (n) => article(`(MENAFN) Lead.\n${ID}\nLegal Disclaimer:\n${"  wrapped text\n".repeat(n)}`)],
  ["200,000 hard-wrapped body lines", 200_000, (n) => article(`(MENAFN) ${"a wrapped line of prose that runs to about sixty columns\n".repeat(n)}`)],
  ["200,000 lone CRs", 200_000, (n) => article(`(MENAFN) Lead.${"\r".repeat(n)}`)],
  ["5 MB of mojibake", 700_000, (n) => article(`(MENAFN) ${"Ã¼â€™ ".repeat(n)}`)],
  // Each article's repair is found with a cursor, not a search per article (that was quadratic).
  ["20,000 articles, mojibake in each", 20_000, (n) => article("(MENAFN) Itâ€™s the lead.").repeat(n)],
];

/** The fastest of three parses, in ms: the minimum filters out garbage-collection pauses. */
function time(bytes) {
  let best = Infinity;
  let result;
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    result = parse(bytes);
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, result };
}

const encode = (text) => new TextEncoder().encode(text);
const pad = (s, n) => String(s).padEnd(n);
console.log(`${pad("input", 44)}${pad("MB", 8)}${pad("ms", 9)}${pad("MB/s", 9)}${pad("×2 size", 9)}records/diagnostics`);
for (const [name, n, build] of CASES) {
  const half = time(encode(build(Math.floor(n / 2))));
  const bytes = encode(build(n));
  const { ms, result } = time(bytes);
  const mb = bytes.length / 1e6;
  const ratio = `×${(ms / Math.max(half.ms, 0.01)).toFixed(1)}`;
  console.log(
    `${pad(name, 44)}${pad(mb.toFixed(2), 8)}${pad(ms.toFixed(1), 9)}${pad((mb / (ms / 1000)).toFixed(1), 9)}${pad(ratio, 9)}${result.records.length}/${result.diagnostics.length}`,
  );
}
