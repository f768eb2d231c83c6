/**
 * Inputs of `ingest watch`, from complete file to journal entry, in the order
 * that makes a crash at any point safe. Inputs go in small groups, so that the
 * fsyncs of directories and of the journal are paid once per group:
 *   prepare (each input, here): convert it (convert.ts) and write its outputs
 *     (out-tree.ts: temp + rename) or print its records;
 *   commit (the group, commit.ts): fsync the outputs and their directories, remove the
 *     outputs a previous version had and this one has not, write the
 *     .errors.json of refused inputs; append the journal entries and fsync
 *     them; then move the inputs to --archive or --quarantine (fsync both sides).
 * A crash before the journal redoes the group at restart (the same outputs,
 * byte for byte); a crash after it finds the inputs journaled and only
 * finishes their moves.
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import { error, warning } from "../../diagnostics.js";
import type { Reported } from "../report/diagnostic-line.js";
import { renderJson } from "../../render/json.js";
import type { Article } from "../../schema.js";
import { type Converted, convertInput, type ConvertOptions, type Result } from "../convert/convert.js";
import { applyPolicy, type CodePolicy } from "../report/code-policy.js";
import type { Store } from "../store/store.js";
import { StoreError } from "../store/store-error.js";
import type { InputEntry } from "../inputs/inputs.js";
import { type OutTree, outputPath } from "../output/out-tree.js";
import { moveDurable, relSlash, type DurableDirs } from "./durable.js";
import { type Done, type Journal, type JournalEntry, journalEntry } from "./journal.js";
import { racy, readWhole, unchangedSince } from "../convert/read-identity.js";
import { sameFile, type Seen } from "./settle.js";
import { keptName, type Names, planOf, sameInput, staleOutputs, underName } from "./names.js";

type FileEntry = Extract<InputEntry, { kind: "file" }>;

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
  /** --strict: applied to each input's diagnostics as a batch applies it (report/code-policy.ts). */
  policy: CodePolicy;
  /** The options that shape the outputs (output/out-tree.ts shapeKey), recorded in each entry; and what an entry without them was made under. */
  shape: string;
  legacyShape: string;
  dirs: DurableDirs;
  /** Output (relative to --out) → the input (relative) that wrote it, to refuse a second input claiming it. */
  owners: Map<string, string>;
  /** The names inputs are kept under, in --archive/--quarantine and for their outputs (names.ts). */
  names: Names;
  /** The --db store, or null: an input's rows go in with prepare, and are committed before the journal. */
  store: Store | null;
  /** Standard output, for records without --out. */
  emit: (text: string) => Promise<void>;
  /** Flush standard output; false when it has been closed (the reader went away): then nothing is journaled. */
  delivered: () => Promise<boolean>;
  /**
   * Files refused as incomplete (empty, no headline, no body, no article yet) and given one more
   * settle period, by how they stood then; and that period, for the message. Absent: no second look.
   */
  incomplete?: { held: Map<string, Seen>; settle: number };
  /** Test hook: called at each step with the number of inputs done once this group is, so a test can kill the process there. */
  step: (name: "converted" | "outputs" | "journal" | "moved", upTo: number) => void;
}

/** An input converted and written, not yet durable nor journaled. */
export interface Prepared {
  kind: "prepared";
  path: string;
  display: string;
  entry: JournalEntry;
  diagnostics: Reported[];
  /** It held more than one article: its diagnostics name theirs. */
  several: boolean;
  /** Outputs the previous version had and this one has not. */
  stale: string[];
  /** A refused input's name in --quarantine, where its .errors.json was written (set at commit). */
  quarantined?: string;
}

/** What became of one input before its group is committed. */
export type Outcome =
  | { kind: "gone" }
  /** It changed while being read: back to waiting for it to settle. */
  | { kind: "unsettled" }
  /** Refused as incomplete for the first time as it stands: looked at again after one more settle period. */
  | { kind: "incomplete"; seen: Seen }
  /** The journal already has it with this content (only an unfinished move was completed). */
  | { kind: "unchanged" }
  /** It could not be read (a permission, an I/O error): not journaled, tried again later. */
  | { kind: "unreadable"; display: string; diagnostics: Reported[] }
  | Prepared;

