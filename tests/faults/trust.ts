/**
 * Shared parts of the fault suite's tables for issue #24 (marks.fault.ts, shared.fault.ts,
 * limits.fault.ts): inputs, the mutation preload, a watch started from the build under test
 * (INGEST_BIN), and comparisons of output trees that leave ingest's own hidden files out.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { onTestFinished } from "vitest";
import { article, writeTree } from "../batch-helpers.js";
import { sleep, until } from "../watch-helpers.js";
import { BIN } from "./harness.js";

export { article, sleep, until, writeTree };

/** The preload that changes an input at an exact moment of a run (see the file). */
export const MUTATE = fileURLToPath(new URL("./mutate-preload.cjs", import.meta.url));

/** `n` articles in one dump, numbered from `from`. */
export const multi = (n: number, from = 1): string => Array.from({ length: n }, (_, k) => article(from + k)).join("\n\n");

/** `n` one-article inputs `dir/0000.txt` … under `root`. */
export function feeds(root: string, n: number, dir = "in", from = 1): void {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) files[`${dir}/${String(i).padStart(4, "0")}.txt`] = article(from + i);
  writeTree(root, files);
}

export const sha256 = (bytes: Uint8Array | string): string => createHash("sha256").update(bytes).digest("hex");

/** Every non-hidden file under `dir` (no segment starting with `.`), relative → sha256. */
export function visibleTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (d: string): void => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith(".")) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.isFile()) out.set(relative(dir, p), sha256(readFileSync(p)));
    }
  };
  visit(dir);
  return out;
}

/** Paths whose content differs between two trees (missing on either side included), sorted. */
export function treeDiff(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort();
}

/** Records of a JSON Lines text, as `origin.file#article id` keys (what identifies a record downstream). */
export function recordKeys(jsonl: string): string[] {
  return jsonl
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => {
      const r = JSON.parse(l) as { id: string | null; origin: { file: string; article: number } };
      return `${r.origin.file}#${r.origin.article} ${r.id}`;
    });
}

/** The environment that makes the preload change `target` (`kind`) at `when`. */
export function mutation(
  root: string,
  target: string,
  kind: "append" | "replace" | "truncate" | "rewrite" | "unreadable",
  when: "read" | "mark",
  payload: string,
  mark = ".ingest/",
): { env: Record<string, string>; flag: string } {
  const flag = join(root, "mutated.flag");
  const payloadFile = join(root, "payload.txt");
  writeFileSync(payloadFile, payload);
  return {
    flag,
    env: { MUTATE_TARGET: target, MUTATE_KIND: kind, MUTATE_WHEN: when, MUTATE_MARK: mark, MUTATE_PAYLOAD: payloadFile, MUTATE_FLAG: flag },
  };
}

export interface Watch {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Start `ingest watch ARGS` of the build under test in `cwd`; killed at the end of the test if still running. */
export function startWatch(args: string[], cwd: string, o: { env?: Record<string, string>; nodeArgs?: string[] } = {}): Watch {
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), BIN, "watch", ...args], {
    cwd,
    env: { ...process.env, ...o.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.setEncoding("utf8").on("data", (c: string) => (out += c));
  child.stderr?.setEncoding("utf8").on("data", (c: string) => (err += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on("close", (code, signal) => done({ code, signal })));
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** A watch's exit, or a failure naming `what` after `ms` (a hang is a finding too). */
export async function exitOf(w: Watch, what: string, ms = 30_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => {
      w.child.kill("SIGKILL");
      fail(new Error(`${what}: still running after ${ms} ms (stderr: ${w.stderr().slice(-300)})`));
    }, ms);
  });
  try {
    return await Promise.race([w.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
