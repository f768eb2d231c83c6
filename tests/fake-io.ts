import { PassThrough } from "node:stream";
import type { Io } from "../src/cli/main.js";
import { ROOT } from "./helpers.js";

/** An in-process Io for main(argv, io): each stream a terminal or not, as asked; what was written, as text. */
export function fakeIo(
  tty: { stdin?: boolean; stdout?: boolean; stderr?: boolean },
  env: Record<string, string> = {},
  cwd = ROOT,
): { io: Io; out: () => string; err: () => string } {
  const stdin = Object.assign(new PassThrough(), { isTTY: tty.stdin });
  const stdout = Object.assign(new PassThrough(), { isTTY: tty.stdout, columns: 80 });
  const stderr = Object.assign(new PassThrough(), { isTTY: tty.stderr, columns: 80 });
  let o = "";
  let e = "";
  stdout.on("data", (c: Buffer) => (o += c.toString()));
  stderr.on("data", (c: Buffer) => (e += c.toString()));
  if (!tty.stdin) stdin.end();
  return { io: { stdin, stdout, stderr, env, cwd }, out: () => o, err: () => e };
}
