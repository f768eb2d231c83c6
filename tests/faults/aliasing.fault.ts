/**
 * Issue #24, "Files we write over what is not ours": every path the CLI writes (tests/faults/targets.ts)
 * × every way to alias an input or another output. Each cell must be refused before any work
 * (exit 2, one line), with every input as it was and nothing created. Then: a file ingest did not
 * write is never replaced or appended to, and same-name deliveries into --archive and
 * --quarantine keep both.
 */
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { article, writeTree } from "../batch-helpers.js";
import { ingest, noStackTrace, scenario, temp } from "./harness.js";
import { rows, WATCH, WRITTEN, type Written } from "./targets.js";

/** A tree with inputs of both commands and every kind of alias to them. */
function setup(): string {
  const root = temp("alias");
  writeTree(root, {
    "in/a.jsonl": article(1),
    "in/b.txt": article(2),
    "in/docs.jsonl": `${JSON.stringify({ path: "d.txt", text: article(5) })}\n`,
    "inbox/a.txt": article(3),
    "inbox/sub/b.txt": article(4),
    "list.txt": "in/a.jsonl\n",
    "list-link.txt": "link/a.jsonl\n",
    "walk/w.jsonl": article(6),
    "ext/e.jsonl": `${JSON.stringify({ path: "e.txt", text: article(7) })}\n`,
    "ext/f.jsonl": `${JSON.stringify({ path: "f.txt", text: article(8) })}\n`,
  });
  // Reached only through links a --follow-symlinks walk of walk/ follows.
  symlinkSync("../ext", join(root, "walk/ext"));
  symlinkSync("../ext/f.jsonl", join(root, "walk/lf.jsonl"));
  symlinkSync("in", join(root, "link"));
  symlinkSync("inbox", join(root, "inboxlink"));
  symlinkSync("in/a.jsonl", join(root, "l.jsonl"));
  symlinkSync("inbox/a.txt", join(root, "li.txt"));
  linkSync(join(root, "in/a.jsonl"), join(root, "h.jsonl"));
  linkSync(join(root, "inbox/a.txt"), join(root, "hi.txt"));
  return root;
}

/** One way to make a written path an input: the inputs (batch arguments, or the watched directory) and the path to name. */
interface Alias {
  name: string;
  kind: Written["kind"];
  command: Written["command"];
  inputs: (root: string) => string[];
  target: (root: string) => string;
  /** Standard input (a --files-from - list). */
  stdin?: string;
}

const batchFile = (name: string, inputs: (root: string) => string[], target: (root: string) => string): Alias => ({
  name,
  kind: "file",
  command: "batch",
  inputs,
  target,
});
const watchFile = (name: string, inbox: string, target: (root: string) => string): Alias => ({
  name,
  kind: "file",
  command: "watch",
  inputs: () => [inbox],
  target,
});
const watchDir = (name: string, inbox: string, target: (root: string) => string): Alias => ({
  name,
  kind: "dir",
  command: "watch",
  inputs: () => [inbox],
  target,
});

