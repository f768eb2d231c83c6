/**
 * What `ingest watch` tells of each input: its diagnostics, its --log event and its --errors
 * lines (appended: a watch outlives one run), counted in the tally a batch keeps too
 * (report/tally.ts, with the summary; the status line is report/status-line.ts).
 */
import { closeSync, writeSync } from "node:fs";
import { APPEND, openRegular } from "../report/special-files.js";
import type { Reported } from "../report/diagnostic-line.js";
import { diagnosticJson, formatDiagnostic } from "../report/report.js";
import type { Tally } from "../report/tally.js";
import type { Committed } from "./ingest.js";

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
    private readonly tally: Tally,
    private readonly say: (text: string) => Promise<void>,
    private readonly quiet: boolean,
    private readonly errors: AppendLog | null,
    private readonly log: AppendLog | null,
  ) {}

  /** One input journaled; `moved` is where it went, as the user named the directory. */
  async committed(c: Committed, moved: string | null): Promise<void> {
    const e = c.entry;
    this.tally.files++;
    if (e.event === "ingested") this.tally.ok++;
    else this.tally.failed++;
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
