import { sep } from "node:path";
import { describe, expect, it } from "vitest";
import { inside } from "../../src/cli/paths.js";

const p = (...parts: string[]): string => sep + parts.join(sep);

describe("inside(path, dir): the one rule for a path being in a directory", () => {
  it("counts the directory itself as inside", () => {
    expect(inside(p("out"), p("out"))).toBe(true);
  });

  it("counts anything under it, at any depth", () => {
    expect(inside(p("out", "a.json"), p("out"))).toBe(true);
    expect(inside(p("out", "x", "y", "a.json"), p("out"))).toBe(true);
  });

  it("compares whole segments: a sibling sharing a prefix is outside", () => {
    expect(inside(p("output", "a.json"), p("out"))).toBe(false);
    expect(inside(p("ou"), p("out"))).toBe(false);
  });

  it("counts a parent as outside", () => {
    expect(inside(p("out"), p("out", "x"))).toBe(false);
  });

  it("takes a directory that ends in a separator (the root) as it is", () => {
    expect(inside(p("a", "b"), sep)).toBe(true);
    expect(inside(sep, sep)).toBe(true);
  });

  it("leaves 'strictly below' to the caller: path !== dir && inside(path, dir)", () => {
    const below = (path: string, dir: string) => path !== dir && inside(path, dir);
    expect(below(p("out"), p("out"))).toBe(false);
    expect(below(p("out", "a"), p("out"))).toBe(true);
  });
});
