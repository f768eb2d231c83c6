/**
 * The paths each command writes and reads, as the write guard (guard.ts) takes them: one row per
 * writing flag. A new flag that writes a file or a directory adds its row here (and to the fault
 * suite's table, tests/faults/targets.ts), and the guard checks it against every input and every
 * other output with no code of its own.
 */
import { basename, dirname, join, relative, resolve } from "node:path";
import { type Dirent, readdirSync, statSync } from "node:fs";
import { globMatchers } from "../inputs/globs.js";
import type { RunOptions } from "../args/options.js";
import { type Source, type Target, walkReads, WriteGuard } from "./guard.js";

/** The temporary file `-o FILE` is written to before its rename (output-file.ts). */
export const outputTemp = (target: string, pid = process.pid): string => join(dirname(target), `.${basename(target)}.${pid}.tmp`);

/**
 * `--db` (the store, #19): an SQLite file, written in place by SQLite with its journal files
 * beside it; a postgres:// URL writes no file here (store/target.ts says the same; output/ does not
 * import the store).
 */
export function storeTarget(db: string | null | undefined, cwd: string): Target | null {
  if (typeof db !== "string" || db === "" || db === "-" || /^postgres(ql)?:\/\//i.test(db)) return null;
  const path = resolve(cwd, db);
  return { flag: "--db", what: "the store", path, display: db, mode: "store", also: [`${path}-journal`, `${path}-wal`, `${path}-shm`] };
}

/** The batch's writing flags. */
export function batchTargets(o: RunOptions, cwd: string): Target[] {
  const targets: Target[] = [];
  const store = storeTarget(o.db?.target, cwd);
  if (store !== null) targets.push(store);
  if (o.records.kind === "dir") {
    targets.push({ flag: "--out-dir", what: "the output directory", path: o.records.path, display: o.records.shown, mode: "tree", mayHoldInputs: true });
  }
  if (o.records.kind === "file") {
    const path = o.records.path;
    targets.push({ flag: "-o", what: "the output file", path, display: o.records.shown, mode: "replace", also: [outputTemp(path)] });
  }
  if (o.errors.kind === "file") {
    targets.push({ flag: "--errors", what: "the --errors file", path: o.errors.path, display: o.errors.shown, mode: "append" });
  }
  return targets;
}

/** The writing flags of `ingest watch`: the places resolved, the journal's path settled. */
export interface WatchPaths {
  outDir: string | null;
  out: string | null;
  journal: { path: string; display: string; own: boolean } | null;
  errors: string | null;
  log: string | null;
  archive: string | null;
  quarantine: string | null;
  /** As the user named them. */
  shown: { errors: string | null; log: string | null; archive: string | null; quarantine: string | null };
}

export function watchTargets(p: WatchPaths, db: string | null = null, cwd = "/"): Target[] {
  const targets: Target[] = [];
  const store = storeTarget(db, cwd);
  if (store !== null) targets.push(store);
  if (p.outDir !== null) targets.push({ flag: "--out-dir", what: "the output directory", path: p.outDir, display: p.out ?? p.outDir, mode: "tree" });
  if (p.journal !== null) {
    targets.push({
      flag: "--journal",
      what: "the journal",
      path: p.journal.path,
      display: p.journal.display,
      mode: "append",
      ...(p.journal.own ? { ownedBy: "--out-dir" } : {}),
    });
  }
  if (p.errors !== null) targets.push({ flag: "--errors", what: "the --errors file", path: p.errors, display: p.shown.errors ?? p.errors, mode: "append" });
  if (p.log !== null) targets.push({ flag: "--log", what: "the --log file", path: p.log, display: p.shown.log ?? p.log, mode: "append" });
  if (p.archive !== null)
    targets.push({ flag: "--archive", what: "the --archive directory", path: p.archive, display: p.shown.archive ?? p.archive, mode: "moves" });
  if (p.quarantine !== null) {
    targets.push({ flag: "--quarantine", what: "the --quarantine directory", path: p.quarantine, display: p.shown.quarantine ?? p.quarantine, mode: "moves" });
  }
  return targets;
}

const exists = (path: string): { dir: boolean } | null => {
  try {
    return { dir: statSync(path).isDirectory() };
  } catch {
    return null;
  }
};

/** What a batch reads, from its arguments: named files, walked directories, glob patterns. */
export async function batchSources(inputs: readonly string[], o: RunOptions, cwd: string): Promise<Source[]> {
  const sources: Source[] = [];
  // The walk's matchers (picomatch) load only when a directory is named.
  let reads: ((rel: string) => boolean) | undefined;
  for (const arg of inputs) {
    if (arg === "-") continue;
    const path = resolve(cwd, arg);
    const found = exists(path);
    if (found === null) {
      const { default: fg } = await import("fast-glob");
      if (!fg.isDynamicPattern(arg)) continue; // a missing file: the reader reports it
      const picomatch = (await import("picomatch")).default;
      const m = picomatch(arg, { dot: o.hidden });
      sources.push({ kind: "pattern", display: arg, matches: (abs) => m(relative(cwd, abs)) || m(abs) });
    } else if (found.dir) {
      reads ??= walkReads({ ...(await globMatchers({ glob: o.glob, iglob: o.iglob ?? [], exclude: o.exclude })), hidden: o.hidden });
      sources.push({ kind: "root", path, display: arg, reads });
      if (o.followSymlinks) sources.push(...linkedSources(path, arg, reads));
    } else sources.push({ kind: "file", path, display: arg });
  }
  return sources;
}

/**
 * What a --follow-symlinks walk of `root` reads through the links it follows, where they lead
 * outside it: each linked directory as a walked directory of its own (reading what the walk would
 * read under the link's name), each linked file as a named input. So a target reachable only
 * through a followed link is checked as one inside the root is. Loops are walked once.
 */
export function linkedSources(root: string, display: string, reads: (rel: string) => boolean): Source[] {
  const out: Source[] = [];
  const seen = new Set<string>();
  const visit = (dir: string, rel: string): void => {
    let key: string;
    let entries: Dirent[];
    try {
      const s = statSync(dir);
      key = `${s.dev}:${s.ino}`;
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // unreadable: the walk reports it
    }
    if (seen.has(key)) return;
    seen.add(key);
    for (const e of entries) {
      const path = join(dir, e.name);
      const at = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) visit(path, at);
      else if (e.isSymbolicLink()) {
        const s = (() => {
          try {
            return statSync(path);
          } catch {
            return null; // broken: the walk reports it
          }
        })();
        if (s?.isDirectory()) {
          out.push({ kind: "root", path, display: join(display, at), reads: (r) => reads(`${at}/${r}`) });
          visit(path, at);
        } else if (s?.isFile() && reads(at)) out.push({ kind: "file", path, display: join(display, at) });
      }
    }
  };
  visit(root, "");
  return out;
}

