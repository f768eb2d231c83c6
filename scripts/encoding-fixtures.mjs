// Writes the encoding fixtures byte by byte, so that their bytes are exact and reproducible:
//   node scripts/encoding-fixtures.mjs
import { writeFileSync } from "node:fs";

const DISCLAIMER =
  "MENAFN provides the information “as is” without warranty of any kind. We do not accept any responsibility or liability for the accuracy, content, images, videos, licenses, completeness, legality, or reliability of the information contained in this article. If you have any complaints or copyright issues related to this article, kindly contact the provider above.";

const article = (timestamp, headline, paragraphs, id) =>
  [timestamp, "", headline, "", "", paragraphs.join("\n\n"), "", id, "", "", "", "MENAFN", "", "Legal Disclaimer:", DISCLAIMER, ""].join("\n");

const windows1252 = article(
  "Wednesday, 03 December 2025 09:41 GMT",
  "Qatar’s central bank keeps key rates unchanged",
  [
    "(MENAFN) Qatar’s central bank kept its key interest rates unchanged on Tuesday, citing stable inflation and steady growth in the non-oil economy.",
    "The bank said in a statement that the decision was “consistent with the current monetary stance” and that it would continue to monitor global conditions closely.",
    "Analysts said the move was widely expected — the bank’s policy has tracked that of the US Federal Reserve for years.",
  ],
  "MENAFN03122025000045017652ID1110412873",
);

const mojibake = article(
  "Friday, 05 December 2025 14:05 GMT",
  "Türkiye’s exports reach record high in November",
  [
    "(MENAFN) Türkiye’s exports rose to a record high in November, the trade ministry said on Thursday, driven by strong demand for automotive and textile products.",
    "“Our exporters have once again shown their resilience,” the trade minister said, adding that the government expects annual exports to exceed last year’s total.",
    "Shipments to the European Union — the country’s largest market — grew by 6 percent, while exports to the Middle East were broadly flat.",
  ],
  "MENAFN05122025000045017659ID1110419204",
);

const utf16 = article(
  "Monday, 08 December 2025 07:30 GMT",
  "Oman’s tourism revenue climbs as visitor numbers rise",
  [
    "(MENAFN) Oman’s tourism revenue climbed sharply in the first ten months of the year, according to official figures released on Sunday.",
    "Hotels in Muscat reported occupancy above 70 percent, and the ministry said it expects “another strong season” for the café and heritage sectors.",
  ],
  "MENAFN08122025000045017663ID1110423517",
);

const CP1252 = { "’": 0x92, "“": 0x93, "”": 0x94, "—": 0x97 };

function toWindows1252(text) {
  return Buffer.from(
    Array.from(text, (ch) => {
      const code = ch.codePointAt(0);
      if (code < 0x80) return code;
      if (CP1252[ch] === undefined) throw new Error(`no windows-1252 byte for ${ch}`);
      return CP1252[ch];
    }),
  );
}

// UTF-8 read as windows-1252 (WHATWG: undefined bytes become C1 controls) and saved again as UTF-8.
const WIN_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";
const asWindows1252 = (byte) => (byte >= 0x80 && byte < 0xa0 ? WIN_HIGH[byte - 0x80] : String.fromCharCode(byte));
const toMojibake = (text) => Array.from(Buffer.from(text, "utf8"), asWindows1252).join("");

writeFileSync("fixtures/encoding-windows-1252.txt", toWindows1252(windows1252));
writeFileSync("fixtures/encoding-mojibake.txt", Buffer.from(toMojibake(mojibake), "utf8"));
writeFileSync("fixtures/encoding-utf16le-bom.txt", Buffer.from(`\ufeff${utf16}`, "utf16le"));
