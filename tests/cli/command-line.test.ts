/**
 * The everyday conventions of a command-line tool (#14), each through the built CLI; what
 * depends on a terminal runs in a real pseudo-terminal (util-linux `script`).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configJsonSchema } from "../../src/cli/args/config-schema.js";
import { BIN, fixture, ingest, jsonLines, ROOT, UNIT } from "../helpers.js";
import { validatorFor } from "../json-schema.js";

const ESC = "\u001b";
const DUMP = fixture("feed-dump-four.txt");
const SEED = fixture("000_ee22b7415f82c1d2.txt");
const has = (cmd: string): boolean => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
const HAS_SCRIPT = has("script");

/** A fresh directory with `files` (path → text) in it. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "ingest-conv-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const dumpText = readFileSync(DUMP, "utf8");
const seedText = readFileSync(SEED, "utf8");
/** Five articles: the four-article dump and the sample. */
const FIVE = dumpText + seedText;

/** Run the bin in a pseudo-terminal of `cols` columns: stdout and stderr both go to the terminal. */
function onTerminal(args: string[], o: { cols?: number; env?: Record<string, string>; cwd?: string } = {}): { text: string; code: number } {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const env: Record<string, string | undefined> = { ...process.env, TERM: "xterm", ...o.env };
  for (const k of ["NO_COLOR", "FORCE_COLOR"]) if (o.env?.[k] === undefined) delete env[k];
  const r = spawnSync("script", ["-qec", `stty cols ${o.cols ?? 80} rows 50; ${quoted}; echo "[exit $?]"`, "/dev/null"], {
    cwd: o.cwd ?? ROOT,
    env,
    encoding: "utf8",
  });
  const text = r.stdout.replace(/\r\n/g, "\n");
  const code = Number(/\[exit (\d+)\]\n?$/.exec(text)?.[1] ?? -1);
  return { text: text.replace(/\[exit \d+\]\n?$/, ""), code };
}
// biome-ignore lint/suspicious/noControlCharactersInRegex: colour escapes are what it removes
const plain = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, "");

describe("1. ingest on the PATH", () => {
  it("package.json names the bin `ingest` and the README sets it up with npm link", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };
    expect(pkg.bin).toEqual({ ingest: "bin/ingest.js" });
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(readme).toContain("npm install && npm link");
  });
});

