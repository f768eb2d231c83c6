import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { article, listFiles, mixedTree, summaryLine, tempDir, writeTree } from "../../batch-helpers.js";
import { BIN, ingest, jsonLines, UNIT } from "../../helpers.js";

type Rec = { headline: string; id: string | null; encoding: string; origin: { file: string | null; article: number } };

// Problems only: not the summary, nor the counts by code above it (`errors: 3 EMPTY_INPUT`), which are per run.
const problemLines = (stderr: string): string[] =>
  stderr.split("\n").filter((l) => l !== "" && l !== summaryLine(stderr) && !/^(errors|warnings): /.test(l) && !l.includes("DUPLICATE_ID"));

describe("--shard K/N", () => {
  it("splits a tree into shards whose union is the unsharded run, with no overlap", async () => {
    const root = mixedTree();
    const all = await ingest(["feeds", "other"], { cwd: root });
    const shards = await Promise.all([1, 2, 3].map((k) => ingest(["--shard", `${k}/3`, "feeds", "other"], { cwd: root })));
    const records = shards.flatMap((s) => s.stdout.split("\n").filter((l) => l !== ""));
    expect(records.sort()).toEqual(
      all.stdout
        .split("\n")
        .filter((l) => l !== "")
        .sort(),
    );
    // Each record and each problem in exactly one shard (a repeated ID is only seen within a shard).
    expect(shards.flatMap((s) => problemLines(s.stderr)).sort()).toEqual(problemLines(all.stderr).sort());
    expect(shards.filter((s) => s.stdout !== "").length).toBeGreaterThan(1);
    for (const s of shards) expect([0, 1]).toContain(s.code);
  });

  it("refuses a bad K/N, and plain standard input, which has no path to split by (exit 2)", async () => {
    for (const [arg, message] of [
      ["0/2", "error: --shard 0/2: K must be between 1 and N (2)"],
      ["3/2", "error: --shard 3/2: K must be between 1 and N (2)"],
      ["half", "error: --shard wants K/N (shard K of N, counted from 1, such as 1/4), not half"],
    ]) {
      const r = await ingest(["--shard", arg!, "fixtures"]);
      expect(r.stderr.trim()).toBe(`ingest: ${message}`);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
    }
    const r = await ingest(["--shard", "1/2", "-"], { input: article(1) });
    expect(r.stderr).toMatch(/^ingest: error: --shard splits inputs by path, and standard input has none/);
    expect(r.code).toBe(2);
  });
});

