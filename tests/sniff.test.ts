/**
 * The wrong kind of file is named by its first bytes (src/sniff.ts) and refused with its own code,
 * in parse(), in a batch, on the streamed path (an input over --max-bytes) and in `ingest watch`;
 * text that merely mentions a tag is untouched.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "../src/index.js";
import { sniff } from "../src/sniff.js";
import { tempDir, writeTree } from "./batch-helpers.js";
import { fixture, ingest, jsonLines, ROOT } from "./helpers.js";

const enc = new TextEncoder();
const bytes = (...parts: Array<string | number[] | Uint8Array>): Uint8Array => {
  const chunks = parts.map((p) => (typeof p === "string" ? enc.encode(p) : p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};

/** A ZIP's first local file header (stored, no data), as Office and OpenDocument files open. */
const zipEntry = (name: string, data = ""): Uint8Array => {
  const header = new Uint8Array(30);
  header.set([0x50, 0x4b, 0x03, 0x04, 20, 0]);
  header[26] = name.length;
  header[18] = data.length; // compressed size
  header[22] = data.length; // uncompressed size
  return bytes(header, name, data);
};

const seed = readFileSync(fixture("000_ee22b7415f82c1d2.txt"));
const savedPage = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Putin proposes arming CSTO forces with Russian weapons</title>
<link rel="canonical" href="https://menafn.com/1110406018/Putin-proposes-arming-CSTO-forces"></head>
<body><div class="menu">Home | News</div><h1>Putin proposes arming CSTO forces with Russian weapons</h1>
<p>(MENAFN) Russian President Vladimir Putin proposed on Thursday ...</p></body></html>
`;
/** A real article whose text mentions tags: it must be read as before. */
const mentionsTags = seed
  .toString("utf8")
  .replace("Addressing the CSTO", "The page used <p> and <div> tags, and <!DOCTYPE html> came first. Addressing the CSTO");

describe("sniff(): the kind of file from its first bytes", () => {
  const code = (b: Uint8Array) => sniff(b)?.code;
  it("names HTML pages, a saved menafn.com page, web archives and XHTML", () => {
    expect(sniff(enc.encode(savedPage))?.message).toContain("a page saved from menafn.com (it opens with <!DOCTYPE html>)");
    expect(code(enc.encode("<html><body>x</body></html>"))).toBe("HTML_INPUT");
    expect(code(bytes([0xef, 0xbb, 0xbf], "\n\n  <!doctype HTML>\n<p>x"))).toBe("HTML_INPUT");
    expect(code(enc.encode("<p>A paragraph</p>\n"))).toBe("HTML_INPUT");
    expect(code(enc.encode("<!-- saved from url=(0014)about:internet -->\n<html>"))).toBe("HTML_INPUT");
    expect(code(enc.encode('<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN">'))).toBe("HTML_INPUT");
    const mhtml = sniff(
      enc.encode("From: <Saved by Blink>\nSnapshot-Content-Location: https://menafn.com/1110406018/x\nMIME-Version: 1.0\nContent-Type: multipart/related;"),
    );
    expect(mhtml?.code).toBe("HTML_INPUT");
    expect(mhtml?.message).toContain("a web archive (MHTML)");
    expect(sniff(enc.encode("<html>"))?.message).toContain("an HTML page (it opens with <html>)");
  });
  it("names PDFs, Office and OpenDocument files, archives, images and other binaries", () => {
    expect(code(enc.encode("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj"))).toBe("PDF_INPUT");
    expect(sniff(bytes(zipEntry("[Content_Types].xml"), zipEntry("word/document.xml")))?.message).toContain("a Word document (.docx)");
    expect(sniff(bytes(zipEntry("mimetype", "application/vnd.oasis.opendocument.text")))?.message).toContain("an OpenDocument file");
    expect(code(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe("OFFICE_INPUT");
    expect(code(enc.encode("{\\rtf1\\ansi Hello}"))).toBe("OFFICE_INPUT");
    expect(sniff(zipEntry("feeds/a.txt"))?.message).toBe("the input is a ZIP archive, not text: unpack it first (unzip FILE, then ingest the .txt files)");
    expect(sniff(bytes([0x1f, 0x8b, 8, 0, 0, 0]))?.message).toContain("(gunzip -c FILE | ingest)");
    expect(code(bytes([0x89], "PNG\r\n", [0x1a, 0x0a, 0, 0]))).toBe("IMAGE_INPUT");
    expect(code(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe("IMAGE_INPUT");
    expect(code(enc.encode("GIF89a\x01\x00"))).toBe("IMAGE_INPUT");
    expect(code(enc.encode('<svg xmlns="http://www.w3.org/2000/svg">'))).toBe("IMAGE_INPUT");
    expect(sniff(bytes([0x7f], "ELF", [2, 1, 1, 0]))?.message).toBe("the input looks binary (an ELF executable), not text");
  });
  it("leaves text alone: every fixture, text that mentions tags, prose that opens with a magic-like word", () => {
    for (const name of readdirSync(join(ROOT, "fixtures")).filter((n) => n.endsWith(".txt"))) {
      expect(sniff(readFileSync(fixture(name))), name).toBeUndefined();
    }
    expect(sniff(enc.encode(mentionsTags))).toBeUndefined();
    for (const text of [
      "BMW sales rise",
      "GIF artists meet",
      "From: the editor\nHello",
      "ID3 protein study",
      "PK Steel results",
      "<3 readers",
      "< 5% growth",
      "MIME types",
    ]) {
      expect(sniff(enc.encode(text)), text).toBeUndefined();
    }
    expect(sniff(new Uint8Array(0))).toBeUndefined();
  });
  it("reads only the head: a tag past the first 4 KiB of white space is not looked for", () => {
    expect(sniff(enc.encode(`${" ".repeat(5000)}<html>`))).toBeUndefined();
  });
});

describe("parse(): the wrong kind of file is refused, text that mentions <p> is read", () => {
  it('a saved HTML page is HTML_INPUT with no record (it was read as a headline "<p>")', () => {
    const r = parse(enc.encode(savedPage), { file: "page.txt" });
    expect(r.records).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["HTML_INPUT"]);
  });
  it("an article mentioning <p> and <!DOCTYPE html> in its body gives its record", () => {
    const r = parse(enc.encode(mentionsTags), { file: "a.txt" });
    expect(r.records.map((x) => x.headline)).toEqual(["Putin proposes arming CSTO forces with Russian weapons"]);
    expect(r.records[0]?.body).toContain("The page used <p> and <div> tags");
  });
});

describe("the CLI: a batch, a streamed input, and ingest watch", () => {
  const kinds = {
    "feeds/saved-page.txt": savedPage,
    "feeds/report.txt": bytes("%PDF-1.4\n%", [0xe2, 0xe3, 0xcf, 0xd3], "\n1 0 obj\n<< /Type /Catalog >>\n"),
    "feeds/letter.txt": bytes(zipEntry("[Content_Types].xml"), zipEntry("word/document.xml")),
    "feeds/photo.txt": bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], "JFIF"),
    "feeds/notes.txt": mentionsTags,
  };
  it("a batch refuses each with its own code and a line that says what to do, and reads the article that mentions tags", async () => {
    const root = tempDir();
    writeTree(root, kinds);
    const r = await ingest(["feeds", "-o", "out.jsonl"], { cwd: root });
    expect(r.code).toBe(1);
    const lines = r.stderr.split("\n");
    expect(lines).toContain(
      "feeds/saved-page.txt: error: HTML_INPUT the input is a page saved from menafn.com (it opens with <!DOCTYPE html>), not text: open the page in a browser, select the article (headline to disclaimer) and save or paste it as plain text in a .txt file",
    );
    expect(lines).toContain(
      "feeds/report.txt: error: PDF_INPUT the input is a PDF document, not text: extract its text first (for example pdftotext -layout FILE.pdf FILE.txt) and ingest that",
    );
    expect(r.stderr).toContain("feeds/letter.txt: error: OFFICE_INPUT the input is a Word document (.docx), not text: save it as plain text (.txt)");
    expect(r.stderr).toContain("feeds/photo.txt: error: IMAGE_INPUT the input is a JPEG image, not text");
    expect(r.stderr).toContain("errors: 1 HTML_INPUT, 1 IMAGE_INPUT, 1 OFFICE_INPUT, 1 PDF_INPUT");
    expect(r.stderr).toContain("5 files (1 ok, 4 with errors): 1 record, 1 warning, 4 errors");
    const records = jsonLines(readFileSync(join(root, "out.jsonl"), "utf8")) as Array<{ origin: { file: string } }>;
    expect(records.map((x) => x.origin.file)).toEqual(["feeds/notes.txt"]);
  });
  it("an input over --max-bytes (read in chunks) is named by its first chunk", async () => {
    const root = tempDir();
    writeTree(root, { "big.html": savedPage.replace("<body>", `<body>${"<p>x</p>\n".repeat(400)}`) });
    const r = await ingest(["big.html", "--max-bytes", "1K"], { cwd: root });
    expect(r.stderr).toMatch(/^big\.html: error: HTML_INPUT the input is a page saved from menafn\.com/);
    expect(r.code).toBe(1);
    const stdin = await ingest(["-"], { cwd: root, input: enc.encode(savedPage) });
    expect(stdin.stderr).toMatch(/^<stdin>: error: HTML_INPUT /);
  });
  it("ingest watch quarantines them with the same reason in NAME.errors.json", async () => {
    const root = tempDir();
    writeTree(root, {
      "inbox/saved-page.txt": savedPage,
      "inbox/report.txt": kinds["feeds/report.txt"],
      "inbox/notes.txt": mentionsTags,
      // Named as they come, under a --glob that takes every file.
      "inbox/page.html": savedPage,
      "inbox/scan.pdf": kinds["feeds/report.txt"],
    });
    const r = await ingest(["watch", "inbox", "--glob", "**/*", "--out-dir", "out", "--quarantine", "refused", "--once", "--settle", "0"], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("inbox/page.html: error: HTML_INPUT the input is a page saved from menafn.com");
    expect(r.stderr).toContain("inbox/scan.pdf: error: PDF_INPUT");
    const reasons = (name: string) =>
      (JSON.parse(readFileSync(join(root, "refused", `${name}.errors.json`), "utf8")) as { diagnostics: Array<{ code: string }> }).diagnostics.map(
        (d) => d.code,
      );
    expect(reasons("saved-page.txt")).toEqual(["HTML_INPUT"]);
    expect(reasons("page.html")).toEqual(["HTML_INPUT"]);
    expect(reasons("report.txt")).toEqual(["PDF_INPUT"]);
    expect(reasons("scan.pdf")).toEqual(["PDF_INPUT"]);
    expect(existsSync(join(root, "refused", "notes.txt"))).toBe(false);
    expect(existsSync(join(root, "out", "notes.json"))).toBe(true);
  });
});
