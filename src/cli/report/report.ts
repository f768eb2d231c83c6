// src/cli/report/: what a run tells its user and the shell. Diagnostic lines, the --errors log,
// the tally and the summary (tally.ts) and the status line (status-line.ts) that a batch and a
// watch share, per-code policy (--ignore, --error-on), colour, file-system error wording, failures
// of the run's own outputs, internal-error reports and the exit code. Imports nothing from
// convert/, inputs/, output/ or watch/.
/**
 * What a batch tells its user of each problem: a stderr line (the first few on a terminal, then
 * counts by code) and a JSON Lines object in the --errors log.
 */
import { createWriteStream } from "node:fs";
import type { Reported } from "./diagnostic-line.js";
import { sink, type Sink } from "../io.js";
import { APPEND, openRegular } from "./special-files.js";

export { formatDiagnostic } from "./diagnostic-line.js";

/** One diagnostic as a JSON Lines object for machines: the article is null for the whole input, the column where unknown; `data` holds the message's arguments. */
export function diagnosticJson(file: string | null, d: Reported): string {
  const { line, code, severity, message, data } = d;
  return `${JSON.stringify({ file, line, column: d.column ?? null, article: d.article ?? null, code, severity, message, data })}\n`;
}

/** Counts by code, most frequent first: `5000 MISSING_DISCLAIMER, 4999 DUPLICATE_ID`. */
export function formatCounts(counts: ReadonlyMap<string, number>): string {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([code, n]) => `${n} ${code}`)
    .join(", ");
}

/** How many problem lines a batch shows on a terminal before it only counts them. */
export const TERMINAL_PROBLEM_LINES = 20;

/**
 * The problem lines a terminal is shown: the first `limit`, then none; the rest are counted by
 * code for one closing line. Pipes and files get every line (no ShownLines is made for them).
 */
export class ShownLines {
  private shown = 0;
  private held = 0;
  private readonly heldByCode = new Map<string, number>();

  constructor(readonly limit = TERMINAL_PROBLEM_LINES) {}

  /** Whether the next line (of this code) is shown; a line not shown is counted. */
  take(code: string): boolean {
    if (this.shown < this.limit) {
      this.shown++;
      return true;
    }
    this.held++;
    this.heldByCode.set(code, (this.heldByCode.get(code) ?? 0) + 1);
    return false;
  }

  /** `… and N more (counts by code; where to find them all)`, or "" when every line was shown. */
  closing(errorsFile: string | null): string {
    if (this.held === 0) return "";
    const codes = [...this.heldByCode].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const byCode = formatCounts(new Map(codes.slice(0, 4))) + (codes.length > 4 ? ", …" : "");
    const all = errorsFile === null ? "--errors FILE keeps them all" : `all of them are in ${errorsFile}`;
    return `… and ${this.held} more (${byCode}; ${all})\n`;
  }
}

/** The --errors file: one JSON object per problem. */
export class ErrorLog {
  private constructor(
    private readonly out: Sink,
    private readonly close: () => Promise<NodeJS.ErrnoException | null>,
  ) {}

  /** The log on a stream that is already open (--errors - for standard error). */
  static on(out: Sink): ErrorLog {
    return new ErrorLog(out, async () => {
      await out.flush();
      return null;
    });
  }

  /**
   * Open the log for appending (O_APPEND), creating it if needed; throws when it cannot be opened,
   * before any work starts. Appending, not truncating: two runs sharing one log each add their
   * lines, whole (every write is one or more whole lines, and O_APPEND places each write at the
   * end at once), and neither wipes the other's.
   */
  static async open(path: string): Promise<ErrorLog> {
    // Never a named pipe or a device (/dev/null aside): opening one could block, and the guard
    // (output/guard.ts) has checked the path; this checks the file actually opened.
    const fd = openRegular(path, APPEND, { devNull: true });
    const stream = createWriteStream("", { fd });
    // end()'s callback hears a failed last write (ENOSPC) before the stream's error event does.
    return new ErrorLog(sink(stream), () => new Promise((resolve) => stream.end((e?: NodeJS.ErrnoException | null) => resolve(e ?? null))));
  }

  private ended: NodeJS.ErrnoException | null = null;

  /** Set when a write failed (a full disk): the run stops and says so. */
  get failure(): NodeJS.ErrnoException | null {
    return this.out.failure ?? this.ended;
  }

  write(file: string | null, d: Reported): Promise<void> {
    return this.out.write(diagnosticJson(file, d));
  }

  /** Flush and close. */
  async end(): Promise<void> {
    this.ended = await this.close();
  }
}
