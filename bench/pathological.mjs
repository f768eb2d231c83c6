// Pathological inputs for the parser: each should parse in well under a second.
// Prints parse time and MB/s per input; run `npm run build` first. No assertions here:
// timings belong in benchmarks, not tests.
import { parse } from "../dist/index.js";

const TS = "Thursday, 27 November 2025 10:30 GMT";
const ID = "MENAFN27112025000045017640ID1110406018";
const DISCLAIMER = "Legal Disclaimer:\nMENAFN provides the information “as is” without warranty of any kind.";
const article = (body) => `${TS}\n\nHeadline of the pathological article\n\n${body}\n\n${ID}\n\nMENAFN\n\n${DISCLAIMER}\n`;

/** Each case: a name and a function that builds its input text. */
const CASES = [
  ["10 MB single line", () => "word ".repeat(2_000_000)],
  ["10 MB single line, tag first", () => `(MENAFN) ${"word ".repeat(2_000_000)}`],
  ["1,000,000 blank lines", () => "\n".repeat(1_000_000)],
  ["1,000,000 blank lines inside an article", () => article(`(MENAFN) Lead.${"\n".repeat(1_000_000)}More text.`)],
  ["100,000 tags on one line", () => article("(MENAFN) ".repeat(100_000))],
  ["100,000 tag lines", () => article("(MENAFN- Trend) Lead text.\n".repeat(100_000))],
  ["100,000 unclosed tags", () => article("(MENAFN- x ".repeat(100_000))],
  ["tag nested 100,000 deep", () => article(`(MENAFN- ${"(".repeat(100_000)}KUNA${")".repeat(100_000)}) Lead.`)],
  ["tag nested 100,000 deep, unclosed", () => article(`(MENAFN- ${"(".repeat(100_000)}KUNA Lead.`)],
  ["200,000 repeated ID lines", () => article(`(MENAFN) Lead.\n${`${ID}\n`.repeat(200_000)}`)],
  ["200,000 malformed ID lines", () => article(`(MENAFN) Lead.\n${"MENAFN123ID\n".repeat(200_000)}`)],
  ["100,000 junk lines after the body", () => article(`(MENAFN) Lead.\n${"Search\n".repeat(100_000)}`)],
  ["100,000 timestamp lines", () => `${TS}\n`.repeat(100_000)],
  ["100,000 timestamp lines, blank-separated", () => `${TS}\n\n\n`.repeat(100_000)],
  ["100,000 articles back to back", () => article("(MENAFN) Lead.").repeat(100_000)],
  ["100,000 disclaimer headings", () => article(`(MENAFN) Lead.\n${"Legal Disclaimer:\n".repeat(100_000)}`)],
  ["disclaimer wrapped over 200,000 lines", () => article(`(MENAFN) Lead.\n${ID}\nLegal Disclaimer:\n${"  wrapped text\n".repeat(200_000)}`)],
  ["200,000 hard-wrapped body lines", () => article(`(MENAFN) ${"a wrapped line of prose that runs to about sixty columns\n".repeat(200_000)}`)],
  ["200,000 lone CRs", () => article(`(MENAFN) Lead.${"\r".repeat(200_000)}`)],
  ["5 MB of mojibake", () => article(`(MENAFN) ${"Ã¼â€™ ".repeat(700_000)}`)],
];

const pad = (s, n) => String(s).padEnd(n);
console.log(`${pad("input", 44)}${pad("MB", 8)}${pad("ms", 10)}${pad("MB/s", 10)}records/diagnostics`);
for (const [name, build] of CASES) {
  const text = build();
  const bytes = new TextEncoder().encode(text);
  const mb = bytes.length / 1e6;
  const t0 = performance.now();
  const result = parse(bytes);
  const ms = performance.now() - t0;
  console.log(`${pad(name, 44)}${pad(mb.toFixed(2), 8)}${pad(ms.toFixed(1), 10)}${pad((mb / (ms / 1000)).toFixed(1), 10)}${result.records.length}/${result.diagnostics.length}`);
}
