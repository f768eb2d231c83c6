/**
 * windows-1252 and its mojibake: the WHATWG table, a strict UTF-8 walker, and the repair of
 * UTF-8 text once mis-decoded as windows-1252. Pure; used by decode.ts.
 */

/**
 * The WHATWG windows-1252 index for bytes 0x80–0x9F; every other byte is the code point of the
 * same value. Node 20's TextDecoder("windows-1252") maps 0x80–0x9F to C1 controls, so we map them
 * ourselves. The five undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 control of the
 * same value, as WHATWG says: that is what browsers produce and what the mojibake we repair holds.
 * tests/decode.test.ts checks all 256 bytes against the WHATWG index.
 */
export const CP1252_80_9F = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f, 0x0090, 0x2018, 0x2019,
  0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

/** Code unit → its windows-1252 byte, for the "high" repertoire (bytes 0x80–0xFF) only; 0 = not in it. */
const CP1252_BYTE = new Uint8Array(0x10000);
for (let b = 0x80; b <= 0xff; b++) CP1252_BYTE[b >= 0xa0 ? b : (CP1252_80_9F[b - 0x80] ?? b)] = b;

const isHigh = (c: number): boolean => CP1252_BYTE[c] !== 0;

/**
 * A UTF-8 lead byte (C2–F4, read as Â…ô) followed by another character of that repertoire: where
 * every repairable run starts. Searching for it with the regex engine is several times faster than
 * a loop over every character, and a range is faster to match than the whole repertoire.
 */
// The second class is the repertoire: U+00A0–U+00FF and CP1252_80_9F above (a literal, so that
// tests/regex-safety.test.ts can check it).
const LEAD_PAIR =
  /[\u00c2-\u00f4][\u00a0-\u00ff\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178]/g;

/**
 * Walks UTF-8 by the rules TextDecoder applies (no overlongs, surrogates or code points past
 * U+10FFFF), handing each code point to `onChar`; returns the offset of the first malformed
 * sequence, or -1. TextDecoder cannot say where it failed, and throwing per mojibake run is slow.
 */
export function walkUtf8(length: number, byteAt: (i: number) => number, onChar: (cp: number) => void): number {
  for (let i = 0; i < length; ) {
    const c = byteAt(i);
    let need: number,
      cp: number,
      lo = 0x80,
      hi = 0xbf;
    if (c < 0x80) {
      onChar(c);
      i++;
      continue;
    }
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      cp = c & 0x0f;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      cp = c & 0x07;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const d = i + k < length ? byteAt(i + k) : -1;
      if (d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    onChar(cp);
    i += need + 1;
  }
  return -1;
}

/** 1-based line of position `at`, counting LF, CRLF and lone CR as one break each. */
export function lineAt(at: number, code: (i: number) => number): number {
  let line = 1;
  for (let i = 0; i < at; i++) {
    const c = code(i);
    if (c === 10 || (c === 13 && code(i + 1) !== 10)) line++;
  }
  return line;
}

/** A UTF-8 lead byte (C2–F4) read as windows-1252 is one of Â…ô; without one there is nothing to repair. */
export const MOJIBAKE_LEAD = /[\u00c2-\u00f4]/;
/** MOJIBAKE_LEAD, global: to find every lead in a whole text by one search (reset lastIndex first). */
export const MOJIBAKE_LEADS = /[\u00c2-\u00f4]/g;

/** UTF-8 lead bytes of the repertoire: C2/C3 (U+00A0–U+00FF, C1), C5, C6, CB and E2 (CP1252_80_9F). */
const REPERTOIRE_LEAD = new Uint8Array(256);
for (const b of [0xc2, 0xc3, 0xc5, 0xc6, 0xcb, 0xe2]) REPERTOIRE_LEAD[b] = 1;

/**
 * Whether UTF-8 bytes can hold mojibake to repair: every repair starts with a LEAD_PAIR, whose
 * first character (Â…ô) is C3 82–C3 B4 in UTF-8 and whose second opens with a REPERTOIRE_LEAD
 * byte. Buffer-style indexOf finds C3 natively, so clean input skips the regex test per line.
 */
export function mayHoldMojibake(bytes: Uint8Array): boolean {
  for (let i = bytes.indexOf(0xc3); i >= 0; i = bytes.indexOf(0xc3, i + 1)) {
    const b = bytes[i + 1] ?? 0;
    if (b >= 0x82 && b <= 0xb4 && REPERTOIRE_LEAD[bytes[i + 2] ?? 0] === 1) return true;
  }
  return false;
}

/** Repair UTF-8-read-as-windows-1252 mojibake where unambiguous; returns the text and what changed. */
export function repairMojibake(text: string): { text: string; repairs: number; example?: { from: string; to: string }; firstLine?: number } {
  if (!MOJIBAKE_LEAD.test(text)) return { text, repairs: 0 };
  const parts: string[] = [];
  let copied = 0,
    repairs = 0,
    example: { from: string; to: string } | undefined,
    firstLine: number | undefined;
  // Runs are the maximal stretches of repertoire characters; only one that opens with a lead
  // byte can be UTF-8, and the scan looks only for those.
  LEAD_PAIR.lastIndex = 0;
  for (let m = LEAD_PAIR.exec(text); m !== null; m = LEAD_PAIR.exec(text)) {
    const start = m.index;
    let end = start + 2;
    while (end < text.length && isHigh(text.charCodeAt(end))) end++;
    LEAD_PAIR.lastIndex = end;
    // A repertoire character before the match means the run opened with a non-lead byte: not UTF-8.
    if (start > 0 && isHigh(text.charCodeAt(start - 1))) continue;
    let to = reencode(text, start, end, false);
    // "â€" is E2 80; a third byte that survived the round trip would still be here, so it was one of
    // windows-1252's undefined bytes, dropped or turned into U+FFFD; in news text that is ” (9D).
    if (to === undefined && text.charCodeAt(end - 2) === 0xe2 && text.charCodeAt(end - 1) === 0x20ac) {
      to = reencode(text, start, end, true);
      if (to !== undefined && text.charCodeAt(end) === 0xfffd) LEAD_PAIR.lastIndex = end = end + 1;
    }
    if (to === undefined) continue;
    if (repairs++ === 0) {
      example = { from: text.slice(start, end), to };
      firstLine = lineAt(start, (k) => text.charCodeAt(k));
    }
    parts.push(text.slice(copied, start), to);
    copied = end;
  }
  if (repairs === 0) return { text, repairs };
  parts.push(text.slice(copied));
  return { text: parts.join(""), repairs, example, firstLine };
}

/** The run's windows-1252 bytes read as UTF-8, if they are valid and hold only non-ASCII, non-control characters. */
function reencode(text: string, start: number, end: number, closingQuote: boolean): string | undefined {
  let out = "";
  let plain = true;
  const byteAt = (k: number): number => (start + k < end ? (CP1252_BYTE[text.charCodeAt(start + k)] ?? 0) : 0x9d);
  const bad = walkUtf8(end - start + (closingQuote ? 1 : 0), byteAt, (cp) => {
    if (cp < 0xa0) plain = false;
    out += String.fromCodePoint(cp);
  });
  return bad < 0 && plain ? out : undefined;
}
