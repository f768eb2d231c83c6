/**
 * --strict goes through the code policy (report/code-policy.ts) like --error-on: the parser is
 * never asked to refuse. So `--strict` is `--error-on` with every code, in a batch (one thread or
 * worker threads), on JSON Lines input and on the streamed path; and a watch refuses what a batch
 * refuses, a warning-only article included.
 */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DIAGNOSTIC_CODES } from "../../../src/diagnostics.js";
import { tempDir } from "../../batch-helpers.js";
import { fixture, ingest, type Ran } from "../../helpers.js";

const EVERY_CODE = DIAGNOSTIC_CODES.join(",");
/** A run's visible result, with the summary's time masked. */
const seen = (r: Ran): Ran => ({ ...r, stderr: r.stderr.replace(/ in \d+\.\ds/, " in Xs") });

/** Every fixture input (75 files: clean articles, warning-only ones, refusals) in a directory of its own. */
function corpus(): string {
  const root = tempDir();
  const dir = fixture("");
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".txt"))) cpSync(join(dir, name), join(root, "in", name));
  return root;
}

describe("--strict through the code policy", () => {
  it("is --error-on with every code: the same records, lines and exit code, with one thread, worker threads and a streamed input", async () => {
    const root = corpus();
    for (const extra of [[], ["-j", "2"], ["--max-bytes", "2K"]]) {
      const strict = seen(await ingest(["in", "--strict", ...extra], { cwd: root }));
      expect(strict.code).toBe(1);
      expect(strict.stderr).toMatch(/: error: MISSING_DISCLAIMER /);
      expect(seen(await ingest(["in", "--error-on", EVERY_CODE, ...extra], { cwd: root }))).toEqual(strict);
    }
    const plain = await ingest(["in"], { cwd: root });
    const strict = await ingest(["in", "--strict"], { cwd: root });
    expect(strict.stdout.split("\n").length).toBeLessThan(plain.stdout.split("\n").length);
  });

  it("is --error-on with every code on JSON Lines documents", async () => {
    const root = corpus();
    const docs = readdirSync(join(root, "in"))
      .sort()
      .map((name) => JSON.stringify({ path: name, text: readFileSync(join(root, "in", name), "utf8") }));
    writeFileSync(join(root, "docs.jsonl"), `${docs.join("\n")}\n`);
    const strict = seen(await ingest(["--input-format", "jsonl", "docs.jsonl", "--strict"], { cwd: root }));
    expect(strict.stderr).toMatch(/no-disclaimer\.txt: error: MISSING_DISCLAIMER /);
    expect(seen(await ingest(["--input-format", "jsonl", "docs.jsonl", "--error-on", EVERY_CODE], { cwd: root }))).toEqual(strict);
  });

  it("a watch refuses what a batch refuses: the same counts, and a warning-only article quarantined", async () => {
    const root = corpus();
    const batch = await ingest(["in", "--strict"], { cwd: root });
    const b = /(\d+) files \((\d+) ok, (\d+) with errors\): (\d+) records, (\d+) warnings, (\d+) errors/.exec(batch.stderr);
    cpSync(join(root, "in"), join(root, "inbox"), { recursive: true });
    const watch = await ingest(["watch", "inbox", "--strict", "--once", "--settle", "0", "--out-dir", "out", "--quarantine", "q"], { cwd: root });
    expect(watch.code).toBe(0);
    const w = /(\d+) files \((\d+) ingested, (\d+) refused\): (\d+) records?, (\d+) warnings?, (\d+) errors/.exec(watch.stderr);
    expect(w?.slice(1)).toEqual(b?.slice(1));
    expect(watch.stderr).toContain("inbox/no-disclaimer.txt: error: MISSING_DISCLAIMER ");
    expect(existsSync(join(root, "q", "no-disclaimer.txt"))).toBe(true);
    expect(JSON.parse(readFileSync(join(root, "q", "no-disclaimer.txt.errors.json"), "utf8")).diagnostics).toEqual([
      expect.objectContaining({ article: 1, code: "MISSING_DISCLAIMER", severity: "error" }),
    ]);
    // Without --strict it is ingested, with its warning.
    writeFileSync(join(root, "inbox", "again.txt"), readFileSync(fixture("no-disclaimer.txt")));
    const lax = await ingest(["watch", "inbox", "--once", "--settle", "0", "--out-dir", "out2"], { cwd: root });
    expect(lax.stderr).toContain("inbox/again.txt: warning: MISSING_DISCLAIMER ");
    expect(readdirSync(join(root, "out2"))).toContain("again.json");
  });
});
