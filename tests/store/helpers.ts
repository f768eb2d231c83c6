import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { article, writeTree } from "../batch-helpers.js";
import { BIN } from "../helpers.js";
import { openSqlite } from "../../src/cli/store/sqlite-driver.js";

const require = createRequire(import.meta.url);

/** The SQLite bindings this Node can run: libsql always, node:sqlite from Node 22.13. */
export const BACKENDS: string[] = (() => {
  const out = ["libsql"];
  try {
    process.removeAllListeners("warning");
    require("node:sqlite");
    out.push("node");
  } catch {
    // Node 20: libsql only.
  }
  return out;
})();

/**
 * A reader of stores with one binding. A store written by another process is read with libsql (a
 * client other than the one that wrote it, on Node 22+); one written in this process (the in-process
 * suites) must be read with the binding that wrote it: two copies of SQLite in one process do not
 * see each other's POSIX locks, and one's close drops the other's, which can leave a WAL file read
 * as "database disk image is malformed" (SQLite's "How To Corrupt", 2.2.1).
 */
export function reader(binding: string) {
  const query = (path: string, sql: string, ...params: Array<string | number>): Array<Record<string, unknown>> => {
    const db = openSqlite(path, { readOnly: true }, { INGEST_SQLITE: binding });
    try {
      return db.prepare(sql).all(...params) as Array<Record<string, unknown>>;
    } finally {
      db.close();
    }
  };
  /** What a store holds, as comparable text: every article's key, hash and revision, in key order. */
  const articlesOf = (path: string): string =>
    query(path, "SELECT key, hash, revision FROM articles ORDER BY key")
      .map((r) => `${r.key} ${r.hash} ${r.revision}`)
      .join("\n");
  return { query, articlesOf };
}

/** Rows of `sql` in a store another process wrote, and what it holds (read with libsql). */
export const { query, articlesOf } = reader("libsql");

/** `count` one-article inputs under `dir`, numbered from `from`. */
export function corpus(root: string, dir: string, count: number, from = 0): void {
  const files: Record<string, string> = {};
  for (let n = from; n < from + count; n++) files[`${dir}/${Math.floor(n / 100)}/${n}.txt`] = article(n);
  writeTree(root, files);
}

/**
 * Run the bin and SIGKILL it after `ms`; resolves, when it is gone, with how it ended (a run that
 * ends by itself first, or is refused at start, is not a kill: the trial says so). Its output goes
 * to pipes: standard streams on /dev/null opened read-write (stdio "ignore") look closed and are refused.
 */
export function killedAfter(
  args: string[],
  cwd: string,
  env: Record<string, string>,
  ms: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.resume();
    child.stderr.resume();
    const timer = setTimeout(() => child.kill("SIGKILL"), ms);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      done({ code, signal });
    });
  });
}
