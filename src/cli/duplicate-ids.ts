/**
 * The record IDs seen so far in a run, to report a repeated one with where it was first seen;
 * compact, so that memory stays flat over a run of millions of records (a Map from ID string to
 * "file:line" string cost ~250 bytes a record).
 *
 * Each ID is kept as a 64-bit hash (two independent 32-bit FNV-1a hashes) with the line where it
 * was first seen: three 32-bit words per ID, in blocks of 65,536 IDs, in the order they came (so
 * an ID's input is found from its number: each input's name is kept once, with its first number).
 * An open-addressing hash table of one word per slot (the ID's number), at most 3/4 full, finds
 * them: 12 bytes per ID plus 5.3 to 10.7 for the table as it doubles, 17 to 23 in all. Two different IDs share a 64-bit hash with a
 * probability of about n²/2⁶⁵ over a run of n IDs (under 3·10⁻⁶ for ten million), and only then
 * would a DUPLICATE_ID be reported for an ID that is not one.
 */

const MAX_LOAD = 0.75;
/** IDs per block of the ID store (a power of two). */
const BLOCK_BITS = 16;
const BLOCK = 1 << BLOCK_BITS;

/** FNV-1a over the UTF-16 code units, with the given offset basis and a 32-bit prime. */
function fnv(text: string, basis: number, prime: number): number {
  let h = basis;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), prime);
  return h >>> 0;
}

const slotOf = (hi: number, lo: number, mask: number): number => (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;

/** Every ID of a run, with the place (`file:line`) it was first seen. */
export class DuplicateIds {
  /** Slot → ID number + 1 (0: empty). */
  private table = new Uint32Array(1024);
  private mask = 1023;
  private size = 0;
  /** The IDs in the order they came, three words each: hash high, hash low, line. */
  private readonly blocks: Uint32Array[] = [];
  /** The input names, and the number of the first ID of each, in the order IDs came. */
  private readonly inputs: string[] = [];
  private readonly inputStarts: number[] = [];

  /** How many IDs are held. */
  get count(): number {
    return this.size;
  }

  /** Bytes held for the IDs: the table and the blocks (not the input names). */
  get bytes(): number {
    return this.table.byteLength + this.blocks.reduce((n, b) => n + b.byteLength, 0);
  }

  /** Where `id` was first seen; or null when this is its first time, which is remembered (`input`, `line`). */
  firstSeen(id: string, input: string, line: number): string | null {
    const hi = fnv(id, 0x811c9dc5, 0x01000193);
    const lo = fnv(id, 0x050c5d1f, 0x01000197);
    let i = slotOf(hi, lo, this.mask);
    for (;;) {
      const n = this.table[i] ?? 0;
      if (n === 0) break;
      const block = this.blocks[(n - 1) >>> BLOCK_BITS] as Uint32Array;
      const at = 3 * ((n - 1) & (BLOCK - 1));
      if (block[at] === hi && block[at + 1] === lo) return this.placeName(n - 1, block[at + 2] ?? 0);
      i = (i + 1) & this.mask;
    }
    const n = this.size;
    if (this.inputs.length === 0 || this.inputs[this.inputs.length - 1] !== input) {
      // A copy of the name: a slice would keep its parent string alive.
      this.inputs.push(Buffer.from(input, "utf8").toString("utf8"));
      this.inputStarts.push(n);
    }
    if ((n & (BLOCK - 1)) === 0) this.blocks.push(new Uint32Array(3 * BLOCK));
    const block = this.blocks[n >>> BLOCK_BITS] as Uint32Array;
    const at = 3 * (n & (BLOCK - 1));
    block[at] = hi;
    block[at + 1] = lo;
    block[at + 2] = line;
    this.table[i] = n + 1;
    if (++this.size > MAX_LOAD * (this.mask + 1)) this.grow();
    return null;
  }

  private placeName(n: number, line: number): string {
    // The last input whose first ID is at or before this one.
    let low = 0;
    let high = this.inputStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.inputStarts[mid] ?? 0) <= n) low = mid;
      else high = mid - 1;
    }
    return `${this.inputs[low] ?? ""}:${line}`;
  }

  private grow(): void {
    const slots = 2 * (this.mask + 1);
    this.table = new Uint32Array(slots);
    this.mask = slots - 1;
    for (let n = 0; n < this.size; n++) {
      const block = this.blocks[n >>> BLOCK_BITS] as Uint32Array;
      const at = 3 * (n & (BLOCK - 1));
      let i = slotOf(block[at] ?? 0, block[at + 1] ?? 0, this.mask);
      while (this.table[i] !== 0) i = (i + 1) & this.mask;
      this.table[i] = n + 1;
    }
  }
}
