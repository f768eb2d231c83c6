/**
 * The pieces behind the everyday CLI conventions (#14), one by one: colour resolution, size
 * suffixes, the config file's schema, wrapping, globs and the diagnostic line format.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { normaliseColorArgs, wantColor } from "../../src/cli/report/color.js";
import { ConfigError, findConfig, loadConfig } from "../../src/cli/args/config.js";
import { formatDiagnostic } from "../../src/cli/report/diagnostic-line.js";
import { checkPatterns, globMatchers } from "../../src/cli/inputs/globs.js";
import { parseCount, parseSize } from "../../src/cli/args/size.js";
import { visibleLength, wrapLine } from "../../src/render/wrap.js";

describe("colour", () => {
  const tty = true;
  it("follows --color first, then NO_COLOR (non-empty), FORCE_COLOR, TERM=dumb, then the terminal", () => {
    expect(wantColor("always", { NO_COLOR: "1" }, false)).toBe(true);
    expect(wantColor("never", { FORCE_COLOR: "1" }, tty)).toBe(false);
    expect(wantColor("auto", {}, tty)).toBe(true);
    expect(wantColor("auto", {}, false)).toBe(false);
    expect(wantColor("auto", { NO_COLOR: "1" }, tty)).toBe(false);
    // no-color.org: an empty NO_COLOR counts as unset.
    expect(wantColor("auto", { NO_COLOR: "" }, tty)).toBe(true);
    expect(wantColor("auto", { FORCE_COLOR: "0" }, tty)).toBe(false);
    expect(wantColor("auto", { FORCE_COLOR: "1" }, false)).toBe(true);
    expect(wantColor("auto", { TERM: "dumb" }, tty)).toBe(false);
  });

  it("reads a bare --color as --color=always, so it never swallows the next argument", () => {
    expect(normaliseColorArgs(["--color", "a.txt", "--", "--color"])).toEqual(["--color=always", "a.txt", "--", "--color"]);
  });
});

describe("sizes", () => {
  it.each([
    ["10M", 10 * 1024 ** 2],
    ["10MiB", 10 * 1024 ** 2],
    ["512k", 512 * 1024],
    ["1.5G", 1.5 * 1024 ** 3],
    ["1048576", 1048576],
    ["2kb", 2048],
  ])("%s is %d bytes", (text, bytes) => expect(parseSize(text)).toBe(bytes));
  it.each(["", "M", "10X", "-1", "0", "1e3", "ten"])("%j is no size", (text) => expect(parseSize(text)).toBeNull());
  it("counts are positive whole numbers", () => {
    expect(parseCount("4")).toBe(4);
    expect(parseCount("0")).toBeNull();
    expect(parseCount("2.5")).toBeNull();
  });
});

describe("ingest.config.json", () => {
  const root = mkdtempSync(join(tmpdir(), "ingest-config-"));
  const deep = join(root, "a", "b");
  mkdirSync(deep, { recursive: true });

  it("is found from the working directory upward", () => {
    expect(findConfig(deep)).toBeNull();
    writeFileSync(join(root, "ingest.config.json"), "{}");
    expect(findConfig(deep)).toBe(join(root, "ingest.config.json"));
  });

  it("is checked: unknown keys, wrong types and unknown codes are refused with the path", () => {
    const file = join(root, "bad.json");
    writeFileSync(file, JSON.stringify({ format: "xml", jobs: 0, codes: { NOPE: "ignore" }, surprise: 1 }));
    expect(() => loadConfig(file, "bad.json")).toThrow(ConfigError);
    let message = "";
    try {
      loadConfig(file, "bad.json");
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^bad\.json: /);
    for (const part of ["format: Invalid option", "jobs: Too small", 'codes: Unrecognized key: "NOPE"', '(root): Unrecognized key: "surprise"'])
      expect(message).toContain(part);
    writeFileSync(file, "{ not json");
    expect(() => loadConfig(file, "bad.json")).toThrow(/^bad\.json: not JSON/);
  });

  it("accepts every documented key", () => {
    const file = join(root, "good.json");
    const config = {
      $schema: "./node_modules/menafn-ingest/schema/ingest.config.schema.json",
      format: "json",
      ninjsVersion: "3.1",
      pretty: false,
      compact: true,
      strict: false,
      color: "never",
      maxBytes: "10M",
      glob: ["**/*.txt", "!drafts/**"],
      iglob: ["*.TXT"],
      exclude: ["node_modules"],
      hidden: false,
      followSymlinks: true,
      jobs: 2,
      quiet: true,
      codes: { MISSING_DISCLAIMER: "ignore", DUPLICATE_ID: "error" },
    };
    writeFileSync(file, JSON.stringify(config));
    expect(loadConfig(file)).toEqual(config);
  });
});

describe("wrapping", () => {
  it("wraps at the width with a hanging indent, never cutting a word, colour escapes taking no columns", () => {
    const line = `\u001b[2mlead      \u001b[22m${"word ".repeat(30).trim()}`;
    const wrapped = wrapLine(line, 40, 10).split("\n");
    expect(wrapped.length).toBeGreaterThan(3);
    for (const l of wrapped) expect(visibleLength(l)).toBeLessThanOrEqual(40);
    for (const l of wrapped.slice(1)) expect(l).toMatch(/^ {10}word/);
    expect(wrapLine("short", 40, 10)).toBe("short");
    expect(wrapLine(`x ${"y".repeat(50)}`, 40, 0)).toBe(`x\n${"y".repeat(50)}`);
  });
});

describe("globs", () => {
  it("takes repeatable patterns with ! negation; a bare name excludes at any depth; .txt case-insensitively by default", async () => {
    const m = await globMatchers({ glob: [], exclude: ["node_modules"] });
    expect(m.include("a/B.TXT")).toBe(true);
    expect(m.exclude("x/y/node_modules")).toBe(true);
    const g = await globMatchers({ glob: ["*.md", "!drafts/**"], exclude: [] });
    expect(g.include("notes/a.md")).toBe(true);
    expect(g.include("a.txt")).toBe(false);
    expect(g.exclude("drafts/x.md")).toBe(true);
    expect(g.shown).toBe("*.md");
  });

  it("reports a directory only when the pattern names it, not when it picks what is inside (**)", async () => {
    expect((await globMatchers({ glob: [], exclude: [] })).reportDir("x.txt")).toBe(true);
    expect((await globMatchers({ glob: ["**"], exclude: [] })).reportDir("x")).toBe(false);
  });

  it("refuses an invalid pattern with the reason", async () => {
    expect(
      await checkPatterns([
        ["--glob", "**/*.txt"],
        ["--glob", "!a"],
      ]),
    ).toBeNull();
    expect(await checkPatterns([["--glob", "["]])).toMatch(/^--glob pattern "\[" is not a valid glob: Missing closing/);
    expect(await checkPatterns([["--exclude", "!"]])).toBe("--exclude needs a pattern, not an empty string");
  });
});

