import { readFileSync } from "node:fs";
import { fc, test } from "@fast-check/vitest";
import { describe, it, expect } from "vitest";
import { decode, repairMojibake } from "../src/decode.js";

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const ascii = (text: string): number[] => Array.from(text, (ch) => ch.charCodeAt(0));
const codes = (d: { diagnostics: { code: string }[] }): string[] => d.diagnostics.map((x) => x.code);

/** UTF-16 bytes with a BOM, built by hand so the test does not trust the decoder's own encoder. */
function utf16(text: string, bigEndian: boolean): Uint8Array {
  const bytes = [bigEndian ? 0xfe : 0xff, bigEndian ? 0xff : 0xfe];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const hi = unit >> 8;
    const lo = unit & 0xff;
    bytes.push(...(bigEndian ? [hi, lo] : [lo, hi]));
  }
  return Uint8Array.from(bytes);
}

/**
 * WHATWG Encoding Standard, index-windows-1252.txt: the code points of bytes 0x80–0x9F.
 * Every other byte (0x00–0x7F, 0xA0–0xFF) maps to the code point of the same value.
 */
const WHATWG_80_9F = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f, 0x0090, 0x2018, 0x2019,
  0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];
const whatwg1252 = (byte: number): number => (byte >= 0x80 && byte <= 0x9f ? WHATWG_80_9F[byte - 0x80]! : byte);

describe("decode: UTF-8 and BOMs", () => {
  it("decodes plain UTF-8 with no diagnostics", () => {
    const text = "Tuesday, 02 January 2024 12:17 GMT\n\nQatar’s “café” — 5 € 😀\n";
    const d = decode(utf8(text));
    expect(d).toEqual({ text, encoding: "utf-8", diagnostics: [] });
  });

  it("strips a UTF-8 BOM", () => {
    const d = decode(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8("Héllo\nworld")]));
    expect(d).toEqual({ text: "Héllo\nworld", encoding: "utf-8", diagnostics: [] });
  });

  it("keeps a second U+FEFF after the BOM as text", () => {
    const d = decode(Uint8Array.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x41]));
    expect(d.text).toBe("\ufeffA");
  });

  it("decodes UTF-16 LE with a BOM, surrogate pairs included", () => {
    const text = "Oman’s “café”\r\nline two 😀";
    const d = decode(utf16(text, false));
    expect(d).toEqual({ text, encoding: "utf-16le", diagnostics: [] });
  });

  it("decodes UTF-16 BE with a BOM", () => {
    const text = "Oman’s “café”\nline two 😀";
    const d = decode(utf16(text, true));
    expect(d).toEqual({ text, encoding: "utf-16be", diagnostics: [] });
  });

  it("repairs mojibake inside UTF-16 text too", () => {
    const d = decode(utf16("ok\nItâ€™s", false));
    expect(d.text).toBe("ok\nIt’s");
    expect(d.diagnostics).toMatchObject([{ code: "REPAIRED_MOJIBAKE", line: 2 }]);
  });
});

