/**
 * What `ingest watch` tells its user: the status line on a terminal, the
 * --log events, the --errors lines (appended: a watch outlives one run) and
 * the summary when it stops.
 */
import { closeSync, writeSync } from "node:fs";
import { APPEND, openRegular } from "../report/special-files.js";
import type { Reported } from "../report/diagnostic-line.js";
import { diagnosticJson, formatDiagnostic, plural } from "../report/report.js";
import type { Committed } from "./ingest.js";

/** Running counts of a watch. */
export interface WatchTally {
  ingested: number;
  refused: number;
  /** Seen again with content the journal already has (no work done). */
  unchanged: number;
  /** Could not be read (not journaled; tried again). */
  unreadable: number;
  records: number;
  warnings: number;
  errors: number;
}

export const newWatchTally = (): WatchTally => ({ ingested: 0, refused: 0, unchanged: 0, unreadable: 0, records: 0, warnings: 0, errors: 0 });

/** `inbox/: 1234 ingested, 5 refused, 12 queued, 41.5 files/s` */
export function formatStatus(dir: string, t: WatchTally, queued: number, rate: number): string {
  return `watching ${dir}: ${t.ingested} ingested, ${t.refused} refused, ${queued} queued, ${rate.toFixed(1)} files/s`;
}

/** The last line of a watch: what it did, and how long it ran. */
export function formatWatchSummary(t: WatchTally, ms: number, why: string): string {
  const files = t.ingested + t.refused;
  const same = (t.unchanged > 0 ? `, ${t.unchanged} unchanged` : "") + (t.unreadable > 0 ? `, ${t.unreadable} unreadable` : "");
  return `watch stopped (${why}) after ${(ms / 1000).toFixed(1)}s: ${plural(files, "file")} (${t.ingested} ingested, ${t.refused} refused${same}): ${plural(t.records, "record")}, ${plural(t.warnings, "warning")}, ${plural(t.errors, "error")}\n`;
}

const CLEAR = "\r\u001b[K";

/**
 * The status line on a terminal: redrawn after each file (at most 5 times a second) and once a
 * second while idle, cleared before any other line. Its rate is over the last ten seconds.
 */
export class StatusLine {
  private shown = false;
  private lastDraw = 0;
  private readonly samples: Array<[number, number]> = [];
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly write: (text: string) => void,
    private readonly text: (rate: number) => string,
    private readonly done: () => number,
    private readonly now: () => number = Date.now,
  ) {
    this.samples.push([now(), done()]);
    this.timer = setInterval(() => this.draw(true), 1000);
    this.timer.unref();
  }

  private rate(t: number): number {
    const last = this.samples.at(-1);
    if (last === undefined || t - last[0] >= 1000) {
      this.samples.push([t, this.done()]);
      if (this.samples.length > 11) this.samples.shift();
    }
    const first = this.samples[0] as [number, number];
    const ms = t - first[0];
    return ms > 0 ? ((this.done() - first[1]) * 1000) / ms : 0;
  }

  /** Redraw if it is time to (or now, when `force`). */
  draw(force = false): void {
    const t = this.now();
    if (!force && t - this.lastDraw < 200) return;
    this.lastDraw = t;
    this.shown = true;
    this.write(`${CLEAR}${this.text(this.rate(t))}`);
  }

  /** Remove the line (before a diagnostic or the summary). */
  clear(): void {
    if (!this.shown) return;
    this.shown = false;
    this.write(CLEAR);
  }

  stop(): void {
    clearInterval(this.timer);
    this.clear();
  }
}

/**
 * A file opened for appending whole lines (--log, --errors). Never a named pipe or a device
 * (output/open.ts). A failed write (a full disk, `ulimit -f`) is kept, not thrown: the watch
 * stops after the group in hand, says which file failed, and exits 2 (watch.ts).
 */
export class AppendLog {
  /** The first write or close that failed; nothing more is written after it. */
  failure: NodeJS.ErrnoException | null = null;

  private constructor(
    private readonly fd: number,
    /** As the user named it, for the message. */
    readonly what: string,
  ) {}

  /** Open for appending, creating it; throws before any work starts when it cannot. */
  static open(path: string, what: string): AppendLog {
    return new AppendLog(openRegular(path, APPEND, { devNull: true }), what);
  }

  line(value: unknown): void {
    this.text(`${JSON.stringify(value)}\n`);
  }

  /** Append text that is already one or more whole lines; a short write is finished, a failed one kept. */
  text(lines: string): void {
    if (this.failure !== null) return;
    const bytes = Buffer.from(lines);
    try {
      let at = 0;
      while (at < bytes.length) at += writeSync(this.fd, bytes, at, bytes.length - at);
    } catch (e) {
      this.failure = e as NodeJS.ErrnoException;
    }
  }

  close(): void {
    try {
      closeSync(this.fd);
    } catch (e) {
      this.failure ??= e as NodeJS.ErrnoException;
    }
  }
}

const count = (ds: Reported[], severity: Reported["severity"]): number => ds.filter((d) => d.severity === severity).length;

/** What is said of each input done: its diagnostics (stderr and --errors), its --log event, the counts. */
export class Teller {
  constructor(
    private readonly tally: WatchTally,
    private readonly say: (text: string) => Promise<void>,
    private readonly quiet: boolean,
    private readonly errors: AppendLog | null,
    private readonly log: AppendLog | null,
  ) {}

  /** One input journaled; `moved` is where it went, as the user named the directory. */
  async committed(c: Committed, moved: string | null): Promise<void> {
    const e = c.entry;
    if (e.event === "ingested") this.tally.ingested++;
    else this.tally.refused++;
    this.tally.records += e.records;
    for (const d of c.diagnostics) {
      // -q hides warnings, as in a batch.
      if (!(this.quiet && d.severity === "warning")) await this.say(formatDiagnostic(c.display, d, { article: c.several }));
      this.errors?.text(diagnosticJson(c.display, d));
      if (d.severity === "error") this.tally.errors++;
      else this.tally.warnings++;
    }
    if (c.moveProblem !== null) await this.say(`ingest: error: cannot move ${c.display}: ${c.moveProblem} (it stays; the journal has it)\n`);
    const [warnings, errors] = [count(c.diagnostics, "warning"), count(c.diagnostics, "error")];
    this.log?.line({
      time: e.at,
      event: e.event,
      file: c.display,
      size: e.size,
      hash: e.hash,
      records: e.records,
      outputs: e.outputs,
      warnings,
      errors,
      moved,
    });
  }
}
