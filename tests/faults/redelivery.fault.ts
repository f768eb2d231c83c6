/**
 * Issue #24, same-name deliveries: a feed that sends `a.txt` again. Every output a watch produces
 * (--out-dir files, records on standard output with --journal, --db rows) × every way the watch
 * moves the first `a.txt` out (--archive, --quarantine, both, one directory for both) × 2 and 3
 * deliveries, with --once runs and with one running watch: no delivery's record is lost, each is
 * kept under its own name (`a.txt`, `a~2.txt`, ...) and its outputs are named after it (`a.json`,
 * `a~2.json`, ...), as a batch over the kept files names them; a crash at any step of the second
 * delivery, then a restart, gives the same tree. The other half of the one rule (watch/names.ts):
 * a file at a path the watch did not move out (renamed over, rewritten in place, removed and put
 * back) is a new version of that input, and its outputs replace the earlier ones.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect } from "vitest";
import { article } from "../batch-helpers.js";
import { query } from "../store/helpers.js";
import { ingest, scenario, temp } from "./harness.js";
import { WATCH } from "./targets.js";
import { exitOf, startWatch, until } from "./trust.js";

/** An input the watch refuses (one article has no body) that still yields the record of its good article. */
const refused = (n: number): string =>
  `${article(n)}\n\nTuesday, 02 January 2024 12:17 GMT\n\nA headline with nothing under it\n\nMENAFN27112025000045017640ID${String(9000 + n).padStart(10, "0")}\n`;

/** The end of the MENAFN ID of article(n), the good record of every delivery. */
const idOf = (n: number): string => `ID${String(n).padStart(10, "0")}`;

/** Every file under `dir` (relative, `/`), hidden names left out. */
function visible(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string): void => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith(".")) continue;
      if (e.isDirectory()) visit(join(d, e.name));
      else out.push(relative(dir, join(d, e.name)).split("\\").join("/"));
    }
  };
  visit(dir);
  return out.sort();
}

/** The IDs in a JSON Lines text, or in the JSON files of a tree. */
const idsOfLines = (text: string): string[] =>
  text
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => (JSON.parse(l) as { id: string }).id);
const idsOfTree = (dir: string): string[] => visible(dir).map((f) => (JSON.parse(readFileSync(join(dir, f), "utf8")) as { id: string }).id);

/** An output of a watch, and how to read back the IDs of the records it holds. */
interface Output {
  name: string;
  args: string[];
  ids: (root: string, stdout: string) => string[];
  /** It is a tree of files named after the inputs. */
  tree?: string;
}

const OUTPUTS: readonly Output[] = [
  { name: "--out-dir", args: ["--out-dir", "out"], ids: (root) => idsOfTree(join(root, "out")), tree: "out" },
  { name: "standard output with --journal", args: ["--journal", "j.jsonl"], ids: (_, stdout) => idsOfLines(stdout) },
  {
    name: "--db",
    args: ["--db", "s.sqlite"],
    ids: (root) => query(join(root, "s.sqlite"), "SELECT record FROM articles").map((r) => (JSON.parse(String(r.record)) as { id: string }).id),
  },
];

/** Where the watch moves the first a.txt, and what each delivery holds. */
interface Keep {
  name: string;
  args: string[];
  /** Delivery k (0-based): refused (moved to the quarantine) or not. */
  refused: (k: number) => boolean;
  /** Where a refused and an ingested delivery go. */
  dirs: { ingested: string; refused: string };
}

const KEEPS: readonly Keep[] = [
  { name: "--archive", args: ["--archive", "done"], refused: () => false, dirs: { ingested: "done", refused: "done" } },
  { name: "--quarantine", args: ["--quarantine", "refused"], refused: () => true, dirs: { ingested: "refused", refused: "refused" } },
  {
    name: "--archive and --quarantine",
    args: ["--archive", "done", "--quarantine", "refused"],
    refused: (k) => k % 2 === 1,
    dirs: { ingested: "done", refused: "refused" },
  },
  {
    name: "--archive and --quarantine one directory",
    args: ["--archive", "kept", "--quarantine", "kept"],
    refused: (k) => k % 2 === 1,
    dirs: { ingested: "kept", refused: "kept" },
  },
];

const NAMES = ["a.txt", ...Array.from({ length: 9 }, (_, k) => `a~${k + 2}.txt`)];
const text = (keep: Keep, k: number): string => (keep.refused(k) ? refused(11 + k) : article(11 + k));

/** One watch --once over what is in the inbox; its stdout. */
async function once(root: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const r = await ingest([...WATCH(), ...args], { cwd: root, timeoutMs: 30_000, env });
  return { code: r.code, stdout: r.stdout, stderr: r.stderr };
}