describe("the diagnostic line", () => {
  // The regex documented in docs/usage.md and in src/cli/report/diagnostic-line.ts.
  const DIAGNOSTIC_LINE = /^(?<file>.+?):(?:(?<line>\d+):(?:(?<column>\d+):)?)? (?<severity>error|warning): (?<code>[A-Z_]+) (?<message>.*)$/;
  // VS Code's $gcc problem matcher (also what GitHub Actions' gcc matchers use).
  const GCC = /^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$/;

  it("is FILE:LINE:COL: severity: CODE message (article N), read back by the documented regex and by $gcc", () => {
    const d = { code: "MISSING_ID" as const, severity: "warning" as const, line: 12, column: 3, message: "no MENAFN ID line", article: 2, data: {} };
    const line = formatDiagnostic("feeds/a.txt", d, { article: true });
    expect(line).toBe("feeds/a.txt:12:3: warning: MISSING_ID no MENAFN ID line (article 2)\n");
    expect(DIAGNOSTIC_LINE.exec(line.trimEnd())?.groups).toEqual({
      file: "feeds/a.txt",
      line: "12",
      column: "3",
      severity: "warning",
      code: "MISSING_ID",
      message: "no MENAFN ID line (article 2)",
    });
    expect(GCC.exec(line.trimEnd())?.slice(1, 5)).toEqual(["feeds/a.txt", "12", "3", "warning"]);
    const noColumn = formatDiagnostic("a.txt", { ...d, column: null });
    expect(noColumn).toBe("a.txt:12: warning: MISSING_ID no MENAFN ID line\n");
    expect(GCC.exec(noColumn.trimEnd())?.slice(1, 5)).toEqual(["a.txt", "12", "", "warning"]);
    expect(DIAGNOSTIC_LINE.exec(formatDiagnostic("a.txt", { ...d, line: null }).trimEnd())?.groups?.line).toBeUndefined();
  });
});
