/**
 * Every shell example of the README and docs/*.md runs as written, from a copy of the
 * repository's root holding the demo tree (examples/) and the fixtures, with `ingest` on the
 * PATH: a ```console block's output is compared with what the page shows, a ```sh block's
 * commands must exit 0 or 1 (CONTRIBUTING.md, "Shell examples in the docs"). The blocks of one
 * page run in order in one directory, so a page can build on its earlier commands.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { extractExamples, outputMatches } from "./doc-examples.js";
import { ROOT } from "./helpers.js";

const PAGES = [
  "README.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((n) => n.endsWith(".md"))
    .sort()
    .map((n) => `docs/${n}`),
];

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A fresh root for one page: the demo tree and the fixtures, `ingest` on the PATH, an empty $HOME. */
function sandbox(): { cwd: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), "ingest-docs-"));
  dirs.push(dir);
  const cwd = join(dir, "repo");
  for (const part of ["examples", "fixtures"]) cpSync(join(ROOT, part), join(cwd, part), { recursive: true });
  const bin = join(dir, "bin");
  mkdirSync(bin);
  writeFileSync(join(bin, "ingest"), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, "bin", "ingest.js")}" "$@"\n`);
  chmodSync(join(bin, "ingest"), 0o755);
  mkdirSync(join(dir, "home"));
  const env: NodeJS.ProcessEnv = { PATH: `${bin}:${process.env.PATH ?? ""}`, HOME: join(dir, "home"), LANG: "C.UTF-8", TZ: "UTC" };
  return { cwd, env };
}

/** Runs the commands in one shell, stdout and stderr merged as on a terminal; one output per command. */
function runConsole(commands: string[], cwd: string, env: NodeJS.ProcessEnv): string[][] {
  const script = ["exec 2>&1", "__s=0", ...commands.flatMap((c) => [`printf '\\036\\n'; (exit $__s); ${c}`, "__s=$?"])].join("\n");
  const r = spawnSync("bash", ["-c", script], { cwd, env, encoding: "utf8", timeout: 60_000 });
  const chunks = r.stdout.split("\u001e\n").slice(1);
  return commands.map((_, i) => (chunks[i] ?? "").replace(/\n$/, "").split("\n"));
}

for (const page of PAGES) {
  const examples = extractExamples(readFileSync(join(ROOT, page), "utf8"));
  if (examples.length === 0) continue;
  describe(page, () => {
    let box: { cwd: string; env: NodeJS.ProcessEnv } | undefined;
    const get = () => {
      box ??= sandbox();
      return box;
    };
    for (const ex of examples) {
      it(`${ex.kind} block at line ${ex.line}`, () => {
        const { cwd, env } = get();
        if (ex.kind === "console") {
          const outputs = runConsole(
            ex.steps.map((s) => s.command),
            cwd,
            env,
          );
          ex.steps.forEach((step, i) => {
            const got = outputs[i] ?? [];
            if (!outputMatches(step.expected, got)) expect(`$ ${step.command}\n${got.join("\n")}`).toBe(`$ ${step.command}\n${step.expected.join("\n")}`);
          });
        } else {
          for (const step of ex.steps) {
            const r = spawnSync("bash", ["-c", step.command], { cwd, env, encoding: "utf8", timeout: 60_000 });
            expect(r.status, `${step.command}\n${r.stderr}`).toBeLessThanOrEqual(1);
          }
        }
      });
    }
  });
}

describe("the docs' example runner", () => {
  it("reads console blocks, sh blocks and skips", () => {
    const md = [
      "```console",
      "$ a \\",
      "  b",
      "out 1",
      "$ c",
      "```",
      "```sh skip",
      "x",
      "```",
      "```sh",
      "# note",
      "d # x",
      "",
      "```",
      "```text",
      "$ e",
      "```",
    ].join("\n");
    expect(extractExamples(md)).toEqual([
      {
        kind: "console",
        line: 1,
        steps: [
          { command: "a \\\n  b", expected: ["out 1"] },
          { command: "c", expected: [] },
        ],
      },
      { kind: "sh", line: 10, steps: [{ command: "d # x", expected: [] }] },
    ]);
  });
  it("compares output after normalising times, with ... for any lines", () => {
    expect(outputMatches(["7 files in 0.1s", "..."], ["7 files in 12.35s", "a", "b", ""])).toBe(true);
    expect(outputMatches(["a", "...", "d"], ["a", "d"])).toBe(true);
    expect(outputMatches(["a", "...", "d"], ["a", "b", "c"])).toBe(false);
    expect(outputMatches(["a"], ["a", "b"])).toBe(false);
    expect(outputMatches(["a b"], ["a  b"])).toBe(false);
  });
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_\- ]/gu, "")
    .replace(/ /g, "-");
}

function anchorsOf(text: string): Set<string> {
  const out = new Set<string>();
  let fence = false;
  for (const l of text.split("\n")) {
    if (l.startsWith("```")) fence = !fence;
    else if (!fence && /^#{1,6} /.test(l)) out.add(slug(l.replace(/^#+/, "")));
  }
  return out;
}

describe("links between the pages", () => {
  it("every relative link in the README, docs/ and CONTRIBUTING names a file that exists, and a heading in it", () => {
    const broken: string[] = [];
    for (const page of [...PAGES, "CONTRIBUTING.md"]) {
      const text = readFileSync(join(ROOT, page), "utf8").replace(/```[\s\S]*?```/g, "");
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1] ?? "";
        if (/^[a-z]+:/.test(target)) continue;
        const [path = "", anchor] = target.split("#");
        const file = path === "" ? join(ROOT, page) : join(ROOT, dirname(page), path);
        if (!existsSync(file)) broken.push(`${page}: ${target}`);
        else if (anchor && file.endsWith(".md") && !anchorsOf(readFileSync(file, "utf8")).has(anchor)) broken.push(`${page}: ${target} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });
});
