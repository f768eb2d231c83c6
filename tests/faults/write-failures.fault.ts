/**
 * Issue #24, "Writes whose failure is not seen": every stream and every file the CLI writes
 * (tests/faults/targets.ts) × every way a write fails: a full file system (ENOSPC, a filled
 * tmpfs), a file size limit (EFBIG, `ulimit -f`), a read-only target (EROFS, or EBADF for a
 * descriptor opened read-only), a descriptor closed by the parent (`>&-`), and a reader that goes
 * away (EPIPE, which alone ends quietly). Every failure is the run's I/O failure: exit 2 (never 0,
 * never 70), a line saying what could not be written when standard error still works, the
 * summary after it, the -o file as it was before, no partial output file, no input lost.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { article, writeTree } from "../batch-helpers.js";
import { BIN, fill, ingest, lastLine, noStackTrace, type Ran, scenario, temp, tmpfs } from "./harness.js";
import { STREAMS, WATCH, WRITTEN, type Stream, type Written } from "./targets.js";

/** 300 inputs for a batch, 40 for a watch: each one record (~2.8 KB) and one warning. */
function setup(): string {
  const root = temp("wfail");
  const files: Record<string, string> = {};
  for (let i = 0; i < 300; i++) files[`feeds/${String(i).padStart(4, "0")}.txt`] = article(i + 1);
  for (let i = 0; i < 40; i++) files[`inbox/${String(i).padStart(4, "0")}.txt`] = article(1000 + i);
  writeTree(root, files);
  return root;
}

/** What a good earlier -o file holds: it must still hold it after a failed run. */
const PRIOR = `${JSON.stringify({ headline: "an earlier run's record" })}\n`;

/** Where the failing path lies, and what the run gets. */
interface Medium {
  /** A directory for a file or directory target (null: the target is a stream only). */
  dir: string | null;
  /** A descriptor for a stream target. */
  fd: (root: string) => number | "closed" | "epipe";
  shell: string;
  done: () => void;
}

interface Failure {
  name: string;
  /** For files and streams, or streams only. */
  streamsOnly?: boolean;
  filesOnly?: boolean;
  /** Ends quietly (exit 0) instead of failing. */
  quiet?: boolean;
  make: (root: string) => Medium;
}

const FAILURES: readonly Failure[] = [
  {
    name: "a full file system (ENOSPC)",
    make: () => {
      const m = tmpfs("512k");
      mkdirSync(join(m.dir, "d"));
      // -o's earlier good file, made before the disk fills.
      writeFileSync(join(m.dir, "d/prior.jsonl"), PRIOR);
      fill(m.dir);
      return { dir: join(m.dir, "d"), fd: () => openSync(join(m.dir, "d/stream.txt"), "w"), shell: "", done: m.umount };
    },
  },
  {
    name: "a file size limit (EFBIG, ulimit -f 2)",
    make: (root) => {
      mkdirSync(join(root, "limited"));
      writeFileSync(join(root, "limited/prior.jsonl"), PRIOR);
      return { dir: join(root, "limited"), fd: (r) => openSync(join(r, "limited/stream.txt"), "w"), shell: "ulimit -f 2;", done: () => {} };
    },
  },
  {
    name: "a read-only target (EROFS; EBADF for a read-only descriptor)",
    make: (root) => {
      const m = tmpfs("1m");
      mkdirSync(join(m.dir, "d"));
      writeFileSync(join(m.dir, "d/prior.jsonl"), PRIOR);
      writeFileSync(join(root, "readonly.txt"), "");
      const r = spawnSync("mount", ["-o", "remount,ro", m.dir]);
      if (r.status !== 0) throw new Error("remount read-only failed");
      return { dir: join(m.dir, "d"), fd: (rt) => openSync(join(rt, "readonly.txt"), "r"), shell: "", done: m.umount };
    },
  },
  { name: "a descriptor the parent closed (>&-)", streamsOnly: true, make: () => ({ dir: null, fd: () => "closed", shell: "", done: () => {} }) },
  { name: "a reader that goes away (EPIPE)", streamsOnly: true, quiet: true, make: () => ({ dir: null, fd: () => "epipe", shell: "", done: () => {} }) },
];

