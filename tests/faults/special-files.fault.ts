/**
 * Issue #24, "Crashes, hangs, limits", special files: every flag naming a file the CLI reads or
 * appends to besides its inputs (`--config`, and the file rows of tests/faults/targets.ts) ×
 * every kind of special file: a named pipe with nobody at the other end, /dev/zero (endless),
 * /dev/urandom, /dev/full, a socket, a directory. Each must be refused at once: exit 2 and one
 * line, by itself within seconds (never blocked in open(2), never reading without bound, so a
 * signal is never needed). /dev/null is the one device a log may name.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { article, writeTree } from "../batch-helpers.js";
import { ingest, noStackTrace, refuseForeign, scenario, temp } from "./harness.js";
import { WATCH, WRITTEN } from "./targets.js";

/** A flag naming a file that is not an input. */
interface Named {
  name: string;
  command: "batch" | "watch";
  flag: (path: string) => string[];
  /** Read from (a device that never ends must not be read without bound). */
  reads: boolean;
}

const NAMED: readonly Named[] = [
  { name: "--config", command: "batch", flag: (p) => ["--config", p], reads: true },
  ...WRITTEN.filter((w) => w.kind === "file").map((w) => ({ name: w.name, command: w.command, flag: w.flag, reads: w.mode === "append" })),
];

interface Kind {
  name: string;
  make: (root: string) => Promise<string> | string;
  /** Reading it without a bound would exhaust memory on a build without the fix: not run against INGEST_BIN. */
  endless?: boolean;
}

const KINDS: readonly Kind[] = [
  {
    name: "a named pipe with nobody at the other end",
    make: (root) => {
      execFileSync("mkfifo", [join(root, "fifo.jsonl")]);
      return "fifo.jsonl";
    },
  },
  { name: "/dev/zero", make: () => "/dev/zero", endless: true },
  { name: "/dev/urandom", make: () => "/dev/urandom", endless: true },
  { name: "/dev/full", make: () => "/dev/full" },
  {
    name: "a socket",
    make: (root) => {
      // Bound and left: a socket file nobody listens on (Node's server would remove it on close).
      execFileSync("python3", ["-c", "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", join(root, "sock.jsonl")]);
      return "sock.jsonl";
    },
  },
  {
    name: "a directory",
    make: (root) => {
      mkdirSync(join(root, "dir.jsonl"));
      return "dir.jsonl";
    },
  },
];

function setup(): string {
  const root = temp("special");
  writeTree(root, { "in/a.txt": article(1), "inbox/a.txt": article(2) });
  return root;
}

describe("every flag naming a file besides the inputs × every kind of special file: refused at once", () => {
  for (const n of NAMED) {
    for (const k of KINDS) {
      scenario(`${n.name} × ${k.name}`, async (s) => {
        if (k.endless && n.reads) refuseForeign(`${n.name} ${k.name} reads without bound on a build without the fix`);
        const root = setup();
        s.inputs(join(root, "in"), join(root, "inbox"));
        const path = await k.make(root);
        const inputs = n.command === "batch" ? ["in"] : WATCH();
        const t0 = Date.now();
        const r = await ingest([...inputs, ...n.flag(path)], { cwd: root, timeoutMs: 15_000 });
        // Never a signal: it ended by itself.
        expect(r.signal, `hung ${Date.now() - t0} ms`).toBe(null);
        expect(r.code, r.stderr.slice(0, 500)).toBe(2);
        expect(r.stderr).toMatch(/^ingest: error: [^\n]+\n$/);
        expect(noStackTrace(r.stderr)).toBe(true);
      });
    }
  }
});

describe("/dev/null is the one device a log may name", () => {
  for (const n of NAMED.filter((x) => x.name.endsWith("--errors") || x.name.endsWith("--log"))) {
    scenario(`${n.name} /dev/null`, async (s) => {
      const root = setup();
      s.inputs(join(root, "in"), join(root, "inbox"));
      const inputs = n.command === "batch" ? ["in"] : WATCH();
      const r = await ingest([...inputs, ...n.flag("/dev/null")], { cwd: root, timeoutMs: 30_000 });
      expect(r.code, r.stderr).toBe(0);
    });
  }
});
