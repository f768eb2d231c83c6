/**
 * One input of `ingest watch`, from complete file to journal entry, in the
 * order that makes a crash at any point safe:
 *   1. convert it (convert.ts) and write its outputs (out-tree.ts: temp + rename);
 *   2. fsync the outputs and their directories; remove outputs a previous
 *      version had and this one has not; write the .errors.json of a refused input;
 *   3. append the journal entry and fsync it;
 *   4. move the input to --archive or --quarantine (fsync both directories).
 * A crash before 3 redoes the input at restart (same outputs, same bytes); a
 * crash between 3 and 4 finds the input journaled and only finishes the move.
 */
import { createHash } from "node:crypto";
import { closeSync, openSync, readSync, statSync, unlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { error, type Diagnostic } from "../diagnostics.js";
import { renderJson } from "../render/json.js";
import type { Article } from "../schema.js";
import { convertInput, type ConvertOptions } from "./convert.js";
import { describeError } from "./fs-errors.js";
import type { InputEntry } from "./inputs.js";
import { OutTree, outputPath, writeAtomic } from "./out-tree.js";
import { fsyncPath, moveDurable, relSlash, type DurableDirs } from "./watch-durable.js";
import type { Done, Journal, JournalEntry } from "./watch-journal.js";
import { sameFile, type Seen } from "./watch-settle.js";

/** Where things go, shared by every input of one watch. */
export interface IngestContext {
  /** The watched directory, absolute and as the user named it (records' origin.file starts with it). */
  inbox: string;
  inboxDisplay: string;
  outDir: string | null;
  outDisplay: string | null;
  archive: string | null;
  quarantine: string | null;
  journal: Journal | null;
  convert: ConvertOptions;
  dirs: DurableDirs;
  /** Output (relative to --out) → the input (relative) that wrote it, to refuse a second input claiming it. */
  owners: Map<string, string>;
  /** Standard output, for records without --out. */
  emit: (text: string) => Promise<void>;
  flush: () => Promise<void>;
  /** Test hook: called at each step, so a test can kill the process exactly there. */
  step: (name: "converted" | "outputs" | "journal" | "moved") => void;
}

/** What became of one input. */
export type Outcome =
  | { kind: "gone" }
  /** It changed while being read: back to waiting for it to settle. */
  | { kind: "unsettled" }
  /** The journal already has it with this content (only an unfinished move was completed). */
  | { kind: "unchanged" }
  | { kind: "done"; entry: JournalEntry; display: string; diagnostics: Diagnostic[]; movedTo: string | null; moveProblem: string | null };

/** A failure of the watch's own outputs (not the input's fault): the watch stops, exit 2. */
export class WatchFatal extends Error {}

const CHUNK = 64 * 1024;

/** sha256 of a file, read in chunks (memory does not grow with the file). */
function hashFile(path: string): string {
  const fd = openSync(path, "r");
  try {
    const h = createHash("sha256");
    const buf = Buffer.allocUnsafe(CHUNK);
    let n: number;
    while ((n = readSync(fd, buf, 0, CHUNK, null)) > 0) h.update(buf.subarray(0, n));
    return h.digest("hex");
  } finally {
    closeSync(fd);
  }
}

function look(path: string): Seen | null {
  try {
    const s = statSync(path);
    return s.isFile() ? { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino } : null;
  } catch {
    return null;
  }
}

/** Finish the move a journal entry promised (a crash came between the entry and the move). */
function finishMove(ctx: IngestContext, rel: string, prev: Done): void {
  const dest = prev.moved === "archive" ? ctx.archive : prev.moved === "quarantine" ? ctx.quarantine : null;
  if (dest === null) return;
  moveDurable(join(ctx.inbox, rel), join(dest, rel), dest, ctx.dirs);
}

/** Ingest one complete input (relative to the watched directory). */
export async function ingestOne(rel: string, ctx: IngestContext): Promise<Outcome> {
  const path = join(ctx.inbox, rel);
  const seen = look(path);
  if (seen === null) return { kind: "gone" };
  const prev = ctx.journal?.index.get(rel);
  let hash: string;
  try {
    if (prev !== undefined && sameFile(prev, seen)) {
      finishMove(ctx, rel, prev);
      return { kind: "unchanged" };
    }
    hash = hashFile(path);
    if (prev !== undefined && prev.hash === hash && prev.size === seen.size) {
      finishMove(ctx, rel, prev);
      return { kind: "unchanged" };
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { kind: "gone" };
    throw e;
  }
  const display = join(ctx.inboxDisplay, rel);
  const entry: Extract<InputEntry, { kind: "file" }> = { kind: "file", path, display, root: ctx.inbox, named: false };
  const result = await convertInput(entry, ctx.convert);
  if (result.diagnostics.some((d) => d.code === "VANISHED")) return { kind: "gone" };
  const after = look(path);
  if (after === null) return { kind: "gone" };
  if (!sameFile(seen, after)) return { kind: "unsettled" };
  ctx.step("converted");

  const diagnostics = [...result.diagnostics];
  const outputs = ctx.outDir !== null ? await writeOutputs(ctx, rel, entry, result.records.map((r) => r.record), result.articleCount, diagnostics) : [];
  if (ctx.outDir === null) {
    for (const { record } of result.records) await ctx.emit(`${renderJson(record, false)}\n`);
    await ctx.flush();
  }
  ctx.step("outputs");
  const refused = diagnostics.some((d) => d.severity === "error");
  const moved = refused ? (ctx.quarantine !== null ? "quarantine" : null) : ctx.archive !== null ? "archive" : null;
  if (refused && ctx.quarantine !== null) await writeErrorsFile(ctx, ctx.quarantine, rel, display, diagnostics);
  const records = ctx.outDir !== null ? outputs.length : result.records.length;
  const journalEntry: JournalEntry = { v: 1, event: refused ? "refused" : "ingested", path: rel, size: seen.size, mtimeMs: seen.mtimeMs, ino: seen.ino, hash, records, outputs, moved, at: new Date().toISOString() };
  try {
    ctx.journal?.append(journalEntry);
  } catch (e) {
    throw new WatchFatal(`cannot write the journal ${ctx.journal?.path}: ${describeError(e)}`);
  }
  ctx.step("journal");
  let movedTo: string | null = null;
  let moveProblem: string | null = null;
  const dest = moved === "archive" ? ctx.archive : moved === "quarantine" ? ctx.quarantine : null;
  if (dest !== null) {
    try {
      moveDurable(path, join(dest, rel), dest, ctx.dirs);
      movedTo = join(dest, rel);
    } catch (e) {
      moveProblem = describeError(e);
    }
  }
  ctx.step("moved");
  return { kind: "done", entry: journalEntry, display, diagnostics, movedTo, moveProblem };
}

/** Write one input's records under --out, durably; returns their paths relative to --out. */
async function writeOutputs(
  ctx: IngestContext,
  rel: string,
  entry: Extract<InputEntry, { kind: "file" }>,
  records: Article[],
  count: number,
  diagnostics: Diagnostic[],
): Promise<string[]> {
  const outDir = ctx.outDir as string;
  const tree = await OutTree.open(outDir, ctx.outDisplay ?? outDir);
  const written: string[] = [];
  for (const record of records) {
    const target = outputPath(outDir, entry, record.origin.article, count);
    const outRel = relSlash(outDir, target);
    const owner = ctx.owners.get(outRel);
    if (owner !== undefined && owner !== rel) {
      diagnostics.push(error("OUTPUT_CONFLICT", null, { path: join(ctx.outDisplay ?? outDir, outRel), first: join(ctx.inboxDisplay, owner) }));
      continue;
    }
    const problem = await tree.write(entry, record.origin.article, count, `${renderJson(record, true)}\n`);
    if (problem?.code === "WRITE_ERROR") throw new WatchFatal(problem.message);
    if (problem !== null) {
      diagnostics.push(problem);
      continue;
    }
    written.push(outRel);
  }
  try {
    const parents = new Set<string>();
    for (const o of written) {
      const target = join(outDir, o);
      fsyncPath(target);
      parents.add(dirname(target));
    }
    // Outputs of the previous version of this input that this one does not have (it had more articles).
    const prev = ctx.journal?.index.get(rel);
    for (const o of prev?.outputs ?? []) {
      if (written.includes(o)) continue;
      try {
        unlinkSync(join(outDir, o));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
      }
      if (ctx.owners.get(o) === rel) ctx.owners.delete(o);
      parents.add(dirname(join(outDir, o)));
    }
    for (const dir of parents) ctx.dirs.sync(dir, outDir);
  } catch (e) {
    throw new WatchFatal(`cannot make the outputs of ${join(ctx.inboxDisplay, rel)} durable: ${describeError(e)}`);
  }
  for (const o of written) ctx.owners.set(o, rel);
  return written;
}

/** `<quarantine>/<rel>.errors.json`: why the input was refused, written durably before it is moved there. */
async function writeErrorsFile(ctx: IngestContext, quarantine: string, rel: string, display: string, diagnostics: Diagnostic[]): Promise<void> {
  const target = join(quarantine, `${rel}.errors.json`);
  const body = { file: display, diagnostics: diagnostics.map((d) => ({ line: d.line, code: d.code, severity: d.severity, message: d.message })) };
  try {
    ctx.dirs.ensure(dirname(target), quarantine);
    await writeAtomic(target, `${JSON.stringify(body, null, 2)}\n`);
    fsyncPath(target);
    fsyncPath(dirname(target));
  } catch (e) {
    throw new WatchFatal(`cannot write ${target}: ${describeError(e)}`);
  }
}
