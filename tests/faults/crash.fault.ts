/**
 * Crash consistency: a batch into --out --incremental killed at seeded random moments (SIGKILL
 * and SIGTERM, one and two jobs), then run again with --incremental, must leave exactly the tree
 * of an uninterrupted run (compared file by file and by `diff -r`) with the same exit code.
 */
import { spawnSync } from "node:child_process";
import { utimesSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect } from "vitest";
import { article, seededRandom, writeTree } from "../batch-helpers.js";
import { accounted, changed, hashTree, ingest, lastLine, scenario, temp } from "./harness.js";

const TRIALS = Number(process.env.FAULTS_TRIALS ?? 24);
const SEED = Number(process.env.FAULTS_SEED ?? 9);

const random = seededRandom;

let root = "";
let reference = new Map<string, string>();
let referenceCode: number | null = null;
let referenceMs = 0;

beforeAll(async () => {
  root = temp("crash");
  const files: Record<string, string> = {};
  // 300 inputs: one article each; every third a dump of 20 (so that a kill often lands between
  // the outputs of one input); a few refused (empty, not an article).
  for (let i = 0; i < 300; i++) {
    const dir = `feeds/${String(i % 10)}`;
    if (i % 50 === 7) files[`${dir}/${i}.txt`] = "";
    else if (i % 50 === 13) files[`${dir}/${i}.txt`] = "just a line of text\n";
    else if (i % 3 === 1) files[`${dir}/${i}.txt`] = Array.from({ length: 20 }, (_, k) => article(10_000 + i * 20 + k)).join("\n\n");
    else files[`${dir}/${i}.txt`] = article(i);
  }
  writeTree(root, files);
  // Inputs as old as a feed's usually are: a marker of an input modified within 2 s of its read
  // says so (src/cli/convert/read-identity.ts), and the trees are compared marker for marker.
  const then = new Date(Date.now() - 3_600_000);
  for (const rel of Object.keys(files)) utimesSync(join(root, rel), then, then);
  const t0 = Date.now();
  const r = await ingest(["feeds", "--out", "reference", "--incremental"], { cwd: root });
  referenceMs = Date.now() - t0;
  referenceCode = r.code;
  reference = hashTree(join(root, "reference"));
}, 120_000);

describe("killed at a random moment, then --incremental: the uninterrupted tree", () => {
  const next = random(SEED);
  for (let t = 0; t < TRIALS; t++) {
    const signal: NodeJS.Signals = t % 2 === 0 ? "SIGKILL" : "SIGTERM";
    const jobs = t % 4 < 2 ? "1" : "2";
    const at = next();
    scenario(`trial ${t + 1}: ${signal} at ${(at * 100).toFixed(0)}% of a run, -j ${jobs}`, async (s) => {
      s.inputs(join(root, "feeds"));
      const out = `out-${t}`;
      let timer: NodeJS.Timeout | undefined;
      const killed = await ingest(["feeds", "--out", out, "--incremental", "-j", jobs], {
        cwd: root,
        started: (child) => {
          child.stdin?.end();
          timer = setTimeout(() => child.kill(signal), Math.round(at * referenceMs));
        },
      });
      clearTimeout(timer);
      // Stopped before the end: the clean stop's code and summary; or, when the signal came
      // before node had even run the bin (its handlers not yet installed), ended by it.
      if (signal === "SIGTERM" && killed.code !== referenceCode && killed.signal !== "SIGTERM") {
        expect(killed.code).toBe(143);
        expect(killed.stderr).toMatch(/interrupted after \d+ files/);
      }
      const rerun = await ingest(["feeds", "--out", out, "--incremental", "-j", jobs], { cwd: root });
      expect(rerun.code).toBe(referenceCode);
      // Every input accounted for, in the killed run (when it could still speak) and the rerun.
      expect(accounted(lastLine(rerun.stderr)).files).toBe(300);
      if (killed.signal === null && /files? \(/.test(lastLine(killed.stderr))) accounted(lastLine(killed.stderr));
      const tree = hashTree(join(root, out));
      const differences = changed(reference, tree);
      s.lost(differences.filter((f) => f.endsWith(".json") && !f.startsWith(".") && reference.has(f)).length);
      expect(differences).toEqual([]);
      const diff = spawnSync("diff", ["-r", "reference", out], { cwd: root, encoding: "utf8" });
      expect(diff.stdout).toBe("");
      expect(diff.status).toBe(0);
    });
  }
});
