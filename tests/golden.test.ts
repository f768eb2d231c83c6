/**
 * CLI golden files: stdout, stderr and exit code of real runs of the bin,
 * stored in tests/golden/NAME.json. Regenerate with UPDATE_GOLDEN=1 and read
 * the diff before committing.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ingest } from "./helpers.js";

const CASES: Record<string, string[]> = {
  "seed-json": ["fixtures/000_ee22b7415f82c1d2.txt"],
  "seed-summary": ["fixtures/000_ee22b7415f82c1d2.txt", "--format", "summary"],
  "seed-summary-color": ["fixtures/000_ee22b7415f82c1d2.txt", "--format", "summary", "--color"],
  "dump-json": ["fixtures/feed-dump-four.txt"],
  "dump-summary": ["fixtures/feed-dump-four.txt", "--format", "summary"],
  "mixed-refusals": ["fixtures/refuse-empty.txt", "fixtures/tag-kuna-nested-end.txt", "fixtures/refuse-no-headline.txt"],
};

describe("golden CLI runs", () => {
  it.each(Object.keys(CASES))("%s", async (name) => {
    const args = CASES[name] ?? [];
    const r = await ingest(args);
    const got = { args, code: r.code, stdout: r.stdout, stderr: r.stderr };
    const path = new URL(`./golden/${name}.json`, import.meta.url);
    if (process.env.UPDATE_GOLDEN || !existsSync(path)) writeFileSync(path, `${JSON.stringify(got, null, 2)}\n`);
    expect(got).toEqual(JSON.parse(readFileSync(path, "utf8")));
  });
});