const ALIASES: readonly Alias[] = [
  batchFile(
    "the same path",
    () => ["in/a.jsonl"],
    () => "in/a.jsonl",
  ),
  batchFile(
    "absolute against relative",
    () => ["in/a.jsonl"],
    (r) => join(r, "in/a.jsonl"),
  ),
  batchFile(
    "relative against absolute",
    (r) => [join(r, "in/a.jsonl")],
    () => "in/a.jsonl",
  ),
  batchFile(
    "dot segments",
    () => ["in/a.jsonl"],
    () => "./in/../in/a.jsonl",
  ),
  batchFile(
    "a symbolic link to the input",
    () => ["in/a.jsonl"],
    () => "l.jsonl",
  ),
  batchFile(
    "through a symlinked directory",
    () => ["in/a.jsonl"],
    () => "link/a.jsonl",
  ),
  batchFile(
    "a hard link of the input",
    () => ["in/a.jsonl"],
    () => "h.jsonl",
  ),
  batchFile(
    "listed in --files-from",
    () => ["--files-from", "list.txt"],
    () => "in/a.jsonl",
  ),
  batchFile(
    "listed in --files-from through a symlinked directory",
    () => ["--files-from", "list-link.txt"],
    () => "in/a.jsonl",
  ),
  // JSON Lines documents, so the file begins as ingest's own output does and only its identity tells.
  {
    ...batchFile(
      "listed in --files-from on standard input",
      () => ["--files-from", "-", "--input-format", "jsonl"],
      () => "in/docs.jsonl",
    ),
    stdin: "link/docs.jsonl\n",
  },
  batchFile(
    "an input inside a walked directory",
    () => ["in", "--glob", "**/*"],
    () => "in/a.jsonl",
  ),
  batchFile(
    "a new file inside a walked directory (read back next run)",
    () => ["in", "--glob", "**/*"],
    () => "in/new.jsonl",
  ),
  batchFile(
    "a new file inside a directory walked through a symlink",
    () => ["link", "--glob", "**/*"],
    () => "in/new.jsonl",
  ),
  batchFile(
    "a new file a glob pattern argument matches",
    () => ["in/*.jsonl"],
    () => "in/new.jsonl",
  ),
  batchFile(
    "an input reached through a directory link a --follow-symlinks walk follows",
    () => ["walk", "--follow-symlinks", "--glob", "**/*"],
    () => "ext/e.jsonl",
  ),
  batchFile(
    "an input reached through a file link a --follow-symlinks walk follows",
    () => ["walk", "--follow-symlinks", "--glob", "**/*"],
    () => "ext/f.jsonl",
  ),
  batchFile(
    "a new file a --follow-symlinks walk would read through a directory link",
    () => ["walk", "--follow-symlinks", "--glob", "**/*"],
    () => "ext/new.jsonl",
  ),
  { name: "the walked directory", kind: "dir", command: "batch", inputs: () => ["in"], target: () => "in" },
  { name: "the walked directory through a symlink", kind: "dir", command: "batch", inputs: () => ["in"], target: () => "link" },
  { name: "the walked directory, absolute", kind: "dir", command: "batch", inputs: () => ["in"], target: (r) => join(r, "in") },
  { name: "the directory a symlink walked leads to", kind: "dir", command: "batch", inputs: () => ["link"], target: () => "in" },
  watchFile("an inbox file", "inbox", () => "inbox/a.txt"),
  watchFile("an inbox file, absolute", "inbox", (r) => join(r, "inbox/a.txt")),
  watchFile("an inbox file through a symlinked directory", "inbox", () => "inboxlink/a.txt"),
  watchFile("a symbolic link to an inbox file", "inbox", () => "li.txt"),
  watchFile("a hard link of an inbox file", "inbox", () => "hi.txt"),
  watchFile("a new file the watch would take as an input", "inbox", () => "inbox/new.txt"),
  watchFile("a new file in a subdirectory of the inbox", "inbox", () => "inbox/sub/new.txt"),
  watchFile("a new inbox file, the inbox watched through a symlink", "inboxlink", () => "inbox/new.txt"),
  watchDir("the watched directory", "inbox", () => "inbox"),
  watchDir("the watched directory through a symlink", "inbox", () => "inboxlink"),
  watchDir("a directory inside the watched one", "inbox", () => "inbox/sub"),
  watchDir("a new directory inside the watched one, through a symlink", "inbox", () => "inboxlink/done"),
  watchDir("a directory holding the watched one", "inbox", (r) => r),
];

/** The inputs of a cell, hashed before and after by the scenario. */
const protect = (root: string) => [join(root, "in"), join(root, "inbox"), join(root, "h.jsonl"), join(root, "hi.txt"), join(root, "walk"), join(root, "ext")];

/** A run refused before any work: exit 2, one line, nothing created. */
function refused(r: { code: number | null; stderr: string }): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(/^ingest: error: [^\n]+\n$/);
  expect(noStackTrace(r.stderr)).toBe(true);
}

const argsOf = (w: Written, inputs: string[], target: string): string[] =>
  w.command === "batch" ? [...inputs, ...w.flag(target)] : [...WATCH(inputs[0]), ...w.flag(target)];

describe("every written path × every way to alias an input: refused before any work", () => {
  for (const w of WRITTEN) {
    for (const a of ALIASES.filter((x) => x.command === w.command && x.kind === w.kind)) {
      scenario(`${w.name} × ${a.name}`, async (s) => {
        const root = setup();
        s.inputs(...protect(root));
        const target = a.target(root);
        const existed = existsSync(join(root, target));
        const r = await ingest(argsOf(w, a.inputs(root), target), { cwd: root, timeoutMs: 20_000, ...(a.stdin !== undefined ? { input: a.stdin } : {}) });
        // A list on standard input is checked as it is read: the run stops at the clash.
        if (a.stdin !== undefined) {
          expect(r.code, r.stderr).toBe(2);
          expect(r.stderr).toMatch(/^ingest: error: /m);
        } else refused(r);
        if (!existed) expect(existsSync(join(root, target)), `${target} was created`).toBe(false);
      });
    }
  }
});

