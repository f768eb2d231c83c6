/**
 * Memory as a budget. Parsing holds every line of an input as a string and each non-blank line
 * as a few small objects (a body line, a paragraph, its line numbers): about 300 bytes a line
 * whatever its length, on top of ~8 bytes per input byte for the text, the record and its JSON.
 * So an input of one-character lines costs ~150 bytes of memory per byte of input (a 10 MiB one
 * cost 1.5 GB), where prose costs ~10. Two budgets follow:
 *
 * - per input: an input whose estimated cost is over PER_INPUT is that input's error before it
 *   is parsed (an input of prose stays far below it up to the default --max-bytes);
 * - per run: the bytes of the inputs read but not yet written out, whatever --jobs, stay under
 *   IN_FLIGHT (one input is always let through).
 */
import { addressRoom } from "./address-space.js";

/** Estimated parse cost per non-blank line, and per byte of input (measured on Node 20). */
const PER_LINE = 300;
const PER_BYTE = 8;
/** The most one input may cost to parse: with the process's own ~60 MB, under 300 MB. */
export const PER_INPUT = 220 * 1024 * 1024;
/** The input bytes in flight at once across workers and the reorder window. */
export const IN_FLIGHT = 32 * 1024 * 1024;

/** The worst case of a byte: one character and a line break. */
const WORST_PER_BYTE = PER_BYTE + PER_LINE / 2;

/** Non-blank lines in `bytes` (a line that holds anything but CR or LF). */
function nonBlankLines(bytes: Uint8Array): number {
  let n = 0;
  let content = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === 10) {
      if (content) n++;
      content = false;
    } else if (b !== 13 && b !== 32 && b !== 9) content = true;
  }
  return content ? n + 1 : n;
}

/** The default --max-bytes, which PER_INPUT is set for. */
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** An input this small fits whatever its shape and whatever the limit: never scanned, no limit read (~100 KB). */
const ALWAYS_FITS = 16 * 1024 * 1024;

const MB = 1024 * 1024;

/**
 * Why parsing `bytes` would go over the per-input budget, or null. The budget grows with a raised
 * --max-bytes (`maxBytes`): whoever admits larger inputs admits their memory. Under an
 * address-space limit (`ulimit -v`) it is also at most the room left (address-space.ts): V8
 * aborts the whole process when it cannot grow its heap. Small inputs are never scanned: even at
 * the worst shape they fit.
 */
export function overBudget(bytes: Uint8Array, maxBytes = DEFAULT_MAX_BYTES): string | null {
  let budget = PER_INPUT * Math.max(1, maxBytes / DEFAULT_MAX_BYTES);
  if (bytes.length * WORST_PER_BYTE <= Math.min(budget, ALWAYS_FITS)) return null;
  const room = addressRoom();
  const limited = room !== null && room < budget;
  if (limited) budget = room;
  if (bytes.length * WORST_PER_BYTE <= budget) return null;
  const lines = nonBlankLines(bytes);
  const cost = bytes.length * PER_BYTE + lines * PER_LINE;
  if (cost <= budget) return null;
  if (limited) {
    return `parsing it would take about ${Math.ceil(cost / MB)} MB, more than the ${Math.floor(budget / MB)} MB of address space left under the limit (ulimit -v); raise the limit or split it`;
  }
  const most = Math.floor((budget - bytes.length * PER_BYTE) / PER_LINE);
  return `${lines} non-blank lines are too many to parse within one input's memory budget (at most ${Math.max(0, most)} for its size); split it`;
}

/** A first-come, first-served budget of bytes; one claim is always let through when nothing is held. */
export class ByteBudget {
  private used = 0;
  private readonly waiting: Array<{ size: number; go: () => void }> = [];

  constructor(private readonly limit: number) {}

  /** Wait until `size` bytes fit (or nothing else is held), then hold them. */
  acquire(size: number): Promise<void> {
    if (this.waiting.length === 0 && (this.used === 0 || this.used + size <= this.limit)) {
      this.used += size;
      return Promise.resolve();
    }
    return new Promise((go) => this.waiting.push({ size, go }));
  }

  /** Give back `size` bytes, letting waiting claims through in order. */
  release(size: number): void {
    this.used -= size;
    for (let next = this.waiting[0]; next !== undefined && (this.used === 0 || this.used + next.size <= this.limit); next = this.waiting[0]) {
      this.waiting.shift();
      this.used += next.size;
      next.go();
    }
  }
}