describe("2. -o FILE, --out-dir DIR", () => {
  it("-o writes every record to one JSON Lines file, and leaves no temporary file", async () => {
    const root = tree({ "feeds/a.txt": dumpText, "feeds/b.txt": seedText });
    const r = await ingest(["feeds", "-o", "out.jsonl"], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    const records = jsonLines(readFileSync(join(root, "out.jsonl"), "utf8"));
    expect(records).toHaveLength(5);
    expect(readdirSync(root).sort()).toEqual(["feeds", "out.jsonl"]);
    const viaStdout = await ingest(["feeds"], { cwd: root });
    expect(readFileSync(join(root, "out.jsonl"), "utf8")).toBe(viaStdout.stdout);
    // -o - is standard output.
    expect((await ingest(["feeds", "-o", "-"], { cwd: root })).stdout).toBe(viaStdout.stdout);
  });

  it("--out-dir writes the mirrored tree; --out still does", async () => {
    const root = tree({ "feeds/a.txt": seedText });
    expect((await ingest(["feeds", "--out-dir", "json"], { cwd: root })).code).toBe(0);
    expect((await ingest(["feeds", "--out", "old"], { cwd: root })).code).toBe(0);
    const visible = (dir: string): string[] => readdirSync(join(root, dir)).filter((n) => !n.startsWith("."));
    expect(visible("json")).toEqual(["a.json"]);
    expect(visible("old")).toEqual(["a.json"]);
  });

  it.each([
    [["feeds", "-o", "out"], "-o out: name a .jsonl, .ndjson or .json file, or - for standard output (for one file per article use --out-dir out)"],
    [["feeds", "-o", "feeds"], "-o feeds is a directory; -o writes one file (for one file per article use --out-dir feeds)"],
    [["feeds", "--out-dir", "feeds/a.txt"], "--out-dir feeds/a.txt is a file, not a directory"],
    [["--out", "feeds/a.txt"], "--out feeds/a.txt is a file, not a directory"],
    [["feeds", "--out-dir", "x.jsonl"], "--out-dir x.jsonl looks like a file name: for one JSON Lines file use -o x.jsonl"],
    [["feeds", "-o", "a.jsonl", "--out-dir", "d"], "-o writes one file and --out-dir a tree of files: give one of them"],
  ])("%j is refused: %s", async (args, message) => {
    const root = tree({ "feeds/a.txt": seedText });
    const r = await ingest(args, { cwd: root });
    expect(r).toMatchObject({ code: 2, stdout: "" });
    expect(r.stderr).toBe(`ingest: error: ${message}\n`);
    expect(readdirSync(root)).toEqual(["feeds"]);
  });
});

describe("3. per-code control, -q, counts by code, ingest.config.json", () => {
  it("ends a batch with counts by code, just above the summary line", async () => {
    const root = tree({ "feeds/a.txt": dumpText, "feeds/b.txt": seedText, "feeds/empty.txt": "" });
    const r = await ingest(["feeds"], { cwd: root });
    expect(r.stderr.split("\n").slice(-4, -2)).toEqual(["warnings: 2 MISSING_DISCLAIMER, 1 TIMESTAMP_ID_DATE_MISMATCH", "errors: 1 EMPTY_INPUT"]);
  });

  it("--ignore leaves a warning out everywhere; --error-on refuses its article (exit 1); errors cannot be ignored", async () => {
    const root = tree({ "feeds/a.txt": dumpText, "feeds/empty.txt": "" });
    const ignored = await ingest(["feeds", "--ignore", "missing_disclaimer,EMPTY_INPUT", "--errors", "e.jsonl"], { cwd: root });
    expect(ignored.stderr).not.toContain("MISSING_DISCLAIMER");
    expect(ignored.stderr).toContain("EMPTY_INPUT");
    expect(jsonLines(ignored.stdout)).toHaveLength(4);
    expect(readFileSync(join(root, "e.jsonl"), "utf8")).not.toContain("MISSING_DISCLAIMER");
    const strict = await ingest(["feeds/a.txt", "--error-on", "MISSING_DISCLAIMER"], { cwd: root });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe(
      "feeds/a.txt: error: MISSING_DISCLAIMER no Legal Disclaimer; disclaimer is null (article 1)\n" +
        "feeds/a.txt: error: MISSING_DISCLAIMER no Legal Disclaimer; disclaimer is null (article 2)\n",
    );
    expect((jsonLines(strict.stdout) as Array<{ origin: { article: number } }>).map((x) => x.origin.article)).toEqual([3, 4]);
    const typo = await ingest(["feeds", "--ignore", "MISSING_DISCLAIMR"], { cwd: root });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("MISSING_DISCLAIMR is no diagnostic code (did you mean MISSING_DISCLAIMER?)");
  });

  it("-q hides warnings and the summary, not errors", async () => {
    const root = tree({ "feeds/a.txt": dumpText, "feeds/empty.txt": "" });
    const r = await ingest(["feeds", "-q"], { cwd: root });
    expect(r.stderr).toBe("feeds/empty.txt: error: EMPTY_INPUT the input is empty or holds only white space\n");
  });

  it("reads ingest.config.json from the working directory upward; flags win; --no-config skips it", async () => {
    const root = tree({
      "ingest.config.json": JSON.stringify({ $schema: "./schema/ingest.config.schema.json", codes: { MISSING_DISCLAIMER: "ignore" }, format: "ninjs" }),
      "work/deep/a.txt": dumpText,
    });
    const cwd = join(root, "work/deep");
    const r = await ingest(["a.txt"], { cwd });
    expect(r.stderr).toBe("");
    expect((jsonLines(r.stdout)[0] as { uri: string }).uri).toBe("https://menafn.com/1110302211");
    const flag = await ingest(["a.txt", "-f", "json"], { cwd });
    expect((jsonLines(flag.stdout)[0] as { headline: string }).headline).toBe("Oman expands Duqm refinery exports to East Africa");
    const none = await ingest(["a.txt", "--no-config"], { cwd });
    expect(none.stderr).toContain("MISSING_DISCLAIMER");
  });

  it("refuses a config file that is not valid, naming it and what is wrong (exit 2)", async () => {
    const root = tree({ "ingest.config.json": JSON.stringify({ jobs: "two", colour: "never" }), "a.txt": seedText });
    const r = await ingest(["a.txt"], { cwd: root });
    expect(r).toMatchObject({ code: 2, stdout: "" });
    expect(r.stderr).toBe('ingest: error: ingest.config.json: jobs: Invalid input: expected number, received string; (root): Unrecognized key: "colour"\n');
  });

  it("ships the config file's JSON Schema, up to date with the zod schema (npm run schema)", () => {
    const checkedIn = readFileSync(join(ROOT, "schema/ingest.config.schema.json"), "utf8");
    expect(checkedIn).toBe(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
    const validate = validatorFor("ingest.config.schema.json");
    expect(validate({ $schema: "x", maxBytes: "10M", codes: { DUPLICATE_ID: "error" } })).toBe(true);
    expect(validate({ codes: { NOPE: "error" } })).toBe(false);
    expect(validate({ maxBytes: "ten" })).toBe(false);
  });
});

describe("4. diagnostics name the article; the line form problem matchers read", () => {
  it("puts the article in each line and --errors object of a dump, and matches the documented regex", async () => {
    const root = tree({ "dump.txt": dumpText });
    const r = await ingest(["dump.txt", "--errors", "e.jsonl"], { cwd: root });
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toEqual([
      "dump.txt: warning: MISSING_DISCLAIMER no Legal Disclaimer; disclaimer is null (article 1)",
      "dump.txt: warning: MISSING_DISCLAIMER no Legal Disclaimer; disclaimer is null (article 2)",
    ]);
    const objects = jsonLines(readFileSync(join(root, "e.jsonl"), "utf8")) as Array<{ article: number; column: null }>;
    expect(objects.map((o) => [o.article, o.column])).toEqual([
      [1, null],
      [2, null],
    ]);
    const usage = readFileSync(join(ROOT, "docs", "usage.md"), "utf8");
    const documented = /`(\^\(\?<file>[^`]+)`/.exec(usage)?.[1];
    expect(documented).toBeDefined();
    const re = new RegExp(documented ?? "");
    for (const l of [...lines, "a.txt:18: warning: TIMESTAMP_ID_DATE_MISMATCH x", "s.jsonl:5:3: error: INVALID_RECORD (root): not JSON"]) {
      expect(re.test(l), l).toBe(true);
    }
  });

  it("gives the column where it is known: a JSON syntax error in validate", async () => {
    const root = tree({ "s.jsonl": '{"headline":1,}\n' });
    const r = await ingest(["validate", "s.jsonl"], { cwd: root });
    expect(r.stderr).toMatch(/^s\.jsonl:1:15: error: INVALID_RECORD \(root\): not JSON \(/);
  });
});

describe("5. no silent zero work", () => {
  it("a directory with no matching file says so and exits 1; .txt matches in any case", async () => {
    const root = tree({ "feeds/notes.md": "x", "upper/A.TXT": seedText });
    const none = await ingest(["feeds"], { cwd: root });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(
      "feeds: error: NO_MATCH no input files matched **/*.txt under feeds; passed over 1 other file (1 .md): to read them, name a pattern (--glob '*.md')\n",
    );
    const upper = await ingest(["upper"], { cwd: root });
    expect(upper.code).toBe(0);
    expect(jsonLines(upper.stdout)).toHaveLength(1);
  });
});

describe("6. globs as ripgrep users know them", () => {
  const files = {
    "feeds/a.txt": seedText,
    "feeds/notes.md": seedText,
    "feeds/drafts/b.txt": seedText.replace("ID1110406018", "ID1110406019"),
    "feeds/x/node_modules/c.txt": seedText,
    "feeds/sub/d.txt": seedText.replace("ID1110406018", "ID1110406020"),
  };
  const inputs = (stdout: string): string[] => (jsonLines(stdout) as Array<{ origin: { file: string } }>).map((x) => x.origin.file);

  it("takes repeatable --glob with ! negation, and a bare --exclude name at any depth", async () => {
    const root = tree(files);
    const r = await ingest(["feeds", "--glob", "*.txt", "--glob", "*.md", "--glob", "!drafts", "--exclude", "node_modules"], { cwd: root });
    expect(inputs(r.stdout)).toEqual(["feeds/a.txt", "feeds/notes.md", "feeds/sub/d.txt"]);
  });

  it("--glob '**' (and a 'dir/**' argument) reports no directory as NOT_A_FILE", async () => {
    const root = tree(files);
    for (const args of [["feeds", "--glob", "**"], ["feeds/**"]]) {
      const r = await ingest(args, { cwd: root });
      expect(r.stderr).not.toContain("NOT_A_FILE");
      expect(inputs(r.stdout)).toHaveLength(5);
    }
  });

  it("an invalid pattern is a usage error (exit 2), before any work", async () => {
    const r = await ingest(["fixtures", "--glob", "["]);
    expect(r).toMatchObject({ code: 2, stdout: "" });
    expect(r.stderr).toMatch(/^ingest: error: --glob pattern "\[" is not a valid glob: /);
  });
});

describe("7. validate reads what ingest writes", () => {
  it("checks an --out-dir tree of pretty .json files, a single .json file, and JSON Lines", async () => {
    const root = tree({ "feeds/a.txt": dumpText, "feeds/b.txt": seedText });
    await ingest(["feeds", "--out-dir", "json"], { cwd: root });
    const dir = await ingest(["validate", "json"], { cwd: root });
    expect(dir).toEqual({ code: 0, stdout: "", stderr: "5 records checked: 5 valid, 0 invalid\n" });
    const one = await ingest(["validate", "json/b.json"], { cwd: root });
    expect(one.stderr).toBe("1 record checked: 1 valid, 0 invalid\n");
  });

  it("says a ninjs document is ninjs, and an empty file is an error", async () => {
    const root = tree({ "a.txt": seedText, "empty.jsonl": "" });
    await ingest(["a.txt", "--out-dir", "n", "-f", "ninjs"], { cwd: root });
    const r = await ingest(["validate", "n/a.json", "empty.jsonl"], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "n/a.json: error: INVALID_RECORD (root): this is a ninjs 2.2 document, not an ingest record (validate checks records; the ninjs schemas are in schema/ninjs/)\n" +
        "empty.jsonl: error: EMPTY_INPUT the input is empty or holds only white space\n" +
        "1 record checked: 0 valid, 1 invalid; 1 file empty\n",
    );
  });
});

describe.skipIf(UNIT)("8. named pipes and /dev/stdin, when named", () => {
  it.skipIf(!has("mkfifo"))("reads a named pipe and /dev/stdin given by name; a walk still skips a pipe", async () => {
    const root = tree({});
    execFileSync("mkfifo", [join(root, "p.txt")]);
    const viaPipe = spawnSync("sh", ["-c", `cat '${SEED}' > p.txt & '${process.execPath}' '${BIN}' p.txt; wait`], { cwd: root, encoding: "utf8" });
    expect(viaPipe.status).toBe(0);
    expect(JSON.parse(viaPipe.stdout)).toMatchObject({ id: "MENAFN27112025000045017640ID1110406018", origin: { file: "p.txt" } });
    const viaStdin = await ingest(["/dev/stdin"], { input: seedText });
    expect(JSON.parse(viaStdin.stdout)).toMatchObject({ origin: { file: "/dev/stdin" } });
    const walked = await ingest(["."], { cwd: root });
    expect(walked.stderr).toContain("p.txt: error: NOT_A_FILE matched as an input but it is a named pipe");
  });

  it.skipIf(!has("bash"))("reads a process substitution, <(cat a.txt)", () => {
    const r = spawnSync("bash", ["-c", `'${process.execPath}' '${BIN}' <(cat '${SEED}')`], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ headline: "Putin proposes arming CSTO forces with Russian weapons" });
  });
});

describe("9. small conventions", () => {
  it("--version prints `ingest 0.1.0`; errors start with `ingest:`", async () => {
    expect((await ingest(["--version"])).stdout).toBe("ingest 0.1.0\n");
    expect((await ingest(["--bogus"])).stderr).toMatch(/^ingest: error: unknown option '--bogus'\n\(run ingest --help for usage\)\n$/);
  });

  it("sizes take suffixes; a bad number names its option and points to --help", async () => {
    const small = await ingest([SEED, "--max-bytes", "1K"]);
    expect(small.stderr).toContain("over the limit of 1024 bytes");
    expect((await ingest([SEED, "--max-bytes", "10M"])).code).toBe(0);
    const bad = await ingest([SEED, "--jobs", "two"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("ingest: error: option '-j, --jobs <n>' argument 'two' is invalid. not a positive whole number.\n(run ingest --help for usage)\n");
  });

  it("subcommands refuse root flags they would ignore; a mistyped subcommand gets a suggestion", async () => {
    const r = await ingest(["--strict", "validate", "x.jsonl"]);
    expect(r).toMatchObject({ code: 2, stderr: "ingest: error: --strict is not an option of ingest validate (run ingest validate --help)\n" });
    const typo = await ingest(["valdate", "x.jsonl"]);
    expect(typo).toMatchObject({
      code: 2,
      stderr: "ingest: error: valdate is neither a file nor a command; did you mean ingest validate? (run ingest --help)\n",
    });
  });

  it("--errors - writes the JSON objects to standard error, in place of the lines", async () => {
    const r = await ingest([SEED, "--errors", "-"]);
    expect(JSON.parse(r.stderr)).toMatchObject({ file: SEED, line: 18, article: 1, code: "TIMESTAMP_ID_DATE_MISMATCH" });
  });

  it("--color=always|never and a bare --color (which never takes the next argument)", async () => {
    expect((await ingest(["--color", SEED, "-f", "summary"])).stdout).toContain(`${ESC}[1mPutin`);
    expect((await ingest([SEED, "-f", "summary", "--color=always"])).stdout).toContain(ESC);
    expect((await ingest([SEED, "-f", "summary", "--color=never"], { env: { FORCE_COLOR: "1" } })).stdout).not.toContain(ESC);
  });

  it.skipIf(!HAS_SCRIPT || UNIT)("on a terminal: colour unless FORCE_COLOR=0, TERM=dumb or a non-empty NO_COLOR; --compact", () => {
    expect(onTerminal([SEED]).text).toContain(ESC);
    expect(onTerminal([SEED], { env: { NO_COLOR: "" } }).text).toContain(ESC);
    expect(onTerminal([SEED], { env: { NO_COLOR: "1" } }).text).not.toContain(ESC);
    expect(onTerminal([SEED], { env: { FORCE_COLOR: "0" } }).text).not.toContain(ESC);
    expect(onTerminal([SEED], { env: { TERM: "dumb" } }).text).not.toContain(ESC);
    const compact = onTerminal([SEED, "-f", "json", "--compact"])
      .text.split("\n")
      .filter((l) => l.startsWith("{"));
    expect(compact).toHaveLength(1);
    expect(JSON.parse(compact[0] ?? "")).toMatchObject({ id: "MENAFN27112025000045017640ID1110406018" });
  });
});

describe.skipIf(!HAS_SCRIPT || UNIT)("10. the summary on a terminal", () => {
  it("wraps a five-article dump at 80 columns with a hanging indent, a blank line between articles, each warning once", () => {
    const root = tree({ "five.txt": FIVE });
    const { text, code } = onTerminal(["five.txt"], { cwd: root });
    expect(code).toBe(0);
    const lines = plain(text).trimEnd().split("\n");
    for (const l of lines) expect([...l].length, l).toBeLessThanOrEqual(80);
    expect(lines.filter((l) => l === "")).toHaveLength(4);
    expect(lines).toContain("lead      Russian President Vladimir Putin proposed on Thursday the launch of a");
    expect(lines).toContain("          program to supply forces of the Collective Security Treaty");
    // Each warning once: in its article's block, not also as a line on stderr.
    expect(plain(text).match(/MISSING_DISCLAIMER/g)).toHaveLength(2);
    expect(plain(text).match(/TIMESTAMP_ID_DATE_MISMATCH/g)).toHaveLength(1);
  });

  it("colours the diagnostics on a terminal too", () => {
    const root = tree({ "empty.txt": "" });
    const { text } = onTerminal(["empty.txt"], { cwd: root });
    expect(text).toContain(`${ESC}[1;31merror:${ESC}[0m`);
    expect(plain(text)).toBe("empty.txt: error: EMPTY_INPUT the input is empty or holds only white space\n");
  });
});

describe("11. shell completion and the man page", () => {
  it("prints a bash completion script that completes options, values and subcommands", async () => {
    const script = (await ingest(["completion", "bash"])).stdout;
    const complete = (...words: string[]): string[] => {
      const program = `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length - 1}; _ingest; printf '%s\\n' "\${COMPREPLY[@]}"`;
      return spawnSync("bash", ["-c", program], { cwd: ROOT, encoding: "utf8" }).stdout.split("\n").filter(Boolean);
    };
    expect(complete("ingest", "--out-")).toEqual(["--out-dir"]);
    expect(complete("ingest", "--format", "n")).toEqual(["ninjs"]);
    expect(complete("ingest", "--color", "")).toEqual(["auto", "always", "never"]);
    expect(complete("ingest", "val")).toContain("validate");
    expect(complete("ingest", "completion", "")).toEqual(expect.arrayContaining([]));
  });

  it.each(["zsh", "fish"])("prints a %s completion script that the shell parses", async (shell) => {
    const r = await ingest(["completion", shell]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--out-dir");
    if (!has(shell)) return;
    const dir = tree({ [`ingest.${shell}`]: r.stdout });
    const check = spawnSync(shell, ["-n", join(dir, `ingest.${shell}`)], { encoding: "utf8" });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
  });

  it("ships man/ingest.1, generated from the same option table (npm run man)", async () => {
    const r = await ingest(["man"]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(ROOT, "man/ingest.1"), "utf8")).toBe(r.stdout);
    for (const flag of ["\\-\\-out\\-dir", "\\-\\-error\\-on", "\\-\\-iglob", "\\-\\-compact"]) expect(r.stdout).toContain(flag);
    if (has("man") && existsSync("/usr/bin/man")) {
      const shown = spawnSync("man", ["-l", join(ROOT, "man/ingest.1")], {
        env: { ...process.env, MANWIDTH: "80", MANPAGER: "cat", PAGER: "cat" },
        encoding: "utf8",
      });
      expect(shown.stdout).toContain("--out-dir");
    }
  });
});
