import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { article, mixedTree, summaryLine, tempDir, writeTree } from "../batch-helpers.js";
import { jsonLines, ingest } from "../helpers.js";

type Rec = { headline: string; id: string; origin: { file: string; article: number } };
const SUMMARY =
  /^(\d+) files \((\d+) ok, (\d+) with errors(?:, (\d+) up to date)?\): (\d+) records?, (\d+) warnings?, (\d+) errors? in \d+\.\ds(?:; not read: [^;]+)?$/;

/** The summary's numbers, checking that the files add up. */
function counts(stderr: string): { files: number; ok: number; failed: number; skipped: number; records: number; warnings: number; errors: number } {
  const m = SUMMARY.exec(summaryLine(stderr));
  if (!m) throw new Error(`no summary line in:\n${stderr}`);
  const [files, ok, failed, skipped, records, warnings, errors] = m.slice(1).map((x) => Number(x ?? 0)) as number[] as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  expect(ok + failed + skipped).toBe(files);
  return { files, ok, failed, skipped, records, warnings, errors };
}

describe("ingest DIR", () => {
  it("prints every *.txt under the directory as JSON Lines, sorted by path, articles in file order", async () => {
    const root = mixedTree();
    const r = await ingest(["feeds/"], { cwd: root });
    const records = jsonLines(r.stdout) as Rec[];
    expect(records.map((x) => [x.origin.file, x.origin.article])).toEqual([
      ["feeds/2025/11/a.txt", 1],
      ["feeds/2025/11/b.txt", 1],
      ["feeds/2025/12/multi.txt", 1],
      ["feeds/2025/12/multi.txt", 2],
      ["feeds/dup.txt", 1],
      ["feeds/x.txt/inner.txt", 1],
    ]);
    expect(r.code).toBe(1);
  });

  it("gives each bad file one clear error, skips hidden files, symlinks and other extensions, and counts everything", async () => {
    const root = mixedTree();
    const r = await ingest(["feeds"], { cwd: root });
    const errors = r.stderr.split("\n").filter((l) => l.includes(": error: "));
    expect(errors).toEqual([
      "feeds/binary.txt: error: BINARY_INPUT the input looks binary (an ELF executable), not text",
      "feeds/empty.txt: error: EMPTY_INPUT the input is empty or holds only white space",
      "feeds/x.txt: error: NOT_A_FILE matched as an input but it is a directory, not a regular file",
    ]);
    expect(r.stderr).toContain(
      "feeds/dup.txt:18: warning: DUPLICATE_ID the ID MENAFN27112025000045017640ID0000000001 was already seen at feeds/2025/11/a.txt:18",
    );
    const problems = r.stderr.split("\n").filter((l) => l !== summaryLine(r.stderr));
    expect(problems.join("\n")).not.toMatch(/hidden|link\.txt|notes\.md|dangling/);
    expect(counts(r.stderr)).toEqual({ files: 8, ok: 5, failed: 3, skipped: 0, records: 6, warnings: 7, errors: 3 });
    // What was passed over by default is said, not silently dropped: link.txt, dangling.txt, loop; .hidden.
    expect(summaryLine(r.stderr)).toMatch(/; not read: 3 symbolic links \(--follow-symlinks\), 1 hidden entry \(--hidden\)$/);
    expect(r.code).toBe(1);
  });

  it("removes terminal control characters from walked file names on stderr", async () => {
    const root = tempDir();
    writeTree(root, { "t/evil\u001b[2Jname.txt": "" });
    const r = await ingest(["t"], { cwd: root });
    expect(r.stderr).toContain("t/evil\\x1b[2Jname.txt: error: EMPTY_INPUT");
    expect(r.stderr).not.toContain("\u001b");
  });

  it("--quiet drops the summary but not the problems", async () => {
    const r = await ingest(["feeds", "--quiet"], { cwd: mixedTree() });
    expect(r.stderr).toContain("feeds/empty.txt: error: EMPTY_INPUT");
    expect(r.stderr).not.toMatch(/ files \(/);
  });

  it("--hidden, --follow-symlinks, --glob and --exclude choose what a directory contributes", async () => {
    const root = mixedTree();
    const files = async (...args: string[]): Promise<string[]> =>
      (jsonLines((await ingest(["feeds", ...args], { cwd: root })).stdout) as Rec[]).map((x) => x.origin.file);
    expect(await files("--hidden")).toContain("feeds/.hidden/h.txt");
    expect(await files("--glob", "**/*.md")).toEqual(["feeds/notes.md"]);
    expect(await files("--exclude", "2025/**", "--exclude", "x.txt")).toEqual(["feeds/dup.txt"]);
    const linked = await ingest(["feeds", "--follow-symlinks"], { cwd: root });
    expect((jsonLines(linked.stdout) as Rec[]).map((x) => x.origin.file)).toContain("feeds/link.txt");
    expect(linked.stderr).toContain("feeds/dangling.txt: error: READ_ERROR cannot read the input: a symbolic link to nothing");
    expect(linked.stderr).toContain("feeds/loop: error: SYMLINK_LOOP a symbolic link loop: it leads back to a directory above it; not followed");
    expect(linked.code).toBe(1);
  });

  it("gives the same bytes on stdout and stderr whatever --jobs is", async () => {
    const root = tempDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < 120; i++) files[`t/${String(i % 7)}/${String(i).padStart(3, "0")}.txt`] = i % 10 === 3 ? "" : article(i % 50);
    writeTree(root, files);
    const one = await ingest(["t", "--jobs", "1"], { cwd: root });
    const many = await ingest(["t", "--jobs", "32"], { cwd: root });
    expect(many.stdout).toBe(one.stdout);
    const withoutTime = (s: string): string => s.replace(/ in \d+\.\ds\n/, "\n");
    expect(withoutTime(many.stderr)).toBe(withoutTime(one.stderr));
    expect(counts(one.stderr)).toMatchObject({ files: 120, failed: 12, records: 108 });
  });
});

