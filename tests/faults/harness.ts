/**
 * The fault suite's harness: run the real bin (or another build, INGEST_BIN) as a user would,
 * hash every input before and after each scenario, and keep the ledger of scenarios.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFileSync, closeSync, lstatSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { it } from "vitest";
import { BIN as BUILT_BIN, ROOT } from "../helpers.js";
import type { LedgerLine } from "./ledger-setup.js";

/** The CLI under test: the build of this tree, or INGEST_BIN (to show that a test fails on another build). */
export const BIN = process.env.INGEST_BIN ?? BUILT_BIN;

/**
 * A scenario that would exhaust the machine's memory on a build without the fix (an endless
 * read of /dev/zero) is not run against another build: it fails at once, as it would there.
 */
export function refuseForeign(what: string): void {
  if (process.env.INGEST_BIN !== undefined) throw new Error(`not run against INGEST_BIN: ${what}`);
}
export { ROOT };

/** The exit codes docs/usage.md documents. */
export const DOCUMENTED_CODES = [0, 1, 2, 70, 129, 130, 143];

export interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  input?: string | Uint8Array;
  env?: Record<string, string>;
  /** Where stdout goes: captured (default) or a file descriptor (a file, /dev/full). */
  stdout?: number;
  /** Where stderr goes: captured (default) or a file descriptor. */
  stderr?: number;
  /**
   * Shell commands run before the CLI, in the shell that then execs it (`ulimit -f 64;`,
   * `exec >&-;`): limits and closed descriptors as a user's shell leaves them.
   */
  shell?: string;
  /** Called with the child once it runs (to signal it). */
  started?: (child: ChildProcess) => void;
  /** Extra node flags (a preload). */
  nodeArgs?: string[];
  /** Kill with SIGKILL after this many ms: a hung run fails its test instead of the suite. */
  timeoutMs?: number;
}

/** Run the bin with `args`; resolves when the process has exited. */
export function ingest(args: string[], o: RunOptions = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, ...o.env };
    delete env.FORCE_COLOR;
    delete env.NO_COLOR;
    const argv = [process.execPath, ...(o.nodeArgs ?? []), BIN, ...args];
    const [command, commandArgs] = o.shell === undefined ? [argv[0] as string, argv.slice(1)] : ["bash", ["-c", `${o.shell} exec "$0" "$@"`, ...argv]];
    const child = spawn(command, commandArgs, {
      cwd: o.cwd ?? ROOT,
      env,
      stdio: ["pipe", o.stdout ?? "pipe", o.stderr ?? "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr?.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    const timer = setTimeout(() => child.kill("SIGKILL"), o.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin?.on("error", () => {});
    if (o.input !== undefined) child.stdin?.end(o.input);
    else if (o.started === undefined) child.stdin?.end();
    o.started?.(child);
  });
}

/** A fresh temporary directory. */
export const temp = (tag = "faults"): string => mkdtempSync(join(process.env.FAULTS_TMP ?? tmpdir(), `ingest-${tag}-`));

/** Every file under `dir` (symbolic links as their target text), relative path → sha256; names read as bytes, so none is missed. */
export function hashTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const top = Buffer.from(dir);
  const stack = [top];
  while (stack.length > 0) {
    const d = stack.pop() as Buffer;
    for (const name of readdirSync(d, { encoding: "buffer" })) {
      const p = Buffer.concat([d, Buffer.from("/"), name]);
      const rel = p.subarray(top.length + 1).toString("latin1");
      const s = lstatSync(p);
      if (s.isDirectory()) stack.push(p);
      else if (s.isSymbolicLink()) out.set(rel, `link:${readlinkSync(p, "buffer").toString("hex")}`);
      else if (s.isFile()) out.set(rel, createHash("sha256").update(readFileSync(p)).digest("hex"));
    }
  }
  return out;
}

/** Files added, removed or changed between two hashes of a tree. */
export function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

/** What a scenario reports while it runs. */
export interface Scenario {
  /** Hash these input paths (files or directories) now; they are hashed again at the end and must not change. */
  inputs(...paths: string[]): void;
  /** Records lost in this scenario (expected 0; counted in the ledger). */
  lost(n: number): void;
}

/**
 * A test that is one scenario of the ledger: it holds when its assertions pass, no record was
 * lost and no input changed.
 */
