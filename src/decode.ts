/**
 * Bytes to text. A BOM decides; otherwise strict UTF-8; otherwise windows-1252.
 * Binary input is refused, and UTF-8 that was once mis-read as windows-1252
 * (mojibake) is repaired where the repair is unambiguous.
 */
import { error, warning, type Diagnostic } from "./diagnostics.js";
import { CP1252_80_9F, lineAt, MOJIBAKE_LEAD, MOJIBAKE_LEADS, repairMojibake, walkUtf8 } from "./mojibake.js";
import type { Encoding } from "./schema.js";
import { sniff } from "./sniff.js";

export { mayHoldMojibake, repairMojibake } from "./mojibake.js";

export interface Decoded {
  text: string;
  encoding: Encoding;
  diagnostics: Diagnostic[];
}

const utf16 = new TextDecoder("utf-16le");

function decode1252(bytes: Uint8Array): string {
  // One UTF-16 code unit per byte, then one native decode: no per-character string building.
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    units[i] = b >= 0x80 && b <= 0x9f ? (CP1252_80_9F[b - 0x80] ?? b) : b;
  }
  return utf16.decode(units);
}

const utf8Strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const SAMPLE = 64 * 1024;

/** Decode input bytes to text, reporting what was done as diagnostics. */
export function decode(bytes: Uint8Array): Decoded {
  const decoded = decodeUnrepaired(bytes);
  if (decoded.diagnostics.some((d) => d.severity === "error")) return decoded;
  const repaired = repairMojibake(decoded.text);
  if (repaired.example) {
    decoded.diagnostics.push(warning("REPAIRED_MOJIBAKE", repaired.firstLine ?? null, repaired.example));
  }
  return { ...decoded, text: repaired.text };
}

/**
 * `decode` without the mojibake repair, for callers that repair line by line (`repairLines`):
 * on a large input that spares a copy of the whole text.
 */
export function decodeUnrepaired(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { text: "", encoding: "utf-8", diagnostics: [] };
  const wrongKind = sniff(bytes);
  if (wrongKind) return { text: "", encoding: "utf-8", diagnostics: [wrongKind] };
  const utf16 = bom16(bytes);
  if (utf16) {
    const text = new TextDecoder(utf16, { ignoreBOM: true }).decode(bytes.subarray(2));
    const binary = binaryText(text);
    if (binary) return refuse(utf16, binary);
    return { text, encoding: utf16, diagnostics: [] };
  }
  const binary = binaryBytes(bytes);
  if (binary) return refuse("utf-8", binary);
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    return { text: utf8Strict.decode(body), encoding: "utf-8", diagnostics: [] };
  } catch {
    // A UTF-8 BOM followed by invalid UTF-8 is still read as windows-1252: the BOM was a lie.
    const bad = walkUtf8(
      body.length,
      (i) => body[i] ?? 0,
      () => {},
    );
    const line = bad < 0 ? 1 : lineAt(bad, (i) => body[i] ?? 0);
    return { text: decode1252(body), encoding: "windows-1252", diagnostics: [warning("DECODED_LEGACY", line, { encoding: "windows-1252" })] };
  }
}

/**
 * Repair mojibake in place in the lines of a text, as `decode` does for the whole text; returns
 * one REPAIRED_MOJIBAKE warning per repaired line (so that each article of a feed dump can carry
 * its own). A repairable run never holds a line break (they are ASCII), so line by line gives the
 * same text, and a repair's line is its index + 1.
 */
export function repairLines(lines: string[], text?: string): Diagnostic[] {
  const repairs: Diagnostic[] = [];
  const repairAt = (i: number): void => {
    const repaired = repairMojibake(lines[i] ?? "");
    if (repaired.repairs === 0 || !repaired.example) return;
    lines[i] = repaired.text;
    repairs.push(warning("REPAIRED_MOJIBAKE", i + 1, repaired.example));
  };
  if (text !== undefined && !text.includes("\r")) {
    // `lines` split from `text` at LF only: find the lines holding a lead character by one search of
    // the whole text instead of a regex call per line; a line's offset is the sum of the lengths before.
    const lead = MOJIBAKE_LEADS;
    lead.lastIndex = 0;
    let i = 0;
    let start = text.charCodeAt(0) === 0xfeff ? 1 : 0; // splitLines drops a BOM
    for (let m = lead.exec(text); m !== null && i < lines.length; m = lead.exec(text)) {
      while (i < lines.length && start + (lines[i] ?? "").length < m.index) start += (lines[i++] ?? "").length + 1;
      if (i >= lines.length) break;
      const end = start + (lines[i] ?? "").length;
      repairAt(i);
      // the rest of this line is done: go on after its end
      lead.lastIndex = end;
      start = end + 1;
      i++;
    }
    return repairs;
  }
  for (let i = 0; i < lines.length; i++) if (MOJIBAKE_LEAD.test(lines[i] ?? "")) repairAt(i);
  return repairs;
}

function bom16(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return undefined;
}

function refuse(encoding: Encoding, detail: string): Decoded {
  return { text: "", encoding, diagnostics: [error("BINARY_INPUT", null, { detail })] };
}

