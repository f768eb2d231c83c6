/**
 * Issue #24, "Crashes, hangs, limits" (its share of them here): the watched directory renamed or
 * deleted under a watch, an address-space limit (`ulimit -v`) with a large dump among good
 * inputs, names too long for a marker, and paths longer than PATH_MAX.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { accounted, BIN, DOCUMENTED_CODES, ingest, lastLine, noStackTrace, type Ran, scenario, temp } from "./harness.js";
import { article, exitOf, feeds, recordKeys, startWatch, until, writeTree } from "./trust.js";

describe("the watched directory goes away", () => {
  for (const poll of [false, true]) {
    for (const [how, act] of [
      ["renamed", (root: string) => renameSync(join(root, "in"), join(root, "moved"))],
      ["deleted", (root: string) => rmSync(join(root, "in"), { recursive: true, force: true })],
    ] as Array<[string, (root: string) => void]>) {
      scenario(`${how}${poll ? " (--poll)" : ""}: the watch stops with exit 2 and says why`, async () => {
        const root = temp("limits");
        feeds(root, 2);
        const w = startWatch(["in", "--out-dir", "out", "--settle", "0", ...(poll ? ["--poll", "--poll-interval", "100"] : [])], root);
        await until(() => existsSync(join(root, "out/0001.json")), "the first files");
        act(root);
        const { code } = await exitOf(w, `the watch after its directory was ${how}`, 20_000);
        expect(code).toBe(2);
        expect(w.stderr()).toMatch(/ingest: error: the watched directory in (was removed or renamed|is gone)/);
        expect(noStackTrace(w.stderr())).toBe(true);
      });
    }
  }
});

/** Run the bin under `ulimit -v KIB` (a shell sets it, then execs node). */
function limited(
  kib: number,
  args: string[],
  cwd: string,
  started?: (pid: number, child: ReturnType<typeof spawn>) => void,
  group = false,
): Promise<Ran & { signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
    // `group`: in a process group of its own, so a test can signal the group as a terminal's Ctrl-C does.
    const child = spawn("sh", ["-c", `ulimit -v ${kib} && exec ${quoted}`], { cwd, stdio: ["ignore", "pipe", "pipe"], detached: group });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    const timer = setTimeout(() => child.kill("SIGKILL"), 110_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    started?.(child.pid as number, child);
  });
}

/** An 8.8 MB feed dump (3,800 articles) after 20 good inputs. */
function dumpTree(root: string): void {
  feeds(root, 20);
  const one = `${article(1)}\n\n`;
  const n = Math.ceil(8_800_000 / one.length);
  writeFileSync(join(root, "in/zz-dump.txt"), Array.from({ length: n }, (_, k) => article(100_000 + k)).join("\n\n"));
}

describe("ulimit -v 1G and an 8.8 MB dump: never a V8 abort, no good record lost", () => {
  for (const jobs of ["1", "2"]) {
    for (let trial = 1; trial <= 3; trial++) {
      scenario(`-j ${jobs}, trial ${trial}`, async (s) => {
        const root = temp("limits");
        dumpTree(root);
        const r = await limited(1024 * 1024, ["in", "-j", jobs], root);
        expect(r.signal).toBeNull();
        expect(DOCUMENTED_CODES).toContain(r.code);
        expect([0, 1]).toContain(r.code);
        expect(noStackTrace(r.stderr)).toBe(true);
        const keys = recordKeys(r.stdout);
        const good = keys.filter((k) => /^in\/00\d\d\.txt#/.test(k)).length;
        s.lost(20 - good);
        expect(good).toBe(20);
        // The dump is converted, or refused with a line that says why: never silence.
        expect(keys.length > 20 || /in\/zz-dump\.txt: error/.test(r.stderr)).toBe(true);
      });
    }
  }
  scenario("a 10 MiB input of the worst shape (one-character lines) under the limit: that input's error, never an abort", async (s) => {
    const root = temp("limits");
    feeds(root, 5);
    writeFileSync(join(root, "in/zz-lines.txt"), "a\n".repeat((10 * 1024 * 1024 - 1024) / 2));
    const r = await limited(1024 * 1024, ["in"], root);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/in\/zz-lines\.txt: error: READ_ERROR/);
    const good = recordKeys(r.stdout).length;
    s.lost(5 - good);
    expect(good).toBe(5);
  });
  scenario("watch --once under the limit with the dump in its inbox: no abort, every record", async (s) => {
    const root = temp("limits");
    dumpTree(root);
    const r = await limited(1024 * 1024, ["watch", "in", "--once", "--settle", "0", "--out-dir", "out", "--max-input-bytes", "20M"], root);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
    const made = readdirSync(join(root, "out")).filter((f) => f.endsWith(".json")).length;
    expect(made).toBeGreaterThan(20);
    s.lost(Math.max(0, 20 - readdirSync(join(root, "out")).filter((f) => /^00\d\d\.json$/.test(f)).length));
  });
  scenario("Ctrl-C under the limit (SIGINT to the whole process group): one clean stop, exit 130, with the summary", async () => {
    const root = temp("limits");
    feeds(root, 3000);
    let timer: NodeJS.Timeout | undefined;
    const r = await limited(
      1024 * 1024,
      ["in", "-o", "out.jsonl"],
      root,
      (pid) => {
        // Once the run is under way (its output has begun): a signal before Node runs the bin ends it by default.
        timer = setInterval(() => {
          if (readdirSync(root).some((f) => f.startsWith(".out.jsonl"))) {
            clearInterval(timer);
            process.kill(-pid, "SIGINT");
          }
        }, 5);
      },
      true,
    );
    clearInterval(timer);
    if (r.code === 0) return; // it finished first on a fast machine
    expect(r.code).toBe(130);
    expect(lastLine(r.stderr)).toMatch(/^interrupted after \d+ files/);
  });
  scenario("SIGTERM under the limit: a clean stop, exit 143, with the summary", async () => {
    const root = temp("limits");
    feeds(root, 3000);
    let timer: NodeJS.Timeout | undefined;
    const r = await limited(1024 * 1024, ["in", "-o", "out.jsonl"], root, (_pid, child) => {
      timer = setTimeout(() => child.kill("SIGTERM"), 700);
    });
    clearTimeout(timer);
    if (r.code === 0) return; // it finished first on a fast machine
    expect(r.code).toBe(143);
    expect(lastLine(r.stderr)).toMatch(/^interrupted after \d+ files/);
  });
});

