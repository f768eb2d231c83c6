import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, fixture, ingest, jsonLines, QUICK, ROOT, UNIT } from "../helpers.js";

const SEED = "fixtures/000_ee22b7415f82c1d2.txt";
const seedText = readFileSync(fixture("000_ee22b7415f82c1d2.txt"), "utf8");
const ESC = "\u001b";
const tmp = mkdtempSync(join(tmpdir(), "ingest-cli-"));
const write = (name: string, text: string | Uint8Array): string => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};

describe("JSON Lines output", () => {
  it("prints one compact record per line for each input, in order", async () => {
    const other = write("other.txt", seedText.replace("Putin proposes", "Lukashenko backs"));
    const r = await ingest([SEED, other]);
    expect(r.code).toBe(0);
    const records = jsonLines(r.stdout) as Array<{ headline: string; origin: { file: string } }>;
    expect(records.map((x) => x.headline)).toEqual([
      "Putin proposes arming CSTO forces with Russian weapons",
      "Lukashenko backs arming CSTO forces with Russian weapons",
    ]);
    expect(records[0]?.origin.file).toBe(SEED);
    expect(r.stdout.split("\n")).toHaveLength(3);
  });

  it("reports warnings on stderr as FILE:LINE: severity CODE message, keeping stdout data only", async () => {
    const r = await ingest([SEED]);
    expect(r.stderr).toBe(`${SEED}:18: warning: TIMESTAMP_ID_DATE_MISMATCH the timestamp's date 2024-01-02 and the ID's date 2025-11-27 are 695 days apart\n`);
    expect(() => jsonLines(r.stdout)).not.toThrow();
  });

  it("pretty-prints with --pretty", async () => {
    const r = await ingest([SEED, "--pretty"]);
    expect(r.stdout.startsWith('{\n  "headline": "Putin proposes')).toBe(true);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: "MENAFN27112025000045017640ID1110406018" });
  });
});

describe("standard input", () => {
  it("reads stdin when no file is named and stdin is not a terminal", async () => {
    const r = await ingest([], { input: seedText });
    expect(r.code).toBe(0);
    const [rec] = jsonLines(r.stdout) as Array<{ headline: string; origin: { file: string | null } }>;
    expect(rec?.headline).toBe("Putin proposes arming CSTO forces with Russian weapons");
    expect(rec?.origin.file).toBeNull();
    expect(r.stderr).toMatch(/^<stdin>:18: warning: TIMESTAMP_ID_DATE_MISMATCH/);
  });

  it("reads stdin for -", async () => {
    const r = await ingest(["-"], { input: seedText });
    expect((jsonLines(r.stdout) as Array<{ id: string }>)[0]?.id).toBe("MENAFN27112025000045017640ID1110406018");
  });
});

describe("summary", () => {
  it("shows headline, timestamp, source, id, words, lead and warnings, without colour when piped", async () => {
    const r = await ingest([SEED, "--format", "summary"]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(ESC);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("Putin proposes arming CSTO forces with Russian weapons");
    expect(lines).toContain("timestamp 2024-01-02T12:17:00Z  (Tuesday, 02 January 2024 12:17 GMT)");
    expect(lines).toContain("source    MENAFN");
    expect(lines).toContain("id        MENAFN27112025000045017640ID1110406018  (2025-11-27, article 1110406018)");
    expect(lines).toContain("words     248 in 6 paragraphs");
    expect(r.stdout).toContain("lead      Russian President Vladimir Putin proposed on Thursday");
    expect(r.stdout).toContain("warnings  TIMESTAMP_ID_DATE_MISMATCH line 18: the timestamp's date 2024-01-02");
  });

  it("colours with --color or FORCE_COLOR, and never with NO_COLOR or --no-color", async () => {
    expect((await ingest([SEED, "-f", "summary", "--color"])).stdout).toContain(`${ESC}[1mPutin proposes`);
    expect((await ingest([SEED, "-f", "summary"], { env: { FORCE_COLOR: "1" } })).stdout).toContain(`${ESC}[33mTIMESTAMP_ID_DATE_MISMATCH`);
    expect((await ingest([SEED, "-f", "summary"], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } })).stdout).not.toContain(ESC);
    expect((await ingest([SEED, "-f", "summary", "--no-color"], { env: { FORCE_COLOR: "1" } })).stdout).not.toContain(ESC);
  });

  it("strips terminal control characters from input text", async () => {
    const evil = write("evil.txt", seedText.replace("Putin proposes", `Putin ${ESC}[2J${ESC}]0;owned\u0007proposes\u0007`));
    const r = await ingest([evil, "-f", "summary"]);
    expect(r.stdout.split("\n")[0]).toBe("Putin proposes arming CSTO forces with Russian weapons");
    expect(r.stdout).not.toContain(ESC);
  });
});

