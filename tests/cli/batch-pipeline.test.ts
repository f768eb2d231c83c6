import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { ordered } from "../../src/cli/convert/ordered.js";
import { convertInput } from "../../src/cli/convert/convert.js";
import { outputPath } from "../../src/cli/output/out-tree.js";
import { formatProgress, Progress } from "../../src/cli/report/status-line.js";
import { formatSummary, newTally } from "../../src/cli/report/tally.js";
import { expandInputs, type ExpandOptions } from "../../src/cli/inputs/inputs.js";
import { mixedTree, tempDir } from "../batch-helpers.js";

async function* numbers(n: number): AsyncGenerator<number> {
  for (let i = 0; i < n; i++) yield i;
}

describe("ordered()", () => {
  it("yields results in input order whatever order they finish in, with at most `limit` in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const work = async (i: number): Promise<number> => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, (i * 7) % 5));
      inFlight--;
      return i * 10;
    };
    const out: number[] = [];
    for await (const r of ordered(numbers(50), 4, work)) out.push(r);
    expect(out).toEqual(Array.from({ length: 50 }, (_, i) => i * 10));
    expect(most).toBe(4);
  });

  it("stops taking new items once aborted, but yields those already started", async () => {
    const stop = new AbortController();
    const out: number[] = [];
    for await (const r of ordered(numbers(100), 3, async (i) => i, stop.signal)) {
      out.push(r);
      if (r === 5) stop.abort();
    }
    expect(out.length).toBeLessThan(10);
    expect(out).toEqual(Array.from({ length: out.length }, (_, i) => i));
  });
});

describe("output naming", () => {
  const entry = { kind: "file" as const, path: "/in/2025/11/a.txt", display: "in/2025/11/a.txt", root: "/in", named: false };
  it("mirrors the path under the input root: a.json for one article, a.N.json for article N of several", () => {
    expect(outputPath("/out", entry, 1, 1)).toBe("/out/2025/11/a.json");
    expect(outputPath("/out", entry, 2, 3)).toBe("/out/2025/11/a.2.json");
    expect(outputPath("/out", { ...entry, path: "/in/README" }, 1, 1)).toBe("/out/README.json");
  });
});

describe("a file that vanishes between the walk and the read", () => {
  it("is one VANISHED error for a walked file, a READ_ERROR (exit 2) for a named one", async () => {
    const path = join(tempDir(), "gone.txt");
    const stdin = new PassThrough();
    const walked = await convertInput({ kind: "file", path, display: "gone.txt", root: "/", named: false }, { maxBytes: 100, stdin });
    expect(walked.diagnostics.map((d) => [d.code, d.message])).toEqual([["VANISHED", "the file disappeared before it could be read"]]);
    expect(walked.io).toBe(false);
    const named = await convertInput({ kind: "file", path, display: "gone.txt", root: "/", named: true }, { maxBytes: 100, stdin });
    expect(named.diagnostics[0]?.code).toBe("READ_ERROR");
    expect(named.io).toBe(true);
  });
});

describe("summary and progress lines", () => {
  it("the summary says files (ok, with errors, up to date), records, warnings, errors and time", () => {
    const t = { ...newTally(), files: 10, ok: 7, failed: 2, skipped: 1, records: 9, warnings: 1, errors: 3 };
    expect(formatSummary(t, 1234, false)).toBe("10 files (7 ok, 2 with errors, 1 up to date): 9 records, 1 warning, 3 errors in 1.2s\n");
    expect(formatSummary(t, 1234, false, { skippedLinks: 500, skippedHidden: 1 })).toBe(
      "10 files (7 ok, 2 with errors, 1 up to date): 9 records, 1 warning, 3 errors in 1.2s; not read: 500 symbolic links (--follow-symlinks), 1 hidden entry (--hidden)\n",
    );
    expect(formatSummary({ ...newTally(), files: 1, ok: 1, records: 1 }, 50, true)).toBe(
      "interrupted after 1 file (1 ok, 0 with errors): 1 record, 0 warnings, 0 errors in 0.1s\n",
    );
  });

  it("progress shows only after about a second, then done/total, rate and ETA, and clears itself", () => {
    let now = 0;
    let screen = "";
    const p = new Progress(
      (s) => (screen += s),
      0,
      () => now,
    );
    now = 500;
    p.tick(10);
    expect(screen).toBe("");
    now = 2000;
    p.total = 100;
    p.tick(40);
    expect(screen).toBe("\r\u001b[K40/100 files, 20 files/s, ETA 3s");
    p.clear();
    expect(screen.endsWith("\r\u001b[K")).toBe(true);
    expect(formatProgress(5, null, 1000)).toBe("5/? files, 5 files/s, ETA ?");
  });
});

