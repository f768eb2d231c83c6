/**
 * The one line a terminal shows while a batch or a watch works: redrawn at most five times a
 * second, cleared before any other line is written to stderr so the two never interleave. A
 * batch's line appears once the run has taken about a second and tells done/total, rate and ETA;
 * a watch's is drawn at once, redrawn each second while idle, and tells its rate over the last
 * ten seconds.
 */
import type { Tally } from "./tally.js";

const CLEAR = "\r\u001b[K";

export interface StatusLineOptions {
  /** Nothing is drawn before this time (ms, as `now` gives it) unless forced. */
  from?: number;
  /** Redraw this often (ms) whatever happens (a watch, idle); never by default. */
  every?: number;
  now?: () => number;
}

/** The status line: `text(now)` drawn in place. */
export class StatusLine {
  private shown = false;
  private lastDraw = 0;
  private readonly timer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(
    private readonly write: (text: string) => void,
    private readonly text: (now: number) => string,
    private readonly o: StatusLineOptions = {},
  ) {
    this.now = o.now ?? Date.now;
    if (o.every !== undefined) {
      this.timer = setInterval(() => this.draw(true), o.every);
      this.timer.unref();
    }
  }

  /** Redraw if it is time to (or now, when `force`). */
  draw(force = false): void {
    const t = this.now();
    if (!force && (t < (this.o.from ?? t) || t - this.lastDraw < 200)) return;
    this.lastDraw = t;
    this.shown = true;
    this.write(`${CLEAR}${this.text(t)}`);
  }

  /** Remove the line (before a diagnostic or the summary). */
  clear(): void {
    if (!this.shown) return;
    this.shown = false;
    this.write(CLEAR);
  }

  /** No more redraws; the line is removed. */
  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.clear();
  }
}

/** A batch's line: `done/total` after a file is done (`tick`), the total once a separate count has it. */
export class Progress {
  /** Unknown until a separate count of the inputs has finished. */
  total: number | null = null;
  private done = 0;
  private readonly line: StatusLine;

  constructor(write: (text: string) => void, started: number, now: () => number = Date.now) {
    this.line = new StatusLine(write, (t) => formatProgress(this.done, this.total, t - started), { from: started + 1000, now });
  }

  /** Redraw after a file is done, if it is time to. */
  tick(done: number): void {
    this.done = done;
    this.line.draw();
  }

  clear(): void {
    this.line.clear();
  }
}

/** `1234/10000 files, 850 files/s, ETA 10s` (total and ETA as ? while the count is still running). */
export function formatProgress(done: number, total: number | null, ms: number): string {
  const rate = ms > 0 ? (done * 1000) / ms : 0;
  const eta = total !== null && rate > 0 ? `${Math.ceil((total - done) / rate)}s` : "?";
  return `${done}/${total ?? "?"} files, ${Math.round(rate)} files/s, ETA ${eta}`;
}

/** Files done per second over the last ten seconds (a watch's inputs come and go): a sample a second, eleven kept. */
export class RecentRate {
  private readonly samples: Array<[number, number]> = [];

  constructor(
    private readonly done: () => number,
    now: number,
  ) {
    this.samples.push([now, done()]);
  }

  at(t: number): number {
    const last = this.samples.at(-1);
    if (last === undefined || t - last[0] >= 1000) {
      this.samples.push([t, this.done()]);
      if (this.samples.length > 11) this.samples.shift();
    }
    const first = this.samples[0] as [number, number];
    const ms = t - first[0];
    return ms > 0 ? ((this.done() - first[1]) * 1000) / ms : 0;
  }
}

/** A watch's line: `watching inbox: 1234 ingested, 5 refused, 12 queued, 41.5 files/s`. */
export function formatStatus(dir: string, t: Tally, queued: number, rate: number): string {
  return `watching ${dir}: ${t.ok} ingested, ${t.failed} refused, ${queued} queued, ${rate.toFixed(1)} files/s`;
}
