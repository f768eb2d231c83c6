/**
 * Messages that point at the fix (#22), each for a case that used to mislead: a line longer than
 * --max-bytes, `-o` naming the input, a whole article on one line, a folder with no .txt files.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { missingLineBreaks } from "../src/flat-text.js";
import { parse } from "../src/index.js";
import { tempDir, writeTree } from "./batch-helpers.js";
import { fixture, ingest } from "./helpers.js";

const seed = readFileSync(fixture("000_ee22b7415f82c1d2.txt"), "utf8");
/** The seed with its line breaks lost: every non-blank line joined by one space. */
const flat = seed
  .split("\n")
  .filter((l) => l.trim() !== "")
  .join(" ");

describe("a line over --max-bytes", () => {
  it("names the line, counts its bytes (not only the lines before it) and says the line breaks may be missing", async () => {
    const root = tempDir();
    // A head, then one 200 KB line: it was `(51 bytes read)`, the head's bytes alone.
    writeTree(root, { "big.txt": `Tuesday, 02 January 2024 12:17 GMT\n\nHeadline here\n\n${"x".repeat(200_000)}` });
    const r = await ingest(["big.txt", "--max-bytes", "64K"], { cwd: root });
    expect(r.code).toBe(1);
    const line = r.stderr.split("\n")[0] ?? "";
    expect(line).toMatch(
      /^big\.txt:1: error: ARTICLE_TOO_LARGE line 5 runs over the limit of 65536 bytes \(--max-bytes\) with no line break \((\d+) bytes read\)/,
    );
    const read = Number(/\((\d+) bytes read\)/.exec(line)?.[1]);
    expect(read).toBeGreaterThan(65536);
    expect(line).toContain("the input's line breaks are missing, or it is no text");
    expect(line).toContain("raise --max-bytes");
  });
  it("an article over the limit (many lines) says to raise --max-bytes if it is really that long", async () => {
    const root = tempDir();
    writeTree(root, { "long.txt": seed.replace("Addressing the CSTO", `${"A long paragraph of text. ".repeat(40)}\n\n`.repeat(200)) });
    const r = await ingest(["long.txt", "--max-bytes", "64K"], { cwd: root });
    expect(r.stderr).toMatch(
      /ARTICLE_TOO_LARGE the article is over the limit of 65536 bytes \(--max-bytes; \d+ bytes read\); skipped to the next timestamp line \(if an article is really this long, raise --max-bytes\)/,
    );
  });
});

describe("-o naming the input", () => {
  it("ingest a.txt -o a.txt suggests a new .jsonl name, not --out-dir a.txt", async () => {
    const root = tempDir();
    writeTree(root, { "a.txt": seed, "sub/b.jsonl": "" });
    const r = await ingest(["a.txt", "-o", "a.txt"], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("ingest: error: -o a.txt is one of the inputs: name a new file for the records, such as -o a.jsonl\n");
    const j = await ingest(["sub/b.jsonl", "-o", "sub/b.jsonl"], { cwd: root });
    expect(j.stderr).toBe("ingest: error: -o sub/b.jsonl is one of the inputs: name a new file for the records, such as -o sub/b.records.jsonl\n");
    expect(readFileSync(`${root}/a.txt`, "utf8")).toBe(seed);
  });
});

describe("a whole article on one line", () => {
  it("says the line breaks are missing, naming the parts it found, instead of saying they are missing", () => {
    const r = parse(new TextEncoder().encode(flat), { file: "flat.txt" });
    expect(r.records).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        "NOT_AN_ARTICLE",
        `the input is not a MENAFN-style article (its line breaks are missing: line 1 holds a timestamp, a (MENAFN) source tag, an ID and a Legal Disclaimer run together in ${flat.length} characters; put each part on a line of its own, with a blank line between paragraphs)`,
      ],
    ]);
  });
  it("leaves real articles and short prose alone", () => {
    expect(missingLineBreaks(seed.split("\n"))).toBeUndefined();
    expect(missingLineBreaks(["A short note that mentions (MENAFN) and Legal Disclaimer: once."])).toBeUndefined();
    expect(missingLineBreaks([`${"Plain prose without any of the parts. ".repeat(20)}`])).toBeUndefined();
    expect(parse(new TextEncoder().encode(seed)).records).toHaveLength(1);
  });
});

describe("a folder with no .txt files", () => {
  it("names what it passed over and suggests a --glob for it", async () => {
    const root = tempDir();
    writeTree(root, { "notes/a.md": "x", "notes/b.md": "y", "notes/deep/c.html": "<p>", "notes/README": "z" });
    const r = await ingest(["notes"], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n")[0]).toBe(
      "notes: error: NO_MATCH no input files matched **/*.txt under notes; passed over 4 other files (2 .md, 1 without an extension, 1 .html): to read them, name a pattern (--glob '*.md')",
    );
  });
  it("an empty folder says only that nothing matched", async () => {
    const root = tempDir();
    writeTree(root, { "empty/.keep": "" });
    const r = await ingest(["empty"], { cwd: root });
    expect(r.stderr.split("\n")[0]).toBe("empty: error: NO_MATCH no input files matched **/*.txt under empty");
  });
});