describe("expandInputs with synchronous listing (the progress line's count)", () => {
  it("finds the same entries, in the same order, as the asynchronous walk", async () => {
    const root = mixedTree();
    const o: ExpandOptions = { cwd: root, glob: "**/*.txt", exclude: [], hidden: false, followSymlinks: true, outDir: null };
    const list = async (listSync: boolean): Promise<string[]> => {
      const seen: string[] = [];
      for await (const e of expandInputs(["feeds"], { ...o, listSync }, { walked: false, skippedLinks: 0, skippedHidden: 0 }))
        seen.push(`${e.kind} ${e.display}`);
      return seen;
    };
    const walked = await list(false);
    expect(walked.length).toBeGreaterThan(5);
    expect(await list(true)).toEqual(walked);
  });
});

describe("the walk's order and names", () => {
  it("sorts each directory by its names' bytes (astral characters before U+E000–U+FFFF), shows an undecodable name escaped, and joins paths as path.join does", async () => {
    const root = tempDir();
    // Names where UTF-16 order and byte order differ or meet; then a directory that is listed as bytes
    // (a name that is not UTF-8, and a real U+FFFD, which is valid).
    const names = ["b.txt", "a.txt", "\uFF41.txt", "\u{1F600}.txt", "\uE000.txt", "\u00E9.txt", "Z.txt", "aa.txt", "a\u{10000}.txt"];
    const undecodable = "caf\\xe9.txt";
    const bytesOf = (name: string): Buffer => (name === undecodable ? Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e, 0x74, 0x78, 0x74]) : Buffer.from(name));
    const sorted = (list: string[]): string[] => [...list].sort((a, b) => Buffer.compare(bytesOf(a), bytesOf(b)));
    const a = join(root, "in", "a");
    const b = join(root, "in", "b");
    mkdirSync(a, { recursive: true });
    mkdirSync(b);
    for (const name of names) writeFileSync(join(a, name), "x");
    for (const name of [...names, "\uFFFD.txt"]) writeFileSync(join(b, name), "x");
    writeFileSync(Buffer.concat([Buffer.from(`${b}/caf`), Buffer.from([0xe9]), Buffer.from(".txt")]), "x");
    const expected = [...sorted(names).map((n) => ["in/a/", a, n]), ...sorted([...names, "\uFFFD.txt", undecodable]).map((n) => ["in/b/", b, n])];
    const o: ExpandOptions = { cwd: root, glob: "**/*.txt", exclude: [], hidden: false, followSymlinks: false, outDir: null };
    for (const listSync of [true, false]) {
      for (const arg of ["in", "./in/", "in/../in", "."]) {
        const seen: Array<[string, string]> = [];
        for await (const e of expandInputs([arg], { ...o, listSync }, { walked: false, skippedLinks: 0, skippedHidden: 0 }))
          seen.push([e.display, e.kind === "file" ? e.path : ""]);
        // The undecodable name's path is lossy (its file is opened by its bytes, `raw`).
        expect(seen).toEqual(expected.map(([shown, dir, n]) => [`${shown}${n}`, join(dir as string, n === undecodable ? "caf\uFFFD.txt" : (n as string))]));
      }
    }
  });
});