/** Deliver `body` as inbox/a.txt the way a feed should: written under a temporary name, renamed into place. */
const deliver = (root: string, body: string): void => {
  mkdirSync(join(root, "inbox"), { recursive: true });
  writeFileSync(join(root, "inbox/.a.txt.part"), body);
  renameSync(join(root, "inbox/.a.txt.part"), join(root, "inbox/a.txt"));
};

/** The output names a batch gives the kept file `name` (its good article first: `a.json`, or `a.1.json` for a refused dump of two). */
const outputOf = (name: string, wasRefused: boolean): string => `${name.slice(0, -".txt".length)}${wasRefused ? ".1" : ""}.json`;

/** Every delivered record is there, once per delivery; the tree names outputs after the kept names. */
function check(o: Output, root: string, stdout: string, ids: string[], outputs: string[], lost: (n: number) => void): void {
  const found = o.ids(root, stdout);
  const missing = ids.filter((id) => !found.some((f) => f.endsWith(id)));
  lost(missing.length);
  expect(missing, `records lost from ${o.name}`).toEqual([]);
  if (o.tree !== undefined) expect(visible(join(root, o.tree))).toEqual([...outputs].sort());
}

describe("a.txt delivered again after the first was moved out: every delivery kept, under its own name", () => {
  for (const o of OUTPUTS) {
    for (const keep of KEEPS) {
      for (const n of [2, 3]) {
        scenario(`${o.name} × ${keep.name}: ${n} deliveries of a.txt`, async (s) => {
          const root = temp("redeliver");
          let stdout = "";
          for (let k = 0; k < n; k++) {
            deliver(root, text(keep, k));
            const r = await once(root, [...o.args, ...keep.args]);
            expect(r.code, r.stderr).toBe(0);
            expect(existsSync(join(root, "inbox/a.txt")), "a.txt was not moved").toBe(false);
            stdout += r.stdout;
          }
          const outputs: string[] = [];
          for (let k = 0; k < n; k++) {
            const dir = keep.refused(k) ? keep.dirs.refused : keep.dirs.ingested;
            const name = NAMES[k] as string;
            expect(readFileSync(join(root, dir, name), "utf8"), `${dir}/${name}`).toBe(text(keep, k));
            outputs.push(outputOf(name, keep.refused(k)));
          }
          check(
            o,
            root,
            stdout,
            Array.from({ length: n }, (_, k) => idOf(11 + k)),
            outputs,
            (x) => s.lost(x),
          );
        });
      }
    }
  }
});

/** How a feed puts a new a.txt where the first one still is, or was (the watch did not move it out). */
const AGAIN: ReadonlyArray<{ name: string; before: (root: string) => Promise<void> | void }> = [
  { name: "renamed over it", before: () => {} },
  { name: "rewritten in place", before: () => {} },
  { name: "removed, then delivered again", before: (root) => rmSync(join(root, "inbox/a.txt")) },
  {
    name: "removed, seen gone by a run, then delivered again",
    before: async (root) => {
      rmSync(join(root, "inbox/a.txt"));
      await once(root, ["--out-dir", "seen"]);
    },
  },
];

describe("a.txt the watch did not move out: a new file at its path is a new version of it, and replaces its outputs", () => {
  for (const o of OUTPUTS) {
    for (const again of AGAIN) {
      for (const n of [2, 3]) {
        scenario(`${o.name}: a.txt ${again.name}, ${n} versions`, async () => {
          const root = temp("redeliver");
          let stdout = "";
          for (let k = 0; k < n; k++) {
            if (k > 0) await again.before(root);
            if (again.name === "rewritten in place" && k > 0) writeFileSync(join(root, "inbox/a.txt"), article(11 + k));
            else deliver(root, article(11 + k));
            const r = await once(root, o.args);
            expect(r.code, r.stderr).toBe(0);
            stdout += r.stdout;
          }
          // Every version was delivered (standard output, the store); the tree holds the last one.
          const found = o.ids(root, stdout);
          const wanted = o.tree === undefined ? Array.from({ length: n }, (_, k) => idOf(11 + k)) : [idOf(10 + n)];
          expect(found.map((f) => f.slice(-12)).sort()).toEqual(wanted);
          if (o.tree !== undefined) expect(visible(join(root, o.tree))).toEqual(["a.json"]);
        });
      }
    }
  }
});

