/**
 * The twelve findings of issue #9, one or more scenarios each: every one failed on the main of
 * the time (run with INGEST_BIN=<old build>/bin/ingest.js to see), and holds now.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { article, writeTree } from "../batch-helpers.js";
import { accounted, BIN, fill, hashTree, ingest, refuseForeign, lastLine, noStackTrace, scenario, temp, tmpfs } from "./harness.js";

const feeds = (root: string, n: number, dir = "feeds"): void => {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) files[`${dir}/${String(i).padStart(4, "0")}.txt`] = article(i + 1);
  writeTree(root, files);
};
const multi = (n: number, from = 1): string => Array.from({ length: n }, (_, k) => article(from + k)).join("\n\n");
const jsonFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort();

describe("1. --errors never truncates or reads back an input", () => {
  scenario("--errors naming the input itself is refused before any work", async (s) => {
    const root = temp();
    writeTree(root, { "v.txt": article(1) });
    s.inputs(join(root, "v.txt"));
    const r = await ingest(["v.txt", "--errors", "v.txt"], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--errors file v.txt is also an input");
    expect(r.stdout).toBe("");
  });
  scenario("--errors naming the input through a symbolic link is refused", async (s) => {
    const root = temp();
    writeTree(root, { "v.txt": article(1) });
    symlinkSync("v.txt", join(root, "log.jsonl"));
    s.inputs(join(root, "v.txt"));
    const r = await ingest(["v.txt", "--errors", "log.jsonl"], { cwd: root });
    expect(r.code).toBe(2);
  });
  scenario("--errors inside a walked directory, where it would be read back, is refused", async (s) => {
    const root = temp();
    feeds(root, 3);
    s.inputs(join(root, "feeds"));
    const r = await ingest(["feeds/", "--errors", "feeds/errors.txt"], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("would be read back as an input");
    expect(existsSync(join(root, "feeds/errors.txt"))).toBe(false);
  });
});

describe("2. --out never overwrites an input reached by another spelling", () => {
  scenario("an input reached through a symbolic link to the output directory", async (s) => {
    const root = temp();
    writeTree(root, { "in/x.json": article(1) });
    symlinkSync("in", join(root, "link"));
    s.inputs(join(root, "in/x.json"));
    const r = await ingest(["link/x.json", "--out", "in"], { cwd: root });
    expect(r.stderr).toContain("OUTPUT_IS_INPUT");
    expect(r.code).toBe(1);
  });
  scenario("a sibling a.json input while a.txt converts to a.json, in either order", async (s) => {
    const root = temp();
    writeTree(root, { "d/a.txt": article(1), "d/a.json": article(2) });
    s.inputs(join(root, "d/a.txt"), join(root, "d/a.json"));
    for (const args of [
      ["d/a.json", "d/a.txt"],
      ["d/a.txt", "d/a.json"],
    ]) {
      const r = await ingest([...args, "--out", "d"], { cwd: root });
      expect(r.stderr).toContain("OUTPUT_IS_INPUT");
      expect(r.code).toBe(1);
    }
  });
});

describe("3. --out above or beside the inputs is never a silent no-op", () => {
  scenario("--out . above the input directory converts everything", async (s) => {
    const root = temp();
    feeds(root, 3);
    s.inputs(join(root, "feeds"));
    const r = await ingest(["feeds", "--out", "."], { cwd: root });
    expect(r.code).toBe(0);
    expect(lastLine(r.stderr)).toMatch(/^3 files \(3 ok, 0 with errors\): 3 records/);
    expect(jsonFiles(root)).toEqual(["0000.json", "0001.json", "0002.json"]);
  });
  scenario("--out through a symbolic link into the input tree is never read back", async () => {
    const root = temp();
    feeds(root, 3);
    mkdirSync(join(root, "feeds/out"));
    symlinkSync("feeds/out", join(root, "o"));
    const first = await ingest(["feeds", "--out", "o", "--glob", "**/*"], { cwd: root });
    const second = await ingest(["feeds", "--out", "o", "--glob", "**/*"], { cwd: root });
    expect(lastLine(first.stderr)).toMatch(/^3 files \(3 ok/);
    expect(lastLine(second.stderr)).toMatch(/^3 files \(3 ok/);
    expect(second.code).toBe(0);
  });
  scenario("--out naming an input directory by another spelling is a usage error", async (s) => {
    const root = temp();
    feeds(root, 2);
    symlinkSync("feeds", join(root, "alias"));
    s.inputs(join(root, "feeds"));
    const r = await ingest(["feeds", "--out", "alias"], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is also an input");
  });
});