describe("--files-from", () => {
  it("reads the inputs listed one a line (blank lines and CRs ignored), after the arguments", async () => {
    const root = tempDir();
    writeTree(root, { "a/1.txt": article(1), "b/2.txt": article(2), "c/3.txt": article(3), "list.txt": "b/2.txt\r\n\n  \nc/3.txt\n" });
    const r = await ingest(["a/1.txt", "--files-from", "list.txt"], { cwd: root });
    expect((jsonLines(r.stdout) as Rec[]).map((x) => x.origin.file)).toEqual(["a/1.txt", "b/2.txt", "c/3.txt"]);
    expect(summaryLine(r.stderr)).toMatch(/^3 files \(3 ok, 0 with errors\): 3 records/);
    expect(r.code).toBe(0);
  });

  it("reads a NUL-separated list from standard input (find -print0), walks a listed directory, never globs", async () => {
    const root = tempDir();
    writeTree(root, { "d/x.txt": article(1), "d/sub/y.txt": article(2), "new\nline.txt": article(3), "g/[ab].txt": article(4), "g/a.txt": article(5) });
    const r = await ingest(["--files-from", "-", "-0", "-q"], { cwd: root, input: "d\0new\nline.txt\0g/[ab].txt\0" });
    expect((jsonLines(r.stdout) as Rec[]).map((x) => x.origin.file)).toEqual(["d/sub/y.txt", "d/x.txt", "new\nline.txt", "g/[ab].txt"]);
    expect(r.stderr).not.toContain(" error: ");
    expect(r.code).toBe(0);
  });

  it("with --out, a listed path under the current directory is mirrored as listed", async () => {
    const root = tempDir();
    writeTree(root, { "in/2025/a.txt": article(1), "in/b.txt": article(2) });
    const r = await ingest(["--files-from", "-", "--out", "o", "-q"], { cwd: root, input: "in/2025/a.txt\nin/b.txt\n" });
    expect(r.code).toBe(0);
    // .ingest/ holds the --out tree's own manifest.
    expect(listFiles(join(root, "o")).filter((f) => !f.startsWith(".ingest/"))).toEqual(["in/2025/a.json", "in/b.json"]);
  });

  it("a listed file that cannot be read is a named input's error (exit 2); the rest still runs", async () => {
    const root = tempDir();
    writeTree(root, { "a.txt": article(1), list: "missing.txt\na.txt\n" });
    const r = await ingest(["--files-from", "list"], { cwd: root });
    expect(r.stderr).toContain("missing.txt: error: READ_ERROR cannot read the input: no such file");
    expect(jsonLines(r.stdout)).toHaveLength(1);
    expect(r.code).toBe(2);
  });

  it("a list that cannot be read is exit 2; -0 needs --files-from; the list and an input cannot both be stdin", async () => {
    const root = tempDir();
    let r = await ingest(["--files-from", "nope.txt"], { cwd: root });
    expect(r.stderr).toContain("nope.txt: error: READ_ERROR cannot read the input: the --files-from list: no such file");
    expect(r.code).toBe(2);
    r = await ingest(["-0", "x.txt"], { cwd: root });
    expect(r.stderr.trim()).toBe("ingest: error: -0/--null needs --files-from");
    expect(r.code).toBe(2);
    r = await ingest(["--files-from", "-", "-"], { cwd: root });
    expect(r.stderr.trim()).toBe("ingest: error: standard input cannot be both the --files-from list and an input");
    expect(r.code).toBe(2);
  });

  it("--shard splits a list by its paths as listed", async () => {
    const root = tempDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`f/${i}.txt`] = article(i);
    writeTree(root, files);
    const list = Object.keys(files).join("\n");
    const all = await ingest(["--files-from", "-", "-q"], { cwd: root, input: list });
    const parts = await Promise.all([1, 2].map((k) => ingest(["--files-from", "-", "-q", "--shard", `${k}/2`], { cwd: root, input: list })));
    const lines = (s: string) => s.split("\n").filter((l) => l !== "");
    expect(parts.flatMap((p) => lines(p.stdout)).sort()).toEqual(lines(all.stdout).sort());
    expect(lines(parts[0]!.stdout).length).toBeGreaterThan(5);
    expect(lines(parts[1]!.stdout).length).toBeGreaterThan(5);
  });
});

const doc = (path: string, content: string | Buffer): string =>
  JSON.stringify(typeof content === "string" ? { path, text: content } : { path, bytes: content.toString("base64") });

