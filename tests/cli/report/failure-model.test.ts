/**
 * The pure parts of the failure model (issue #9), fast enough for `npm test`; the fault suite
 * (`npm run test:faults`) runs the real thing.
 */
import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exitCode, newStatus } from "../../../src/cli/report/exit-code.js";
import { formatInternalError } from "../../../src/cli/report/internal-error.js";
import { makeDirs } from "../../../src/cli/output/make-dirs.js";
import { ByteBudget, overBudget } from "../../../src/cli/convert/memory-budget.js";
import { checkPatterns } from "../../../src/cli/inputs/globs.js";
import { escapeForTerminal, escapeName, stripControls } from "../../../src/render/sanitize.js";

describe("escapeName", () => {
  it("escapes newlines, tabs, every other control and bidi overrides, and leaves the rest", () => {
    expect(escapeName("a\nb\tc\rd")).toBe("a\\nb\\tc\\rd");
    expect(escapeName("x\u001b[2Jy\u007f\u009b")).toBe("x\\x1b[2Jy\\x7f\\x9b");
    expect(escapeName("\u202egnp.exe")).toBe("\\u202egnp.exe");
    expect(escapeName("café/日本.txt")).toBe("café/日本.txt");
  });
});

describe("terminal escaping", () => {
  it("writes DEL, C1 and bidi overrides in JSON as \\u escapes, which parse back to the same string", () => {
    const json = JSON.stringify({ t: "a\u009b6n\u202eb\u007f" });
    expect(escapeForTerminal(json)).toBe('{"t":"a\\u009b6n\\u202eb\\u007f"}');
    expect(JSON.parse(escapeForTerminal(json))).toEqual(JSON.parse(json));
  });
  it("strips bidi overrides with the other controls from text", () => {
    expect(stripControls("a\u202eb\u2066c\u001b]52;c;aGk=\u0007d")).toBe("abcd");
  });
});

describe("exit codes", () => {
  it("gives 128 + the signal's number for an interrupted run", () => {
    expect(exitCode({ ...newStatus(), interrupted: true })).toBe(130);
    expect(exitCode({ ...newStatus(), interrupted: true, signal: "SIGTERM" })).toBe(143);
    expect(exitCode({ ...newStatus(), interrupted: true, signal: "SIGHUP" })).toBe(129);
  });
});

describe("formatInternalError", () => {
  it("says it is a bug, with the message and the stack, and no line longer than 300 characters", () => {
    const e = new Error(`boom ${"x".repeat(1000)}`);
    const text = formatInternalError(e);
    expect(text.startsWith("ingest: internal error, please report it with the lines below: boom")).toBe(true);
    expect(text).toContain("failure-model.test.ts");
    expect(text.split("\n").every((l) => l.length <= 300)).toBe(true);
  });
});

describe("makeDirs", () => {
  it("creates missing parents, fails on a file in the way, and never loops", () => {
    const root = mkdtempSync(join(tmpdir(), "ingest-mkdirs-"));
    makeDirs(join(root, "a/b/c"));
    expect(statSync(join(root, "a/b/c")).isDirectory()).toBe(true);
    writeFileSync(join(root, "f"), "");
    expect(() => makeDirs(join(root, "f/x"))).toThrow(expect.objectContaining({ code: "ENOTDIR" }));
    expect(() => makeDirs("/proc/ingest-nothing/x")).toThrow();
  });
});

describe("memory budget", () => {
  it("lets prose through and refuses an input of one-character lines before parsing it", () => {
    expect(overBudget(Buffer.from("word ".repeat(2_000_000)))).toBeNull();
    expect(overBudget(Buffer.from("a\n".repeat(5_000_000)))).toMatch(/^5000000 non-blank lines are too many to parse/);
    // A raised --max-bytes raises the budget with it.
    expect(overBudget(Buffer.from("a\n".repeat(5_000_000)), 100 * 1024 * 1024)).toBeNull();
  });
  it("lets claims through first come, first served, one at a time when each is over the limit", async () => {
    const budget = new ByteBudget(10);
    const order: number[] = [];
    await budget.acquire(8);
    const second = budget.acquire(8).then(() => order.push(2));
    const third = budget.acquire(1).then(() => order.push(3));
    await Promise.resolve();
    expect(order).toEqual([]);
    budget.release(8);
    await Promise.all([second, third]);
    expect(order).toEqual([2, 3]);
    budget.release(8);
    budget.release(1);
    // Nothing held: a claim over the whole limit still goes through.
    await budget.acquire(100);
  });
});

describe("checkPatterns", () => {
  it("refuses empty and oversized patterns with one line", async () => {
    expect(await checkPatterns([["--glob", ""]])).toBe("--glob needs a pattern, not an empty string");
    expect(
      await checkPatterns([
        ["--glob", "**/*.txt"],
        ["--exclude", " "],
      ]),
    ).toBe("--exclude needs a pattern, not an empty string");
    expect(await checkPatterns([["--glob", "a".repeat(5000)]])).toBe("--glob pattern is 5000 characters long; the limit is 4096");
    expect(
      await checkPatterns([
        ["--glob", "**/*.md"],
        ["--exclude", "drafts/**"],
      ]),
    ).toBeNull();
  });
});
