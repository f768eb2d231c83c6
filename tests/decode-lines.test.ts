import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decode, decodeUnrepaired, repairLines } from "../src/decode.js";
import { splitLines } from "../src/parse/lines.js";

const FIXTURES = new URL("../fixtures/", import.meta.url);
const enc = new TextEncoder();

/** What parse() does for bytes: decode without repair, split, repair line by line. */
function byLines(bytes: Uint8Array): { lines: string[]; diagnostics: unknown[] } {
  const d = decodeUnrepaired(bytes);
  const lines = splitLines(d.text);
  // decode() reports the first repair; repairLines() one per repaired line.
  const repaired = repairLines(lines);
  return { lines, diagnostics: [...d.diagnostics, ...repaired.slice(0, 1)] };
}

describe("repairing line by line (parse) gives decode()'s text and diagnostics", () => {
  const inputs: Array<[string, Uint8Array]> = readdirSync(FIXTURES)
    .filter((n) => n.endsWith(".txt"))
    .map((n) => [n, readFileSync(new URL(n, FIXTURES))]);
  inputs.push(
    ["mojibake on several lines, CRLF", enc.encode("a\r\nItâ€™s\r\n\r\ncafÃ© â€ x\rÂ\u00a0y\n")],
    ["windows-1252 with mojibake", Uint8Array.from([0x41, 0x0a, 0xc3, 0xa2, 0xe2, 0x82, 0xac, 0xe2, 0x84, 0xa2, 0x0a, 0xff, 0x0a])],
  );
  it.each(inputs)("%s", (_, bytes) => {
    const whole = decode(bytes);
    const lines = byLines(bytes);
    if (whole.diagnostics.some((d) => d.severity === "error")) return;
    expect(lines.lines).toEqual(splitLines(whole.text));
    expect(lines.diagnostics).toEqual(whole.diagnostics);
  });

  // parse() passes the decoded text so that one search finds the lines to repair (LF-only text).
  it.each([...inputs, ["mojibake on LF lines, a BOM", enc.encode("\ufeffItâ€™s\n\ncafÃ© Ã©tÃ© â€ x\nÂ\u00a0y\nplain\nÃ©")] as [string, Uint8Array]])(
    "%s: found by one search of the text",
    (_, bytes) => {
      const d = decodeUnrepaired(bytes);
      const each = splitLines(d.text);
      const searched = splitLines(d.text);
      expect(repairLines(searched, d.text)).toEqual(repairLines(each));
      expect(searched).toEqual(each);
    },
  );
});