/** An input done: journaled, and moved where it belongs (or why not). */
export interface Committed {
  entry: JournalEntry;
  display: string;
  diagnostics: Reported[];
  several: boolean;
  movedTo: string | null;
  moveProblem: string | null;
}

/** A failure of the watch's own outputs (not the input's fault): the watch stops, exit 2. */
export class WatchFatal extends Error {}

/**
 * Standard output was closed (`ingest watch inbox | head`): the watch ends quietly, as a batch
 * does, without journaling or moving the group whose records may not have been read; they are
 * emitted again at the next start.
 */
export class StdoutClosed extends WatchFatal {}

function look(path: string): Seen | null {
  try {
    const s = statSync(path);
    return s.isFile() ? { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino } : null;
  } catch {
    return null;
  }
}

export const destination = (ctx: IngestContext, moved: Done["moved"]): string | null =>
  moved === "archive" ? ctx.archive : moved === "quarantine" ? ctx.quarantine : null;

/**
 * Finish the move a journal entry promised (a crash came between the entry and the move). When
 * it cannot be done now (gone meanwhile, no permission), the journal still promises it, and the
 * next start tries again.
 */
function finishMove(ctx: IngestContext, rel: string, prev: Done): void {
  const dest = destination(ctx, prev.moved);
  try {
    if (dest !== null) moveDurable(join(ctx.inbox, rel), join(dest, prev.name ?? rel), dest, ctx.dirs);
  } catch {
    // See above.
  }
}

/** Convert one complete input (relative to the watched directory) and write its outputs (not yet durably). */
export async function prepare(rel: string, ctx: IngestContext, tree: () => OutTree): Promise<Outcome> {
  const path = join(ctx.inbox, rel);
  const seen = look(path);
  if (seen === null) return { kind: "gone" };
  const prev = ctx.journal?.index.get(rel);
  if (prev !== undefined && vouches(ctx, prev, seen)) {
    finishMove(ctx, rel, prev);
    return { kind: "unchanged" };
  }
  const display = join(ctx.inboxDisplay, rel);
  const input: FileEntry = { kind: "file", path, display, root: ctx.inbox, named: false };
  const result = policed(await convertInput(input, { ...ctx.convert, identity: true }), ctx.policy);
  if (result.diagnostics.some((d) => d.code === "VANISHED")) return { kind: "gone" };
  // Refused before it was read through (over --max-input-bytes): hashed here, for its entry.
  const read = result.identity ?? (result.diagnostics.some((d) => d.code === "INPUT_TOO_LARGE") ? readWhole(path) : undefined);
  // It could not be read (a permission, an I/O error): nothing to journal; it is tried again.
  if (read === undefined) return { kind: "unreadable", display, diagnostics: result.diagnostics };
  // The entry and the records come from one read: the file as it is now must be the one read whole.
  const after = look(path);
  if (after === null) return { kind: "gone" };
  if (!unchangedSince(read, after)) return { kind: "unsettled" };
  // Touched but the same bytes, under the same options: done already.
  if (sameInput(ctx, rel, prev, read.ino) && prev.hash === read.hash && prev.size === read.size && sameShape(ctx, prev)) {
    finishMove(ctx, rel, prev);
    return { kind: "unchanged" };
  }

  const diagnostics = [...result.diagnostics];
  // A writer that paused longer than --settle: the file, written to moments ago, is refused as
  // unfinished (no article yet, no body). Given one more settle period first; changed by then, it
  // is taken again when it settles. A file long untouched (one there before the watch) is refused now.
  const incomplete = ctx.incomplete;
  const recent = incomplete !== undefined && incomplete.settle > 0 && Date.now() - after.mtimeMs < 2 * incomplete.settle;
  if (incomplete !== undefined && (recent || incomplete.held.has(rel)) && result.records.length === 0 && looksUnfinished(diagnostics)) {
    const held = incomplete.held.get(rel);
    if (held === undefined || !sameFile(held, after)) {
      incomplete.held.set(rel, after);
      return { kind: "incomplete", seen: after };
    }
    diagnostics.push(warning("INCOMPLETE_FILE", null, { settle: incomplete.settle }));
  }
  incomplete?.held.delete(rel);
  // Kept under its own name (a second a.txt delivered: a~2.txt, a~2.json), never over another delivery's.
  const name = keptName(ctx, rel, prev, read.ino, planOf(result.records, result.articleCount));
  let outputs: string[] = [];
  if (ctx.outDir !== null)
    outputs = writeOutputs(
      ctx,
      rel,
      underName(input, ctx, rel, name),
      tree(),
      // Converted in this thread: every record is there (only a worker sends them rendered).
      result.records.map((r) => r.record as Article),
      result.articleCount,
      diagnostics,
    );
  else for (const { record } of result.records) await ctx.emit(`${renderJson(record as Article, false)}\n`);
  if (ctx.store !== null) await storeInput(ctx.store, display, result.records, diagnostics);
  const records = ctx.outDir !== null ? outputs.length : result.records.length;
  const entry = journalEntry(ctx, rel, name, read, records, outputs, diagnostics);
  // Outputs of an earlier version of this input that this one has not; another delivery's are never touched.
  const stale = staleOutputs(ctx, rel, prev, read.ino, outputs);
  return { kind: "prepared", path, display, entry, diagnostics, several: result.articleCount > 1, stale };
}