describe("refusals and exit codes", () => {
  it("exits 1 when an input is refused, still printing the good records", async () => {
    const empty = write("empty.txt", "");
    const r = await ingest([empty, SEED]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${empty}: error: EMPTY_INPUT the input is empty or holds only white space`);
    expect(jsonLines(r.stdout)).toHaveLength(1);
  });

  it("exits 2 for a missing file and goes on with the others", async () => {
    const r = await ingest(["no-such-file.txt", SEED]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no-such-file.txt: error: READ_ERROR cannot read the input: no such file");
    expect(jsonLines(r.stdout)).toHaveLength(1);
  });

  it("exits 2 for an unknown flag, saying what is wrong", async () => {
    const r = await ingest(["--bogus", SEED]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--bogus'");
    expect(r.stdout).toBe("");
  });

  it("--strict turns warnings into errors and refuses the article", async () => {
    const r = await ingest([SEED, "--strict"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`${SEED}:18: error: TIMESTAMP_ID_DATE_MISMATCH`);
  });

  it("reads an input over --max-bytes article by article, refusing each article over the limit", async () => {
    const r = await ingest([SEED, "--max-bytes", "100"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(
      `${SEED}:1: error: ARTICLE_TOO_LARGE the article is over the limit of 100 bytes (--max-bytes; ${Buffer.byteLength(seedText.trimEnd()) + 1} bytes read); skipped to the next timestamp line`,
    );
    const one = seedText.trimEnd();
    const big = one.replace("(MENAFN)", `(MENAFN) ${"word ".repeat(400)}`);
    const dump = write("dump.txt", `${one}\n\n${big}\n\n${one.replace(/ID\d{10}/, "ID0000000002")}\n`);
    const limit = Buffer.byteLength(one) + 1000;
    const streamed = await ingest([dump, "--max-bytes", String(limit)]);
    expect(streamed.code).toBe(1);
    expect(jsonLines(streamed.stdout).map((x) => (x as { origin: { article: number } }).origin.article)).toEqual([1, 3]);
    expect(streamed.stderr).toContain(`${dump}:${one.split("\n").length + 2}: error: ARTICLE_TOO_LARGE the article is over the limit of ${limit} bytes`);
  });

  it.skipIf(QUICK)("parses a large standard input article by article, as it parses the same text whole", async () => {
    const one = seedText.trimEnd();
    const articles = Array.from({ length: Math.ceil((9 << 20) / one.length) }, (_, i) => one.replace(/ID\d{10}/, `ID${String(i).padStart(10, "0")}`));
    const text = `${articles.join("\n\n")}\n`;
    const whole = await ingest([write("big.txt", text), "--max-bytes", String(64 << 20)]);
    const streamed = await ingest(["-", "-q"], { input: text });
    expect(streamed.stdout.split("\n")).toHaveLength(articles.length + 1);
    expect(streamed.stdout.replaceAll('"file":null', "")).toBe(whole.stdout.replaceAll(`"file":${JSON.stringify(join(tmp, "big.txt"))}`, ""));
  });

  it("refuses JSON and binary input with a clear error", async () => {
    const json = write("x.json.txt", '{"headline": "not wire text"}\n');
    const bin = write("x.bin.txt", new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3, 0, 0]));
    const r = await ingest([json, bin]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${json}: error: NOT_AN_ARTICLE the input is not a MENAFN-style article (it looks like JSON)`);
    expect(r.stderr).toContain(`${bin}: error: BINARY_INPUT`);
    expect(r.stdout).toBe("");
  });
});

describe("help, version, schema", () => {
  it("prints help with the exit codes", async () => {
    const r = await ingest(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: ingest [options] [command] [inputs...]");
    expect(r.stdout).toContain("Exit codes: 0 all inputs gave records");
  });

  it("prints the name and package version, as `ingest 0.1.0`", async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    const r = await ingest(["--version"]);
    expect(r.stdout.trim()).toBe(`ingest ${pkg.version}`);
  });

  it("prints the record's JSON Schema, draft 2020-12", async () => {
    const r = await ingest(["schema"]);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { $schema: string; required: string[]; properties: Record<string, unknown> };
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.required).toEqual(expect.arrayContaining(["headline", "timestamp", "source", "body", "id", "disclaimer", "warnings", "extras"]));
  });
});

describe.skipIf(UNIT)("closed pipe", () => {
  it("ends quietly when the reader goes away (| head -c 10)", async () => {
    const args = Array.from({ length: 300 }, () => SEED);
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT });
      let stderr = "";
      child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
      child.stdout.once("data", () => child.stdout.destroy());
      child.on("close", (code) => resolve({ code, stderr }));
    });
    expect(r.stderr).not.toMatch(/EPIPE|Error:|at .*\.js/);
    expect(r.code).toBe(0);
  });
});

describe("--errors file that cannot be created", () => {
  it("says which file, and exits 2 before doing any work", async () => {
    const r = await ingest([SEED, "--errors", "/nonexistent-dir/problems.jsonl"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("ingest: error: cannot create the --errors file /nonexistent-dir/problems.jsonl: no such file\n");
    expect(r.stdout).toBe("");
  });
});
