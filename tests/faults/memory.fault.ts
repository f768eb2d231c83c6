/**
 * Bounded memory: a 10 MiB input of any shape stays under 300 MB of RSS (measured by the kernel:
 * the process's peak resident set, worker threads included), and --jobs 2 over several large
 * inputs stays within the run's budget.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { fixture } from "../helpers.js";
import { DOCUMENTED_CODES, ingest, noStackTrace, scenario, temp } from "./harness.js";

const MiB = 1024 * 1024;
/** Just under the default --max-bytes. */
const SIZE = 10 * MiB - 1024;
const seed = readFileSync(fixture("000_ee22b7415f82c1d2.txt"), "utf8");
const head = seed.split("\n").slice(0, 4).join("\n");

/** Inputs of one shape each, cut to SIZE bytes. */
const SHAPES: Record<string, string> = {
  "one-character lines": "a\n".repeat(SIZE / 2),
  "one-character lines after a real headline and tag": `${head}\n${"a\n".repeat(SIZE / 2)}`,
  "one-character lines with blank lines between": "a\n\n".repeat(SIZE / 3),
  "CRLF one-character lines": "a\r\n".repeat(SIZE / 3),
  "two-word lines": "ab cd\n".repeat(SIZE / 6),
  "line breaks only": "\n".repeat(SIZE),
  "one line without a break": "word ".repeat(SIZE / 5),
  "hard-wrapped prose": "lorem ipsum dolor sit amet consectetur adipiscing elit sed do\n".repeat(SIZE / 62),
  "a feed dump of real articles": `${seed}\n\n`.repeat(Math.floor(SIZE / (seed.length + 2))),
};

/** Run ingest with a preload that records the peak RSS (KiB); returns the run and the peak in MB. */
async function measured(args: string[], cwd: string): Promise<{ code: number | null; stderr: string; mb: number }> {
  const preload = join(cwd, "rss.cjs");
  const out = join(cwd, "rss.txt");
  writeFileSync(preload, `process.on("exit", () => require("fs").writeFileSync(${JSON.stringify(out)}, String(process.resourceUsage().maxRSS)));\n`);
  const r = await ingest(args, { cwd, nodeArgs: ["--require", preload], timeoutMs: 110_000 });
  return { code: r.code, stderr: r.stderr, mb: Number(readFileSync(out, "utf8")) / 1024 };
}

describe("one 10 MiB input of any shape: under 300 MB", () => {
  for (const [shape, text] of Object.entries(SHAPES)) {
    scenario(shape, async () => {
      const root = temp("memory");
      writeFileSync(join(root, "in.txt"), text.slice(0, SIZE));
      const r = await measured(["in.txt"], root);
      expect(DOCUMENTED_CODES).toContain(r.code);
      expect(noStackTrace(r.stderr)).toBe(true);
      // Either records or an error naming the input: never silence.
      expect(r.code === 0 || r.stderr.includes("in.txt")).toBe(true);
      expect(r.mb).toBeLessThan(300);
    });
  }
});

describe("--jobs 2 over six large inputs: one budget for the run", () => {
  scenario("six 10 MiB inputs (prose and one-character lines) among 40 small ones, -j 2: under 450 MB", async () => {
    const root = temp("memory");
    mkdirSync(join(root, "in"));
    for (let i = 0; i < 40; i++) writeFileSync(join(root, `in/a${String(i).padStart(2, "0")}.txt`), seed);
    for (let i = 0; i < 6; i++)
      writeFileSync(join(root, `in/big${i}.txt`), (i % 2 === 0 ? SHAPES["hard-wrapped prose"] : SHAPES["one-character lines"])!.slice(0, SIZE));
    const r = await measured(["in", "-j", "2"], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^46 files \(40 ok, 6 with errors\)/m);
    expect(r.mb).toBeLessThan(450);
  });
});