describe("--input-format jsonl", () => {
  it("takes each line as one document named by its path: the records a file of those bytes gives", async () => {
    const root = tempDir();
    const legacy = Buffer.from(article(3).replace("Putin", "Pütin"), "latin1");
    writeTree(root, { "2025/a.txt": article(1), "2025/b.txt": article(2), "2025/c.txt": legacy });
    const files = await ingest(["2025/a.txt", "2025/b.txt", "2025/c.txt"], { cwd: root });
    const input = `${[doc("2025/a.txt", article(1)), doc("2025/b.txt", Buffer.from(article(2))), doc("2025/c.txt", legacy)].join("\n")}\n`;
    const docs = await ingest(["--input-format", "jsonl"], { cwd: root, input });
    expect(docs.stdout).toBe(files.stdout);
    expect(docs.stderr).toBe(files.stderr);
    expect((jsonLines(docs.stdout) as Rec[]).map((r) => r.encoding)).toEqual(["utf-8", "utf-8", "windows-1252"]);
    expect(docs.code).toBe(0);
  });

  it("reports each bad line by its number and goes on; bad documents are refused like bad files", async () => {
    const input = [
      doc("good.txt", article(1)),
      "not json",
      "[1, 2]",
      JSON.stringify({ text: "no path" }),
      JSON.stringify({ path: "both.txt", text: "x", bytes: "eA==" }),
      JSON.stringify({ path: "b64.txt", bytes: "not base64!" }),
      "",
      doc("empty.txt", ""),
      doc("binary.txt", Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1])),
      doc("good2.txt", article(2)),
    ].join("\n");
    const r = await ingest(["--input-format", "jsonl", "-"], { input });
    expect((jsonLines(r.stdout) as Rec[]).map((x) => x.origin.file)).toEqual(["good.txt", "good2.txt"]);
    const errors = r.stderr.split("\n").filter((l) => l.includes(" error: "));
    expect(errors).toEqual([
      `<stdin>:2: error: INVALID_DOCUMENT not an input document ({"path", "text"} or {"path", "bytes"}): not JSON (Unexpected token 'o', "not json" is not valid JSON)`,
      `<stdin>:3: error: INVALID_DOCUMENT not an input document ({"path", "text"} or {"path", "bytes"}): not a JSON object`,
      `<stdin>:4: error: INVALID_DOCUMENT not an input document ({"path", "text"} or {"path", "bytes"}): "path" must be a non-empty string`,
      `<stdin>:5: error: INVALID_DOCUMENT not an input document ({"path", "text"} or {"path", "bytes"}): both.txt: needs exactly one of "text" (a string) or "bytes" (base64)`,
      `<stdin>:6: error: INVALID_DOCUMENT not an input document ({"path", "text"} or {"path", "bytes"}): b64.txt: "bytes" is not base64 (standard alphabet, padded, no line breaks)`,
      "empty.txt: error: EMPTY_INPUT the input is empty or holds only white space",
      "binary.txt: error: BINARY_INPUT the input looks binary (an ELF executable), not text",
    ]);
    expect(r.code).toBe(1);
  });

  it("refuses a document over --max-bytes, and a line too long to hold one, without stopping", async () => {
    const input = [doc("big.txt", "x".repeat(5000)), "y".repeat(90_000), doc("ok.txt", article(1))].join("\n");
    const r = await ingest(["--input-format", "jsonl", "--max-bytes", "3000"], { input });
    expect(r.stderr).toContain("big.txt: error: INPUT_TOO_LARGE the input is 5000 bytes, over the limit of 3000 bytes (--max-bytes)");
    expect(r.stderr).toContain(
      '<stdin>:2: error: INVALID_DOCUMENT not an input document ({"path", "text"} or {"path", "bytes"}): the line is over 83536 bytes (a document may hold 3000, --max-bytes)',
    );
    expect(jsonLines(r.stdout)).toHaveLength(1);
    expect(r.code).toBe(1);
  });

  it("reads JSON Lines files too; a missing one is a named input's error (exit 2)", async () => {
    const root = tempDir();
    writeTree(root, { "part-0.jsonl": `${doc("a.txt", article(1))}\n${doc("b.txt", article(2))}\n` });
    const r = await ingest(["--input-format", "jsonl", "part-0.jsonl", "part-1.jsonl"], { cwd: root });
    expect((jsonLines(r.stdout) as Rec[]).map((x) => x.origin.file)).toEqual(["a.txt", "b.txt"]);
    expect(r.stderr).toContain("part-1.jsonl: error: READ_ERROR cannot read the input: no such file");
    expect(r.code).toBe(2);
  });

  it("--shard splits the documents by path, and a bad line goes to exactly one shard", async () => {
    const lines = [];
    for (let i = 0; i < 30; i++) lines.push(doc(`d/${i}.txt`, article(i)));
    lines.splice(10, 0, "bad line");
    const input = lines.join("\n");
    const all = await ingest(["--input-format", "jsonl", "-q"], { input });
    const parts = await Promise.all([1, 2].map((k) => ingest(["--input-format", "jsonl", "-q", "--shard", `${k}/2`], { input })));
    const nonEmpty = (s: string) => s.split("\n").filter((l) => l !== "");
    expect(parts.flatMap((p) => nonEmpty(p.stdout)).sort()).toEqual(nonEmpty(all.stdout).sort());
    expect(parts.flatMap((p) => nonEmpty(p.stderr)).sort()).toEqual(nonEmpty(all.stderr).sort());
    expect(parts.flatMap((p) => nonEmpty(p.stderr)).filter((l) => l.startsWith("<stdin>:11: error: INVALID_DOCUMENT"))).toHaveLength(1);
  });

  it("refuses --out, which mirrors input files (exit 2)", async () => {
    const r = await ingest(["--input-format", "jsonl", "--out", join(tempDir(), "o"), "x.jsonl"]);
    expect(r.stderr.trim()).toBe("ingest: error: --out-dir writes one file per input file; with --input-format jsonl records go to standard output or -o");
    expect(r.code).toBe(2);
  });

  it.skipIf(UNIT)("writes each record as soon as its document is read, before standard input ends", async () => {
    const child = spawn(process.execPath, [BIN, "--input-format", "jsonl", "-q"], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    const firstRecord = new Promise<void>((resolve) => {
      child.stdout.setEncoding("utf8").on("data", (c: string) => {
        out += c;
        if (out.includes("\n")) resolve();
      });
    });
    child.stdin.write(`${doc("one.txt", article(1))}\n`);
    // The pipe is still open: the record must come out without waiting for the end of input.
    await firstRecord;
    expect((jsonLines(out) as Rec[]).map((r) => r.origin.file)).toEqual(["one.txt"]);
    child.stdin.end(`${doc("two.txt", article(2))}\n`);
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect((jsonLines(out) as Rec[]).map((r) => r.origin.file)).toEqual(["one.txt", "two.txt"]);
    expect(code).toBe(0);
  });
});