/** The guard of a batch: its sources and targets registered; `check()` it before any work. */
export async function batchGuard(inputs: readonly string[], o: RunOptions, cwd: string): Promise<WriteGuard> {
  const guard = new WriteGuard();
  const targets = batchTargets(o, cwd);
  // Nothing written but the standard streams (a plain run): nothing to compare, nothing to load.
  if (targets.length === 0) return guard;
  for (const s of await batchSources(inputs, o, cwd)) guard.read(s);
  for (const t of targets) guard.write(t);
  return guard;
}

/**
 * The paths of a --files-from list file, each checked against the run's file targets before the
 * run starts (a listed input is never overwritten, nor appended to by --errors); the first
 * problem, or null. Streams the list: a list of millions is never held.
 */
export async function listedClash(guard: WriteGuard, list: string, nul: boolean, cwd: string, reads: (rel: string) => boolean): Promise<string | null> {
  if (list === "-" || !guard.written.some((t) => t.mode !== "tree" && t.mode !== "moves")) return null;
  const { listedPaths, ListError } = await import("../inputs/files-from.js");
  try {
    for await (const listed of listedPaths({ list, nul, cwd, stdin: process.stdin })) {
      const path = resolve(cwd, listed);
      const found = exists(path);
      if (found === null) continue;
      const p = guard.against(found.dir ? { kind: "root", path, display: listed, reads } : { kind: "file", path, display: `${listed} (listed in ${list})` });
      if (p !== null) return p;
    }
  } catch (e) {
    // The list cannot be read: the run reports it as it reads the list.
    if (!(e instanceof ListError)) throw e;
  }
  return null;
}
