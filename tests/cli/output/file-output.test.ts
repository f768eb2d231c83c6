// Standard output and error as a plain file or /dev/null are written without Node's stream
// (src/cli/output/file-output.ts, #11 start-up): the same bytes, and a failed write reported as before.
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FileOutput, fileOutput } from "../../../src/cli/output/file-output.js";
import { BIN } from "../../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "file-output-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FIXTURE = new URL("../../../fixtures/000_ee22b7415f82c1d2.txt", import.meta.url).pathname;

describe("fileOutput", () => {
  it("takes a regular file and /dev/null, and leaves a pipe to Node's stream", () => {
    const file = openSync(join(dir, "a.txt"), "w");
    const devNull = openSync("/dev/null", "w");
    try {
      expect(fileOutput(file)).toBeInstanceOf(FileOutput);
      expect(fileOutput(devNull)).toBeInstanceOf(FileOutput);
      expect(fileOutput(-1)).toBeNull();
    } finally {
      closeSync(file);
      closeSync(devNull);
    }
    const piped = spawnSync(
      process.execPath,
      ["-e", `process.stdout.write(String(require(${JSON.stringify(new URL("../../../dist/cli-bundle/load.cjs", import.meta.url).pathname)}).fileOutput(1)))`],
      { encoding: "utf8" },
    );
    expect(piped.stdout).toBe("null");
  });

  it("writes text and bytes whole, in order", () => {
    const path = join(dir, "b.txt");
    const fd = openSync(path, "w");
    const out = new FileOutput(fd);
    expect(out.write("héllo ")).toBe(true);
    expect(out.write(new TextEncoder().encode("wörld\n"))).toBe(true);
    closeSync(fd);
    expect(readFileSync(path, "utf8")).toBe("héllo wörld\n");
  });

  it("reports a failed write as an error, then close, on the next tick, and writes nothing more", async () => {
    const fd = openSync(join(dir, "c.txt"), "w");
    closeSync(fd);
    const out = new FileOutput(fd);
    const events: string[] = [];
    out.on("error", (e: NodeJS.ErrnoException) => events.push(`error ${e.code}`));
    out.on("close", () => events.push("close"));
    expect(out.write("x")).toBe(false);
    expect(events).toEqual([]);
    await new Promise((r) => process.nextTick(r));
    expect(events).toEqual(["error EBADF", "close"]);
    expect(out.write("y")).toBe(false);
  });
});

describe("the CLI with standard output on a file", () => {
  it("writes the same records and diagnostics as through a pipe", () => {
    const piped = spawnSync(process.execPath, [BIN, FIXTURE], { encoding: "utf8" });
    const out = join(dir, "out.jsonl");
    const err = join(dir, "err.txt");
    const [o, e] = [openSync(out, "w"), openSync(err, "w")];
    const filed = spawnSync(process.execPath, [BIN, FIXTURE], { stdio: ["ignore", o, e] });
    closeSync(o);
    closeSync(e);
    expect(filed.status).toBe(piped.status);
    expect(readFileSync(out, "utf8")).toBe(piped.stdout);
    expect(readFileSync(err, "utf8")).toBe(piped.stderr);
  });

  it("says a failed write to standard output once and exits 2", () => {
    const path = join(dir, "read-only.txt");
    closeSync(openSync(path, "w"));
    const readOnly = openSync(path, "r");
    const r = spawnSync(process.execPath, [BIN, FIXTURE], { stdio: ["ignore", readOnly, "pipe"], encoding: "utf8" });
    closeSync(readOnly);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("ingest: error: cannot write standard output: EBADF: bad file descriptor, write\n");
    expect(r.stderr.match(/cannot write standard output/g)).toHaveLength(1);
  });
});
