import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { article, listFiles, mixedTree, summaryLine, tempDir, writeTree } from "../../batch-helpers.js";
import { BIN, ingest, UNIT } from "../../helpers.js";

const readTree = (dir: string): Record<string, string> => Object.fromEntries(listFiles(dir).map((f) => [f, readFileSync(join(dir, f), "utf8")]));

/** Set the modification time of every file under `dir` (not following links) an hour back. */
function age(dir: string): void {
  const then = new Date(Date.now() - 3_600_000);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) age(p);
    else if (e.isFile()) utimesSync(p, then, then);
  }
}

describe("--out DIR", () => {
  it("writes one pretty JSON file per article, mirroring the input tree, numbering the articles of a multi-article file", async () => {
    const root = mixedTree();
    const r = await ingest(["feeds/", "--out", "json/"], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    // Besides the records, only the per-input markers of .ingest/ (what --incremental trusts).
    expect(listFiles(join(root, "json")).filter((f) => !f.startsWith(".ingest/"))).toEqual([
      "2025/11/a.json",
      "2025/11/b.json",
      "2025/12/multi.1.json",
      "2025/12/multi.2.json",
      "dup.json",
      "x.txt/inner.json",
    ]);
    const text = readFileSync(join(root, "json/2025/12/multi.2.json"), "utf8");
    expect(text.startsWith('{\n  "headline": "Story 4 proposes')).toBe(true);
    expect(text.endsWith("}\n")).toBe(true);
    expect(JSON.parse(text)).toMatchObject({ origin: { file: "feeds/2025/12/multi.txt", article: 2 } });
    expect(summaryLine(r.stderr)).toMatch(/^8 files \(5 ok, 3 with errors\): 6 records, 7 warnings, 3 errors in /);
  });

  it("gives byte-identical outputs on a re-run, and never reads its own output directory back", async () => {
    const root = mixedTree();
    // An input modified within 2 s of its read gets a marker that says so (its hash is checked on a
    // rerun: src/cli/convert/read-identity.ts); aged here, as inputs usually are, so that the
    // markers of both runs are the same bytes too.
    age(join(root, "feeds"));
    // --glob '**/*' would pick up .json files too, if the output tree inside feeds/ were walked.
    const first = await ingest(["feeds", "--out", "feeds/json", "--glob", "**/*"], { cwd: root });
    const before = readTree(join(root, "feeds/json"));
    const second = await ingest(["feeds", "--out", "feeds/json", "--glob", "**/*"], { cwd: root });
    expect(readTree(join(root, "feeds/json"))).toEqual(before);
    expect(summaryLine(second.stderr).replace(/ in .*/, "")).toBe(summaryLine(first.stderr).replace(/ in .*/, ""));
    expect(Object.keys(before)).toContain("notes.json");
    expect(Object.keys(before).some((f) => f.startsWith("json/"))).toBe(false);
  });

  it("--incremental skips inputs converted whole by an earlier run, and converts changed ones", async () => {
    const root = tempDir();
    writeTree(root, { "in/a.txt": article(1), "in/b.txt": article(2) });
    await ingest(["in", "--out", "out"], { cwd: root });
    const again = await ingest(["in", "--out", "out", "--incremental"], { cwd: root });
    expect(summaryLine(again.stderr)).toMatch(/^2 files \(0 ok, 0 with errors, 2 up to date\): 0 records/);
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(root, "in/b.txt"), future, future);
    const changed = await ingest(["in", "--out", "out", "--incremental"], { cwd: root });
    expect(summaryLine(changed.stderr)).toMatch(/^2 files \(1 ok, 0 with errors, 1 up to date\): 1 record/);
    expect(changed.code).toBe(0);
  });

  it("refuses to let two inputs claim one output, keeping the first", async () => {
    const root = tempDir();
    writeTree(root, { "one/a.txt": article(1), "two/a.txt": article(2) });
    const r = await ingest(["one", "two", "--out", "out"], { cwd: root });
    expect(r.stderr).toContain("two/a.txt: error: OUTPUT_CONFLICT the output out/a.json was already written in this run from one/a.txt; not overwritten");
    expect(JSON.parse(readFileSync(join(root, "out/a.json"), "utf8"))).toMatchObject({ origin: { file: "one/a.txt" } });
    expect(r.code).toBe(1);
  });

  it("writes ninjs documents with --format ninjs, and refuses --format summary (exit 2)", async () => {
    const root = tempDir();
    writeTree(root, { "in/a.txt": article(1) });
    expect((await ingest(["in", "--out", "out", "--format", "ninjs", "-q"], { cwd: root })).code).toBe(0);
    expect(JSON.parse(readFileSync(join(root, "out/a.json"), "utf8"))).toMatchObject({ uri: "https://menafn.com/0000000001", standard: { name: "ninjs" } });
    const r = await ingest(["in", "--out", "out", "--format", "summary"], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: --out writes JSON files; --format summary is for standard output");
    const t = await ingest(["in", "--out", "out", "--format", "text"], { cwd: root });
    expect(t.code).toBe(2);
    expect(t.stderr).toContain("error: --out writes JSON files; --format text is for standard output");
  });

  it("refuses an output directory that is also an input (exit 2)", async () => {
    const root = mixedTree();
    const r = await ingest(["feeds", "--out", "feeds/"], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: the output directory feeds/ is also an input");
  });
});

describe.skipIf(UNIT)("Ctrl-C", () => {
  it("stops cleanly: exit 130, the summary so far, no temporary or partial file left", async () => {
    const root = tempDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < 4000; i++) files[`big/${String(i).padStart(5, "0")}.txt`] = article(i);
    writeTree(root, files);
    const out = join(root, "out");
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, "big", "--out", "out", "--jobs", "4"], { cwd: root });
      let stderr = "";
      child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stderr }));
      const poll = setInterval(() => {
        if (existsSync(out) && readdirSync(out).some((f) => f.endsWith(".json"))) {
          clearInterval(poll);
          child.kill("SIGINT");
        }
      }, 5);
    });
    expect(r.code).toBe(130);
    expect(summaryLine(r.stderr)).toMatch(/^interrupted after \d+ files \(\d+ ok, 0 with errors\): \d+ records/);
    expect(existsSync(join(out, ".ingest-tmp"))).toBe(false);
    const left = readdirSync(out).filter((f) => f !== ".ingest");
    expect(left.filter((f) => !f.endsWith(".json"))).toEqual([]);
    expect(left.length).toBeLessThan(4000);
    for (const f of left) expect(() => JSON.parse(readFileSync(join(out, f), "utf8"))).not.toThrow();
  });
});

describe.skipIf(UNIT)("Ctrl-C with one thread and stdout to a file", () => {
  it("is heard mid-run even though every read and write is synchronous", async () => {
    const root = tempDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < 8000; i++) files[`flat/${String(i).padStart(5, "0")}.txt`] = article(i);
    writeTree(root, files);
    const outFile = join(root, "out.jsonl");
    const fd = openSync(outFile, "w");
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, "flat"], { cwd: root, stdio: ["ignore", fd, "pipe"] });
      let stderr = "";
      child.stderr?.setEncoding("utf8").on("data", (c: string) => (stderr += c));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stderr }));
      const poll = setInterval(() => {
        if (statSync(outFile).size > 0) {
          clearInterval(poll);
          child.kill("SIGINT");
        }
      }, 2);
    });
    closeSync(fd);
    expect(r.code).toBe(130);
    const done = Number(/^interrupted after (\d+) files/.exec(summaryLine(r.stderr))?.[1]);
    expect(done).toBeLessThan(8000);
    expect(readFileSync(outFile, "utf8").split("\n").filter(Boolean).length).toBe(done);
  });
});