describe("every two written paths of one run naming one file, or one inside the other: refused", () => {
  for (const command of ["batch", "watch"] as const) {
    const ws = rows(command);
    for (let i = 0; i < ws.length; i++) {
      for (let j = i + 1; j < ws.length; j++) {
        const [a, b] = [ws[i] as Written, ws[j] as Written];
        // The archive and the quarantine may be one directory: each delivery keeps its own name (below).
        if (a.mode === "moves" && b.mode === "moves") continue;
        const [pa, pb] = a.kind === b.kind ? ["shared.jsonl", "shared.jsonl"] : a.kind === "file" ? ["shared/x.json", "shared"] : ["shared", "shared/x.json"];
        const [da, db] = a.kind === "dir" && b.kind === "dir" ? ["shared", "shared"] : [pa, pb];
        scenario(`${a.name} and ${b.name} on one path`, async (s) => {
          const root = setup();
          mkdirSync(join(root, "shared"));
          s.inputs(...protect(root));
          const inputs = command === "batch" ? ["in"] : WATCH();
          const r = await ingest([...inputs, ...a.flag(da), ...b.flag(db)], { cwd: root, timeoutMs: 20_000 });
          refused(r);
          expect(readdirSync(join(root, "shared"))).toEqual([]);
        });
      }
    }
  }
});

describe("a file ingest did not write is never replaced or appended to", () => {
  for (const w of WRITTEN.filter((x) => x.kind === "file")) {
    scenario(`${w.name} naming a file of notes`, async (s) => {
      const root = setup();
      writeFileSync(join(root, "notes.jsonl"), "notes: keep me\nand me\n");
      s.inputs(...protect(root), join(root, "notes.jsonl"));
      const inputs = w.command === "batch" ? ["in"] : WATCH();
      const r = await ingest([...inputs, ...w.flag("notes.jsonl")], { cwd: root, timeoutMs: 20_000 });
      refused(r);
    });
  }
});

/** Deliver `text` as inbox/a.txt and run one watch that moves it. */
async function deliver(root: string, text: string, args: string[]): Promise<void> {
  mkdirSync(join(root, "inbox"), { recursive: true });
  writeFileSync(join(root, "inbox/a.txt"), text);
  const r = await ingest([...WATCH(), ...args], { cwd: root, timeoutMs: 30_000 });
  expect(r.code, r.stderr).toBe(0);
  expect(existsSync(join(root, "inbox/a.txt"))).toBe(false);
}

describe("same-name deliveries into --archive and --quarantine: every one kept, none replaced", () => {
  const texts = {
    archive: [article(11), article(12), article(13)],
    quarantine: ["", "not an article\n", "\u0000binary"],
  };
  for (const flag of ["archive", "quarantine"] as const) {
    for (const n of [2, 3]) {
      scenario(`--${flag}: ${n} deliveries of a.txt`, async () => {
        const root = temp("deliver");
        const args = ["--out-dir", "out", `--${flag}`, "kept"];
        for (let k = 0; k < n; k++) await deliver(root, texts[flag][k] as string, args);
        const names = ["a.txt", "a~2.txt", "a~3.txt"].slice(0, n);
        for (const [k, name] of names.entries()) expect(readFileSync(join(root, "kept", name), "utf8")).toBe(texts[flag][k]);
        if (flag === "quarantine") {
          for (const name of names) expect(JSON.parse(readFileSync(join(root, "kept", `${name}.errors.json`), "utf8")).diagnostics.length).toBeGreaterThan(0);
          const first = JSON.parse(readFileSync(join(root, "kept/a.txt.errors.json"), "utf8"));
          expect(first.diagnostics[0].code).toBe("EMPTY_INPUT");
        }
      });
    }
  }
  scenario("--archive and --quarantine one directory: an ingested and a refused a.txt both kept", async () => {
    const root = temp("deliver");
    const args = ["--out-dir", "out", "--archive", "kept", "--quarantine", "kept"];
    await deliver(root, article(21), args);
    await deliver(root, "", args);
    expect(readFileSync(join(root, "kept/a.txt"), "utf8")).toBe(article(21));
    expect(readFileSync(join(root, "kept/a~2.txt"), "utf8")).toBe("");
    expect(existsSync(join(root, "kept/a~2.txt.errors.json"))).toBe(true);
  });
});

describe("ingest's own directories inside an --out-dir are never a way out of it", () => {
  for (const w of WRITTEN.filter((x) => x.mode === "tree")) {
    for (const own of [".ingest", ".ingest-tmp", ".ingest-locks"]) {
      scenario(`${w.name} × its ${own} a symbolic link to the inputs`, async (s) => {
        const root = setup();
        const inputs = w.command === "batch" ? "in" : "inbox";
        // What ingest would write there, already an input: a marker's name, a lock's.
        writeFileSync(join(root, inputs, "a.jsonl.json"), '{"keep":"me"}\n');
        writeFileSync(join(root, inputs, "tree"), "keep me\n");
        mkdirSync(join(root, "out"));
        symlinkSync(join("..", inputs), join(root, "out", own));
        s.inputs(...protect(root));
        const args = w.command === "batch" ? ["in", "--incremental", ...w.flag("out")] : [...WATCH(), ...w.flag("out")];
        refused(await ingest(args, { cwd: root, timeoutMs: 20_000 }));
      });
    }
  }
});
