/**
 * Any argv: the flags of `ingest --help` with empty, huge, unicode and control-character values.
 * Never a stack trace, the exit code always one of the documented set, and no file created
 * outside the outputs the arguments name.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect } from "vitest";
import { article } from "../batch-helpers.js";
import { changed, DOCUMENTED_CODES, hashTree, ingest, noStackTrace, scenario, temp } from "./harness.js";
import { rows } from "./targets.js";

const RUNS = Number(process.env.FAULTS_ARGV_RUNS ?? 60);
const SEED = Number(process.env.FAULTS_SEED ?? 9);

let flags: string[] = [];
/** The flags that name a file or directory the run may create. */
/** The batch's writing flags, from the fault suite's table of written paths (targets.ts), with their long and old names. */
const OUTPUT_FLAGS = [...new Set([...rows("batch").map((w) => w.flag("x")[0] as string), "--output", "--out"])];
/** Files a writing flag's path brings beside it: the store's SQLite journal files. */
const BESIDE = ["", "-journal", "-wal", "-shm"];

beforeAll(async () => {
  const help = await ingest(["--help"]);
  flags = [...new Set(help.stdout.match(/--[a-z][a-z-]+/g) ?? [])].filter((f) => f !== "--help" && f !== "--version");
  expect(flags.length).toBeGreaterThan(10);
});

/** A value: empty, huge, unicode, with controls (no NUL: argv cannot hold one), or plain. */
const value = fc.oneof(
  fc.constant(""),
  // Replaced by 70,000 characters when run (a counterexample stays readable).
  fc.constant("<huge>"),
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.string({ unit: fc.integer({ min: 1, max: 0x9f }).map((c) => String.fromCharCode(c)), maxLength: 12 }),
  fc.constantFrom(
    "0",
    "-1",
    "1",
    "2",
    "json",
    "text",
    "summary",
    "ninjs",
    "3.1",
    "**/*",
    "in.txt",
    "in",
    "out",
    "log.jsonl",
    "\u202eevil",
    "a\nb",
    "\u001b]52;c;aGk=\u0007",
  ),
);

describe("any argv", () => {
  scenario(
    `${RUNS} generated command lines (seed ${SEED})`,
    async (s) => {
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom<string[]>([], ["validate"], ["schema"]),
          fc.array(fc.tuple(fc.constantFrom(...flags), value, fc.boolean()), { maxLength: 4 }),
          fc.constantFrom<string[]>([], ["in.txt"], ["in"], ["-"]),
          async (command, chosen, inputs) => {
            const root = temp("argv");
            const cwd = join(root, "work");
            mkdirSync(join(cwd, "in"), { recursive: true });
            writeFileSync(join(cwd, "in.txt"), article(1));
            writeFileSync(join(cwd, "in/b.txt"), article(2));
            s.inputs(join(cwd, "in.txt"), join(cwd, "in"));
            const args = [...command, ...inputs];
            const named: string[] = [];
            for (const [flag, given, withValue] of chosen) {
              const v = given === "<huge>" ? "x".repeat(70_000) : given;
              // Paths that climb out of the sandbox are not what this property is about.
              if (v.startsWith("/") || v.includes("..")) continue;
              args.push(flag);
              if (withValue) args.push(v);
            }
            // What commander takes as the value of an output flag: the next word, whatever it is.
            for (let i = 0; i + 1 < args.length; i++)
              if (OUTPUT_FLAGS.includes(args[i] as string))
                for (const b of BESIDE) named.push(Buffer.from(resolve(cwd, `${args[i + 1] as string}${b}`)).toString("latin1"));
            const before = hashTree(root);
            const r = await ingest(args, { cwd, input: "", timeoutMs: 30_000 });
            runs++;
            const shown = JSON.stringify(args).slice(0, 300);
            expect(DOCUMENTED_CODES.includes(r.code ?? -1), `${shown}: exit ${r.code}`).toBe(true);
            expect(noStackTrace(r.stderr), `${shown}: ${r.stderr.slice(0, 500)}`).toBe(true);
            // hashTree names files by their bytes as latin1, and so does `named`.
            const created = changed(before, hashTree(root)).map((f) => join(root, f));
            const stray = created.filter((f) => !named.some((n) => f === n || f.startsWith(n + sep)));
            expect(stray.join(", ").slice(0, 500), shown).toBe("");
          },
        ),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      expect(runs).toBeGreaterThanOrEqual(RUNS);
    },
    600_000,
  );
});
