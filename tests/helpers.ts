import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const BIN = fileURLToPath(new URL("../bin/ingest.js", import.meta.url));
export const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

export interface Ran {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Run the built bin as a user would: real process, real pipes. */
export function runBin(args: string[], options: { input?: string | Uint8Array; env?: Record<string, string>; cwd?: string } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, ...options.env };
    if (!options.env?.FORCE_COLOR) delete env.FORCE_COLOR;
    if (!options.env?.NO_COLOR) delete env.NO_COLOR;
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