describe("decode: windows-1252", () => {
  it("falls back to windows-1252 and reports the line of the first invalid byte", () => {
    // Line breaks: LF, CRLF, lone CR; the 0x93 is on line 4.
    const bytes = Uint8Array.from([...ascii("one\ntwo\r\nthree\rHe said "), 0x93, ...ascii("yes"), 0x94, ...ascii(" and it"), 0x92, ...ascii("s done")]);
    const d = decode(bytes);
    expect(d.text).toBe("one\ntwo\r\nthree\rHe said “yes” and it’s done");
    expect(d.encoding).toBe("windows-1252");
    expect(d.diagnostics).toEqual([
      {
        code: "DECODED_LEGACY",
        severity: "warning",
        message: "the input is not valid UTF-8; decoded as windows-1252",
        line: 4,
        data: { encoding: "windows-1252" },
      },
    ]);
  });

  it("points at the lead byte of a truncated UTF-8 sequence", () => {
    // E2 is a valid start of a three-byte sequence cut short by a newline: invalid UTF-8 on line 2.
    // The valid C3 A9 before it, read as windows-1252 "Ã©", is then repaired back to "é".
    const d = decode(Uint8Array.from([...ascii("fine\n"), 0xc3, 0xa9, 0x20, 0xe2, 0x0a, ...ascii("x")]));
    expect(d.encoding).toBe("windows-1252");
    expect(d.text).toBe("fine\né â\nx");
    expect(d.diagnostics).toMatchObject([
      { code: "DECODED_LEGACY", line: 2 },
      { code: "REPAIRED_MOJIBAKE", line: 2 },
    ]);
  });

  it("reads invalid UTF-8 after a UTF-8 BOM as windows-1252", () => {
    const d = decode(Uint8Array.from([0xef, 0xbb, 0xbf, ...ascii("a"), 0x96, ...ascii("b")]));
    expect(d.text).toBe("a–b");
    expect(d.encoding).toBe("windows-1252");
  });

  it("maps all 256 bytes as the WHATWG windows-1252 index does", () => {
    const pad = ascii("padding so control bytes stay a small share ");
    const mismatches: string[] = [];
    for (let byte = 0x01; byte <= 0xff; byte++) {
      // 0xFF then a space forces windows-1252 and keeps the byte out of any mojibake run.
      const d = decode(Uint8Array.from([...pad, 0xff, 0x20, byte]));
      const expected = `${String.fromCharCode(...pad)}ÿ ${String.fromCodePoint(whatwg1252(byte))}`;
      if (d.encoding !== "windows-1252" || d.text !== expected) mismatches.push(byte.toString(16));
    }
    expect(mismatches).toEqual([]);
    // Spot checks named by the spec, so a wrong literal table above cannot hide a wrong mapping.
    const spot = (byte: number) => decode(Uint8Array.from([...pad, 0xff, 0x20, byte])).text.at(-1);
    expect([0x80, 0x82, 0x93, 0x94, 0x99, 0x9f].map(spot)).toEqual(["€", "\u201a", "“", "”", "™", "Ÿ"]);
    expect([0x81, 0x8d, 0x8f, 0x90, 0x9d].map(spot)).toEqual(["\u0081", "\u008d", "\u008f", "\u0090", "\u009d"]);
    // 0x00 cannot be decoded as text at all: a NUL byte means binary input.
    expect(codes(decode(Uint8Array.from([...pad, 0xff, 0x20, 0x00])))).toEqual(["BINARY_INPUT"]);
  });
});