describe("globs and files, mixed", () => {
  it("expands quoted globs (sorted) and reads named files, in argument order", async () => {
    const root = mixedTree();
    const r = await ingest(["feeds/2025/**/*.txt", "other/one.txt"], { cwd: root });
    expect((jsonLines(r.stdout) as Rec[]).map((x) => x.origin.file)).toEqual([
      "feeds/2025/11/a.txt",
      "feeds/2025/11/b.txt",
      "feeds/2025/12/multi.txt",
      "feeds/2025/12/multi.txt",
      "other/one.txt",
    ]);
    expect(counts(r.stderr)).toMatchObject({ files: 4, ok: 4, records: 5 });
    expect(r.code).toBe(0);
  });

  it("a glob that matches nothing is an error like a missing file (exit 2), and the rest still runs", async () => {
    const root = mixedTree();
    const r = await ingest(["nothing/**/*.txt", "other/one.txt"], { cwd: root });
    expect(r.stderr).toContain("nothing/**/*.txt: error: NO_MATCH no input files matched nothing/**/*.txt");
    expect(jsonLines(r.stdout)).toHaveLength(1);
    expect(r.code).toBe(2);
  });
});

describe("--errors FILE", () => {
  it("writes one JSON object per problem, as well as the human lines on stderr", async () => {
    const root = mixedTree();
    const r = await ingest(["feeds", "--errors", "problems.jsonl"], { cwd: root });
    const problems = jsonLines(readFileSync(join(root, "problems.jsonl"), "utf8")) as Array<Record<string, unknown>>;
    expect(problems).toHaveLength(counts(r.stderr).warnings + counts(r.stderr).errors);
    expect(problems).toContainEqual({
      file: "feeds/empty.txt",
      line: null,
      column: null,
      article: null,
      code: "EMPTY_INPUT",
      severity: "error",
      message: "the input is empty or holds only white space",
      data: {},
    });
    // The arguments of the message, for tools that would otherwise have to parse it.
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: "feeds/dup.txt",
        line: 18,
        article: 1,
        code: "DUPLICATE_ID",
        severity: "warning",
        data: { id: expect.stringMatching(/^MENAFN/), first: expect.stringMatching(/:\d+$/) },
      }),
    );
    expect(problems.map((p) => Object.keys(p))).toEqual(problems.map(() => ["file", "line", "column", "article", "code", "severity", "message", "data"]));
  });
});

describe("usage", () => {
  it("refuses --out with standard input, and --incremental without --out (exit 2)", async () => {
    const a = await ingest(["-", "--out", "x"], { input: article(1) });
    expect(a.code).toBe(2);
    expect(a.stderr).toContain("error: --out needs files or directories to read, not standard input");
    const b = await ingest(["feeds", "--incremental"], { cwd: mixedTree() });
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("error: --incremental needs --out");
  });

  it("prints no summary for named files (the single-file behaviour is unchanged)", async () => {
    const r = await ingest(["other/one.txt"], { cwd: mixedTree() });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/ files \(/);
  });
});
