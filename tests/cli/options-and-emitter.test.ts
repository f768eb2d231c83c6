import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { Result } from "../../src/cli/convert/convert.js";
import { DuplicateIds } from "../../src/cli/convert/duplicate-ids.js";
import { chooseEmitter } from "../../src/cli/output/emit.js";
import { sink, type Io } from "../../src/cli/io.js";
import { resolveOptions, type CliOptions, type RunOptions } from "../../src/cli/args/options.js";
import { parse } from "../../src/parse/index.js";
import { renderNinjs } from "../../src/render/ninjs.js";
import { renderText } from "../../src/render/text.js";
import { ROOT, fixture } from "../helpers.js";

const io = (tty: { stdin?: boolean; stdout?: boolean }, env: Record<string, string> = {}): Io => ({
  stdin: Object.assign(new PassThrough(), { isTTY: tty.stdin }),
  stdout: Object.assign(new PassThrough(), { isTTY: tty.stdout }),
  stderr: new PassThrough(),
  env,
  cwd: ROOT,
});
/** Flags as commander gives them; `out` is --out-dir's old name, which the table folds in. */
const flags = (o: Partial<CliOptions> & { out?: string } = {}): CliOptions => ({ maxBytes: 100, glob: ["**/*.txt"], exclude: [], jobs: 1, ...o });

describe("DuplicateIds", () => {
  it("remembers where an ID was first seen and reports that place for every repeat", () => {
    const ids = new DuplicateIds();
    expect(ids.firstSeen("MENAFN1", "a.txt", 3)).toBeNull();
    expect(ids.firstSeen("MENAFN2", "a.txt", 9)).toBeNull();
    expect(ids.firstSeen("MENAFN1", "b.txt", 4)).toBe("a.txt:3");
    expect(ids.firstSeen("MENAFN1", "c.txt", 5)).toBe("a.txt:3");
  });
});

describe("resolveOptions", () => {
  it("reads standard input when nothing is named and stdin is no terminal; asks for the help on a terminal", () => {
    expect(resolveOptions([], flags(), io({}))).toMatchObject({ inputs: ["-"] });
    expect(resolveOptions([], flags(), io({ stdin: true }))).toEqual({ usage: null });
  });

  it("settles the format, pretty-printing and colour from the terminal and environment", () => {
    const onTerminal = resolveOptions(["a.txt"], flags(), io({ stdout: true }));
    expect(onTerminal).toMatchObject({ options: { format: "summary", color: true, pretty: false } });
    expect(resolveOptions(["a.txt"], flags({ format: "json" }), io({ stdout: true }))).toMatchObject({ options: { format: "json", pretty: true } });
    expect(resolveOptions(["a.txt"], flags(), io({ stdout: true }, { NO_COLOR: "1" }))).toMatchObject({ options: { color: false } });
    expect(resolveOptions(["a.txt"], flags(), io({}, { FORCE_COLOR: "1" }))).toMatchObject({ options: { format: "json", color: true, ninjsVersion: "2.2" } });
  });

  it("answers every ambiguous -o, --out-dir and --out with a clear usage error", () => {
    const usage = (o: Partial<CliOptions> & { out?: string }, inputs = ["fixtures"]) => resolveOptions(inputs, flags(o), io({}));
    expect(usage({ output: "records.jsonl" })).toMatchObject({ options: { records: { kind: "file", shown: "records.jsonl" }, pretty: false, format: "json" } });
    expect(usage({ output: "-" })).toMatchObject({ options: { records: { kind: "stdout" } } });
    expect(usage({ output: "out" })).toEqual({
      usage: "-o out: name a .jsonl, .ndjson or .json file, or - for standard output (for one file per article use --out-dir out)",
    });
    expect(usage({ output: "fixtures" })).toEqual({
      usage: "-o fixtures is a directory; -o writes one file (for one file per article use --out-dir fixtures)",
    });
    expect(usage({ output: "a.jsonl", outDir: "o" })).toEqual({ usage: "-o writes one file and --out-dir a tree of files: give one of them" });
    expect(usage({ out: "o", outDir: "o" })).toEqual({ usage: "--out is the old name of --out-dir: give one of them" });
    expect(usage({ out: "package.json" })).toEqual({ usage: "--out package.json is a file, not a directory" });
    expect(usage({ outDir: "new.jsonl" })).toEqual({ usage: "--out-dir new.jsonl looks like a file name: for one JSON Lines file use -o new.jsonl" });
    expect(usage({ output: "a.jsonl", format: "summary" })).toEqual({ usage: "-o writes JSON Lines; --format summary is for standard output" });
    expect(usage({ output: "a.jsonl", pretty: true })).toEqual({ usage: "-o writes JSON Lines, one record per line; --pretty is for standard output" });
    // The same spelling has a message pointing at the fix; every other alias is the write guard's (tests/write-guard.test.ts).
    expect(usage({ output: "fixtures/x.json" }, ["fixtures/x.json"])).toEqual({
      usage: "-o fixtures/x.json is one of the inputs: name a new file for the records, such as -o fixtures/x.jsonl",
    });
  });

  it("takes defaults from the config file, flags winning", () => {
    const config = {
      format: "ninjs" as const,
      maxBytes: "1K",
      glob: ["*.md"],
      quiet: true,
      codes: { MISSING_DISCLAIMER: "ignore" as const, MISSING_ID: "error" as const },
    };
    const r = resolveOptions(
      ["a"],
      { ...flags(), maxBytes: undefined, glob: undefined, exclude: undefined, jobs: undefined, errorOn: ["MISSING_DISCLAIMER"] },
      io({}),
      config,
    );
    expect(r).toMatchObject({ options: { format: "ninjs", maxBytes: 1024, glob: ["*.md"], quiet: true } });
    if (!("options" in r)) throw new Error("usage");
    expect([...(r.options.ignore ?? [])]).toEqual([]);
    expect([...(r.options.errorOn ?? [])].sort()).toEqual(["MISSING_DISCLAIMER", "MISSING_ID"]);
    expect(resolveOptions(["a"], flags({ format: "json", quiet: false }), io({}), config)).toMatchObject({ options: { format: "json", quiet: false } });
  });

  it("refuses the flag combinations that cannot work", () => {
    expect(resolveOptions(["a.txt"], flags({ incremental: true }), io({}))).toEqual({ usage: "--incremental needs --out-dir or --db" });
    expect(resolveOptions(["-"], flags({ out: "o" }), io({}))).toEqual({ usage: "--out needs files or directories to read, not standard input" });
    expect(resolveOptions(["a"], flags({ ninjsVersion: "3.1", format: "json" }), io({}))).toEqual({ usage: "--ninjs-version needs --format ninjs, not json" });
  });
});

