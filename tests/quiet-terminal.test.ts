/**
 * A quiet terminal (#22): on a terminal, a batch shows the first 20 problem lines, then one line
 * saying how many more there were, by code, and where to find them all; pipes and files get every line.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { ShownLines } from "../src/cli/report/report.js";
import { tempDir, writeTree } from "./batch-helpers.js";
import { fakeIo } from "./fake-io.js";
import { fixture } from "./helpers.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: colour escapes are what it removes
const plain = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, "");

/** 40 empty files, 10 binary ones and 5 copies of one article (4 DUPLICATE_ID): 54 problem lines. */
function problemTree(): string {
  const root = tempDir();
  const files: Record<string, string | Uint8Array> = {};
  for (let i = 0; i < 40; i++) files[`feeds/e${String(i).padStart(2, "0")}.txt`] = "";
  for (let i = 0; i < 10; i++) files[`feeds/z${i}.txt`] = new Uint8Array([1, 2, 0, 3]);
  const good = readFileSync(fixture("blank-lines-one.txt"));
  for (let i = 0; i < 5; i++) files[`feeds/g${i}.txt`] = good;
  writeTree(root, files);
  return root;
}

const problemLines = (text: string): string[] =>
  plain(text)
    .split("\n")
    .filter((l) => / (error|warning): /.test(l));

describe("problem lines on a terminal", () => {
  it("shows the first 20, then one line with the rest by code and the way to keep them all", async () => {
    const root = problemTree();
    const f = fakeIo({ stderr: true }, { NO_COLOR: "1" }, root);
    expect(await main(["feeds", "-o", "out.jsonl"], f.io)).toBe(1);
    const lines = plain(f.err()).split("\n");
    expect(problemLines(f.err())).toHaveLength(20);
    expect(lines.slice(-5)).toEqual([
      "… and 34 more (20 EMPTY_INPUT, 10 BINARY_INPUT, 4 DUPLICATE_ID; --errors FILE keeps them all)",
      "warnings: 4 DUPLICATE_ID",
      "errors: 40 EMPTY_INPUT, 10 BINARY_INPUT",
      expect.stringMatching(/^55 files \(5 ok, 50 with errors\): 5 records, 4 warnings, 50 errors in \d+\.\ds$/),
      "",
    ]);
  });
  it("with --errors FILE, names the file that has them all (and it does)", async () => {
    const root = problemTree();
    const f = fakeIo({ stderr: true }, { NO_COLOR: "1" }, root);
    await main(["feeds", "-o", "out.jsonl", "--errors", "e.jsonl"], f.io);
    expect(plain(f.err())).toContain("\n… and 34 more (20 EMPTY_INPUT, 10 BINARY_INPUT, 4 DUPLICATE_ID; all of them are in e.jsonl)\n");
    const logged = readFileSync(join(root, "e.jsonl"), "utf8").trim().split("\n");
    expect(logged.filter((l) => l.includes('"severity":"error"'))).toHaveLength(50);
  });
  it("a pipe or a file gets every line, and no closing line", async () => {
    const root = problemTree();
    const f = fakeIo({}, {}, root);
    await main(["feeds", "-o", "out.jsonl"], f.io);
    expect(problemLines(f.err()).filter((l) => l.includes(" error: "))).toHaveLength(50);
    expect(f.err()).not.toContain("… and");
  });
  it("20 or fewer lines are all shown, with no closing line", async () => {
    const root = tempDir();
    writeTree(root, { "feeds/a.txt": "", "feeds/b.txt": "" });
    const f = fakeIo({ stderr: true }, { NO_COLOR: "1" }, root);
    await main(["feeds"], f.io);
    expect(problemLines(f.err())).toHaveLength(2);
    expect(f.err()).not.toContain("… and");
  });
});

describe("ShownLines", () => {
  it("counts what it holds back by code, most frequent first, at most four codes", () => {
    const s = new ShownLines(1);
    expect(s.take("A")).toBe(true);
    for (const c of ["B", "B", "C", "D", "E", "E", "E", "F"]) expect(s.take(c)).toBe(false);
    expect(s.closing(null)).toBe("… and 8 more (3 E, 2 B, 1 C, 1 D, …; --errors FILE keeps them all)\n");
    expect(new ShownLines(5).closing(null)).toBe("");
  });
});
