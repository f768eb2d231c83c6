/**
 * The record IDs seen so far in a run, to report a repeated one with where it was first seen;
 * compact, so that memory stays flat over a run of millions of records (a Map from ID string to
 * "file:line" string cost ~250 bytes a record).
 *
 * Each ID is kept as a 64-bit hash (two independent 32-bit FNV-1a hashes) in an open-addressing
 * table of 32-bit words, next to the number of its place; a place is a line number (one word per
 * ID) and the index of its input, whose name is kept once per input. That is 16 bytes per ID in
 * the table at its fullest (three words per slot, at most 3/4 of the slots used) plus 4 for the
 * line: 20 to 36 bytes per ID as the table doubles. Two different IDs share a 64-bit hash with a
 * probability of about n²/2⁶⁵ over a run of n IDs (under 3·10⁻⁶ for ten million), and only then
 * would a DUPLICATE_ID be reported for an ID that is not one.
 */

const EMPTY = 0;
const MAX_LOAD = 0.75;

/** FNV-1a over the UTF-16 code units, with the given offset basis and a 32-bit prime. */
function fnv(text: string, basis: number, prime: number): number {
  let h = basis;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), prime);
  return h >>> 0;
}

/** Every ID of a run, with the place (`file:line`) it was first seen. */
export class DuplicateIds {
  /** Slots of three words: hash high, hash low, place number + 1 (0: empty). */
  private table = new Uint32Array(3 * 1024);
  private mask = 1023;
  private size = 0;
  /** The line of each place, by place number. */
  private lines = new Uint32Array(1024);
  /** The input names, and the first place number of each, in the order places were added. */
  private readonly inputs: string[] = [];
  private readonly inputStarts: number[] = [];

  /** How many IDs are held. */
  get count(): number {
    return this.size;
  }

  /** Bytes held by the table and the lines (not the input names). */
  get bytes(): number {
    return this.table.byteLength + this.lines.byteLength;
  }

  /** Where `id` was first seen; or null when this is its first time, which is remembered (`input`, `line`). */
  firstSeen(id: string, input: string, line: number): string | null {
    const hi = fnv(id, 0x811c9dc5, 0x01000193);
    const lo = fnv(id, 0x050c5d1f, 0x01000197);
    let i = (hi ^ Math.imul(lo, 0x9e3779b1)) & this.mask;
    const t = this.table;
    for (;;) {
      const at = 3 * i;
      const place = t[at + 2] ?? EMPTY;
      if (place === EMPTY) break;
      if (t[at] === hi && t[at + 1] === lo) return this.placeName(place - 1);
      i = (i + 1) & this.mask;
    }
    const place = this.size;
    if (this.inputs[this.inputs.length - 1] !== input || this.inputs.length === 0) {
      // A copy of the name: a slice would keep its parent string alive.
      this.inputs.push(Buffer.from(input, "utf8").toString("utf8"));
      this.inputStarts.push(place);
    }
    if (place >= this.lines.length) {
      const more = new Uint32Array(Math.ceil(this.lines.length * 1.5));
      more.set(this.lines);
      this.lines = more;
    }
    this.lines[place] = line;
    const at = 3 * i;
    t[at] = hi;
    t[at + 1] = lo;
    t[at + 2] = place + 1;
    if (++this.size > MAX_LOAD * (this.mask + 1)) this.grow();
    return null;
  }

  private placeName(place: number): string {
    // The last input whose first place is at or before this one.
    let low = 0;
    let high = this.inputStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.inputStarts[mid] ?? 0) <= place) low = mid;
      else high = mid - 1;
    }
    return `${this.inputs[low] ?? ""}:${this.lines[place] ?? 0}`;
  }

  private grow(): void {
    const old = this.table;
    const slots = 2 * (this.mask + 1);
    this.table = new Uint32Array(3 * slots);
    this.mask = slots - 1;
    for (let at = 0; at < old.length; at += 3) {
      const place = old[at + 2] ?? EMPTY;
      if (place === EMPTY) continue;
      const hi = old[at] ?? 0;
      const lo = old[at + 1] ?? 0;
      let i = (hi ^ Math.imul(lo, 0x9e3779b1)) & this.mask;
      while ((this.table[3 * i + 2] ?? EMPTY) !== EMPTY) i = (i + 1) & this.mask;
      this.table[3 * i] = hi;
      this.table[3 * i + 1] = lo;
      this.table[3 * i + 2] = place;
    }
  }
}