export function scenario(name: string, fn: (s: Scenario) => Promise<void>, timeout?: number): void {
  it(
    name,
    async ({ task }) => {
      const watched: Array<{ path: string; before: Map<string, string> }> = [];
      let lost = 0;
      const hash = (path: string): Map<string, string> =>
        lstatSync(path).isDirectory() ? hashTree(path) : new Map([[basename(path), createHash("sha256").update(readFileSync(path)).digest("hex")]]);
      const s: Scenario = {
        inputs: (...paths) => {
          for (const path of paths) watched.push({ path, before: hash(path) });
        },
        lost: (n) => (lost += n),
      };
      let failure: unknown = null;
      try {
        await fn(s);
      } catch (e) {
        failure = e;
      }
      let inputsChanged = 0;
      const changes: string[] = [];
      for (const w of watched) {
        let after: Map<string, string>;
        try {
          after = hash(w.path);
        } catch {
          after = new Map();
        }
        const c = changed(w.before, after);
        inputsChanged += c.length;
        changes.push(...c.map((f) => join(w.path, f)));
      }
      const line: LedgerLine = {
        file: basename(task.file?.name ?? "?").replace(/\.fault\.ts$/, ""),
        name,
        held: failure === null && lost === 0 && inputsChanged === 0,
        recordsLost: lost,
        inputsChanged,
      };
      if (process.env.FAULTS_LEDGER) appendFileSync(process.env.FAULTS_LEDGER, `${JSON.stringify(line)}\n`);
      if (failure !== null) throw failure;
      if (inputsChanged > 0) throw new Error(`inputs changed: ${changes.join(", ")}`);
      if (lost > 0) throw new Error(`${lost} records lost`);
    },
    timeout,
  );
}

/**
 * The accounting of a summary line: ok + with errors + up to date = files. Returns the counts,
 * or throws when the line is no summary or does not add up.
 */
export function accounted(summary: string): { files: number; ok: number; failed: number; skipped: number; records: number } {
  const m = /(?:^|interrupted after )(\d+) files? \((\d+) ok, (\d+) with errors(?:, (\d+) up to date)?\): (\d+) records?/.exec(summary);
  if (m === null) throw new Error(`not a summary line: ${summary.slice(0, 200)}`);
  const [files, ok, failed, skipped, records] = [m[1], m[2], m[3], m[4] ?? "0", m[5]].map(Number) as [number, number, number, number, number];
  if (ok + failed + skipped !== files) throw new Error(`the summary does not add up: ${summary}`);
  return { files, ok, failed, skipped, records };
}

/** The last line of stderr (the summary). */
export const lastLine = (text: string): string => text.trimEnd().split("\n").at(-1) ?? "";

/**
 * Never a stack trace on stderr, nor Node's report of an uncaught exception (which quotes the
 * throwing line of the minified bundle, with a caret under it).
 */
export function noStackTrace(stderr: string): boolean {
  return (
    !/^\s+at .+:\d+:\d+\)?$/m.test(stderr) && !/node:internal|main\.cjs|^\s*\^+\s*$/m.test(stderr) && !/^(?:Type|Range|Reference|Syntax)?Error: /m.test(stderr)
  );
}

/** A tmpfs of `size` mounted at a fresh directory (root only, as the fault suite runs); `umount()` when done. */
export function tmpfs(size: string, options = ""): { dir: string; umount: () => void } {
  const dir = temp("mnt");
  const r = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${size}${options ? `,${options}` : ""}`, "tmpfs", dir]);
  if (r.status !== 0) throw new Error(`mount -t tmpfs needs root: ${String(r.stderr)}`);
  return { dir, umount: () => void spawnSync("umount", ["-l", dir]) };
}

/** Fill the file system holding `dir` to the last byte (a filler file written until ENOSPC). */
export function fill(dir: string): void {
  const fd = openSync(join(dir, ".filler"), "w");
  const block = Buffer.alloc(64 * 1024, 0x78);
  try {
    for (;;) writeSync(fd, block);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOSPC") throw e;
  }
  try {
    for (;;) writeSync(fd, block, 0, 1);
  } catch {
    // Full to the byte.
  } finally {
    closeSync(fd);
  }
}