describe("chooseEmitter", () => {
  const article = parse(readFileSync(fixture("000_ee22b7415f82c1d2.txt")), { file: "a.txt" }).records[0]!;
  const base: RunOptions = {
    format: "json",
    pretty: false,
    strict: false,
    color: false,
    errColor: false,
    width: null,
    maxBytes: 1,
    records: { kind: "stdout" },
    errors: { kind: "none" },
    glob: [],
    iglob: [],
    exclude: [],
    hidden: false,
    followSymlinks: false,
    incremental: false,
    jobs: 1,
    quiet: false,
    ninjsVersion: "2.2",
    sources: { filesFrom: null, nul: false, inputFormat: "text", shard: null },
    ignore: new Set(),
    errorOn: new Set(),
    db: null,
  };
  const from: Result = { entry: { kind: "stdin", display: "<stdin>", named: true }, records: [], diagnostics: [], articleCount: 1, io: false, skipped: false };

  async function emitted(o: Partial<RunOptions>, times = 2): Promise<string> {
    const stream = new PassThrough();
    let text = "";
    stream.on("data", (c: Buffer) => (text += c.toString()));
    const out = sink(stream);
    const emitter = await chooseEmitter({ ...base, ...o }, out, null);
    for (let i = 0; i < times; i++) expect(await emitter.emit(article, from)).toBeNull();
    return text;
  }

  it("writes one JSON (or ninjs) record per line", async () => {
    const json = (await emitted({ format: "json" })).split("\n");
    expect(json).toHaveLength(3);
    expect(JSON.parse(json[0]!)).toMatchObject({ headline: article.headline });
    expect(await emitted({ format: "ninjs", ninjsVersion: "3.1" })).toBe(`${renderNinjs(article, "3.1", false)}\n`.repeat(2));
  });

  it("separates text and summary blocks by one blank line, with none before the first", async () => {
    expect(await emitted({ format: "text" })).toBe(`${renderText(article)}\n${renderText(article)}`);
    const summary = await emitted({ format: "summary" }, 1);
    expect(await emitted({ format: "summary" })).toBe(`${summary}\n${summary}`);
  });
});