describe("decode: mojibake repair", () => {
  it("repairs â€™ and reports the first repaired line", () => {
    const d = decode(utf8("Headline\n\nItâ€™s here, itâ€™s now"));
    expect(d.text).toBe("Headline\n\nIt’s here, it’s now");
    expect(d.encoding).toBe("utf-8");
    expect(d.diagnostics).toEqual([
      {
        code: "REPAIRED_MOJIBAKE",
        severity: "warning",
        message: 'repaired mojibake (UTF-8 read as windows-1252), for example "â€™" to "’"',
        line: 3,
        data: { from: "â€™", to: "’" },
      },
    ]);
  });

  it("repairs â€œ…â€\\u009d and â€œ…â€ with the closing quote's byte lost", () => {
    const d = decode(utf8("a\r\nb\r\nHe said â€œyesâ€\u009d and â€œnoâ€ and â€œmaybeâ€\ufffd."));
    expect(d.text).toBe("a\r\nb\r\nHe said “yes” and “no” and “maybe”.");
    expect(d.diagnostics).toMatchObject([{ code: "REPAIRED_MOJIBAKE", line: 3 }]);
  });

  it("repairs Ã© and TÃ¼rkiye, Ä±, Â+NBSP, â€” and Cyrillic", () => {
    const d = decode(utf8("cafÃ©\nTÃ¼rkiye\nKÄ±rÄ±kkale\n5Â\u00a0km\nwait â€” go\nÐ¿Ñ€Ð¸Ð²ÐµÑ‚"));
    expect(d.text).toBe("café\nTürkiye\nKırıkkale\n5\u00a0km\nwait — go\nпривет");
    expect(d.diagnostics).toMatchObject([{ code: "REPAIRED_MOJIBAKE", line: 1 }]);
    expect(d.diagnostics[0]!.message).toContain('"Ã©" to "é"');
  });

  it("repairs mojibake in windows-1252-decoded text, after DECODED_LEGACY", () => {
    // Mojibake saved as windows-1252: "Ã©" as the bytes C3 83 C2 A9 is not possible there, so
    // "Ã" (C3) "©" (A9) is; it is valid UTF-8 itself, and the first invalid byte is 0x93 on line 2.
    const d = decode(Uint8Array.from([...ascii("caf"), 0xc3, 0xa9, 0x0a, 0x93, ...ascii("q"), 0x94]));
    expect(d.text).toBe("café\n“q”");
    expect(d.encoding).toBe("windows-1252");
    expect(d.diagnostics).toMatchObject([
      { code: "DECODED_LEGACY", line: 2 },
      { code: "REPAIRED_MOJIBAKE", line: 1 },
    ]);
  });

  it.each([
    ["SÃO PAULO"],
    ["Ãgua e pâte à tartiner"],
    ["pâte"],
    ["Â"],
    ["the end: Ã"],
    ["Ã"],
    ["Müller, Zürich, façade, naïve, Ångström"],
    ["© 2025 ® ™ « » ± ×"],
  ])("leaves legitimate text alone: %s", (text) => {
    const d = decode(utf8(text));
    expect(d).toEqual({ text, encoding: "utf-8", diagnostics: [] });
  });

  it("treats a two-character run that is valid UTF-8 as mojibake (Â© → ©)", () => {
    expect(repairMojibake("Â© 2025")).toEqual({ text: "© 2025", repairs: 1, example: { from: "Â©", to: "©" }, firstLine: 1 });
  });

  it("refuses runs whose bytes decode to controls or are not UTF-8", () => {
    // C2 81 and C2 80 would be C1 controls; C1 81 is an overlong "A" and not valid UTF-8.
    for (const text of ["Â\u0081", "Â€", "Á\u0081"]) {
      expect(repairMojibake(text)).toEqual({ text, repairs: 0 });
    }
    // C3 81, by contrast, is "Á": windows-1252's undefined bytes take part in repairs.
    expect(repairMojibake("Ã\u0081x").text).toBe("Áx");
  });

  it("accepts exactly the runs that TextDecoder (fatal) reads as non-control UTF-8", () => {
    const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    const sequences: number[][] = [];
    for (let a = 0xc0; a <= 0xff; a++) for (let b = 0x80; b <= 0xff; b++) sequences.push([a, b]);
    for (let a = 0xe0; a <= 0xef; a++) for (let b = 0x80; b <= 0xc0; b++) for (const c of [0x80, 0x9d, 0xbf, 0xc0]) sequences.push([a, b, c]);
    for (let a = 0xf0; a <= 0xf7; a++) for (let b = 0x80; b <= 0xc0; b++) sequences.push([a, b, 0x80, 0x80], [a, b, 0xbf, 0xbf]);
    const wrong: string[] = [];
    for (const bytes of sequences) {
      const run = String.fromCodePoint(...bytes.map(whatwg1252));
      let expected = run;
      try {
        const out = strict.decode(Uint8Array.from(bytes));
        if ([...out].every((ch) => ch.codePointAt(0)! >= 0xa0)) expected = out;
      } catch {
        // Not UTF-8: stays as it is, except for "â€", the closing quote with its last byte lost.
        if (run === "â€") expected = "”";
      }
      if (repairMojibake(` ${run} `).text !== ` ${expected} `) wrong.push(bytes.map((x) => x.toString(16)).join(" "));
    }
    expect(sequences.length).toBeGreaterThan(10_000);
    expect(wrong).toEqual([]);
  });

  it("counts repaired runs and reports the first", () => {
    const r = repairMojibake("x\ry\nTÃ¼rkiye and Ã©tÃ©");
    expect(r).toEqual({ text: "x\ry\nTürkiye and été", repairs: 3, example: { from: "Ã¼", to: "ü" }, firstLine: 3 });
  });

  it("returns the same text when there is nothing to repair", () => {
    expect(repairMojibake("plain ASCII text")).toEqual({ text: "plain ASCII text", repairs: 0 });
    expect(repairMojibake("")).toEqual({ text: "", repairs: 0 });
  });
});