/** Errors a file caught half-written gives: nothing in it yet, or an article cut before its body. */
const UNFINISHED = new Set(["EMPTY_INPUT", "NOT_AN_ARTICLE", "MISSING_HEADLINE", "MISSING_BODY"]);
const looksUnfinished = (diagnostics: Reported[]): boolean => {
  const errors = diagnostics.filter((d) => d.severity === "error");
  return errors.length > 0 && errors.every((d) => UNFINISHED.has(d.code));
};

/** A conversion under the code policy: warnings it makes errors are reported as such, and their articles' records dropped. */
function policed(r: Result, p: CodePolicy): Result {
  const { diagnostics, refused } = applyPolicy(r.diagnostics, p);
  return diagnostics === r.diagnostics ? r : { ...r, diagnostics, records: r.records.filter((c) => !refused.has(c.article)) };
}

/** One input's rows and problems into the store (committed with its group, before the journal). */
async function storeInput(store: Store, display: string, records: Converted[], diagnostics: Reported[]): Promise<void> {
  try {
    await store.startInput(display);
    for (const { record } of records) await store.article(record as Article);
    for (const d of diagnostics) await store.problem(d);
    await store.endInput();
  } catch (e) {
    if (e instanceof StoreError) throw new WatchFatal(e.message);
    throw e;
  }
}

/** Whether a journal entry was made under the options this watch runs with (an entry of an older build: under the defaults). */
const sameShape = (ctx: IngestContext, prev: Done): boolean => (prev.opts ?? ctx.legacyShape) === ctx.shape;

/**
 * Whether the journal's entry vouches for the file as `seen` now without reading it: made under
 * these options, with a hash, the same size, time and inode, and a modification time far enough
 * before the entry that the stat proves the bytes unchanged (convert/read-identity.ts).
 */
const vouches = (ctx: IngestContext, prev: Done, seen: Seen): boolean =>
  prev.hash !== "" && sameShape(ctx, prev) && sameFile(prev, seen) && !racy(prev.mtimeMs, Date.parse(prev.at));

/** Write one input's records under --out; returns their paths relative to --out. */
function writeOutputs(ctx: IngestContext, rel: string, input: FileEntry, tree: OutTree, records: Article[], count: number, diagnostics: Reported[]): string[] {
  const outDir = ctx.outDir as string;
  const written: string[] = [];
  for (const record of records) {
    const outRel = relSlash(outDir, outputPath(outDir, input, record.origin.article, count));
    const owner = ctx.owners.get(outRel);
    if (owner !== undefined && owner !== rel) {
      diagnostics.push(error("OUTPUT_CONFLICT", null, { path: join(ctx.outDisplay ?? outDir, outRel), first: join(ctx.inboxDisplay, owner) }));
      continue;
    }
    const problem = tree.write(input, record.origin.article, count, `${renderJson(record, true)}\n`);
    if (problem?.code === "WRITE_ERROR") throw new WatchFatal(problem.message);
    if (problem !== null) {
      diagnostics.push(problem);
      continue;
    }
    ctx.owners.set(outRel, rel);
    written.push(outRel);
  }
  return written;
}
