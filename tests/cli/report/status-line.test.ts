/**
 * The tally, the summaries and the status line a batch and a watch share (report/tally.ts,
 * report/status-line.ts): each command's words, exactly as a user sees them.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { formatProgress, formatStatus, Progress, RecentRate, StatusLine } from "../../../src/cli/report/status-line.js";
import { formatSummary, formatWatchSummary, newTally } from "../../../src/cli/report/tally.js";

const CLEAR = "\r\u001b[K";

describe("the summaries", () => {
  it("a watch's: files ingested and refused, unchanged and unreadable only when there are any", () => {
    const t = { ...newTally(), files: 5, ok: 3, failed: 2, records: 4, warnings: 1, errors: 2 };
    expect(formatWatchSummary(t, 1234, "nothing left")).toBe(
      "watch stopped (nothing left) after 1.2s: 5 files (3 ingested, 2 refused): 4 records, 1 warning, 2 errors\n",
    );
    expect(formatWatchSummary({ ...t, skipped: 7, unreadable: 1 }, 60_000, "SIGTERM")).toBe(
      "watch stopped (SIGTERM) after 60.0s: 5 files (3 ingested, 2 refused, 7 unchanged, 1 unreadable): 4 records, 1 warning, 2 errors\n",
    );
    expect(formatWatchSummary(newTally(), 0, "error")).toBe(
      "watch stopped (error) after 0.0s: 0 files (0 ingested, 0 refused): 0 records, 0 warnings, 0 errors\n",
    );
  });

  it("a batch's, from the same tally: ok, with errors, up to date", () => {
    const t = { ...newTally(), files: 6, ok: 3, failed: 2, skipped: 1, records: 4, warnings: 0, errors: 2 };
    expect(formatSummary(t, 2500, false)).toBe("6 files (3 ok, 2 with errors, 1 up to date): 4 records, 0 warnings, 2 errors in 2.5s\n");
  });
});

describe("the status line", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a watch's: drawn at once when forced, at most five times a second otherwise, cleared once", () => {
    let now = 10_000;
    let screen = "";
    const t = { ...newTally(), files: 3, ok: 3 };
    const line = new StatusLine(
      (s) => (screen += s),
      () => formatStatus("inbox", t, 2, 1.25),
      { now: () => now },
    );
    line.draw(true);
    expect(screen).toBe(`${CLEAR}watching inbox: 3 ingested, 0 refused, 2 queued, 1.3 files/s`);
    now += 100;
    line.draw();
    expect(screen.split(CLEAR)).toHaveLength(2);
    now += 150;
    line.draw();
    expect(screen.split(CLEAR)).toHaveLength(3);
    line.clear();
    line.clear();
    expect(screen.endsWith(`files/s${CLEAR}`)).toBe(true);
    line.stop();
    expect(screen.split(CLEAR)).toHaveLength(4);
  });

  it("a watch's is redrawn each second while idle, and no more once stopped", () => {
    vi.useFakeTimers();
    let draws = 0;
    const line = new StatusLine(
      () => draws++,
      () => "x",
      { every: 1000 },
    );
    vi.advanceTimersByTime(3500);
    expect(draws).toBe(3);
    line.stop();
    vi.advanceTimersByTime(3000);
    expect(draws).toBe(4); // the clear
  });

  it("a watch's rate is over the last ten seconds, not the whole run", () => {
    let done = 0;
    const rate = new RecentRate(() => done, 0);
    // 100 files in the first second, then nothing for twenty seconds.
    done = 100;
    expect(rate.at(1000)).toBe(100);
    for (let t = 2000; t <= 21_000; t += 1000) rate.at(t);
    expect(rate.at(21_000)).toBe(0);
    done = 150;
    expect(rate.at(21_500)).toBeCloseTo(50 / 10.5, 5);
  });

  it("a batch's: nothing in the first second, then done/total, rate and ETA; it clears itself", () => {
    let now = 0;
    let screen = "";
    const p = new Progress(
      (s) => (screen += s),
      0,
      () => now,
    );
    now = 999;
    p.tick(10);
    expect(screen).toBe("");
    now = 1000;
    p.tick(20);
    expect(screen).toBe(`${CLEAR}20/? files, 20 files/s, ETA ?`);
    now = 1100;
    p.tick(30);
    expect(screen).toBe(`${CLEAR}20/? files, 20 files/s, ETA ?`);
    p.clear();
    expect(screen.endsWith(CLEAR)).toBe(true);
    expect(formatProgress(500, 1000, 2000)).toBe("500/1000 files, 250 files/s, ETA 2s");
  });
});