describe("decode: binary and empty input", () => {
  it("refuses NUL bytes with BINARY_INPUT and no text", () => {
    const d = decode(Uint8Array.from([...ascii("XY"), 0x03, 0x04, 0x00, 0x00, ...ascii("some text after")]));
    expect(d).toEqual({
      text: "",
      encoding: "utf-8",
      diagnostics: [
        {
          code: "BINARY_INPUT",
          severity: "error",
          message: "the input looks binary (NUL byte at offset 4), not text",
          line: null,
          data: { detail: "NUL byte at offset 4" },
        },
      ],
    });
  });

  it("refuses input that is mostly control characters", () => {
    // A fixed pseudo-random sequence of bytes 0x01–0x1F, so the test is repeatable.
    const bytes = new Uint8Array(4096);
    let seed = 12345;
    for (let i = 0; i < bytes.length; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      bytes[i] = i % 3 === 0 ? 0x41 : 1 + (seed % 0x1f);
    }
    const d = decode(bytes);
    expect(d.text).toBe("");
    expect(codes(d)).toEqual(["BINARY_INPUT"]);
    expect(d.diagnostics[0]!.severity).toBe("error");
  });

  test.prop([fc.array(fc.oneof(fc.integer({ min: 1, max: 0x1f }), fc.constant(0x7f), fc.integer({ min: 0x20, max: 0xff })), { maxLength: 300 }), fc.nat(7)], {
    numRuns: 500,
  })("counts control bytes exactly, wherever the bytes sit in their buffer (they are tested four at a time)", (body, offset) => {
    // An "a" first: no signature or BOM decides before the count does.
    const values = [0x61, ...body];
    const bytes = new Uint8Array(values.length + offset).subarray(offset);
    bytes.set(values);
    const count = values.filter((c) => (c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0x7f).length;
    const refused = decode(bytes).diagnostics.find((d) => d.code === "BINARY_INPUT");
    expect(refused?.message ?? null).toEqual(
      count * 10 > values.length ? expect.stringContaining(`${count} control characters in the first ${values.length}`) : null,
    );
  });

  it("accepts a few control characters and form feeds in text", () => {
    const text = "Page one\fPage two\twith tab\u001b and one escape in a long enough line of ordinary text";
    expect(decode(utf8(text))).toEqual({ text, encoding: "utf-8", diagnostics: [] });
  });

  it("refuses UTF-16 input whose decoded text holds NULs", () => {
    const d = decode(utf16("abc\u0000def", false));
    expect(d.text).toBe("");
    expect(d.encoding).toBe("utf-16le");
    expect(codes(d)).toEqual(["BINARY_INPUT"]);
  });

  it("treats UTF-16 without a BOM as binary", () => {
    const d = decode(utf16("Hello, world", false).subarray(2));
    expect(codes(d)).toEqual(["BINARY_INPUT"]);
    expect(d.text).toBe("");
  });

  it("returns empty text and no diagnostics for empty input", () => {
    expect(decode(new Uint8Array(0))).toEqual({ text: "", encoding: "utf-8", diagnostics: [] });
  });
});

describe("decode: large input", () => {
  it("decodes 5 MB of mixed UTF-8 text and repairs mojibake on its last line", () => {
    const paragraph = "Qatar’s “café” sector — Türkiye, São Paulo, naïve, 5 € — grew 😀 in 2025.\n";
    const lines = Math.ceil((5 * 1024 * 1024) / utf8(paragraph).length);
    const clean = paragraph.repeat(lines);
    const d = decode(utf8(`${clean}Itâ€™s done`));
    expect(d.text.length).toBe(clean.length + "It’s done".length);
    expect(d.text.startsWith(paragraph + paragraph)).toBe(true);
    expect(d.text.endsWith("’s done")).toBe(true);
    expect(d.text.slice(0, clean.length) === clean).toBe(true);
    expect(d.diagnostics).toMatchObject([{ code: "REPAIRED_MOJIBAKE", line: lines + 1 }]);
  });

  it("decodes 5 MB of windows-1252 bytes", () => {
    const line = [...ascii("He said "), 0x93, ...ascii("yes"), 0x94, ...ascii(" at 5 "), 0x80, ...ascii(" caf"), 0xe9, 0x0a];
    const count = Math.ceil((5 * 1024 * 1024) / line.length);
    const bytes = new Uint8Array(line.length * count);
    for (let i = 0; i < count; i++) bytes.set(line, i * line.length);
    const d = decode(bytes);
    expect(d.encoding).toBe("windows-1252");
    // Compared as a boolean: a failing toBe on two 5 MB strings spends minutes on the diff.
    expect(d.text.length).toBe(26 * count);
    expect(d.text === "He said “yes” at 5 € café\n".repeat(count)).toBe(true);
    expect(d.diagnostics).toMatchObject([{ code: "DECODED_LEGACY", line: 1 }]);
  });
});

describe("decode: encoding fixtures", () => {
  const fixture = (name: string) => decode(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));

  it("encoding-windows-1252.txt decodes with curly quotes and DECODED_LEGACY on the headline", () => {
    const d = fixture("encoding-windows-1252.txt");
    expect(d.encoding).toBe("windows-1252");
    expect(d.text.split("\n")[2]).toBe("Qatar’s central bank keeps key rates unchanged");
    expect(d.text).toContain("“consistent with the current monetary stance”");
    expect(d.diagnostics).toMatchObject([{ code: "DECODED_LEGACY", line: 3 }]);
  });

  it("encoding-mojibake.txt is repaired", () => {
    const d = fixture("encoding-mojibake.txt");
    expect(d.encoding).toBe("utf-8");
    expect(d.text.split("\n")[2]).toBe("Türkiye’s exports reach record high in November");
    expect(d.text).toContain("“Our exporters have once again shown their resilience,”");
    expect(d.text).not.toMatch(/[ÃÂâ]/);
    expect(d.diagnostics).toMatchObject([{ code: "REPAIRED_MOJIBAKE", line: 3 }]);
  });

  it("encoding-utf16le-bom.txt decodes as UTF-16 LE", () => {
    const d = fixture("encoding-utf16le-bom.txt");
    expect(d.encoding).toBe("utf-16le");
    expect(d.text.startsWith("Monday, 08 December 2025 07:30 GMT\n\nOman’s tourism revenue")).toBe(true);
    expect(d.diagnostics).toEqual([]);
  });
});
