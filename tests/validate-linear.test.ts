/**
 * `ingest validate DIR` in linear time (#22): each file's abort listener leaves the shared signal
 * when the file is done (they piled up, one per file, and each add looked through all of them),
 * and a small pretty-printed document is parsed whole; the verdicts are the same as line by line.
 */
import { getEventListeners } from "node:events";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { tempDir, writeTree } from "./batch-helpers.js";
import { fakeIo } from "./fake-io.js";
import { fixture, ingest } from "./helpers.js";

describe("validate DIR", () => {
  it("leaves no abort listener behind on the run's signal, however many files it read", async () => {
    const root = tempDir();
    expect((await ingest([fixture("000_ee22b7415f82c1d2.txt"), "--out-dir", "json"], { cwd: root })).code).toBe(0);
    const one = join(root, "json", "000_ee22b7415f82c1d2.json");
    const files: Record<string, string> = {};
    const { readFileSync } = await import("node:fs");
    for (let i = 0; i < 60; i++) files[`many/r${i}.json`] = readFileSync(one, "utf8");
    writeTree(root, files);
    const stop = new AbortController();
    const f = fakeIo({}, {}, root);
    expect(await main(["validate", "many"], { ...f.io, signal: stop.signal })).toBe(0);
    expect(f.err()).toBe("60 records checked: 60 valid, 0 invalid\n");
    expect(getEventListeners(stop.signal, "abort").length).toBeLessThan(5);
  });

  it("a whole document gives the verdicts line-by-line reading gives: BOM and CRLF, a bad field, a syntax error's place", async () => {
    const root = tempDir();
    const record = { headline: "H", timestamp: null };
    writeTree(root, {
      "d/bom-crlf.json": `\uFEFF${JSON.stringify(record, null, 2).replace(/\n/g, "\r\n")}\r\n`,
      "d/syntax.json": '{\n  "headline": "H",\n}\n',
      "d/compact.json": `${JSON.stringify(record)}\n`,
    });
    const r = await ingest(["validate", "d"], { cwd: root });
    const lines = r.stderr.split("\n");
    // Both read as records with missing fields (the same problems), the syntax error at its line and column.
    expect(lines.filter((l) => l.startsWith("d/bom-crlf.json: error: INVALID_RECORD ")).length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.startsWith("d/compact.json:1: error: INVALID_RECORD ")).map((l) => l.replace("d/compact.json:1:", ""))).toEqual(
      lines.filter((l) => l.startsWith("d/bom-crlf.json: error: INVALID_RECORD ")).map((l) => l.replace("d/bom-crlf.json:", "")),
    );
    expect(lines.some((l) => /^d\/syntax\.json:3:\d+: error: INVALID_RECORD \(root\): not JSON/.test(l))).toBe(true);
    expect(readdirSync(join(root, "d")).length).toBe(3);
  });
});
