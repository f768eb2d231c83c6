import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { fnv1a64, parseShard, shardOf } from "../../../src/cli/inputs/shard.js";
import { splitStream } from "../../../src/cli/inputs/split-stream.js";

describe("--shard's hash", () => {
  it("is FNV-1a 64 (the published test vectors)", () => {
    expect(fnv1a64("")).toBe("cbf29ce484222325");
    expect(fnv1a64("a")).toBe("af63dc4c8601ec8c");
    expect(fnv1a64("foobar")).toBe("85944171f73967e8");
    // UTF-8 bytes, not UTF-16 code units.
    expect(fnv1a64("é")).toBe(fnv1a64("\u00e9"));
    expect(fnv1a64("é")).not.toBe(fnv1a64("e"));
  });

  it("puts a path in shard hash mod N + 1, the same as BigInt arithmetic says", () => {
    for (const path of ["", "a", "2025/11/a.txt", "feeds/ünï/b.txt", "x".repeat(300)]) {
      const h = BigInt(`0x${fnv1a64(path)}`);
      for (const n of [1, 2, 3, 7, 64, 1000, 999_983]) expect(shardOf(path, n)).toBe(Number(h % BigInt(n)) + 1);
    }
  });

  it("spreads paths over the shards", () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[shardOf(`2025/${i % 12}/${i}.txt`, 4) - 1]!++;
    for (const c of counts) expect(c).toBeGreaterThan(800);
  });

  it("accepts K/N with 1 ≤ K ≤ N and says what is wrong otherwise", () => {
    expect(parseShard("1/2")).toEqual({ k: 1, n: 2 });
    expect(parseShard("4/4")).toEqual({ k: 4, n: 4 });
    expect(parseShard("0/2")).toBe("--shard 0/2: K must be between 1 and N (2)");
    expect(parseShard("3/2")).toBe("--shard 3/2: K must be between 1 and N (2)");
    expect(parseShard("1/0")).toBe("--shard 1/0: N must be between 1 and 1000000");
    for (const bad of ["", "1", "1/", "/2", "a/b", "1/2/3", "-1/2", "1.5/2"]) expect(parseShard(bad)).toMatch(/^--shard wants K\/N/);
  });
});

const pieces = async (chunks: string[], sep: number, max: number) => {
  const out: Array<[number, string | null]> = [];
  for await (const p of splitStream(Readable.from(chunks.map((c) => Buffer.from(c))), sep, max)) out.push([p.n, p.bytes === null ? null : p.bytes.toString()]);
  return out;
};

describe("splitStream", () => {
  it("cuts at the separator across chunk boundaries, keeps a last record without one", async () => {
    expect(await pieces(["ab\ncd", "ef\n\ng", "h"], 0x0a, 100)).toEqual([
      [1, "ab"],
      [2, "cdef"],
      [3, ""],
      [4, "gh"],
    ]);
    expect(await pieces(["a\0b\nc\0"], 0, 100)).toEqual([
      [1, "a"],
      [2, "b\nc"],
    ]);
    expect(await pieces([], 0x0a, 100)).toEqual([]);
  });

  it("skips a record over the limit without holding it, and goes on", async () => {
    expect(await pieces(["ok\n", "x".repeat(50), "x".repeat(60), "\nnext\n", "y".repeat(200)], 0x0a, 100)).toEqual([
      [1, "ok"],
      [2, null],
      [3, "next"],
      [4, null],
    ]);
  });
});
