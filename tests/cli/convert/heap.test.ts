import { describe, expect, it } from "vitest";
import { article, tempDir, writeTree } from "../../batch-helpers.js";
import { heapFlags } from "../../../src/cli/convert/heap.js";
import { runBin } from "../../helpers.js";

// src/cli/convert/heap.ts sets V8 flags at run time once a run is seen to be long: V8 would print an
// unknown or malformed flag on stderr, so a long run's stderr is checked whole.
describe("heap sizing for a long run", () => {
  it("is decided for the V8 this Node runs: the old generation capped, and a batch's young generation kept and scavenged on one thread", () => {
    // On a V8 the flags were not measured on, tuning stops; this fails then, so that it is measured again (BENCHMARKS.md, "Memory").
    expect(heapFlags("batch", process.versions.v8)).toEqual(["--heap-growing-percent=50", "--semi-space-growth-factor=1", "--no-parallel-scavenge"]);
    expect(heapFlags("stream", process.versions.v8)).toEqual(["--heap-growing-percent=50"]);
    expect(heapFlags("batch", "14.0.0")).toEqual([]);
  });

  it("a quiet batch of more than 64 files says nothing on stderr", async () => {
    const root = tempDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < 70; i++) files[`f${String(i).padStart(3, "0")}.txt`] = article(i + 1);
    writeTree(root, files);
    const r = await runBin([root, "-q"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(70);
    expect(r.stderr).toBe("");
  });

  it("a quiet streamed standard input, likewise", async () => {
    // Over 8 MiB, so standard input is streamed.
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 9 * 1024 * 1024; i++) {
      const text = `${article(i + 1).trimEnd()}\n\n`;
      parts.push(text);
      size += text.length;
    }
    const r = await runBin(["-", "-q"], { input: parts.join("") });
    expect(r.stdout.trim().split("\n")).toHaveLength(parts.length);
    expect(r.stderr).toBe("");
  });
});