/** Run a batch to a file, send `signal` once the output has begun; the exit, summary and records. */
async function interrupted(signal: NodeJS.Signals, twice = false): Promise<{ code: number | null; stderr: string; records: number; files: number }> {
  const root = temp();
  feeds(root, 3000);
  const outFile = join(root, "out.jsonl");
  const fd = openSync(outFile, "w");
  let poll: NodeJS.Timeout | undefined;
  const r = await ingest(["feeds"], {
    cwd: root,
    stdout: fd,
    started: (child) => {
      child.stdin?.end();
      // Once the run is under way (its first block is out, or after a moment): then the signal.
      const t0 = Date.now();
      poll = setInterval(() => {
        if (readFileSync(outFile).length > 0 || Date.now() - t0 > 3000) {
          clearInterval(poll);
          child.kill(signal);
          if (twice) child.kill(signal);
        }
      }, 5);
    },
  });
  clearInterval(poll);
  closeSync(fd);
  const files = Number(/^interrupted after (\d+) files/.exec(lastLine(r.stderr))?.[1] ?? -1);
  return { code: r.code, stderr: r.stderr, records: readFileSync(outFile, "utf8").split("\n").filter(Boolean).length, files };
}

describe("4. SIGTERM and SIGHUP stop like the first Ctrl-C; temporary files are swept", () => {
  for (const [signal, code] of [
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const) {
    scenario(`${signal}: buffers flushed, the summary printed, exit ${code}, no record lost`, async (s) => {
      const r = await interrupted(signal);
      expect(r.code).toBe(code);
      expect(lastLine(r.stderr)).toMatch(/^interrupted after \d+ files \(\d+ ok, 0 with errors\)/);
      // One record per file: every file the summary counts has its record in the output.
      accounted(lastLine(r.stderr));
      s.lost(Math.max(0, r.files - r.records));
      expect(r.records).toBe(r.files);
    });
  }
  scenario("a second SIGTERM ends the run at once, still with its signal's code", async () => {
    const r = await interrupted("SIGTERM", true);
    expect(r.code).toBe(143);
  });
  scenario("temporary files of a killed run are recognisable and swept by the next run into the same --out", async () => {
    const root = temp();
    feeds(root, 2);
    mkdirSync(join(root, "out/.ingest-tmp"), { recursive: true });
    // A process id above pid_max: no such process can be running.
    writeFileSync(join(root, "out/.ingest-tmp/4194305-7.tmp"), '{"half": ');
    const r = await ingest(["feeds", "--out", "out"], { cwd: root });
    expect(r.code).toBe(0);
    expect(existsSync(join(root, "out/.ingest-tmp"))).toBe(false);
  });
});

describe("5. --incremental after a crash trusts only complete inputs", () => {
  scenario("an input whose later articles were never written is converted again", async (s) => {
    const root = temp();
    writeTree(root, { "in/a.txt": multi(20) });
    s.inputs(join(root, "in"));
    await ingest(["in", "--out", "out"], { cwd: root });
    const reference = hashTree(join(root, "out"));
    // What a kill after the first article leaves: a.1.json, and no record of the input being done.
    for (let k = 2; k <= 20; k++) execFileSync("rm", ["-f", join(root, `out/a.${k}.json`)]);
    execFileSync("rm", ["-rf", join(root, "out/.ingest")]);
    const r = await ingest(["in", "--out", "out", "--incremental"], { cwd: root });
    expect(r.code).toBe(0);
    const after = hashTree(join(root, "out"));
    s.lost([...reference.keys()].filter((k) => !after.has(k) && !k.startsWith(".")).length);
    expect(after).toEqual(reference);
  });
  scenario("outputs of articles no longer in a rewritten input are removed", async () => {
    const root = temp();
    writeTree(root, { "in/a.txt": multi(20), "ref/a.txt": multi(5) });
    await ingest(["in", "--out", "out", "--incremental"], { cwd: root });
    writeFileSync(join(root, "in/a.txt"), multi(5));
    const r = await ingest(["in", "--out", "out", "--incremental"], { cwd: root });
    expect(r.code).toBe(0);
    expect(jsonFiles(join(root, "out"))).toEqual(["a.1.json", "a.2.json", "a.3.json", "a.4.json", "a.5.json"]);
  });
});

describe("6. a full disk is one line and exit 2, never a crash", () => {
  scenario("standard output on /dev/full", async () => {
    const root = temp();
    feeds(root, 50);
    const fd = openSync("/dev/full", "w");
    const r = await ingest(["feeds"], { cwd: root, stdout: fd });
    closeSync(fd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("ingest: error: cannot write standard output: no space left on device\n");
    expect(r.stderr.match(/cannot write/g)).toHaveLength(1);
    // No new work once stdout has failed: the summary counts what was done before.
    expect(lastLine(r.stderr)).toMatch(/^\d+ files \(\d+ ok, 0 with errors\)/);
    expect(noStackTrace(r.stderr)).toBe(true);
  });
  scenario("--errors on a full tmpfs (a device such as /dev/full is refused at start: special-files.fault.ts)", async () => {
    const root = temp();
    writeTree(root, Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`bad/${i}.txt`, ""])));
    const m = tmpfs("256k");
    try {
      fill(m.dir);
      const errors = join(m.dir, "errors.jsonl");
      const r = await ingest(["bad", "--errors", errors], { cwd: root });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`ingest: error: cannot write the --errors file ${errors}: no space left on device\n`);
      expect(noStackTrace(r.stderr)).toBe(true);
    } finally {
      m.umount();
    }
  });
  scenario("standard output to a file on a full tmpfs (or /dev/full where mount is not permitted)", async () => {
    const root = temp();
    feeds(root, 400);
    const mnt = join(root, "mnt");
    mkdirSync(mnt);
    const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt]).status === 0;
    if (!mounted) process.stderr.write("[faults] mount -t tmpfs not permitted: using /dev/full for the full-disk scenario\n");
    const fd = openSync(mounted ? join(mnt, "out.jsonl") : "/dev/full", "w");
    try {
      const r = await ingest(["feeds"], { cwd: root, stdout: fd });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("ingest: error: cannot write standard output: no space left on device\n");
      expect(noStackTrace(r.stderr)).toBe(true);
    } finally {
      closeSync(fd);
      if (mounted) spawnSync("umount", [mnt]);
    }
  });
  scenario("--out on a full tmpfs: each input that cannot be written is that input's error", async (s) => {
    const root = temp();
    feeds(root, 400);
    s.inputs(join(root, "feeds"));
    const mnt = join(root, "mnt");
    mkdirSync(mnt);
    const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", mnt]).status === 0;
    expect(mounted, "mount -t tmpfs needs root").toBe(true);
    try {
      const r = await ingest(["feeds", "--out", join(mnt, "out")], { cwd: root });
      expect([1, 2]).toContain(r.code);
      expect(r.stderr).toContain("no space left on device");
      expect(lastLine(r.stderr)).toMatch(/^400 files/);
      expect(noStackTrace(r.stderr)).toBe(true);
    } finally {
      spawnSync("umount", [mnt]);
    }
  });
});

