/**
 * Issue #24, "Processes that share a tree": every way two ingest processes can meet on one
 * output tree, journal or inbox, as batches and as watches. What the README promises: shards of
 * one tree (--shard K/N) into one --out-dir work side by side; any other second run into an
 * --out-dir in use, a second watch on a journal in use, and a second watch moving files out of an
 * inbox in use refuse at start (exit 2, one line naming the holder), before any work. Never a run
 * that fails midway, never a record lost or delivered twice.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { article } from "../batch-helpers.js";
import { accounted, ingest, lastLine, noStackTrace, type Ran, scenario, temp } from "./harness.js";
import { exitOf, feeds, recordKeys, sleep, startWatch, treeDiff, until, visibleTree } from "./trust.js";

/** What a run that shares a tree may do: finish whole, or refuse at start (exit 2, naming the holder, having done nothing). */
function wholeOrRefused(r: Ran, files: number): "whole" | "refused" {
  expect(noStackTrace(r.stderr)).toBe(true);
  if (r.code === 2) {
    expect(r.stderr).toMatch(/in use by/);
    expect(r.stdout).toBe("");
    expect(r.stderr).not.toMatch(/ files? \(/);
    return "refused";
  }
  expect([0, 1]).toContain(r.code);
  expect(accounted(lastLine(r.stderr)).files).toBe(files);
  expect(r.stderr).not.toMatch(/WRITE_ERROR|cannot write/);
  return "whole";
}

const N = 2500;

describe("batch × batch: one --out-dir", () => {
  scenario("two --incremental runs at once: one converts everything, the other works too or refuses at start", async (s) => {
    const root = temp("shared");
    feeds(root, N);
    s.inputs(join(root, "in"));
    const fresh = await ingest(["in", "--out-dir", "ref", "-q"], { cwd: root });
    // The second starts while the first is under way: whichever ends first must not pull the ground from under the other.
    const [a, b] = await Promise.all([
      ingest(["in", "--out-dir", "out", "--incremental"], { cwd: root }),
      sleep(400).then(() => ingest(["in", "--out-dir", "out", "--incremental"], { cwd: root })),
    ]);
    const outcomes = [wholeOrRefused(a, N), wholeOrRefused(b, N)];
    expect(outcomes).toContain("whole");
    const diff = treeDiff(visibleTree(join(root, "ref")), visibleTree(join(root, "out")));
    s.lost(diff.length);
    expect(diff).toEqual([]);
    expect(fresh.code).toBe(0);
  });
  scenario("the README's shard recipe pointed at one --out-dir: both shards work side by side, the union is the whole tree", async (s) => {
    const root = temp("shared");
    feeds(root, N);
    s.inputs(join(root, "in"));
    await ingest(["in", "--out-dir", "ref", "-q"], { cwd: root });
    const runs = await Promise.all(["1/2", "2/2"].map((k, i) => sleep(i * 400).then(() => ingest(["--shard", k, "in", "--out-dir", "out"], { cwd: root }))));
    for (const r of runs) {
      expect(r.code).toBe(0);
      expect(r.stderr).not.toMatch(/WRITE_ERROR|in use by/);
    }
    const diff = treeDiff(visibleTree(join(root, "ref")), visibleTree(join(root, "out")));
    s.lost(diff.length);
    expect(diff).toEqual([]);
    expect(existsSync(join(root, "out/.ingest-tmp"))).toBe(false);
  });
  scenario("the same shard twice at once: one converts it, the other works too or refuses at start", async (s) => {
    const root = temp("shared");
    feeds(root, N);
    await ingest(["--shard", "1/2", "in", "--out-dir", "ref", "-q"], { cwd: root });
    const runs = await Promise.all(
      [0, 1].map((i) => sleep(i * 300).then(() => ingest(["--shard", "1/2", "in", "--out-dir", "out", "--incremental"], { cwd: root }))),
    );
    const files = accounted(lastLine((runs.find((r) => r.code !== 2) ?? runs[0])!.stderr)).files;
    expect(runs.map((r) => wholeOrRefused(r, files))).toContain("whole");
    const diff = treeDiff(visibleTree(join(root, "ref")), visibleTree(join(root, "out")));
    s.lost(diff.length);
    expect(diff).toEqual([]);
  });
  scenario("a run killed with SIGKILL leaves no lock that stops the next run", async () => {
    const root = temp("shared");
    feeds(root, N);
    let timer: NodeJS.Timeout | undefined;
    await ingest(["in", "--out-dir", "out", "--incremental"], {
      cwd: root,
      started: (child) => {
        child.stdin?.end();
        timer = setTimeout(() => child.kill("SIGKILL"), 600);
      },
    });
    clearTimeout(timer);
    const again = await ingest(["in", "--out-dir", "out", "--incremental"], { cwd: root });
    expect(again.code).toBe(0);
    expect(accounted(lastLine(again.stderr)).files).toBe(N);
  });
  scenario("a lock held on another host (or container) is refused with the file to remove, not broken", async () => {
    const root = temp("shared");
    feeds(root, 3);
    mkdirSync(join(root, "out/.ingest-locks"), { recursive: true });
    const lock = { pid: 1, host: `not-${hostname()}`, boot: "x", start: null, command: "ingest", since: new Date().toISOString() };
    writeFileSync(join(root, "out/.ingest-locks/tree"), JSON.stringify(lock));
    const r = await ingest(["in", "--out-dir", "out"], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`in use by ingest (pid 1 on not-${hostname()}`);
    expect(r.stderr).toContain(".ingest-locks/tree");
    expect(readdirSync(join(root, "out")).filter((f) => !f.startsWith("."))).toEqual([]);
  });
});

/** Poll until `w` has ingested something (its --out-dir has a file), so that it holds its locks. */
const running = (root: string, out: string) =>
  until(() => existsSync(join(root, out)) && readdirSync(join(root, out)).some((f) => f.endsWith(".json")), "the first watch to start");

describe("watch × batch: one --out-dir", () => {
  scenario("a batch into the --out-dir of a running watch refuses at start; the watch goes on", async (s) => {
    const root = temp("shared");
    feeds(root, 20);
    feeds(root, 200, "other", 5000);
    s.inputs(join(root, "other"));
    const w = startWatch(["in", "--out-dir", "out", "--settle", "0"], root);
    await running(root, "out");
    const b = await ingest(["other", "--out-dir", "out"], { cwd: root });
    expect(wholeOrRefused(b, 200)).toBe("refused");
    // The watch still takes new files.
    writeFileSync(join(root, "in/late.txt"), article(9999));
    await until(() => existsSync(join(root, "out/late.json")), "the watch to take a late file");
    w.child.kill("SIGTERM");
    expect((await exitOf(w, "the watch")).code).toBe(0);
  });
});

describe("batch × watch: one --out-dir", () => {
  scenario("a watch into the --out-dir of a running batch refuses at start; the batch converts everything", async (s) => {
    const root = temp("shared");
    feeds(root, N);
    feeds(root, 5, "inbox", 9000);
    s.inputs(join(root, "in"), join(root, "inbox"));
    const batch = ingest(["in", "--out-dir", "out"], { cwd: root });
    await until(() => existsSync(join(root, "out/.ingest-locks/tree")), "the batch to take its lock");
    const w = startWatch(["inbox", "--out-dir", "out", "--settle", "0"], root);
    const { code } = await exitOf(w, "the watch", 20_000);
    expect(code).toBe(2);
    expect(w.stderr()).toMatch(/the output directory out is in use by ingest \(pid \d+/);
    const b = await batch;
    expect(wholeOrRefused(b, N)).toBe("whole");
    const made = readdirSync(join(root, "out")).filter((f) => f.endsWith(".json")).length;
    s.lost(N - made);
    expect(made).toBe(N);
  });
});

describe("watch × watch", () => {
  scenario("a second watch into the --out-dir of a running watch (another --journal) refuses at start", async () => {
    const root = temp("shared");
    feeds(root, 20);
    const first = startWatch(["in", "--out-dir", "out", "--settle", "0"], root);
    await running(root, "out");
    const second = startWatch(["in", "--out-dir", "out", "--journal", "other.jsonl", "--settle", "0"], root);
    const { code } = await exitOf(second, "the second watch", 20_000);
    expect(code).toBe(2);
    expect(second.stderr()).toMatch(/the output directory out is in use by ingest watch \(pid \d+/);
    first.child.kill("SIGTERM");
    expect((await exitOf(first, "the first watch")).code).toBe(0);
  });
  scenario("a watch killed with SIGKILL and restarted at once is not refused by its own lock", async (s) => {
    const root = temp("shared");
    feeds(root, 20);
    const first = startWatch(["in", "--out-dir", "out", "--journal", "j.jsonl", "--archive", "done", "--settle", "0"], root);
    await running(root, "out");
    first.child.kill("SIGKILL");
    await first.exited;
    feeds(root, 5, "in/late", 500);
    const again = startWatch(["in", "--out-dir", "out", "--journal", "j.jsonl", "--archive", "done", "--once", "--settle", "0"], root);
    const { code } = await exitOf(again, "the restarted watch");
    expect(again.stderr()).not.toMatch(/in use by/);
    expect(code).toBe(0);
    const made = [...visibleTree(join(root, "out")).keys()].filter((f) => f.endsWith(".json")).length;
    s.lost(25 - made);
    expect(made).toBe(25);
  });
  scenario("a journal lock held on another host is refused with the file to remove, not broken", async () => {
    const root = temp("shared");
    feeds(root, 3);
    const lock = { pid: 1, host: `not-${hostname()}`, boot: "x", start: null, command: "ingest watch", since: new Date().toISOString() };
    writeFileSync(join(root, ".j.jsonl.lock"), JSON.stringify(lock));
    const w = startWatch(["in", "--journal", "j.jsonl", "--once", "--settle", "0"], root);
    const { code } = await exitOf(w, "the watch");
    expect(code).toBe(2);
    expect(w.stderr()).toContain(`in use by ingest watch (pid 1 on not-${hostname()}`);
    expect(w.stderr()).toContain(".j.jsonl.lock");
    expect(w.stdout()).toBe("");
  });
  scenario("a second watch on the journal of a running watch refuses at start with a clear message", async (s) => {
    const root = temp("shared");
    feeds(root, 30);
    const first = startWatch(["in", "--journal", "j.jsonl", "--settle", "0"], root);
    await until(() => recordKeys(first.stdout()).length === 30, "the first watch's records");
    const second = startWatch(["in", "--journal", "j.jsonl", "--settle", "0"], root);
    const { code } = await exitOf(second, "the second watch", 20_000);
    expect(code).toBe(2);
    expect(second.stderr()).toMatch(/journal .*j\.jsonl.* in use by ingest watch \(pid \d+/);
    expect(second.stdout()).toBe("");
    first.child.kill("SIGTERM");
    expect((await exitOf(first, "the first watch")).code).toBe(0);
    const keys = recordKeys(first.stdout());
    s.lost(30 - new Set(keys).size);
    expect(keys.length).toBe(new Set(keys).size);
  });
  for (const [name, args] of [
    ["records on stdout, --journal", ["--journal", "j.jsonl"]],
    ["--out-dir, --archive", ["--out-dir", "out", "--archive", "done"]],
    ["records on stdout, --archive", ["--archive", "done"]],
  ] as Array<[string, string[]]>) {
    scenario(`two overlapping watch --once (cron) on one inbox, ${name}: no exit 2 midway, no record twice, none lost`, async (s) => {
      const root = temp("shared");
      const n = 1500;
      feeds(root, n);
      const runs = await Promise.all(
        [0, 150].map(async (delay) => {
          await sleep(delay);
          const w = startWatch(["in", "--once", "--settle", "0", ...args], root);
          const { code } = await exitOf(w, "watch --once", 90_000);
          return { code, stdout: w.stdout(), stderr: w.stderr() };
        }),
      );
      for (const r of runs) {
        expect(noStackTrace(r.stderr)).toBe(true);
        if (r.code === 2) {
          // Refused at start: nothing done.
          expect(r.stderr).toMatch(/in use by ingest watch/);
          expect(r.stdout).toBe("");
        } else expect(r.code).toBe(0);
      }
      if (args.includes("--out-dir")) {
        const made = readdirSync(join(root, "out")).filter((f) => f.endsWith(".json")).length;
        s.lost(n - made);
        expect(made).toBe(n);
      } else {
        const keys = runs.flatMap((r) => recordKeys(r.stdout));
        s.lost(n - new Set(keys).size);
        expect(new Set(keys).size).toBe(n);
        expect(keys.length, "records delivered twice").toBe(n);
      }
    });
  }
});
