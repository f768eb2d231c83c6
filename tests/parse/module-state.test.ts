/**
 * The core keeps no state between calls (#20): parse() gives an input the same answer whatever
 * ran before it in the process, interleaved with other inputs or not, as the first call of a
 * fresh process does; two streams read side by side give what each gives alone; and the
 * validator a caller picks changes no result.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileValidator, parse, type ParseResult } from "../../src/parse/index.js";
import { parseStream } from "../../src/parse/stream.js";
import { fixture, UNIT } from "../helpers.js";

const ROOT = join(import.meta.dirname, "../..");
const names = readdirSync(fixture(""))
  .filter((n) => n.endsWith(".txt"))
  .sort();
const inputs = names.map((n) => ({ name: n, bytes: readFileSync(fixture(n)) }));
/** A dump of over 500 articles: parse() compiles a validator of its own for it. */
const big = Buffer.from(
  names
    .filter((n) => !/windows-1252|utf16|^refuse-/.test(n))
    .map(
      (n) =>
        `${readFileSync(fixture(n), "utf8")
          .replace(/^\ufeff/, "")
          .replace(/\r\n?/g, "\n")
          .trimEnd()}\n\n`,
    )
    .join("")
    .repeat(12),
);
const json = (r: ParseResult): string => JSON.stringify(r);
const parseOne = (i: { name: string; bytes: Uint8Array }): string => json(parse(i.bytes, { file: i.name }));

describe("no state between parse() calls", () => {
  it("each input gives the same answer parsed alone, interleaved with others, and after a large dump", () => {
    const alone = inputs.map(parseOne);
    // Interleaved: every input between every other's parses, in reverse order, with a dump between.
    const interleaved: string[] = new Array(inputs.length);
    for (let k = inputs.length - 1; k >= 0; k--) {
      parseOne(inputs[(k + 7) % inputs.length]!);
      interleaved[k] = parseOne(inputs[k]!);
      parseOne(inputs[(k + 3) % inputs.length]!);
    }
    expect(parse(big, { file: "big.txt" }).articles.length).toBeGreaterThan(500);
    const after = inputs.map(parseOne);
    expect(interleaved).toEqual(alone);
    expect(after).toEqual(alone);
  });

  // Spawned, and on the built library: npm test only (test:unit builds nothing).
  it.skipIf(UNIT)("parse() gives what the first call of a fresh process gives", () => {
    // The built library (the global setup builds it), in a process that parses only these inputs.
    const pick = ["000_ee22b7415f82c1d2.txt", "feed-dump-four.txt", "page-template-iso.txt"].map((n) => ({ name: n, bytes: readFileSync(fixture(n)) }));
    for (const p of pick) {
      const script = `import { parse } from ${JSON.stringify(join(ROOT, "dist/index.js"))}; import { readFileSync } from "node:fs";
        process.stdout.write(JSON.stringify(parse(readFileSync(${JSON.stringify(fixture(p.name))}), { file: ${JSON.stringify(p.name)} })));`;
      const fresh = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", maxBuffer: 1 << 26 });
      expect(fresh.status, fresh.stderr).toBe(0);
      parse(big, { file: "big.txt" });
      expect(parseOne(p), p.name).toBe(fresh.stdout);
    }
  });

  it("the compiled validator and the schema as it is give the same records and diagnostics", () => {
    const validator = compileValidator();
    for (const i of inputs) expect(json(parse(i.bytes, { file: i.name, validator })), i.name).toBe(parseOne(i));
    expect(json(parse(big, { file: "big.txt", validator }))).toBe(json(parse(big, { file: "big.txt" })));
  });
});

async function* chunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe("no state between streams", () => {
  it("two streams advanced in turn give what each gives alone", async () => {
    const a = big;
    const b = Buffer.concat(inputs.filter((i) => i.name.startsWith("feed-dump") || i.name.startsWith("page-")).map((i) => i.bytes));
    const alone = async (bytes: Uint8Array): Promise<string[]> => {
      const out: string[] = [];
      for await (const w of parseStream(chunks(bytes, 4096), { file: "x", maxArticleBytes: 1 << 20, window: 8192 })) out.push(JSON.stringify(w));
      return out;
    };
    const soloA = await alone(a);
    const soloB = await alone(b);
    const ga = parseStream(chunks(a, 4096), { file: "x", maxArticleBytes: 1 << 20, window: 8192 });
    const gb = parseStream(chunks(b, 4096), { file: "x", maxArticleBytes: 1 << 20, window: 8192 });
    const outA: string[] = [];
    const outB: string[] = [];
    for (let doneA = false, doneB = false; !doneA || !doneB; ) {
      if (!doneA) {
        const r = await ga.next();
        if (r.done) doneA = true;
        else outA.push(JSON.stringify(r.value));
      }
      if (!doneB) {
        const r = await gb.next();
        if (r.done) doneB = true;
        else outB.push(JSON.stringify(r.value));
      }
    }
    expect(soloB.length).toBeGreaterThan(1);
    expect(outA).toEqual(soloA);
    expect(outB).toEqual(soloB);
  });
});

describe("no module-level variables in the core", () => {
  it("src/parse and src/render declare no top-level let or var", () => {
    const offenders: string[] = [];
    for (const dir of ["src/parse", "src/render"]) {
      for (const name of readdirSync(join(ROOT, dir)).filter((n) => n.endsWith(".ts"))) {
        const text = readFileSync(join(ROOT, dir, name), "utf8");
        for (const m of text.matchAll(/^(?:export )?(?:let|var) (\w+)/gm)) offenders.push(`${dir}/${name}: ${m[1]}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
