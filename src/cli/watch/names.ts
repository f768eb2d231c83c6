/**
 * The name an input of `ingest watch` is kept under: its place in --archive or --quarantine and
 * the name of its outputs in --out-dir (`a~2.txt` → `a~2.json`), one name for both, so the output
 * tree is the one a batch over the kept files gives. One rule (issue #24):
 *   - a path the journal holds whose file the watch has not moved out is one input: a file there
 *     with new content (rewritten, renamed over, or removed and put there again) is a new version
 *     of it, and keeps its name: its outputs replace the earlier ones, as in a batch --incremental;
 *     so is one whose move did not happen (the same inode, or nothing of its name where it was
 *     to go: a crash came first, or it changed while moved and was moved back);
 *   - any other file (a name never seen, or one whose earlier file the watch moved to --archive or
 *     --quarantine) is a new delivery: its name is the first of `a.txt`, `a~2.txt`, `a~3.txt`, ...
 *     that no other delivery holds: no file of that name in --archive or --quarantine, no output
 *     of that name in --out-dir claimed by another input, no name another input of this watch
 *     holds. The archive and the quarantine are what tell deliveries apart: outputs there whose
 *     input is in neither are those of an attempt that never reached its journal entry (a crash,
 *     or the input changed first), and are this input's to replace.
 * So no delivery's records or bytes are ever replaced by another's while the archive keeps it,
 * and a redo after a crash takes the name it had.
 */
import { basename, dirname, join } from "node:path";
import type { Article } from "../../schema.js";
import type { Reported } from "../report/diagnostic-line.js";
import { firstFree, taken } from "../output/deliver.js";
import { fitName } from "../output/fit-name.js";
import { outputPath } from "../output/out-tree.js";
import type { InputEntry } from "../inputs/inputs.js";
import { relSlash } from "./durable.js";
import type { Done } from "./journal.js";

type FileEntry = Extract<InputEntry, { kind: "file" }>;

/** The names of this watch's inputs converted but not journaled yet (a redo keeps its name), and the names they hold. */
export class Names {
  private readonly byInput = new Map<string, string>();
  private readonly held = new Set<string>();

  /** The name `rel` took and has not journaled yet. */
  pending(rel: string): string | undefined {
    return this.byInput.get(rel);
  }

  /** Whether an input other than `rel` holds `name`. */
  heldByOther(name: string, rel: string): boolean {
    return this.held.has(name) && this.byInput.get(rel) !== name;
  }

  claim(rel: string, name: string): void {
    this.byInput.set(rel, name);
    this.held.add(name);
  }

  /** `rel` is journaled: its entry holds its name now. */
  journaled(rel: string): void {
    const name = this.byInput.get(rel);
    if (name === undefined) return;
    this.byInput.delete(rel);
    this.held.delete(name);
  }
}

/** What the naming needs of a watch (ingest.ts's IngestContext). */
export interface NamingContext {
  inbox: string;
  outDir: string | null;
  archive: string | null;
  quarantine: string | null;
  owners: Map<string, string>;
  names: Names;
}

/** What an input would write under a name: one output per good article (out-tree.ts outputPath). */
export interface Plan {
  articles: number[];
  count: number;
}

/** What `keptName` looks at: the articles an input has outputs for. */
export const planOf = (records: Array<{ record: unknown }>, count: number): Plan => ({
  articles: records.map((r) => (r.record as Article).origin.article),
  count,
});

/** Outputs an earlier version of this very input had and this one has not (to remove); never another delivery's. */
export const staleOutputs = (ctx: NamingContext, rel: string, prev: Done | undefined, ino: number, outputs: string[]): string[] =>
  sameInput(ctx, rel, prev, ino) ? prev.outputs.filter((o) => !outputs.includes(o)) : [];

/**
 * The journal's entry at `rel` is of this very input: one the watch did not move out (any
 * content), or whose move did not happen: the same inode (a crash before the move ended), or
 * nothing under its name where it was to go (a crash, or moved back: it changed while moved).
 */
export function sameInput(ctx: NamingContext, rel: string, prev: Done | undefined, ino: number): prev is Done {
  if (prev === undefined) return false;
  if (prev.moved === null || prev.ino === ino) return true;
  const dest = prev.moved === "archive" ? ctx.archive : ctx.quarantine;
  return dest === null || !taken(join(dest, prev.name ?? rel));
}

/** The name input `rel` (inode `ino`) is kept under; `prev` is the journal's entry at its path. */
export function keptName(ctx: NamingContext, rel: string, prev: Done | undefined, ino: number, plan: Plan): string {
  if (sameInput(ctx, rel, prev, ino)) return prev.name ?? rel;
  const pending = ctx.names.pending(rel);
  if (pending !== undefined) return pending;
  const name = firstFree(rel, (candidate) => free(ctx, rel, candidate, plan));
  ctx.names.claim(rel, name);
  return name;
}

/** Input `rel` under another name: where its outputs go (out-tree.ts names them after the path). */
export const underName = (input: FileEntry, ctx: NamingContext, rel: string, name: string): FileEntry =>
  name === rel ? input : { ...input, path: join(ctx.inbox, name) };

/** The errors file of a quarantined input: beside it, named after it, cut to fit when the name is long (output/fit-name.ts). */
export const errorsFileOf = (input: string): string => join(dirname(input), fitName(basename(input), ".errors.json"));

/** What a refused input's .errors.json says. */
export function errorsText(display: string, diagnostics: Reported[]): string {
  const body = {
    file: display,
    diagnostics: diagnostics.map((d) => ({ line: d.line, article: d.article ?? null, code: d.code, severity: d.severity, message: d.message, data: d.data })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

function free(ctx: NamingContext, rel: string, candidate: string, plan: Plan): boolean {
  if (ctx.names.heldByOther(candidate, rel)) return false;
  if (ctx.archive !== null && taken(join(ctx.archive, candidate))) return false;
  if (ctx.quarantine !== null && taken(join(ctx.quarantine, candidate))) return false;
  const outDir = ctx.outDir;
  if (outDir === null) return true;
  const entry = { kind: "file", path: join(ctx.inbox, candidate), display: candidate, root: ctx.inbox, named: false } as FileEntry;
  return plan.articles.every((article) => {
    const owner = ctx.owners.get(relSlash(outDir, outputPath(outDir, entry, article, plan.count)));
    return owner === undefined || owner === rel;
  });
}
