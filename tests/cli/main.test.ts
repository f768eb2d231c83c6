import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { main, type Io } from "../../src/cli/main.js";
import { ROOT } from "../helpers.js";

function fakeIo(tty: { stdin?: boolean; stdout?: boolean }, env: Record<string, string> = {}): { io: Io; out: () => string; err: () => string } {
  const stdin = Object.assign(new PassThrough(), { isTTY: tty.stdin });
  const stdout = Object.assign(new PassThrough(), { isTTY: tty.stdout });
  const stderr = new PassThrough();
  let o = "";
  let e = "";
  stdout.on("data", (c: Buffer) => (o += c.toString()));
  stderr.on("data", (c: Buffer) => (e += c.toString()));
  return { io: { stdin, stdout, stderr, env, cwd: ROOT }, out: () => o, err: () => e };
}

describe("main() in-process", () => {
  it("prints the help to stderr instead of waiting when stdin is a terminal and no file is named", async () => {
    const f = fakeIo({ stdin: true });
    const code = await main([], f.io);
    expect(code).toBe(2);
    expect(f.err()).toContain("Usage: ingest");
    expect(f.out()).toBe("");
  });

  it("defaults to the summary on a terminal, in colour unless NO_COLOR", async () => {
    const f = fakeIo({ stdout: true });
    expect(await main(["fixtures/000_ee22b7415f82c1d2.txt"], f.io)).toBe(0);
    expect(f.out()).toContain("\u001b[1mPutin proposes arming CSTO forces with Russian weapons");
    const g = fakeIo({ stdout: true }, { NO_COLOR: "1" });
    await main(["fixtures/000_ee22b7415f82c1d2.txt"], g.io);
    expect(g.out().split("\n")[0]).toBe("Putin proposes arming CSTO forces with Russian weapons");
  });

  it("--format json on a terminal prints JSON (pretty there)", async () => {
    const f = fakeIo({ stdout: true });
    await main(["fixtures/000_ee22b7415f82c1d2.txt", "--format", "json"], f.io);
    expect(JSON.parse(f.out())).toMatchObject({ source: "MENAFN", extras: [{ line: 27, text: "Search" }] });
  });

  it("rejects an unknown --format value with exit code 2", async () => {
    const f = fakeIo({});
    expect(await main(["--format", "xml", "x.txt"], f.io)).toBe(2);
    expect(f.err()).toContain("argument 'xml' is invalid");
  });

  it("returns 130 with the summary so far when its signal is aborted (Ctrl-C)", async () => {
    const f = fakeIo({});
    const stop = new AbortController();
    stop.abort();
    expect(await main(["fixtures/"], { ...f.io, signal: stop.signal })).toBe(130);
    expect(f.err()).toMatch(/^interrupted after 0 files \(0 ok, 0 with errors\): 0 records, 0 warnings, 0 errors in \d+\.\ds\n$/);
    expect(f.out()).toBe("");
  });
});