// 8 deliveries, each the moment the last one is gone: chokidar may report neither the move out nor
// the new file (the watch looks at the path again after moving a file out).
describe("a running watch: a.txt delivered again after it was moved out (a new delivery) or removed (a new version)", () => {
  for (const how of ["moved to --archive", "removed by the feed"] as const) {
    for (const n of [2, 3, 8]) {
      scenario(`--out-dir, ${how}: ${n} deliveries of a.txt to one running watch`, async (s) => {
        const root = temp("redeliver");
        mkdirSync(join(root, "inbox"));
        const keep = how === "moved to --archive" ? ["--archive", "done"] : [];
        const w = startWatch(["inbox", "--settle", "0", "--out-dir", "out", ...keep], root);
        await until(() => existsSync(join(root, "out/.ingest-journal.jsonl")), "the watch to start");
        const journaled = (k: number) =>
          readFileSync(join(root, "out/.ingest-journal.jsonl"), "utf8")
            .split("\n")
            .filter((l) => l.includes('"event"')).length >= k;
        for (let k = 0; k < n; k++) {
          deliver(root, article(11 + k));
          await until(() => journaled(k + 1), `delivery ${k + 1} to be journaled`, 10_000);
          if (how === "removed by the feed") {
            rmSync(join(root, "inbox/a.txt"));
            // Seen gone by the watcher before the next delivery (inotify: at once; give it a moment).
            await new Promise((done) => setTimeout(done, 300));
          } else await until(() => !existsSync(join(root, "inbox/a.txt")), `delivery ${k + 1} to be archived`);
        }
        w.child.kill("SIGTERM");
        const end = await exitOf(w, "the watch");
        expect(end.code, w.stderr()).toBe(0);
        if (how === "removed by the feed") {
          expect(visible(join(root, "out"))).toEqual(["a.json"]);
          expect(JSON.parse(readFileSync(join(root, "out/a.json"), "utf8")).id.slice(-12)).toBe(idOf(10 + n));
          return;
        }
        const ids = Array.from({ length: n }, (_, k) => idOf(11 + k));
        check(
          OUTPUTS[0] as Output,
          root,
          "",
          ids,
          NAMES.slice(0, n).map((x) => outputOf(x, false)),
          (x) => s.lost(x),
        );
      });
    }
  }
});

describe("a crash at each step of a second delivery, then a restart: the tree of an uninterrupted run", () => {
  for (const keep of KEEPS.filter((k) => k.name !== "--archive and --quarantine one directory")) {
    for (const step of ["converted", "outputs", "journal", "moved"]) {
      scenario(`--out-dir × ${keep.name}: killed at '${step}' of the second a.txt`, async (s) => {
        const root = temp("redeliver");
        const args = ["--out-dir", "out", ...keep.args];
        deliver(root, text(keep, 0));
        expect((await once(root, args)).code).toBe(0);
        deliver(root, text(keep, 1));
        const killed = await once(root, args, { INGEST_WATCH_CRASH: `${step}:1` });
        expect(killed.code, killed.stderr).toBe(null);
        const r = await once(root, args);
        expect(r.code, r.stderr).toBe(0);
        expect(existsSync(join(root, "inbox/a.txt"))).toBe(false);
        for (let k = 0; k < 2; k++) {
          const dir = keep.refused(k) ? keep.dirs.refused : keep.dirs.ingested;
          expect(readFileSync(join(root, dir, NAMES[k] as string), "utf8")).toBe(text(keep, k));
        }
        check(
          OUTPUTS[0] as Output,
          root,
          "",
          [idOf(11), idOf(12)],
          [0, 1].map((k) => outputOf(NAMES[k] as string, keep.refused(k))),
          (x) => s.lost(x),
        );
      });
    }
  }
});

describe("a second a.txt and a file named a~2.txt in one run: each keeps a name of its own", () => {
  scenario("--out-dir × --archive: a.txt again beside a~2.txt", async (s) => {
    const root = temp("redeliver");
    const args = ["--out-dir", "out", "--archive", "done"];
    deliver(root, article(11));
    expect((await once(root, args)).code).toBe(0);
    deliver(root, article(12));
    writeFileSync(join(root, "inbox/a~2.txt"), article(13));
    const r = await once(root, args);
    expect(r.code, r.stderr).toBe(0);
    // The batch's order: a.txt first, so it is a~2.txt; the file named a~2.txt goes on to a~2~2.txt.
    const kept = { "a.txt": 11, "a~2.txt": 12, "a~2~2.txt": 13 };
    for (const [name, n] of Object.entries(kept)) expect(readFileSync(join(root, "done", name), "utf8")).toBe(article(n));
    check(
      OUTPUTS[0] as Output,
      root,
      "",
      Object.values(kept).map(idOf),
      Object.keys(kept).map((x) => outputOf(x, false)),
      (x) => s.lost(x),
    );
    for (const [name, n] of Object.entries(kept)) {
      expect((JSON.parse(readFileSync(join(root, "out", outputOf(name, false)), "utf8")) as { id: string }).id.slice(-12)).toBe(idOf(n));
    }
  });
});
