/**
 * `ingest validate FILE.jsonl...`: stored records checked against the record schema.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "ingest-validate-"));
const write = (name: string, text: string): string => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};
let good = "";
let goodLine = "";

beforeAll(async () => {
  const r = await ingest(["fixtures/000_ee22b7415f82c1d2.txt", "fixtures/no-tag.txt", "fixtures/id-missing.txt"]);
  good = write("good.jsonl", r.stdout);
  goodLine = r.stdout.split("\n")[0] ?? "";
});

describe("ingest validate", () => {
  it("accepts the tool's own JSON Lines output: exit 0, a count on stderr, nothing on stdout", async () => {
    const r = await ingest(["validate", good]);
    expect(r).toEqual({ code: 0, stdout: "", stderr: "3 records checked: 3 valid, 0 invalid\n" });
  });

  it("reports every problem of every invalid line with its path, non-JSON lines too (exit 1)", async () => {
    const record = JSON.parse(goodLine) as Record<string, unknown>;
    const lines = [
      goodLine,
      JSON.stringify({ ...record, headline: 7 }),
      JSON.stringify({ ...record, warnings: [{ code: "TIMESTAMP_ID_DATE_MISMATCH", message: "m", line: 0 }], extra: 1 }),
      "",
      "not json {",
      "[]",
    ];
    const file = write("mixed.jsonl", `${lines.join("\r\n")}\r\n`);
    const r = await ingest(["validate", file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const err = r.stderr.split("\n");
    expect(err.slice(0, 4)).toEqual([
      `${file}:2: error: INVALID_RECORD headline: Invalid input: expected string, received number`,
      `${file}:3: error: INVALID_RECORD warnings.0.line: Too small: expected number to be >0`,
      `${file}:3: error: INVALID_RECORD (root): Unrecognized key: "extra"`,
      expect.stringMatching(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:5: error: INVALID_RECORD \\(root\\): not JSON \\(.+\\)$`)),
    ]);
    expect(err.slice(4)).toEqual([
      `${file}:6: error: INVALID_RECORD (root): Invalid input: expected object, received array`,
      "5 records checked: 1 valid, 4 invalid",
      "",
    ]);
  });

  it("a document that is not JSON is one line of diagnostic, whatever line breaks V8 quotes from it", async () => {
    const file = write("pretty.json", '{\n  "headline": "a",\n  "body": tru\n}\n');
    const r = await ingest(["validate", file]);
    expect(r.code).toBe(1);
    const lines = r.stderr.split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+: error: INVALID_RECORD \\(root\\): not JSON \\(.+\\)$`));
    expect(lines.slice(1)).toEqual(["1 record checked: 0 valid, 1 invalid", ""]);
  });

  it("reports a missing file (exit 2) and still checks the others", async () => {
    const r = await ingest(["validate", "nope.jsonl", good]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("nope.jsonl: error: READ_ERROR cannot read the input: no such file\n3 records checked: 3 valid, 0 invalid; 1 file unreadable\n");
  });

  it("reads standard input for -", async () => {
    const r = await ingest(["validate", "-"], { input: `${goodLine}\n{}\n` });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("<stdin>:2: error: INVALID_RECORD headline: Invalid input: expected string, received undefined\n");
    expect(r.stderr).toMatch(/2 records checked: 1 valid, 1 invalid\n$/);
  });

  it("needs at least one file (usage error, exit 2)", async () => {
    const r = await ingest(["validate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing required argument 'files'");
  });
});
