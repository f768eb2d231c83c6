import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { load, SCRATCH_MAX } from "../../../src/cli/convert/read-input.js";
import { tempDir, writeTree } from "../../batch-helpers.js";

const text = (loaded: ReturnType<typeof load>): string => ("bytes" in loaded ? Buffer.from(loaded.bytes).toString("latin1") : `(${JSON.stringify(loaded)})`);

describe("load(): a file's bytes, in a buffer of their own or in the reused one", () => {
  const root = tempDir();
  const big = "b".repeat(SCRATCH_MAX + 1);
  writeTree(root, { "long.txt": "long ".repeat(2000), "short.txt": "short", "big.txt": big, "empty.txt": "" });
  const at = (name: string) => join(root, name);

  it("a transient load gives the file's bytes, whatever the file read before it left in the reused buffer", () => {
    expect(text(load(at("long.txt"), 1e9, true, true))).toBe("long ".repeat(2000));
    expect(text(load(at("short.txt"), 1e9, true, true))).toBe("short");
    expect(text(load(at("empty.txt"), 1e9, true, true))).toBe("");
    // Over SCRATCH_MAX: a buffer of its own, which the next transient load leaves alone.
    const own = load(at("big.txt"), 1e9, true, true);
    load(at("long.txt"), 1e9, true, true);
    expect(text(own)).toBe(big);
  });

  it("a load that is not transient keeps its bytes after later loads", () => {
    const kept = load(at("short.txt"), 1e9, true);
    load(at("long.txt"), 1e9, true, true);
    expect(text(kept)).toBe("short");
  });
});
