import { spawn } from "node:child_process";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { main } from "../src/cli/main.js";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const BIN = fileURLToPath(new URL("../bin/ingest.js", import.meta.url));
export const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

/**
 * \`npm run test:unit\`: no build, nothing spawned. A test that needs the built bin in a process of
 * its own (signals, terminals, pipes, crashes) is marked \`describe.skipIf(UNIT)\` or \`it.skipIf(UNIT)\`.
 */
export const UNIT = process.env.INGEST_TEST_UNIT === "1";

/**
 * Also left out of `npm run test:unit`, which must run in seconds: a test over a big corpus, kept
 * for `npm test`. Mark it \`it.skipIf(QUICK)\`; whole files of them (real-time waits, the regex
 * check) are listed in vitest.unit.config.ts.
 */
export const QUICK = UNIT;

export interface Ran {
  stdout: string;
  stderr: string;
  code: number | null;
}

export interface RunOptions {
  input?: string | Uint8Array;
  env?: Record<string, string>;
  cwd?: string;
}

/** The environment a run sees: the test process's, without its colour settings unless the test gives them. */
function runEnv(options: RunOptions): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  if (!options.env?.FORCE_COLOR) delete env.FORCE_COLOR;
  if (!options.env?.NO_COLOR) delete env.NO_COLOR;
  return env;
}

/**
 * Run the CLI in this process through `main(argv, io)`, as bin/ingest.js does but with pipes of
 * our own: milliseconds instead of a process start, and a failure shows the stack. What only a
 * real process has (signals, closed descriptors, exit by crash, the bundle itself) is tested
 * with `runBin`; tests/cli/hosts.test.ts runs a table of cases through both and compares.
 */
export async function runMain(args: string[], options: RunOptions = {}): Promise<Ran> {
  const stdin = new PassThrough();
  stdin.end(options.input ?? "");
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.setEncoding("utf8").on("data", (c: string) => (out += c));
  stderr.setEncoding("utf8").on("data", (c: string) => (err += c));
  const code = await main(args, { stdin, stdout, stderr, env: runEnv(options), cwd: options.cwd ?? ROOT });
  await new Promise((done) => setImmediate(done));
  return { stdout: out, stderr: err, code };
}

/** The CLI as most tests run it: in this process (`runMain`), or as the built bin with INGEST_TEST_HOST=bin. */
export const ingest = (args: string[], options: RunOptions = {}): Promise<Ran> =>
  process.env.INGEST_TEST_HOST === "bin" ? runBin(args, options) : runMain(args, options);

/** Run the built bin as a user would: real process, real pipes. */
export function runBin(args: string[], options: RunOptions = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const env = runEnv(options);
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ stdout, stderr, code }));
    child.stdin.on("error", () => {});
    child.stdin.end(options.input ?? "");
  });
}

/** Parse a JSON Lines stream line by line (every line must be one JSON value). */
export function jsonLines(text: string): unknown[] {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines.map((l) => JSON.parse(l) as unknown);
}