describe("--inline-errors", () => {
  it("writes the problems as JSON Lines on stdout, each input's before its records, and still on stderr", async () => {
    const input = [doc("a.txt", article(1)), doc("e.txt", ""), "oops"].join("\n");
    const r = await ingest(["--input-format", "jsonl", "--inline-errors"], { input });
    const lines = jsonLines(r.stdout) as Array<Record<string, unknown>>;
    expect(lines.map((l) => ("code" in l ? `${String(l.file)}:${String(l.line)} ${String(l.code)}` : `record ${(l as Rec).origin.file}`))).toEqual([
      "a.txt:18 TIMESTAMP_ID_DATE_MISMATCH",
      "record a.txt",
      "e.txt:null EMPTY_INPUT",
      "<stdin>:3 INVALID_DOCUMENT",
    ]);
    expect(r.stderr).toContain("e.txt: error: EMPTY_INPUT");
    expect(r.code).toBe(1);
  });

  it("is refused with --format summary or text, with --errors, and with records going to a file (exit 2)", async () => {
    for (const [args, message] of [
      [["-f", "summary"], "--inline-errors puts problems among the JSON Lines on standard output; not with --format summary"],
      [["--errors", "e.jsonl"], "--inline-errors and --errors both say where problems go: give one"],
      [["-o", join(tempDir(), "r.jsonl")], "--inline-errors puts problems among the records on standard output; not with -o FILE or --out-dir"],
    ] as const) {
      const r = await ingest(["--inline-errors", ...args, "fixtures"]);
      expect(r.stderr).toContain(message);
      expect(r.code).toBe(2);
    }
  });
});
