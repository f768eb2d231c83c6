/**
 * `ingest watch DIR`: ingest a drop directory as files arrive, exactly once.
 * chokidar reports files appearing and changing; the Settler decides when
 * each is complete; files already there are caught up first; one input at a
 * time goes through watch-ingest.ts, whose journal makes restarts exact.
 */
import { realpathSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Io, Sink } from "./io.js";
import { describeError } from "./fs-errors.js";
import { DurableDirs } from "./watch-durable.js";
import { OutTree } from "./out-tree.js";
import { commit } from "./watch-commit.js";
import { prepare, StdoutClosed, WatchFatal, type IngestContext, type Prepared } from "./watch-ingest.js";
import { Journal } from "./watch-journal.js";
import { inputFilter, inside, sweepTemps } from "./watch-paths.js";
import { Settler } from "./watch-settle.js";
import { catchUp, startWatcher } from "./watch-source.js";
import { AppendLog, formatStatus, formatWatchSummary, newWatchTally, StatusLine, Teller } from "./watch-status.js";

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

/** Inputs committed together at most (see the loop). */
const GROUP = 64;

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

  const filter = await inputFilter(inbox, o.glob, o.exclude, own);

  // Owners of outputs, from the journal, to refuse a second input claiming one.
  const owners = new Map<string, string>();

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
  const tell = new Teller(tally, say, o.quiet, errors, log);

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
    const source = { inbox, dir: o.dir, poll: o.poll, pollInterval: o.pollInterval };
    if (!o.once) {
      watcher = await startWatcher(source, filter, {
        seen: (rel) => void settler.touch(rel),
        gone: (rel) => {
          settler.forget(rel);
          queue.delete(rel);
        },
        fatal: (message) => {
          fatal ??= message;
          poke();
        },
        problem: (message) => void say(`ingest: error: ${message}\n`),
      });
    }
    // Catch-up: the files already there first; the queue drops a file reported twice.
    const present = await catchUp(
      { ...source, cwd: io.cwd, glob: o.glob, exclude: o.exclude, outDir },
      filter,
      (rel) => settler.touch(rel),
      () => stopped !== null,
    );
    // Entries whose input has been moved away are done for good: forget them (memory stays flat).
    if (journal !== null) for (const [rel, done] of journal.index) if (done.moved !== null && !present.has(rel)) journal.index.delete(rel);
    present.clear();
    // Filled only now, from the inputs still in play, so that a long archive history is not held.
    for (const [rel, done] of journal?.index ?? []) for (const output of done.outputs) owners.set(output, rel);
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
        await tell.committed(c, c.movedTo === null ? null : join((e.moved === "archive" ? o.archive : o.quarantine) ?? "", e.path));
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

  await out.flush();
  if (fatal !== null) await err.write(`ingest: error: ${fatal}\n`);
  if (!o.quiet || fatal !== null) await err.write(formatWatchSummary(tally, Date.now() - started, fatal !== null ? "error" : (stopped ?? "nothing left")));
  return fatal !== null ? 2 : 0;
}
