/**
 * `ingest watch DIR`: ingest a drop directory as files arrive, exactly once.
 * chokidar reports files appearing and changing; the Settler decides when
 * each is complete; files already there are caught up first; one input at a
 * time goes through watch-ingest.ts, whose journal makes restarts exact.
 */
import { type Dirent, readdirSync, realpathSync, statSync, unlinkSync, type Stats } from "node:fs";
import { join, resolve, sep } from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import type { Reported } from "./diagnostic-line.js";
import { expandInputs, type ExpandState } from "./inputs.js";
import type { Io, Sink } from "./io.js";
import { diagnosticJson, formatDiagnostic } from "./report.js";
import { describeError } from "./fs-errors.js";
import { DurableDirs, relSlash } from "./watch-durable.js";
import { OutTree } from "./out-tree.js";
import { commit, prepare, StdoutClosed, WatchFatal, type IngestContext, type Prepared } from "./watch-ingest.js";
import { Journal } from "./watch-journal.js";
import { Settler } from "./watch-settle.js";
import { AppendLog, formatStatus, formatWatchSummary, newWatchTally, StatusLine } from "./watch-status.js";

export interface WatchOptions {
  dir: string;
  out: string | null;
  errors: string | null;
  glob: string;
  exclude: string[];
  settle: number;
  poll: boolean;
  pollInterval: number;
  archive: string | null;
  quarantine: string | null;
  journal: string | null;
  log: string | null;
  once: boolean;
  strict: boolean;
  maxBytes: number;
  quiet: boolean;
}

/** The journal's name inside --out when --journal is not given. */
export const JOURNAL_NAME = ".ingest-journal.jsonl";

/** Names writers use while a file is not finished: never inputs. */
const TEMP_NAME = /(^\.|\.tmp$|\.part$|~$)/;
const isTemp = (rel: string): boolean => rel.split("/").some((segment) => TEMP_NAME.test(segment));

/** Temporary files writeAtomic leaves beside a target (the --quarantine's .errors.json) when killed: `.<name>.ingest-<pid>-<n>.tmp`. */
const OUR_TEMP = /^\..+\.ingest-(\d+)-\d+\.tmp$/;

/** Inputs committed together at most (see the loop). */
const GROUP = 64;

const inside = (path: string, dir: string): boolean => path === dir || path.startsWith(dir + sep);

/** Remove temporary files a killed writer (an earlier watch or batch) left under `dir`. */
function sweepTemps(dir: string): void {
  const alive = (pid: number): boolean => {
    if (pid === process.pid) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === "EPERM";
    }
  };
  const visit = (d: string): void => {
    let names: Dirent[];
    try {
      names = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of names) {
      if (e.isDirectory()) visit(join(d, e.name));
      else {
        const m = OUR_TEMP.exec(e.name);
        if (m && !alive(Number(m[1]))) unlinkSync(join(d, e.name));
      }
    }
  };
  visit(dir);
}