describe("6b. a bug is reported as one", () => {
  scenario("exit 70, 'internal error, please report', a stack mapped to the TypeScript sources", async () => {
    const r = await ingest(["fixtures/000_ee22b7415f82c1d2.txt"], { env: { INGEST_TEST_INTERNAL_ERROR: "1" } });
    expect(r.code).toBe(70);
    expect(r.stderr).toMatch(/^ingest: internal error, please report/);
    expect(r.stderr).toMatch(/src\/cli\/main\.ts:\d+:\d+/);
    expect(r.stderr).not.toContain("main.cjs");
    expect(r.stderr.split("\n").every((l) => l.length <= 300)).toBe(true);
  });
});

describe("7. what is too big or too deep is that input's error, never a crash", () => {
  for (const jobs of ["1", "2"]) {
    scenario(
      `an input over V8's string limit, with -j ${jobs}: that input's error, and the batch goes on`,
      async () => {
        const root = temp();
        feeds(root, 40);
        // 540 MB of text: more than a JavaScript string can hold once decoded.
        const fd = openSync(join(root, "feeds/9999-huge.txt"), "w");
        const block = Buffer.alloc(16 * 1024 * 1024, "word ");
        for (let k = 0; k < 33; k++) writeFileSync(fd, block);
        closeSync(fd);
        const r = await ingest(["feeds", "--max-bytes", "1000000000", "-j", jobs], { cwd: root, timeoutMs: 110_000 });
        expect(r.stderr).toContain("feeds/9999-huge.txt: error: READ_ERROR cannot read the input: too large to decode in memory");
        expect(lastLine(r.stderr)).toMatch(/^41 files \(40 ok, 1 with errors\): 40 records/);
        expect(r.code).toBe(1);
        execFileSync("rm", ["-f", join(root, "feeds/9999-huge.txt")]);
      },
      120_000,
    );
  }
  scenario("a tree 1,800 directories deep is walked without overflowing the stack", async () => {
    const root = temp();
    const deep = join(root, "deep", ...Array.from({ length: 1800 }, () => "d"));
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, "a.txt"), article(1));
    const r = await ingest(["deep"], { cwd: root });
    expect(r.code).toBe(0);
    expect(lastLine(r.stderr)).toMatch(/^1 file \(1 ok, 0 with errors\): 1 record/);
  });
  for (const [label, value] of [
    ["empty --glob", ["--glob", ""]],
    ["70,000-character --glob", ["--glob", "a".repeat(70_000)]],
    ["empty --exclude", ["--exclude", ""]],
    ["70,000-character --exclude", ["--exclude", "*".repeat(70_000)]],
  ] as const) {
    scenario(`${label}: a one-line usage error`, async () => {
      const root = temp();
      feeds(root, 1);
      const r = await ingest(["feeds", ...value], { cwd: root });
      expect(r.code).toBe(2);
      expect(r.stderr.length).toBeLessThan(300);
      expect(noStackTrace(r.stderr)).toBe(true);
    });
  }
});

