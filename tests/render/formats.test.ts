/**
 * The format registry (src/render/formats.ts): one entry per format, rendered through by the main
 * thread (output/emit.ts) and the worker threads (convert/render-record.ts) alike.
 */
import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { recordRenderer } from "../../src/cli/convert/render-record.js";
import { sink } from "../../src/cli/io.js";
import { chooseEmitter } from "../../src/cli/output/emit.js";
import { resolveOptions } from "../../src/cli/args/options.js";
import { parse } from "../../src/parse/index.js";
import { FORMAT_NAMES, FORMATS } from "../../src/render/formats.js";
import { fixture, ROOT } from "../helpers.js";

const article = parse(readFileSync(fixture("000_ee22b7415f82c1d2.txt")), { file: "a.txt" }).records[0]!;
const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), env: {}, cwd: ROOT };

describe("the format registry", () => {
  it("has one entry per --format name", () => {
    expect(Object.keys(FORMATS).sort()).toEqual([...FORMAT_NAMES].sort());
    for (const name of FORMAT_NAMES) expect(FORMATS[name].name).toBe(name);
  });

  it("renders a record to the same bytes in the main thread and in a worker, for every format a worker may render", async () => {
    for (const format of FORMAT_NAMES.filter((f) => FORMATS[f].inWorker)) {
      for (const pretty of [false, true]) {
        const r = resolveOptions(["a.txt"], { format, ...(pretty ? { pretty } : { compact: true }) }, io);
        if (!("options" in r)) throw new Error(String(r.usage));
        let text = "";
        const stream = new PassThrough().on("data", (c: Buffer) => (text += c.toString()));
        const emitter = await chooseEmitter(r.options, sink(stream), null);
        await emitter.emit(article, {
          entry: { kind: "stdin", display: "-", named: true },
          records: [],
          diagnostics: [],
          articleCount: 1,
          io: false,
          skipped: false,
        });
        const worker = await recordRenderer({ format, pretty, color: false, ninjsVersion: "2.2", tree: false, identity: false });
        expect([format, pretty, text]).toEqual([format, pretty, worker(article)]);
      }
    }
  });

  it("refuses -o and --out-dir for a format that may not go there, by what the registry says", () => {
    for (const format of FORMAT_NAMES) {
      const toFile = resolveOptions(["a.txt"], { format, output: "x.jsonl" }, io);
      expect([format, "options" in toFile]).toEqual([format, FORMATS[format].toFile]);
      const toDir = resolveOptions(["a.txt"], { format, outDir: "no-such-dir" }, io);
      expect([format, "options" in toDir]).toEqual([format, FORMATS[format].toDir]);
    }
  });
});