/** The run's arguments with the failing path `at` for a written path of the table. */
function argsFor(w: Written, at: string): string[] {
  const name = w.mode === "replace" ? "prior.jsonl" : w.mode === "store" ? "news.sqlite" : w.kind === "dir" ? "out" : "file.jsonl";
  if (w.command === "batch") return ["feeds", ...w.flag(join(at, name))];
  // --out-dir's journal elsewhere, so that the directory itself is what fails (the other rows have no journal).
  const journal = w.mode === "tree" ? ["--journal", "journal.jsonl"] : [];
  return [...WATCH(), ...journal, ...w.flag(join(at, name))];
}

/** The run's arguments when a stream fails: records elsewhere when the failing stream is stderr, so that stdout is not the one to fill. */
const streamArgs = (s: Stream, root: string): string[] =>
  s.command === "batch"
    ? ["feeds", ...(s.fd === 2 ? ["--out-dir", join(root, "out")] : [])]
    : [...WATCH(), ...(s.fd === 2 ? ["--out-dir", join(root, "out")] : [])];

/** A failed run: exit 2, no stack trace, and (when stderr works) a line saying it and the summary last for a batch that started. */
function failedAsOne(r: Ran, stderrWorks: boolean, batch: boolean): void {
  expect(r.code, r.stderr.slice(-2000)).toBe(2);
  expect(noStackTrace(r.stderr)).toBe(true);
  if (!stderrWorks) return;
  expect(r.stderr).toMatch(/^ingest: error: |: error: WRITE_ERROR /m);
  // A batch that got under way ends with its summary; one refused at start says only its line.
  const started = r.stderr.trimEnd().split("\n").length > 1;
  if (batch && started) expect(lastLine(r.stderr)).toMatch(/^(interrupted after )?\d+ files? \(/);
}

/** Every .json file under `dir` parses: no partial output file took its name. */
function wholeFiles(dir: string): void {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !e.name.endsWith(".json")) continue;
    const path = join(e.parentPath ?? (e as unknown as { path: string }).path, e.name);
    expect(() => JSON.parse(readFileSync(path, "utf8")), path).not.toThrow();
  }
}

describe("every file the CLI writes × every way a write fails", () => {
  for (const w of WRITTEN.filter((x) => x.mode !== "moves")) {
    for (const f of FAILURES.filter((x) => !x.streamsOnly)) {
      scenario(`${w.name} × ${f.name}`, async (s) => {
        const root = setup();
        s.inputs(join(root, "feeds"), join(root, "inbox"));
        const m = f.make(root);
        try {
          const at = m.dir as string;
          const r = await ingest(argsFor(w, at), { cwd: root, shell: m.shell, timeoutMs: 60_000 });
          failedAsOne(r, true, w.command === "batch");
          if (w.mode === "replace") {
            expect(readFileSync(join(at, "prior.jsonl"), "utf8")).toBe(PRIOR);
            expect(readdirSync(at).filter((n) => n.endsWith(".tmp"))).toEqual([]);
          }
          if (w.mode === "tree") wholeFiles(join(at, "out"));
        } finally {
          m.done();
        }
      });
    }
  }
});

describe("every stream the CLI writes × every way a write fails", () => {
  for (const st of STREAMS) {
    for (const f of FAILURES.filter((x) => !x.filesOnly)) {
      scenario(`${st.name} × ${f.name}`, async (s) => {
        const root = setup();
        s.inputs(join(root, "feeds"), join(root, "inbox"));
        const m = f.make(root);
        try {
          const fd = m.fd(root);
          const redirect = fd === "closed" ? `exec ${st.fd}>&-;` : fd === "epipe" ? `exec ${st.fd}> >(head -c 1 > /dev/null);` : "";
          const stdio = typeof fd === "number" ? (st.fd === 1 ? { stdout: fd } : { stderr: fd }) : {};
          const r = await ingest(streamArgs(st, root), { cwd: root, shell: `${m.shell}${redirect}`, timeoutMs: 60_000, ...stdio });
          if (typeof fd === "number") closeSync(fd);
          if (f.quiet) {
            expect(r.code, r.stderr.slice(-2000)).toBe(0);
            expect(noStackTrace(r.stderr)).toBe(true);
          } else failedAsOne(r, st.fd !== 2, st.command === "batch");
          wholeFiles(join(root, "out"));
        } finally {
          m.done();
        }
      });
    }
  }
});

