/**
 * A byte stream cut into records at a separator byte (newline or NUL), read as the consumer
 * asks for them: the stream is paused in between, so a large or endless input (a pipe from an
 * engine) is never held whole. A record longer than `maxBytes` is skipped up to its separator
 * without being kept, and reported by its number.
 */

/** One record: its 1-based number, and its bytes, or null when it was over the limit. */
export interface Piece {
  n: number;
  bytes: Buffer | null;
}

/**
 * Cut `stream` into records at `separator` (a final record without one counts too). `idle` is
 * awaited before waiting for more input when none is buffered: a pipe stage flushes what it has
 * written then, so its output never waits on a quiet input.
 */
export async function* splitStream(
  stream: AsyncIterable<Buffer | string>,
  separator: number,
  maxBytes: number,
  idle?: () => Promise<unknown>,
): AsyncGenerator<Piece> {
  let held: Buffer[] = [];
  let size = 0;
  let over = false;
  let n = 0;
  const take = (): Piece => {
    const piece: Piece = { n: ++n, bytes: over ? null : Buffer.concat(held, size) };
    held = [];
    size = 0;
    over = false;
    return piece;
  };
  const keep = (part: Buffer): void => {
    if (over || part.length === 0) return;
    if (size + part.length > maxBytes) {
      over = true;
      held = [];
      size = 0;
      return;
    }
    held.push(part);
    size += part.length;
  };
  const chunks = stream[Symbol.asyncIterator]();
  for (;;) {
    if (idle !== undefined && ((stream as { readableLength?: number }).readableLength ?? 0) === 0) await idle();
    const next = await chunks.next();
    if (next.done === true) break;
    const chunk = next.value;
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let at = buf.indexOf(separator, start); at !== -1; at = buf.indexOf(separator, start)) {
      keep(buf.subarray(start, at));
      yield take();
      start = at + 1;
    }
    // A copy: the rest must not pin the whole chunk, which the stream may reuse.
    if (start < buf.length) keep(Buffer.from(buf.subarray(start)));
  }
  if (size > 0 || over) yield take();
}
