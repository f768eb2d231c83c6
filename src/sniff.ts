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

const hex = (bytes: Uint8Array, at: number, ...values: number[]): boolean => values.every((v, i) => bytes[at + i] === v);

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

/** The HTML (or web archive) verdict, or nothing. `at` is the first byte after a BOM and white space. */
function sniffHtml(head: Uint8Array, at: number): Diagnostic | undefined {
  const from = head[at] === 0x3c ? at : -1;
  let opener: string | undefined;
  if (from >= 0) {
    if (ascii(head, from, "<!--")) opener = "<!--";
    else if (asciiNoCase(head, from, "<?xml")) {
      if (headHas(head, "<svg")) return error("IMAGE_INPUT", null, { kind: "an SVG" });
      if (headHas(head, "<html") || headHas(head, "xhtml")) opener = "<?xml";
    } else if (asciiNoCase(head, from, "<svg") && (isSpace(head[from + 4]) || head[from + 4] === 0x3e)) {
      return error("IMAGE_INPUT", null, { kind: "an SVG" });
    } else {
      for (const tag of HTML_OPENERS) {
        const after = head[from + 1 + tag.length];
        if (asciiNoCase(head, from + 1, tag) && (isSpace(after) || after === 0x3e || (tag === "!doctype html" && after === undefined))) {
          opener = `<${tag}`;
          break;
        }
      }
    }
  } else if ((asciiNoCase(head, at, "from:") || asciiNoCase(head, at, "mime-version:")) && headHas(head, "multipart/related")) {
    const page = headHas(head, "menafn.com") ? "a page saved from menafn.com" : "a saved web page";
    return error("HTML_INPUT", null, { kind: `${page}, a web archive (MHTML)` });
  }
  if (opener === undefined) return undefined;
  // The opening tag as written, for the message: up to its `>` or 40 characters, printable ASCII only.
  let shown = "";
  for (let i = from; i < head.length && shown.length < 40; i++) {
    const b = head[i] ?? 0;
    if (b < 0x20 || b > 0x7e) break;
    shown += String.fromCharCode(b);
    if (b === 0x3e) break;
  }
  const page = headHas(head, "menafn.com") ? "a page saved from menafn.com" : "an HTML page";
  return error("HTML_INPUT", null, { kind: `${page} (it opens with ${shown})` });
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

/**
 * What kind of wrong file `bytes` is, as the error that refuses it; undefined for anything that
 * may be text (which the decoder and the parser then judge). Reads at most `SNIFF_BYTES` bytes.
 */
export function sniff(bytes: Uint8Array): Diagnostic | undefined {
  const head = bytes.length > SNIFF_BYTES ? bytes.subarray(0, SNIFF_BYTES) : bytes;
  const b0 = head[0];
  if (b0 === undefined) return undefined;
  // Documents.
  if (ascii(head, 0, "%PDF-")) return error("PDF_INPUT", null, {});
  if (hex(head, 0, 0x50, 0x4b, 0x03, 0x04)) return sniffZip(head);
  if (hex(head, 0, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))
    return error("OFFICE_INPUT", null, { kind: "a Microsoft Office 97–2003 document (.doc, .xls, .ppt)" });
  if (ascii(head, 0, "{\\rtf")) return error("OFFICE_INPUT", null, { kind: "an RTF document" });
  // Images.
  if (hex(head, 0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return error("IMAGE_INPUT", null, { kind: "a PNG" });
  if (hex(head, 0, 0xff, 0xd8, 0xff)) return error("IMAGE_INPUT", null, { kind: "a JPEG" });
  if (ascii(head, 0, "GIF87a") || ascii(head, 0, "GIF89a")) return error("IMAGE_INPUT", null, { kind: "a GIF" });
  if (ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) return error("IMAGE_INPUT", null, { kind: "a WebP" });
  if (ascii(head, 0, "II*\0") || ascii(head, 0, "MM\0*")) return error("IMAGE_INPUT", null, { kind: "a TIFF" });
  if (ascii(head, 0, "BM") && hex(head, 6, 0, 0, 0, 0)) return error("IMAGE_INPUT", null, { kind: "a BMP" });
  if (ascii(head, 4, "ftyp") && (ascii(head, 8, "heic") || ascii(head, 8, "heix") || ascii(head, 8, "mif1")))
    return error("IMAGE_INPUT", null, { kind: "a HEIC" });
  if (ascii(head, 4, "ftyp") && ascii(head, 8, "avif")) return error("IMAGE_INPUT", null, { kind: "an AVIF" });
  // Archives and compressed files.
  if (hex(head, 0, 0x1f, 0x8b)) return error("ARCHIVE_INPUT", null, { kind: "a gzip file", unpack: "gunzip -c FILE | ingest" });
  if (ascii(head, 0, "BZh") && hex(head, 4, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59))
    return error("ARCHIVE_INPUT", null, { kind: "a bzip2 file", unpack: "bunzip2 -c FILE | ingest" });
  if (hex(head, 0, 0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) return error("ARCHIVE_INPUT", null, { kind: "an xz file", unpack: "xz -dc FILE | ingest" });
  if (hex(head, 0, 0x28, 0xb5, 0x2f, 0xfd)) return error("ARCHIVE_INPUT", null, { kind: "a zstd file", unpack: "zstd -dc FILE | ingest" });
  if (hex(head, 0, 0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c))
    return error("ARCHIVE_INPUT", null, { kind: "a 7-Zip archive", unpack: "7z x FILE, then ingest the .txt files" });
  if (ascii(head, 0, "Rar!\x1a\x07")) return error("ARCHIVE_INPUT", null, { kind: "a RAR archive", unpack: "unrar x FILE, then ingest the .txt files" });
  if (ascii(head, 257, "ustar") && (head[262] === 0 || head[262] === 0x20))
    return error("ARCHIVE_INPUT", null, { kind: "a tar archive", unpack: "tar -xf FILE, then ingest the .txt files" });
  // Other binaries: named, and refused as binary.
  const binary = (kind: string) => error("BINARY_INPUT", null, { detail: kind });
  if (hex(head, 0, 0x7f, 0x45, 0x4c, 0x46)) return binary("an ELF executable");
  if (hex(head, 0, 0xcf, 0xfa, 0xed, 0xfe) || hex(head, 0, 0xfe, 0xed, 0xfa, 0xcf)) return binary("a Mach-O executable");
  if (hex(head, 0, 0x00, 0x61, 0x73, 0x6d)) return binary("a WebAssembly module");
  if (ascii(head, 0, "SQLite format 3\0")) return binary("an SQLite database");
  if (ascii(head, 4, "ftyp")) return binary("an MP4 or QuickTime video");
  if (ascii(head, 0, "OggS\0")) return binary("an Ogg audio or video file");
  if (ascii(head, 0, "ID3") && (head[3] ?? 0) >= 2 && (head[3] ?? 0) <= 4 && head[4] === 0) return binary("an MP3 audio file");
  if (ascii(head, 0, "RIFF") && (ascii(head, 8, "WAVE") || ascii(head, 8, "AVI "))) return binary("a RIFF audio or video file");
  // HTML: its first tag, after a UTF-8 BOM and white space (not far: a page does not open with a screenful of blanks).
  let at = hex(head, 0, 0xef, 0xbb, 0xbf) ? 3 : 0;
  while (at < head.length && isSpace(head[at])) at++;
  const c = head[at];
  if (c === 0x3c || c === 0x46 || c === 0x66 || c === 0x4d || c === 0x6d) return sniffHtml(head, at);
  return undefined;
}