/**
 * The ways a caller puts a standard stream on /dev/null: each runs the CLI with stream `fd` there.
 * `refused`: Node cannot tell it from a descriptor the parent closed (it fills a closed one with
 * /dev/null opened read-write, as Python's DEVNULL and Node's stdio "ignore" open it).
 */
const DISCARDS: ReadonlyArray<{
  name: string;
  refused: boolean;
  run: (fd: 1 | 2, args: string[], cwd: string) => Promise<{ code: number | null; stderr: string }>;
}> = [
  { name: "> /dev/null", refused: false, run: (fd, args, cwd) => ingest(args, { cwd, shell: `exec ${fd}> /dev/null;`, timeoutMs: 60_000 }) },
  { name: "a descriptor the parent closed (>&-)", refused: true, run: (fd, args, cwd) => ingest(args, { cwd, shell: `exec ${fd}>&-;`, timeoutMs: 60_000 }) },
  {
    name: 'Node\'s stdio "ignore"',
    refused: true,
    run: async (fd, args, cwd) => {
      const r = spawnSync(process.execPath, [BIN, ...args], {
        cwd,
        timeout: 60_000,
        encoding: "utf8",
        stdio: ["ignore", fd === 1 ? "ignore" : "pipe", fd === 2 ? "ignore" : "pipe"],
      });
      return { code: r.status, stderr: r.stderr ?? "" };
    },
  },
  ...(spawnSync("python3", ["-c", "pass"]).status === 0
    ? [
        {
          name: "Python's subprocess.DEVNULL",
          refused: true,
          run: async (fd: 1 | 2, args: string[], cwd: string) => {
            const script = `import subprocess, sys\nsys.exit(subprocess.run(sys.argv[1:], ${fd === 1 ? "stdout" : "stderr"}=subprocess.DEVNULL).returncode)`;
            const r = spawnSync("python3", ["-c", script, process.execPath, BIN, ...args], { cwd, timeout: 60_000, encoding: "utf8" });
            return { code: r.status, stderr: r.stderr ?? "" };
          },
        },
      ]
    : []),
];

/** Every line of a JSON Lines file parses: nothing but what the flag writes went into it. */
const onlyJsonLines = (path: string): string[] => {
  const lines = readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l !== "");
  for (const l of lines) expect(() => JSON.parse(l), `${path}: ${l.slice(0, 80)}`).not.toThrow();
  return lines;
};

describe("a standard stream on /dev/null: a discard when opened write-only; refused at start (exit 2, nothing written) when it looks like a closed descriptor and would be lost", () => {
  for (const st of STREAMS) {
    for (const d of DISCARDS) {
      scenario(`${st.name} × ${d.name}`, async (s) => {
        const root = setup();
        s.inputs(join(root, "feeds"), join(root, "inbox"));
        // Records to the stream itself, then to files opened after the start, which must hold only their own lines.
        const toStream = st.command === "batch" ? ["feeds"] : WATCH();
        const toFiles = st.command === "batch" ? ["feeds", "-o", "out.jsonl", "--errors", "e.jsonl"] : [...WATCH(), "--out-dir", "out", "--errors", "e.jsonl"];
        if (st.fd === 1) {
          const r = await d.run(st.fd, toStream, root);
          expect(r.code, r.stderr.slice(-500)).toBe(d.refused ? 2 : 0);
          if (d.refused)
            expect(r.stderr).toMatch(/^ingest: error: standard output is closed \(>&-\), or \/dev\/null opened read-write .*: the records would be lost/);
        }
        // With the records in files, standard output may be anything; a standard error that looks closed is refused.
        const r = await d.run(st.fd, toFiles, root);
        const refused = d.refused && st.fd === 2;
        expect(r.code, r.stderr.slice(-500)).toBe(refused ? 2 : 0);
        if (refused) {
          expect(existsSync(join(root, st.command === "batch" ? "out.jsonl" : "out"))).toBe(false);
          return;
        }
        if (st.command === "batch") expect(onlyJsonLines(join(root, "out.jsonl"))).toHaveLength(300);
        else expect(readdirSync(join(root, "out")).filter((n) => n.endsWith(".json"))).toHaveLength(40);
        expect(onlyJsonLines(join(root, "e.jsonl")).length).toBe(st.command === "batch" ? 300 : 40);
      });
    }
  }
});
