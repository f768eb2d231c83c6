/**
 * One table of CLI cases run through both hosts: in this process through `main(argv, io)` (how
 * the behaviour suites run, tests/helpers.ts `ingest`) and as the built bin in a process of its
 * own. They must agree byte for byte, so that the in-process suites speak for the real command.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fixture, runBin, runMain, type RunOptions } from "../helpers.js";

const ONE = fixture("000_ee22b7415f82c1d2.txt");
const CASES: Array<[name: string, args: string[], options?: RunOptions]> = [
  ["a file as JSON Lines", [ONE]],
  ["a directory, walked", ["fixtures", "--glob", "00*.txt", "--quiet"]],
  ["standard input", ["-", "--format", "ninjs"], { input: readFileSync(ONE) }],
  ["the text layout", [ONE, "--format", "text"]],
  ["the summary, coloured", [ONE, "--format", "summary", "--color=always"]],
  ["--strict refusing an article (exit 1)", [ONE, "--strict"]],
  ["--errors - in place of the lines", [ONE, "--errors", "-"]],
  ["an unknown flag (exit 2)", ["--no-such-flag"]],
  ["a missing input (exit 2)", ["no-such-file.txt"]],
  ["validate", ["validate", "-"], { input: '{"headline": 1}\n' }],
  ["a watch flag of another meaning", ["watch", "fixtures", "--max-bytes", "1K"]],
];

describe("the CLI in-process and as a process", () => {
  it.each(CASES)("%s: the same stdout, stderr and exit code", async (_name, args, options) => {
    const [inProcess, spawned] = await Promise.all([runMain(args, options), runBin(args, options)]);
    expect(inProcess).toEqual(spawned);
  });
});