/** A name of exactly `bytes` bytes ending in .txt. */
const nameOf = (bytes: number, fill = "n"): string => `${fill.repeat(bytes - 4)}.txt`;

describe("long names: markers whose names fit", () => {
  for (const bytes of [251, 253, 254]) {
    scenario(`an input name of ${bytes} bytes: converted, then up to date with --incremental`, async () => {
      const root = temp("limits");
      writeTree(root, { [`in/${nameOf(bytes)}`]: article(1), "in/short.txt": article(2) });
      const first = await ingest(["in", "--out-dir", "out", "--incremental"], { cwd: root });
      expect(first.code).toBe(0);
      expect(first.stderr).not.toContain("WRITE_ERROR");
      const again = await ingest(["in", "--out-dir", "out", "--incremental"], { cwd: root });
      expect(again.code).toBe(0);
      expect(lastLine(again.stderr)).toMatch(/^2 files \(0 ok, 0 with errors, 2 up to date\)/);
    });
  }
  scenario("an input name of 255 bytes, whose own output name cannot fit: that input's error, every run, the others fine", async () => {
    const root = temp("limits");
    writeTree(root, { [`in/${nameOf(255)}`]: article(1), "in/short.txt": article(2) });
    for (let run = 0; run < 2; run++) {
      const r = await ingest(["in", "--out-dir", "out", "--incremental"], { cwd: root });
      // The output's name comes from the input's own name: that input's error (exit 1), not the
      // run's I/O failure (exit 2: a full disk, a read-only tree), and the run goes on.
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/WRITE_ERROR .*name too long/);
      expect(accounted(lastLine(r.stderr)).files).toBe(2);
      expect(existsSync(join(root, "out/short.json"))).toBe(true);
      expect(noStackTrace(r.stderr)).toBe(true);
    }
  });
  scenario("watch: a refused input with a 250-byte name is quarantined with its errors file, the watch goes on", async () => {
    const root = temp("limits");
    const name = nameOf(250);
    writeTree(root, { [`in/${name}`]: "", "in/good.txt": article(1) });
    const w = startWatch(["in", "--once", "--settle", "0", "--out-dir", "out", "--quarantine", "bad"], root);
    const { code } = await exitOf(w, "watch --once");
    expect(code).toBe(0);
    expect(existsSync(join(root, "bad", name))).toBe(true);
    const errorsFiles = readdirSync(join(root, "bad")).filter((f) => f.endsWith(".errors.json"));
    expect(errorsFiles).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(root, "bad", errorsFiles[0] as string), "utf8")).file).toBe(`in/${name}`);
    expect(existsSync(join(root, "out/good.json"))).toBe(true);
  });
});

describe("paths over PATH_MAX (4,096 bytes): that entry's error, the rest converted", () => {
  scenario("a file 4,300 bytes deep beside a shallow one", async () => {
    const root = temp("limits");
    writeTree(root, { "in/shallow.txt": article(1) });
    // 3,500 bytes of directories from here, then three more levels made from inside by a shell.
    let dir = join(root, "in");
    const segments = Array.from({ length: 17 }, () => "d".repeat(250));
    for (const seg of segments) {
      mkdirSync(join(dir, seg), { recursive: false });
      dir = join(dir, seg);
      if (dir.length > 3500) break;
    }
    // Three more levels, made from inside by a child process (no path given to mkdir or open may
    // be over PATH_MAX, but a relative one from a deep working directory may).
    const script = `for (let i = 0; i < 3; i++) { require("fs").mkdirSync("${"e".repeat(250)}"); process.chdir("${"e".repeat(250)}"); } require("fs").writeFileSync("deep.txt", process.argv[1]);`;
    execFileSync(process.execPath, ["-e", script, article(2)], { cwd: dir });
    const r = await ingest(["in"], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/READ_ERROR .*name too long/);
    expect(recordKeys(r.stdout)).toHaveLength(1);
    expect(noStackTrace(r.stderr)).toBe(true);
    // rm(1) removes what Node's rmSync (whole paths) cannot.
    execFileSync("rm", ["-rf", join(root, "in")]);
  });
});