/** C0 controls other than \t \n \f \r, and DEL: rare in text, common in binary files. */
const isControl = (c: number): boolean => (c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0x7f;

function controlDetail(count: number, sampled: number): string | undefined {
  return count * 10 > sampled ? `${count} control characters in the first ${sampled}` : undefined;
}

function binaryBytes(bytes: Uint8Array): string | undefined {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return `NUL byte at offset ${nul}`;
  const n = Math.min(bytes.length, SAMPLE);
  return controlDetail(controlBytes(bytes, n), n);
}

/** 1 for the bytes `isControl` counts. */
const CONTROL = Uint8Array.from({ length: 256 }, (_, c) => (isControl(c) ? 1 : 0));

function controlsIn(bytes: Uint8Array, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) count += CONTROL[bytes[i] as number] as number;
  return count;
}

/**
 * How many of the first `n` bytes are controls (`isControl`). Text has a line break every few
 * dozen bytes and nothing else below 0x20, so four bytes are tested at a time, and only a word
 * that holds a byte under 0x20 or a DEL is counted byte by byte (a byte run once per input byte,
 * it was ~3 % of a batch's CPU time).
 */
function controlBytes(bytes: Uint8Array, n: number): number {
  const start = Math.min(n, (4 - (bytes.byteOffset & 3)) & 3);
  const words = (n - start) >>> 2;
  if (words === 0) return controlsIn(bytes, 0, n);
  let count = controlsIn(bytes, 0, start);
  const view = new Uint32Array(bytes.buffer, bytes.byteOffset + start, words);
  for (let k = 0; k < words; k++) {
    const x = view[k] as number;
    const del = x ^ 0x7f7f7f7f;
    // Some byte of x is under 0x20, or some byte of del is zero (x held 0x7f): exact tests, whatever the other bytes.
    if ((((x - 0x20202020) & ~x) | ((del - 0x01010101) & ~del)) & 0x80808080) count += controlsIn(bytes, start + 4 * k, start + 4 * k + 4);
  }
  return count + controlsIn(bytes, start + 4 * words, n);
}

function binaryText(text: string): string | undefined {
  const nul = text.indexOf("\0");
  if (nul >= 0) return `NUL character at index ${nul}`;
  const n = Math.min(text.length, SAMPLE);
  let count = 0;
  for (let i = 0; i < n; i++) if (isControl(text.charCodeAt(i))) count++;
  return controlDetail(count, n);
}

/** How many bytes at the end of `bytes` start a UTF-8 sequence that is not complete yet (0–3). */
function incompleteTail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const c = bytes[bytes.length - back] ?? 0;
    if (c < 0x80) return 0;
    if (c >= 0xc0) {
      const size = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      return size > back ? back : 0;
    }
  }
  return 0;
}

/** What one chunk of a stream decoded to. */
export interface DecodedChunk {
  text: string;
  /** A whole-input problem (binary input): nothing more is decoded. */
  refused?: Diagnostic;
  /** The byte offset in this chunk where invalid UTF-8 switched the rest of the input to windows-1252. */
  legacyAt?: number;
}

/**
 * `decodeUnrepaired` for an input that comes in chunks (a large feed dump, standard input), with
 * the same decisions made as early as they can be: a BOM decides; the first chunk is checked for
 * binary content (NUL anywhere in any chunk refuses the rest); strict UTF-8 until a chunk holds
 * invalid UTF-8, from where on (not before, as for a whole input) it is read as windows-1252.
 * A UTF-8 sequence cut by a chunk's end waits for the next chunk.
 */
export class StreamDecoder {
  encoding: Encoding = "utf-8";
  private started = false;
  private utf16: InstanceType<typeof TextDecoder> | null = null;
  private legacy = false;
  private carry: Uint8Array = new Uint8Array(0);

  /** Decode the next chunk (`last`: no more will come). */
  push(chunk: Uint8Array, last: boolean): DecodedChunk {
    let bytes = chunk;
    if (!this.started) {
      this.started = true;
      const wrongKind = sniff(bytes);
      if (wrongKind) return { text: "", refused: wrongKind };
      const utf16 = bom16(bytes);
      if (utf16) {
        this.encoding = utf16;
        this.utf16 = new TextDecoder(utf16, { ignoreBOM: true });
        bytes = bytes.subarray(2);
      } else {
        const binary = binaryBytes(bytes);
        if (binary) return { text: "", refused: error("BINARY_INPUT", null, { detail: binary }) };
        if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      }
    } else if (this.utf16 === null) {
      const nul = bytes.indexOf(0);
      if (nul >= 0) return { text: "", refused: error("BINARY_INPUT", null, { detail: "a NUL byte" }) };
    }
    if (this.utf16 !== null) {
      const text = this.utf16.decode(bytes, { stream: !last });
      const nul = text.indexOf("\0");
      return nul >= 0 ? { text: "", refused: error("BINARY_INPUT", null, { detail: "a NUL character" }) } : { text };
    }
    if (this.legacy) return { text: decode1252(bytes) };
    if (this.carry.length > 0) {
      const joined = new Uint8Array(this.carry.length + bytes.length);
      joined.set(this.carry);
      joined.set(bytes, this.carry.length);
      bytes = joined;
    }
    const keep = last ? 0 : incompleteTail(bytes);
    const complete = bytes.subarray(0, bytes.length - keep);
    try {
      const text = utf8Strict.decode(complete);
      this.carry = bytes.slice(bytes.length - keep);
      return { text };
    } catch {
      this.legacy = true;
      this.encoding = "windows-1252";
      this.carry = new Uint8Array(0);
      const bad = walkUtf8(
        bytes.length,
        (i) => bytes[i] ?? 0,
        () => {},
      );
      return { text: decode1252(bytes), legacyAt: Math.max(bad, 0) };
    }
  }
}
