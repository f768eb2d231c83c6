/**
 * A bounded, ordered pipeline: up to `limit` items are worked on at once, and
 * results come out strictly in the order the items went in, whatever finishes
 * first. The window of in-flight promises doubles as the reorder buffer, so
 * at most `limit` results are held at any time.
 */

/** Run `work` over `source` with at most `limit` in flight; yield results in source order. Stops taking new items once `signal` aborts, but yields the ones already started. */
export async function* ordered<T, R>(source: AsyncIterable<T>, limit: number, work: (item: T) => Promise<R>, signal?: AbortSignal): AsyncGenerator<R> {
  const iterator = source[Symbol.asyncIterator]();
  const window: Array<Promise<R>> = [];
  let exhausted = false;
  try {
    for (;;) {
      while (!exhausted && window.length < limit && signal?.aborted !== true) {
        const next = await iterator.next();
        if (next.done === true) {
          exhausted = true;
          break;
        }
        const started = work(next.value);
        // Rejections surface when the promise reaches the head; this stops an "unhandled" report before then.
        started.catch(() => undefined);
        window.push(started);
      }
      const head = window.shift();
      if (head === undefined) return;
      yield await head;
    }
  } finally {
    if (!exhausted) await iterator.return?.(undefined);
  }
}
