/**
 * The commit of a group of prepared inputs (ingest.ts): make the outputs
 * durable, write the quarantine's .errors.json, append the journal entries and
 * fsync them, then move the inputs. See ingest.ts for why in this order.
 */
import { linkSync, statSync, unlinkSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { describeError } from "../report/fs-errors.js";
import { moveNew, numbered, taken, writeNew } from "../output/deliver.js";
import { fitName } from "../output/fit-name.js";
import { fsyncPath } from "./durable.js";
import { type Committed, destination, type IngestContext, type Prepared, StdoutClosed, WatchFatal } from "./ingest.js";
import { sameFile } from "./settle.js";
import { errorsFileOf, errorsText } from "./names.js";

let serial = 0;

/** Whether the file at `path` is still the one a prepared input's entry describes (convert/read-identity.ts). */
function unchanged(p: Prepared, path = p.path): boolean {
  try {
    const s = statSync(path);
    return s.isFile() && sameFile(p.entry, { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino });
  } catch {
    return false;
  }
}

/**
 * Make a group of prepared inputs durable, journal them, then move them. An input that changed
 * since it was read is neither journaled nor moved: it is in `changed`, to be taken again (its
 * records, on standard output, were delivered and will be again: at least once).
 */
export async function commit(group: Prepared[], ctx: IngestContext, doneBefore: number): Promise<{ committed: Committed[]; changed: string[] }> {
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
  // Looked at again just before the journal vouches for them: a change since the read means not done.
  const changed = group.filter((p) => !unchanged(p)).map((p) => p.entry.path);
  if (changed.length > 0) group = group.filter((p) => !changed.includes(p.entry.path));
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
  for (const p of group) ctx.names.journaled(p.entry.path);
  ctx.step("journal", upTo);
  const done = moveAll(ctx, group, changed);
  ctx.step("moved", upTo);
  return { committed: done, changed };
}

/**
 * Move each input of the group where its entry says, then make every directory touched durable.
 * An input that changed between its last look and its move (it was being written again) is
 * moved back into the watched directory and added to `changed`: what was archived must be what
 * was ingested.
 */
function moveAll(ctx: IngestContext, group: Prepared[], changed: string[]): Committed[] {
  const touched = new Map<string, string>();
  const done = group.map((p): Committed => {
    const dest = destination(ctx, p.entry.moved);
    const base = { entry: p.entry, display: p.display, diagnostics: p.diagnostics, several: p.several };
    if (dest === null) return { ...base, movedTo: null, moveProblem: null };
    // Never over an earlier delivery of the same name: this one is kept beside it (a~2.txt), and a
    // refused one at the name its .errors.json was written for (output/deliver.ts).
    const to = p.quarantined ?? join(dest, p.entry.name ?? p.entry.path);
    try {
      ctx.dirs.ensure(dirname(to), dest);
      const at = moveNew(p.path, to);
      touched.set(dirname(at), dest);
      touched.set(dirname(p.path), ctx.inbox);
      if (!unchanged(p, at) && moveBack(at, p.path)) {
        changed.push(p.entry.path);
        return { ...base, movedTo: null, moveProblem: "it changed while it was being moved; moved back, to be taken again" };
      }
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

function unlinkIfThere(path: string): void {
  try {
    unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
}

/** Put a file moved away back where it was, unless something new is there now (then it stays where it went). */
function moveBack(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    unlinkSync(from);
    return true;
  } catch {
    return false;
  }
}

/**
 * `<quarantine>/<name>.errors.json` for each refused input, at the name chosen for it (names.ts):
 * why it was refused, durable before it is moved there. An .errors.json there whose input is not
 * is that of an attempt that never moved its input (a crash, or the input changed first), and is
 * replaced; a name taken since by an input goes on to the next one (output/deliver.ts).
 */
async function writeErrorsFiles(ctx: IngestContext, quarantine: string, refused: Prepared[]): Promise<void> {
  const dirs = new Set<string>();
  for (const p of refused) {
    const input = join(quarantine, p.entry.name ?? p.entry.path);
    const target = errorsFileOf(input);
    try {
      ctx.dirs.ensure(dirname(target), quarantine);
      const temp = join(dirname(target), fitName(`.${basename(target)}`, `.ingest-${process.pid}-${serial++}.tmp`));
      // Which input name each errors file name stands for (a cut name does not say).
      const inputOf = new Map<string, string>();
      const nameOf = (n: number): string | null => {
        const candidate = numbered(input, n);
        if (taken(candidate)) return null;
        const errors = errorsFileOf(candidate);
        if (n === 1) unlinkIfThere(errors);
        inputOf.set(errors, candidate);
        return errors;
      };
      const written = writeNew(nameOf, errorsText(p.display, p.diagnostics), temp);
      p.quarantined = inputOf.get(written) ?? written.slice(0, -".errors.json".length);
      dirs.add(dirname(target));
    } catch (e) {
      throw new WatchFatal(`cannot write ${target}: ${describeError(e)}`);
    }
  }
  for (const d of dirs) fsyncPath(d);
}
