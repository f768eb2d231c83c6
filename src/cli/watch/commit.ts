/**
 * The commit of a group of prepared inputs (ingest.ts): make the outputs
 * durable, write the quarantine's .errors.json, append the journal entries and
 * fsync them, then move the inputs. See ingest.ts for why in this order.
 */
import { unlinkSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { describeError } from "../report/fs-errors.js";
import { moveNew, numbered, taken, writeNew } from "../output/deliver.js";
import { fsyncPath } from "./durable.js";
import { type Committed, destination, type IngestContext, type Prepared, StdoutClosed, WatchFatal } from "./ingest.js";

let serial = 0;

/** Make a group of prepared inputs durable, journal them, then move them. */
export async function commit(group: Prepared[], ctx: IngestContext, doneBefore: number): Promise<Committed[]> {
  const upTo = doneBefore + group.length;
  ctx.step("converted", upTo);
  const outDir = ctx.outDir;
  try {
    if (outDir !== null) {
      const parents = new Set<string>();
      for (const p of group) {
        for (const o of p.entry.outputs) {
          fsyncPath(join(outDir, o));
          parents.add(dirname(join(outDir, o)));
        }
        for (const o of p.stale) {
          try {
            unlinkSync(join(outDir, o));
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
          }
          if (ctx.owners.get(o) === p.entry.path) ctx.owners.delete(o);
          parents.add(dirname(join(outDir, o)));
        }
      }
      for (const dir of parents) ctx.dirs.sync(dir, outDir);
    }
  } catch (e) {
    throw new WatchFatal(`cannot make the outputs durable: ${describeError(e)}`);
  }
  if (outDir === null && ctx.store === null && !(await ctx.delivered())) throw new StdoutClosed("standard output was closed");
  // The group's rows, committed before its journal entries: a crash between the two redoes the
  // group, whose rows are then found unchanged (the store is keyed, so nothing is stored twice).
  try {
    await ctx.store?.flush();
  } catch (e) {
    throw new WatchFatal(e instanceof Error ? e.message : String(e));
  }
  if (ctx.quarantine !== null)
    await writeErrorsFiles(
      ctx,
      ctx.quarantine,
      group.filter((p) => p.entry.moved === "quarantine"),
    );
  ctx.step("outputs", upTo);
  const at = new Date().toISOString();
  for (const p of group) p.entry.at = at;
  try {
    ctx.journal?.append(group.map((p) => p.entry));
  } catch (e) {
    throw new WatchFatal(`cannot write the journal ${ctx.journal?.path}: ${describeError(e)}`);
  }
  ctx.step("journal", upTo);
  const done = moveAll(ctx, group);
  ctx.step("moved", upTo);
  return done;
}

/** Move each input of the group where its entry says, then make every directory touched durable. */
function moveAll(ctx: IngestContext, group: Prepared[]): Committed[] {
  const touched = new Map<string, string>();
  const done = group.map((p): Committed => {
    const dest = destination(ctx, p.entry.moved);
    const base = { entry: p.entry, display: p.display, diagnostics: p.diagnostics, several: p.several };
    if (dest === null) return { ...base, movedTo: null, moveProblem: null };
    // Never over an earlier delivery of the same name: this one is kept beside it (a~2.txt), and a
    // refused one at the name its .errors.json was written for (output/deliver.ts).
    const to = p.quarantined ?? join(dest, p.entry.path);
    try {
      ctx.dirs.ensure(dirname(to), dest);
      const at = moveNew(p.path, to);
      touched.set(dirname(at), dest);
      touched.set(dirname(p.path), ctx.inbox);
      return { ...base, movedTo: at, moveProblem: null };
    } catch (e) {
      return { ...base, movedTo: null, moveProblem: describeError(e) };
    }
  });
  try {
    for (const dir of touched.keys()) fsyncPath(dir);
  } catch (e) {
    throw new WatchFatal(`cannot make the moves durable: ${describeError(e)}`);
  }
  return done;
}

/**
 * `<quarantine>/<rel>.errors.json` for each refused input: why it was refused, durable before it
 * is moved there. A name an earlier delivery holds (its input or its .errors.json) is passed
 * over: this one takes `<rel~2>.errors.json`, and its input `<rel~2>` (output/deliver.ts).
 */
async function writeErrorsFiles(ctx: IngestContext, quarantine: string, refused: Prepared[]): Promise<void> {
  const dirs = new Set<string>();
  for (const p of refused) {
    const input = join(quarantine, p.entry.path);
    const target = `${input}.errors.json`;
    const body = {
      file: p.display,
      diagnostics: p.diagnostics.map((d) => ({
        line: d.line,
        article: d.article ?? null,
        code: d.code,
        severity: d.severity,
        message: d.message,
        data: d.data,
      })),
    };
    try {
      ctx.dirs.ensure(dirname(target), quarantine);
      const temp = join(dirname(target), `.${basename(target)}.ingest-${process.pid}-${serial++}.tmp`);
      const written = writeNew((n) => (taken(numbered(input, n)) ? null : `${numbered(input, n)}.errors.json`), `${JSON.stringify(body, null, 2)}\n`, temp);
      p.quarantined = written.slice(0, -".errors.json".length);
      dirs.add(dirname(target));
    } catch (e) {
      throw new WatchFatal(`cannot write ${target}: ${describeError(e)}`);
    }
  }
  for (const d of dirs) fsyncPath(d);
}
