/**
 * When is a file complete? A writer that follows the convention renames a
 * finished file into place, and temporary names are never inputs. For the
 * others, a file is complete once its size and mtime have not changed for
 * `settle` ms: either its mtime is already that old when first seen, or it is
 * watched (stat every tick) until it has stayed the same that long.
 */
import type { Stats } from "node:fs";
import { stat } from "node:fs/promises";

/** What a stat says about a file's identity and state. */
export interface Seen {
  size: number;
  mtimeMs: number;
  ino: number;
}

interface Pending extends Seen {
  /** When this size and mtime were first observed (our clock). */
  since: number;
  /** Looked at again after a refusal: complete only after a whole settle period by our clock, whatever its mtime says. */
  again?: boolean;
}

export const sameFile = (a: Seen, b: Seen): boolean => a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;

/** Files waiting to be complete; `ready` is called once per file, when it is. */
export class Settler {
  private readonly pending = new Map<string, Pending>();
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;

  constructor(
    private readonly settle: number,
    /** Absolute path of a relative one. */
    private readonly abs: (rel: string) => string,
    private readonly ready: (rel: string, seen: Seen) => void,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.pending.size;
  }

  /** A file appeared or changed: watch it (again) until it is complete. */
  async touch(rel: string): Promise<void> {
    const s = await this.look(rel);
    if (s === null || !s.isFile()) return;
    const seen = { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
    const t = this.now();
    const held = this.pending.get(rel);
    // Looked at again after a refusal, and unchanged: its settle period runs from the refusal.
    if (held?.again === true && sameFile(held, seen)) return this.schedule();
    // Nothing written for `settle` ms (by the file's own clock), or --settle 0: complete now.
    if (this.settle === 0 || t - seen.mtimeMs >= this.settle) {
      this.pending.delete(rel);
      this.ready(rel, seen);
      return;
    }
    const before = this.pending.get(rel);
    if (before === undefined || !sameFile(before, seen)) this.pending.set(rel, { ...seen, since: t });
    this.schedule();
  }

  /** A file refused as incomplete: ready again once it has stayed as it is (or settled after a change) for a settle period from now. */
  again(rel: string, seen: Seen): void {
    this.pending.set(rel, { ...seen, since: this.now(), again: true });
    this.schedule();
  }

  /**
   * The watch moved `rel` out: a file put there again at once can go unreported (chokidar, seeing
   * the removal and the new file together, may report neither), so the path is looked at again a
   * little later, twice; a file there then is taken like any other.
   */
  vacated(rel: string): void {
    for (const ms of [250, 1000]) setTimeout(() => void this.touch(rel), ms).unref();
  }

  /** The file is gone: stop watching it. */
  forget(rel: string): void {
    this.pending.delete(rel);
  }

  /** The file's stat; null, and forgotten, when it cannot be stat'ed (gone). */
  private async look(rel: string): Promise<Stats | null> {
    try {
      return await stat(this.abs(rel));
    } catch {
      this.forget(rel);
      return null;
    }
  }

  private schedule(): void {
    if (this.timer !== null || this.pending.size === 0) return;
    // A few looks per settle period; never busier than 20 a second.
    this.timer = setTimeout(() => void this.tick(), Math.max(50, Math.min(500, this.settle / 4)));
  }

  private async tick(): Promise<void> {
    this.timer = null;
    if (this.ticking) return;
    this.ticking = true;
    try {
      for (const [rel, p] of [...this.pending]) {
        const s = await this.look(rel);
        if (s === null) continue;
        const seen = { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
        const t = this.now();
        if (!sameFile(p, seen)) this.pending.set(rel, { ...seen, since: t });
        else if (t - p.since >= this.settle || (p.again !== true && t - seen.mtimeMs >= this.settle)) {
          this.pending.delete(rel);
          this.ready(rel, seen);
        }
      }
    } finally {
      this.ticking = false;
      this.schedule();
    }
  }

  /** Stop the timer (pending files stay unlooked-at). */
  close(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
  }
}
