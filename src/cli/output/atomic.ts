// Atomic writes: a file written through a temporary file and a rename, and the sweep of the
// temporary files that killed runs left (named by process id and host).
import { readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { fitName } from "./fit-name.js";
import { makeDirs } from "./make-dirs.js";
import { fnv1a64 } from "../inputs/shard.js";

let serial = 0;

/** This host, as temporary file names carry it (a tree shared over NFS is swept by each host of its own files only). */
const HOST = fnv1a64(hostname()).slice(0, 8);
/** A temporary file of another host is swept once it is this old (ms): no write takes an hour between its create and its rename. */
const FOREIGN_TEMP_AGE = 60 * 60 * 1000;

/** Create a file that must not exist yet, making its directory again if another process removed it meanwhile. */
function createFile(path: string, text: string): void {
  try {
    writeFileSync(path, text, { flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    makeDirs(dirname(path));
    writeFileSync(path, text, { flag: "wx" });
  }
}

/**
 * Write `text` to `target` through a temporary file and a rename, so no reader ever sees half a
 * file. The temporary file goes in `tempDir` when given (the output tree's sweepable one), else
 * beside the target (and there too when a rename from `tempDir` crosses a mount).
 */
export function writeAtomic(target: string, text: string, tempDir?: string): void {
  const local = (): string => join(dirname(target), fitName(`.${basename(target)}`, `.ingest-${process.pid}-${serial++}.tmp`));
  let temp = tempDir === undefined ? local() : join(tempDir, `${process.pid}-${serial++}@${HOST}.tmp`);
  // Synchronous: two system calls per file, where the promise API cost main-thread time on
  // each (a batch with --out spent most of its CPU there; BENCHMARKS.md, measured costs).
  try {
    createFile(temp, text);
    try {
      renameSync(temp, target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EXDEV") throw err;
      rmSync(temp, { force: true });
      temp = local();
      writeFileSync(temp, text, { flag: "wx" });
      renameSync(temp, target);
    }
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/** Whether a process is still running (a temporary file of a live run is never swept). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Remove the temporary files in `tempDir` that runs now gone left (this host's by process, another's by age). */
export function sweepTemps(tempDir: string): void {
  let names: string[];
  try {
    names = readdirSync(tempDir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^(\d+)-\d+(?:@([0-9a-f]{8}))?\.tmp$/.exec(name);
    if (m === null) continue;
    const pid = Number(m[1]);
    const path = join(tempDir, name);
    try {
      // This host's (or an older build's) by its process; another host's only by its age.
      const gone = m[2] === undefined || m[2] === HOST ? pid !== process.pid && !alive(pid) : Date.now() - statSync(path).mtimeMs > FOREIGN_TEMP_AGE;
      if (gone) rmSync(path, { force: true });
    } catch {
      // Gone meanwhile.
    }
  }
}