describe("8. an output directory that cannot be made is an error at once", () => {
  scenario("--out /proc/x (where recursive mkdir loops) exits 2", async () => {
    const root = temp();
    feeds(root, 1);
    const r = await ingest(["feeds", "--out", "/proc/ingest-x/y"], { cwd: root, timeoutMs: 20_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("cannot create the output directory /proc/ingest-x/y");
  });
});

describe("9. memory is bounded: standard input, validate, one input of any shape", () => {
  scenario("standard input from /dev/zero is streamed with bounded memory and refused at its first chunk: BINARY_INPUT for <stdin>", async () => {
    refuseForeign("reading /dev/zero without a limit grows without end");
    const fd = openSync("/dev/zero", "r");
    const res = spawnSync(process.execPath, [BIN, "--max-bytes", "1000000"], { stdio: [fd, "pipe", "pipe"], timeout: 20_000, encoding: "utf8" });
    closeSync(fd);
    expect(res.status).toBe(1);
    // Standard input past 8 MiB is parsed article by article (#11, docs/large-inputs.md).
    expect(res.stderr).toContain("<stdin>: error: BINARY_INPUT");
  });
  scenario("validate refuses a device and a FIFO, and bounds standard input", async () => {
    refuseForeign("validate /dev/zero without a limit grows without end");
    const root = temp();
    const dev = await ingest(["validate", "/dev/zero"], { timeoutMs: 20_000 });
    expect(dev.code).toBe(2);
    expect(dev.stderr).toContain("/dev/zero: error: NOT_A_FILE");
    execFileSync("mkfifo", [join(root, "fifo")]);
    const fifo = await ingest(["validate", join(root, "fifo")], { timeoutMs: 20_000 });
    expect(fifo.code).toBe(2);
    expect(fifo.stderr).toContain("NOT_A_FILE");
    const fd = openSync("/dev/zero", "r");
    const res = spawnSync(process.execPath, [BIN, "validate", "-", "--max-bytes", "1000000"], {
      stdio: [fd, "pipe", "pipe"],
      timeout: 20_000,
      encoding: "utf8",
    });
    closeSync(fd);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain("<stdin>:1: error: INPUT_TOO_LARGE");
  });
});

describe("10. names and text shown are escaped", () => {
  scenario("a newline in a file name cannot forge a diagnostic line", async (s) => {
    const root = temp();
    writeTree(root, { "t/z.txt: error: BINARY_INPUT forged\nreal.txt": "" });
    s.inputs(join(root, "t"));
    const r = await ingest(["t"], { cwd: root });
    expect(r.stderr.split("\n").some((l) => l.startsWith("real.txt"))).toBe(false);
    expect(r.stderr).toContain("forged\\nreal.txt: error: EMPTY_INPUT");
  });
  scenario("a file name with invalid UTF-8 is read and shown escaped, not VANISHED", async (s) => {
    const root = temp();
    mkdirSync(join(root, "t"));
    writeFileSync(Buffer.from(`${root}/t/caf\xe9.txt`, "latin1"), article(1));
    s.inputs(join(root, "t"));
    const r = await ingest(["t"], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain("VANISHED");
    expect(lastLine(r.stderr)).toMatch(/^1 file \(1 ok, 0 with errors\): 1 record/);
  });
  for (const format of ["text", "json", "summary"]) {
    scenario(`--format ${format} on a terminal carries no terminal controls from the input`, async (s) => {
      const root = temp();
      const hostile = article(1).replace("Putin", "Putin\u001b]52;c;aGk=\u0007 \u001b[6n \u009b6n \u202eevil \u001b[?1049h");
      writeTree(root, { "x.txt": hostile });
      s.inputs(join(root, "x.txt"));
      // script(1) gives the run a pseudo-terminal and copies what it shows to its own stdout.
      const command = [process.execPath, BIN, "--format", format, "x.txt"].map((a) => `'${a}'`).join(" ");
      const r = spawnSync("script", ["-qec", command, "/dev/null"], { cwd: root, encoding: "utf8", timeout: 30_000, env: { ...process.env, NO_COLOR: "1" } });
      expect(r.status).toBe(0);
      expect(r.stdout).toContain("evil");
      for (const control of ["\u001b]", "\u001b[6n", "\u001b[?1049h", "\u009b", "\u202e"])
        expect(r.stdout.includes(control), JSON.stringify(control)).toBe(false);
    });
  }
  scenario("validate shows file names escaped", async () => {
    const root = temp();
    writeTree(root, { "bad\nname.jsonl": "{}\n" });
    const r = await ingest(["validate", "bad\nname.jsonl"], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("bad\\nname.jsonl:1: error: INVALID_RECORD");
  });
});

describe("11. two runs sharing one --errors file", () => {
  scenario("both runs' lines are kept, whole", async () => {
    const root = temp();
    writeTree(root, Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`a/${i}.txt`, ""])));
    writeTree(root, Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`b/${i}.txt`, "x"])));
    const [a, b] = await Promise.all([ingest(["a", "--errors", "log.jsonl"], { cwd: root }), ingest(["b", "--errors", "log.jsonl"], { cwd: root })]);
    expect([a.code, b.code]).toEqual([1, 1]);
    const lines = readFileSync(join(root, "log.jsonl"), "utf8").split("\n").filter(Boolean);
    const parsed = lines.map((l) => JSON.parse(l) as { file: string });
    expect(parsed.filter((p) => p.file.startsWith("a/"))).toHaveLength(300);
    expect(parsed.filter((p) => p.file.startsWith("b/"))).toHaveLength(300);
  });
});

describe("12. the first Ctrl-C aborts a read of standard input", () => {
  scenario("SIGINT while standard input stays open: exit 130 at once", async () => {
    const r = await ingest([], {
      timeoutMs: 20_000,
      started: (child) => setTimeout(() => child.kill("SIGINT"), 700),
    });
    expect(r.code).toBe(130);
  });
});
