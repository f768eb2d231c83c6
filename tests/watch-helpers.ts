import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { onTestFinished } from "vitest";
import { BIN, fixture, runBin } from "./helpers.js";

/** A running `ingest watch` process, with what it has printed so far. */
export interface Watcher {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (null when killed) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Start `ingest watch ARGS` in `cwd`. */
export function startWatch(args: string[], cwd: string, env: Record<string, string> = {}): Watcher {
  const child = spawn(process.execPath, [BIN, "watch", ...args], { cwd, env: { ...process.env, ...env } });
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => (out += c));
  child.stderr.setEncoding("utf8").on("data", (c: string) => (err += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal })),
  );
  // A test that fails half-way must not leave a watcher running.
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  return { child, stdout: () => out, stderr: () => err, exited };
}

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Wait until `check` holds, looking every 50 ms; throws with `what` after `ms`. */
export async function until(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The journal's entries, in order (its header line left out). */
export function journal(path: string): Array<{ event: string; path: string; outputs: string[]; moved: string | null; size: number; records: number }> {
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l !== "" && !l.startsWith('{"journal":'))
    .map((l) => JSON.parse(l) as { event: string; path: string; outputs: string[]; moved: string | null; size: number; records: number });
}

/** Every file under `dir`, relative with `/`, sorted; hidden ones too when asked. */
export function files(dir: string, hidden = false): string[] {
  const out: string[] = [];
  const visit = (d: string): void => {
    if (!existsSync(d)) return;
    // Types from the listing itself: a file moved away meanwhile (by a running watch) is no error.
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const name = e.name;
      const p = join(d, name);
      if (!hidden && name.startsWith(".")) continue;
      if (e.isDirectory()) visit(p);
      else out.push(relative(dir, p).split("\\").join("/"));
    }
  };
  visit(dir);
  return out.sort();
}

/** The tree under `dir` as relative path → content (non-hidden files). */
export function tree(dir: string): Map<string, string> {
  return new Map(files(dir).map((f) => [f, readFileSync(join(dir, f), "utf8")]));
}

/** Run a batch `ingest NAME --out OUT` in `cwd` (so records name their inputs as the watch did). */
export function batch(cwd: string, name: string, out: string): ReturnType<typeof runBin> {
  return runBin([name, "--out-dir", out, "-q"], { cwd });
}

export const refusals = {
  empty: "",
  binary: new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3, 0, 0]),
  noHeadline: readFileSync(fixture("refuse-no-headline.txt")),
  json: readFileSync(fixture("refuse-json.txt")),
};