/** Run a watch until stopped (SIGINT, SIGTERM, or with --once when nothing is left); returns the exit code. */
export async function watch(o: WatchOptions, io: Io, out: Sink, err: Sink): Promise<number> {
  const started = Date.now();
  const at = (p: string | null): string | null => (p === null ? null : resolve(io.cwd, p));
  const inbox = resolve(io.cwd, o.dir);
  const outDir = at(o.out),
    archive = at(o.archive),
    quarantine = at(o.quarantine);
  const fail = async (message: string): Promise<number> => {
    await err.write(`ingest: error: ${message}\n`);
    return 2;
  };
  try {
    if (!statSync(inbox).isDirectory()) return fail(`${o.dir} is not a directory`);
  } catch (e) {
    return fail(`cannot watch ${o.dir}: ${describeError(e)}`);
  }
  for (const [flag, dir] of [
    ["--archive", archive],
    ["--quarantine", quarantine],
  ] as const) {
    if (dir !== null && (inside(dir, inbox) || inside(inbox, dir))) return fail(`${flag} must be outside the watched directory ${o.dir}`);
  }
  if (outDir !== null && inside(inbox, outDir)) return fail(`the output directory ${o.out} holds the watched directory`);
  // Outputs never land among the inputs (out-tree.ts checks, by real path).
  const guard = { files: new Set<string>(), roots: [realpathSync(inbox)] };
  const own = [outDir, archive, quarantine].filter((d): d is string => d !== null);

  const journalPath = o.journal !== null ? resolve(io.cwd, o.journal) : outDir !== null ? join(outDir, JOURNAL_NAME) : null;
  let journal: Journal | null = null;
  let errors: AppendLog | null = null;
  let log: AppendLog | null = null;
  let what = "";
  try {
    what = `the journal ${journalPath}`;
    if (journalPath !== null) journal = Journal.open(journalPath);
    what = `the --errors file ${o.errors}`;
    if (o.errors !== null) errors = AppendLog.open(resolve(io.cwd, o.errors));
    what = `the --log file ${o.log}`;
    if (o.log !== null) log = AppendLog.open(resolve(io.cwd, o.log));
    what = "stale temporary files";
    // The --out tree sweeps its own temporary directory when opened (out-tree.ts).
    if (quarantine !== null) sweepTemps(quarantine);
  } catch (e) {
    journal?.close();
    errors?.close();
    return fail(`cannot open ${what}: ${describeError(e)}`);
  }
  if (journal === null && archive === null && !o.quiet) {
    await err.write("ingest: note: no --out, --journal or --archive: a restart ingests every file present again\n");
  }

  const picomatch = (await import("picomatch")).default;
  const include = picomatch(o.glob, { dot: true });
  const exclude = o.exclude.length > 0 ? picomatch(o.exclude, { dot: true }) : () => false;
  const candidate = (rel: string): boolean =>
    rel !== "" && !rel.startsWith("..") && !isTemp(rel) && include(rel) && !exclude(rel) && !own.some((d) => inside(join(inbox, rel), d));

  // Owners of outputs, from the journal, to refuse a second input claiming one.
  const owners = new Map<string, string>();
  for (const [rel, done] of journal?.index ?? []) for (const output of done.outputs) owners.set(output, rel);

  const tally = newWatchTally();
  const queue = new Set<string>();
  let wake: (() => void) | null = null;
  const poke = (): void => {
    wake?.();
    wake = null;
  };
  const settler = new Settler(
    o.settle,
    (rel) => join(inbox, rel),
    (rel) => {
      queue.add(rel);
      poke();
    },
  );

  // SIGINT, SIGTERM and SIGHUP arrive as io.signal (bin/ingest.js), with the signal's name as the reason.
  let stopped: string | null = null;
  const stop = (why: string): void => {
    stopped ??= why;
    poke();
  };
  const onInt = (): void => stop(typeof io.signal?.reason === "string" ? io.signal.reason : "SIGINT");
  io.signal?.addEventListener("abort", onInt);
  if (io.signal?.aborted) onInt();

  const status =
    io.stderr.isTTY === true && !o.quiet
      ? new StatusLine(
          (s) => void err.write(s),
          (rate) => formatStatus(o.dir, tally, queue.size + settler.size, rate),
          () => tally.ingested + tally.refused,
        )
      : null;
  const say = async (text: string): Promise<void> => {
    status?.clear();
    await err.write(text);
  };

  let watcher: import("chokidar").FSWatcher | null = null;
  let fatal: string | null = null;
  const dirs = new DurableDirs();
  // Step hook for the crash tests: INGEST_WATCH_CRASH=<step>:<n> kills the process (SIGKILL)
  // at that step of the group holding the n-th input done.
  const crash = /^(converted|outputs|journal|moved):(\d+)$/.exec(io.env.INGEST_WATCH_CRASH ?? "");
  let doneCount = 0;
  const ctx: IngestContext = {
    inbox,
    inboxDisplay: o.dir,
    outDir,
    outDisplay: o.out,
    archive,
    quarantine,
    journal,
    // A file over --max-bytes is refused, not streamed: each watched file is one unit of work.
    convert: { maxBytes: o.maxBytes, strict: o.strict, stdin: io.stdin, oversize: "refuse" },
    dirs,
    owners,
    emit: (text) => out.write(text),
    delivered: async () => {
      await out.flush();
      // An EPIPE is reported on a later turn of the event loop.
      await new Promise((done) => setImmediate(done));
      return !out.closed;
    },
    step: (name, upTo) => {
      if (crash !== null && crash[1] === name && doneCount < Number(crash[2]) && Number(crash[2]) <= upTo) process.kill(process.pid, "SIGKILL");
    },
  };

  try {
    if (!o.once) {
      const { watch: chokidar } = await import("chokidar");
      // Files outside --glob are left alone when chokidar knows they are files: it holds a watch per file.
      const ignored = (path: string, stats?: Stats): boolean => {
        const rel = relSlash(inbox, path);
        if (rel === "" || rel.startsWith("..")) return false;
        return isTemp(rel) || exclude(rel) || own.some((d) => inside(path, d)) || (stats?.isFile() === true && !include(rel));
      };
      watcher = chokidar(inbox, {
        ignoreInitial: true,
        ignored,
        usePolling: o.poll,
        interval: o.pollInterval,
        binaryInterval: o.pollInterval,
        followSymlinks: false,
        persistent: true,
      });
      const seen = (path: string): void => {
        const rel = relSlash(inbox, path);
        if (candidate(rel)) void settler.touch(rel);
      };
      watcher.on("add", seen).on("change", seen);
      watcher.on("unlink", (path: string) => {
        const rel = relSlash(inbox, path);
        settler.forget(rel);
        queue.delete(rel);
      });
      watcher.on("error", (e: unknown) => {
        const code = (e as NodeJS.ErrnoException).code;
        // Out of watches or descriptors: nothing new would be seen, so the watch stops (exit 2).
        // Anything else (a subdirectory that cannot be read) is said, and the watch goes on.
        if (code === "ENOSPC" || code === "EMFILE" || code === "ENFILE") {
          fatal ??= `watching ${o.dir}: ${describeError(e)}${o.poll ? "" : " (--poll may help)"}`;
          poke();
        } else void say(`ingest: error: watching ${o.dir}: ${describeError(e)}\n`);
      });
      const w = watcher;
      await new Promise<void>((done) => w.once("ready", done));
    }
    // Catch-up, after the watcher is ready so that nothing arriving meanwhile is missed: the files
    // already there, in the batch's order; the queue drops a file reported twice.
    const state: ExpandState = { walked: false, skippedLinks: 0, skippedHidden: 0 };
    const present = new Set<string>();
    for await (const entry of expandInputs(
      [o.dir],
      { cwd: io.cwd, glob: o.glob, exclude: o.exclude, hidden: false, followSymlinks: false, outDir, listSync: true },
      state,
    )) {
      if (stopped !== null) break;
      if (entry.kind !== "file") continue;
      const rel = relSlash(inbox, entry.path);
      if (!candidate(rel)) continue;
      present.add(rel);
      await settler.touch(rel);
    }
    // Entries whose input has been moved away are done for good: forget them (memory stays flat).
    if (journal !== null) for (const [rel, done] of journal.index) if (done.moved !== null && !present.has(rel)) journal.index.delete(rel);
    present.clear();
    status?.draw(true);

    while (stopped === null && fatal === null) {
      if (queue.size === 0) {
        if (o.once && settler.size === 0) break;
        await new Promise<void>((done) => {
          wake = done;
          // --once: the settler may drop a file that vanished without a word; look again soon.
          if (o.once) setTimeout(done, 100);
        });
        continue;
      }
      // A group of the inputs ready now (up to GROUP), committed together: the directory and
      // journal fsyncs are paid once per group. A stop request ends the group after the file in progress.
      const group: Prepared[] = [];
      // One OutTree per group: it remembers what it wrote (to refuse two inputs claiming one output),
      // and a changed input rewrites its own outputs in a later group.
      let tree: OutTree | null = null;
      const openTree = (): OutTree => (tree ??= OutTree.open(outDir as string, o.out ?? "", guard));
      const next: string[] = [];
      for (const rel of queue) if (next.push(rel) === GROUP) break;
      for (const rel of next) {
        if (stopped !== null) break;
        queue.delete(rel);
        const r = await prepare(rel, ctx, openTree);
        if (r.kind === "unsettled") void settler.touch(rel);
        else if (r.kind === "unchanged") tally.unchanged++;
        else if (r.kind === "prepared") group.push(r);
      }
      const committed = group.length > 0 ? await commit(group, ctx, doneCount) : [];
      // Its temporary directory goes (empty once every rename is done).
      (tree as OutTree | null)?.close();
      for (const c of committed) {
        doneCount++;
        const e = c.entry;
        if (e.event === "ingested") tally.ingested++;
        else tally.refused++;
        tally.records += e.records;
        await report(c.display, c.diagnostics, c.several);
        if (c.moveProblem !== null) await say(`ingest: error: cannot move ${c.display}: ${c.moveProblem} (it stays; the journal has it)\n`);
        log?.line({
          time: e.at,
          event: e.event,
          file: c.display,
          size: e.size,
          hash: e.hash,
          records: e.records,
          outputs: e.outputs,
          warnings: count(c.diagnostics, "warning"),
          errors: count(c.diagnostics, "error"),
          moved: c.movedTo === null ? null : join((e.moved === "archive" ? o.archive : o.quarantine) ?? "", e.path),
        });
        // Moved away: the journal has it, the index no longer needs it.
        if (c.movedTo !== null) {
          journal?.index.delete(e.path);
          for (const output of e.outputs) owners.delete(output);
        }
      }
      // A long-lived process: what it has to say goes out now, not when a buffer fills.
      await err.flush();
      status?.draw();
    }
    status?.draw(true);
  } catch (e) {
    if (e instanceof StdoutClosed) stopped = "standard output closed";
    else if (e instanceof WatchFatal) fatal = e.message;
    else throw e;
  } finally {
    io.signal?.removeEventListener("abort", onInt);
    await watcher?.close();
    settler.close();
    status?.stop();
    journal?.close();
    errors?.close();
    log?.close();
  }

  async function report(display: string, diagnostics: Reported[], several: boolean): Promise<void> {
    for (const d of diagnostics) {
      // -q hides warnings, as in a batch.
      if (!(o.quiet && d.severity === "warning")) await say(formatDiagnostic(display, d, { article: several }));
      errors?.text(diagnosticJson(display, d));
      if (d.severity === "error") tally.errors++;
      else tally.warnings++;
    }
  }

  await out.flush();
  if (fatal !== null) await err.write(`ingest: error: ${fatal}\n`);
  if (!o.quiet || fatal !== null) await err.write(formatWatchSummary(tally, Date.now() - started, fatal !== null ? "error" : (stopped ?? "nothing left")));
  return fatal !== null ? 2 : 0;
}

const count = (ds: Diagnostic[], severity: Diagnostic["severity"]): number => ds.filter((d) => d.severity === severity).length;
