// The inputs a watch could not read (a permission, an I/O error): not journaled, and tried again
// after 1 s, 2 s, 4 s … (at most a minute apart), and whenever they change; with --once, not again.

/** Unreadable inputs by path, each with the delay before its next try (ms) and that try's timer. */
export class Unreadable {
  private readonly entries = new Map<string, { delay: number; timer: NodeJS.Timeout | null }>();

  constructor(
    private readonly once: boolean,
    /** Look at the input again (the settler's touch). */
    private readonly again: (rel: string) => void,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Whether `rel` is known to be unreadable (said already). */
  has(rel: string): boolean {
    return this.entries.has(rel);
  }

  /** Read at last (or unchanged): no longer unreadable. */
  delete(rel: string): void {
    this.entries.delete(rel);
  }

  /** `rel` could not be read (again): its next try, twice as late as the last. */
  retry(rel: string): void {
    if (this.once) return;
    const known = this.entries.get(rel);
    const delay = Math.min(60_000, known === undefined ? 1000 : known.delay * 2);
    const timer = setTimeout(() => {
      const entry = this.entries.get(rel);
      if (entry !== undefined) entry.timer = null;
      this.again(rel);
    }, delay);
    timer.unref();
    if (known?.timer) clearTimeout(known.timer);
    this.entries.set(rel, { delay, timer });
  }

  /** Stop every pending try. */
  close(): void {
    for (const u of this.entries.values()) if (u.timer !== null) clearTimeout(u.timer);
  }
}
