/**
 * The wrong kind of file, named by its first bytes: an HTML page (a page saved from a browser,
 * a web archive), a PDF, a word-processor document, an archive, an image, or another known
 * binary. Pure: bytes in, a verdict (an error diagnostic) or nothing out. Only the head is read
 * (magic numbers at fixed offsets, and for HTML the first tag after leading white space), so the
 * cost on a good input is a few byte comparisons, whatever its size.
 */
import { type Diagnostic, error } from "./diagnostics.js";

/** How far into the input the sniffer looks: white space before an HTML tag, a ZIP's first names, a tar header. */
export const SNIFF_BYTES = 4096;

const ascii = (bytes: Uint8Array, at: number, text: string): boolean => {
  if (at + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
};

/** Bytes given as numbers (no array per call: this runs for every input). */
const hex = (bytes: Uint8Array, at: number, a: number, b: number, c = -1, d = -1, e = -1, f = -1, g = -1, h = -1): boolean =>
  bytes[at] === a &&
  bytes[at + 1] === b &&
  (c < 0 || bytes[at + 2] === c) &&
  (d < 0 || bytes[at + 3] === d) &&
  (e < 0 || bytes[at + 4] === e) &&
  (f < 0 || bytes[at + 5] === f) &&
  (g < 0 || bytes[at + 6] === g) &&
  (h < 0 || bytes[at + 7] === h);

/** Case-insensitive ASCII match (`text` in lower case). */
const asciiNoCase = (bytes: Uint8Array, at: number, text: string): boolean => {
  if (at + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) {
    const b = bytes[at + i] ?? 0;
    if ((b >= 0x41 && b <= 0x5a ? b + 32 : b) !== text.charCodeAt(i)) return false;
  }
  return true;
};

/** Whether `text` (ASCII, lower case) occurs in the head, in any case. */
function headHas(head: Uint8Array, text: string): boolean {
  const first = text.charCodeAt(0);
  for (let i = 0; i + text.length <= head.length; i++) {
    const b = head[i] ?? 0;
    if ((b >= 0x41 && b <= 0x5a ? b + 32 : b) === first && asciiNoCase(head, i, text)) return true;
  }
  return false;
}

/** Tags that open an HTML document or fragment (WHATWG MIME sniffing's list, and a few of its kin). */
const HTML_OPENERS = [
  "!doctype html",
  "html",
  "head",
  "body",
  "script",
  "style",
  "title",
  "iframe",
  "meta",
  "link",
  "table",
  "div",
  "span",
  "font",
  "br",
  "p",
  "a",
  "b",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "ul",
  "section",
  "article",
  "header",
  "nav",
  "main",
];

const isSpace = (b: number | undefined): boolean => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0c || b === 0x0d;

/** The HTML tag a document opens with at `from` (`<!--`, `<html`, an XHTML prolog), or undefined. */
function htmlOpener(head: Uint8Array, from: number): string | undefined {
  if (ascii(head, from, "<!--")) return "<!--";
  if (asciiNoCase(head, from, "<?xml")) return headHas(head, "<html") || headHas(head, "xhtml") ? "<?xml" : undefined;
  for (const tag of HTML_OPENERS) {
    const after = head[from + 1 + tag.length];
    if (asciiNoCase(head, from + 1, tag) && (isSpace(after) || after === 0x3e || (tag === "!doctype html" && after === undefined))) return `<${tag}`;
  }
  return undefined;
}

/** The opening tag as written, for the message: up to its `>` or 40 characters, printable ASCII only. */
function shownTag(head: Uint8Array, from: number): string {
  let shown = "";
  for (let i = from; i < head.length && shown.length < 40; i++) {
    const b = head[i] ?? 0;
    if (b < 0x20 || b > 0x7e) break;
    shown += String.fromCharCode(b);
    if (b === 0x3e) break;
  }
  return shown;
}

const isSvg = (head: Uint8Array, from: number): boolean =>
  (asciiNoCase(head, from, "<?xml") && headHas(head, "<svg")) || (asciiNoCase(head, from, "<svg") && (isSpace(head[from + 4]) || head[from + 4] === 0x3e));

/** The HTML (or web archive, or SVG) verdict, or nothing. `at` is the first byte after a BOM and white space. */
function sniffHtml(head: Uint8Array, at: number): Diagnostic | undefined {
  // Looked for only once the input is known to be a page: an article opening with "M" or "F" is not scanned.
  const saved = (): boolean => headHas(head, "menafn.com");
  if (head[at] !== 0x3c) {
    if (!(asciiNoCase(head, at, "from:") || asciiNoCase(head, at, "mime-version:")) || !headHas(head, "multipart/related")) return undefined;
    return error("HTML_INPUT", null, { kind: `${saved() ? "a page saved from menafn.com" : "a saved web page"}, a web archive (MHTML)` });
  }
  if (isSvg(head, at)) return error("IMAGE_INPUT", null, { kind: "an SVG" });
  if (htmlOpener(head, at) === undefined) return undefined;
  return error("HTML_INPUT", null, { kind: `${saved() ? "a page saved from menafn.com" : "an HTML page"} (it opens with ${shownTag(head, at)})` });
}

/** A ZIP's kind, from the names of its first entries: Office Open XML, OpenDocument, EPUB, or a plain archive. */
function sniffZip(head: Uint8Array): Diagnostic {
  if (headHas(head, "word/")) return error("OFFICE_INPUT", null, { kind: "a Word document (.docx)" });
  if (headHas(head, "xl/")) return error("OFFICE_INPUT", null, { kind: "an Excel workbook (.xlsx)" });
  if (headHas(head, "ppt/")) return error("OFFICE_INPUT", null, { kind: "a PowerPoint presentation (.pptx)" });
  if (headHas(head, "application/vnd.oasis.opendocument")) return error("OFFICE_INPUT", null, { kind: "an OpenDocument file (.odt, .ods, .odp)" });
  if (headHas(head, "application/epub+zip")) return error("OFFICE_INPUT", null, { kind: "an EPUB book" });
  if (headHas(head, "[content_types].xml")) return error("OFFICE_INPUT", null, { kind: "an Office document (.docx, .xlsx, .pptx)" });
  return error("ARCHIVE_INPUT", null, { kind: "a ZIP archive", unpack: "unzip FILE, then ingest the .txt files" });
}

type Verdict = (head: Uint8Array) => Diagnostic;
const kind =
  (code: "OFFICE_INPUT" | "IMAGE_INPUT", what: string): Verdict =>
  () =>
    error(code, null, { kind: what });
const archive =
  (what: string, unpack: string): Verdict =>
  () =>
    error("ARCHIVE_INPUT", null, { kind: what, unpack });
const binary =
  (what: string): Verdict =>
  () =>
    error("BINARY_INPUT", null, { detail: what });
const heif = (head: Uint8Array): boolean => ascii(head, 4, "ftyp") && (ascii(head, 8, "heic") || ascii(head, 8, "heix") || ascii(head, 8, "mif1"));

/**
 * Magic numbers, in the order they are tried: documents, images, archives, other binaries. Each
 * with the bytes it can open with ("" for one that looks further in): the input's first byte
 * picks the few worth trying (an article's first byte rules out all but four).
 */
const SIGNATURES: Array<[string, (head: Uint8Array) => boolean, Verdict]> = [
  ["%", (h) => ascii(h, 0, "%PDF-"), () => error("PDF_INPUT", null, {})],
  ["P", (h) => hex(h, 0, 0x50, 0x4b, 0x03, 0x04), sniffZip],
  ["\xd0", (h) => hex(h, 0, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), kind("OFFICE_INPUT", "a Microsoft Office 97–2003 document (.doc, .xls, .ppt)")],
  ["{", (h) => ascii(h, 0, "{\\rtf"), kind("OFFICE_INPUT", "an RTF document")],
  ["\x89", (h) => hex(h, 0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), kind("IMAGE_INPUT", "a PNG")],
  ["\xff", (h) => hex(h, 0, 0xff, 0xd8, 0xff), kind("IMAGE_INPUT", "a JPEG")],
  ["G", (h) => ascii(h, 0, "GIF87a") || ascii(h, 0, "GIF89a"), kind("IMAGE_INPUT", "a GIF")],
  ["R", (h) => ascii(h, 0, "RIFF") && ascii(h, 8, "WEBP"), kind("IMAGE_INPUT", "a WebP")],
  ["IM", (h) => ascii(h, 0, "II*\0") || ascii(h, 0, "MM\0*"), kind("IMAGE_INPUT", "a TIFF")],
  ["B", (h) => ascii(h, 0, "BM") && hex(h, 6, 0, 0, 0, 0), kind("IMAGE_INPUT", "a BMP")],
  ["", heif, kind("IMAGE_INPUT", "a HEIC")],
  ["", (h) => ascii(h, 4, "ftyp") && ascii(h, 8, "avif"), kind("IMAGE_INPUT", "an AVIF")],
  ["\x1f", (h) => hex(h, 0, 0x1f, 0x8b), archive("a gzip file", "gunzip -c FILE | ingest")],
  ["B", (h) => ascii(h, 0, "BZh") && hex(h, 4, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59), archive("a bzip2 file", "bunzip2 -c FILE | ingest")],
  ["\xfd", (h) => hex(h, 0, 0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00), archive("an xz file", "xz -dc FILE | ingest")],
  ["(", (h) => hex(h, 0, 0x28, 0xb5, 0x2f, 0xfd), archive("a zstd file", "zstd -dc FILE | ingest")],
  ["7", (h) => hex(h, 0, 0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c), archive("a 7-Zip archive", "7z x FILE, then ingest the .txt files")],
  ["R", (h) => ascii(h, 0, "Rar!\x1a\x07"), archive("a RAR archive", "unrar x FILE, then ingest the .txt files")],
  ["", (h) => ascii(h, 257, "ustar") && (h[262] === 0 || h[262] === 0x20), archive("a tar archive", "tar -xf FILE, then ingest the .txt files")],
  ["\x7f", (h) => hex(h, 0, 0x7f, 0x45, 0x4c, 0x46), binary("an ELF executable")],
  ["\xcf\xfe", (h) => hex(h, 0, 0xcf, 0xfa, 0xed, 0xfe) || hex(h, 0, 0xfe, 0xed, 0xfa, 0xcf), binary("a Mach-O executable")],
  ["\0", (h) => hex(h, 0, 0x00, 0x61, 0x73, 0x6d), binary("a WebAssembly module")],
  ["S", (h) => ascii(h, 0, "SQLite format 3\0"), binary("an SQLite database")],
  ["", (h) => ascii(h, 4, "ftyp"), binary("an MP4 or QuickTime video")],
  ["O", (h) => ascii(h, 0, "OggS\0"), binary("an Ogg audio or video file")],
  ["I", (h) => ascii(h, 0, "ID3") && (h[3] ?? 0) >= 2 && (h[3] ?? 0) <= 4 && h[4] === 0, binary("an MP3 audio file")],
  ["R", (h) => ascii(h, 0, "RIFF") && (ascii(h, 8, "WAVE") || ascii(h, 8, "AVI ")), binary("a RIFF audio or video file")],
];

type Signature = [(head: Uint8Array) => boolean, Verdict];
/** The signatures that look further in than the first byte, tried whatever it is. */
const ANYWHERE: Signature[] = SIGNATURES.filter(([lead]) => lead === "").map(([, matches, verdict]) => [matches, verdict]);
/** By first byte, the signatures worth trying for an input that opens with it, in their order (the others: ANYWHERE). */
const BY_LEAD = new Map<number, Signature[]>();
for (const [lead] of SIGNATURES) {
  for (let i = 0; i < lead.length; i++) {
    const b = lead.charCodeAt(i);
    if (!BY_LEAD.has(b))
      BY_LEAD.set(
        b,
        SIGNATURES.filter(([l]) => l === "" || l.includes(lead[i] as string)).map(([, matches, verdict]) => [matches, verdict]),
      );
  }
}

/**
 * What kind of wrong file `bytes` is, as the error that refuses it; undefined for anything that
 * may be text (which the decoder and the parser then judge). Reads at most `SNIFF_BYTES` bytes.
 */
export function sniff(bytes: Uint8Array): Diagnostic | undefined {
  const head = bytes.length > SNIFF_BYTES ? bytes.subarray(0, SNIFF_BYTES) : bytes;
  if (head.length === 0) return undefined;
  for (const [matches, verdict] of BY_LEAD.get(head[0] as number) ?? ANYWHERE) if (matches(head)) return verdict(head);
  // HTML: its first tag, after a UTF-8 BOM and white space (not far: a page does not open with a screenful of blanks).
  let at = hex(head, 0, 0xef, 0xbb, 0xbf) ? 3 : 0;
  while (at < head.length && isSpace(head[at])) at++;
  const c = head[at];
  return c === 0x3c || c === 0x46 || c === 0x66 || c === 0x4d || c === 0x6d ? sniffHtml(head, at) : undefined;
}
