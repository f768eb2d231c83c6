// Builds the benchmark corpus from the fixtures: many small article files in nested
// directories, and one large feed dump. Every copy gets its own ID (article number), so no
// two files are byte-identical and nothing can be served from a cache of equal inputs.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const FIXTURES = new URL("../fixtures/", import.meta.url);
const ID = /(MENAFN\d{20}ID)\d{10}/g;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The fixture inputs: name, bytes, and text when they are plain UTF-8 (else null). */
export function loadFixtures() {
  return readdirSync(FIXTURES)
    .filter((name) => name.endsWith(".txt"))
    .sort()
    .map((name) => {
      const bytes = readFileSync(new URL(name, FIXTURES));
      let text = null;
      try {
        text = utf8.decode(bytes);
      } catch {
        // windows-1252 and UTF-16 fixtures are copied byte for byte.
      }
      if (bytes[0] === 0xff || bytes[0] === 0xfe) text = null;
      return { name: name.slice(0, -4), bytes, text };
    });
}

const vary = (text, n) => text.replace(ID, (_, head) => head + String(n).padStart(10, "0"));

/** Path of file `i` in the corpus: 100 files a directory, two levels deep. */
export const corpusPath = (root, i, name) =>
  join(root, `d${String(Math.floor(i / 1000)).padStart(3, "0")}`, `e${Math.floor(i / 100) % 10}`, `${String(i).padStart(6, "0")}-${name}.txt`);

/** Write `count` article files under `root`, cycling through the fixtures; returns the total bytes. */
export function writeCorpus(root, count, fixtures = loadFixtures()) {
  let bytes = 0;
  let dir = "";
  for (let i = 0; i < count; i++) {
    const f = fixtures[i % fixtures.length];
    const path = corpusPath(root, i, f.name);
    const here = path.slice(0, path.lastIndexOf("/"));
    if (here !== dir) mkdirSync((dir = here), { recursive: true });
    const data = f.text === null ? f.bytes : vary(f.text, i);
    writeFileSync(path, data);
    bytes += typeof data === "string" ? Buffer.byteLength(data) : data.length;
  }
  return bytes;
}

/** A feed dump of at least `minBytes`: the UTF-8 article fixtures, varied, one after another. */
export function makeDump(minBytes, fixtures = loadFixtures()) {
  const articles = fixtures.filter((f) => f.text !== null && !f.name.startsWith("refuse-") && f.text.trim() !== "");
  const parts = [];
  let size = 0;
  for (let i = 0; size < minBytes; i++) {
    // Each article ends with a line break and a blank line, so the next timestamp starts cleanly.
    const text = `${vary(articles[i % articles.length].text.replace(/\r\n?/g, "\n").replace(/^\ufeff/, ""), i).trimEnd()}\n\n`;
    parts.push(text);
    size += Buffer.byteLength(text);
  }
  return Buffer.from(parts.join(""));
}
