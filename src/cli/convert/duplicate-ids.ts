/**
 * The record IDs seen so far in a run, to report a repeated one with where it was first seen;
 * compact, so that memory stays flat over a run of millions of records (a Map from ID string to
 * "file:line" string cost ~250 bytes a record).
 *
 * Each ID is kept as a 64-bit hash (two independent 32-bit FNV-1a hashes) and the place where it
 * was first seen, as one number: the run's inputs are laid end to end on one line axis (each input
 * starts one past the highest line of the input before it), so an input and a line are one 32-bit
 * word, and the input is found again by a binary search of the inputs' starts. The three words live
 * in the slots of one open-addressing table (linear probing), at most 7/8 full and grown by 1/8 at a
 * time, so it is never less than 7/9 full after its first growth: 12 bytes per slot, 13.7 to 15.5 per
 * ID (BENCHMARKS.md). Each input's name is kept once, front-coded (name-table.ts).
 *
 * Two different IDs share a 64-bit hash with a probability of about n²/2⁶⁵ over a run of n IDs
 * (under 3·10⁻⁶ for ten million), and only then would a DUPLICATE_ID be reported for an ID that is
 * not one.
 */
import { NameTable } from "./name-table.js";

/** Fullest the table gets, as a fraction of its slots, and how much it grows each time. */
const MAX_LOAD = 7 / 8;
const GROWTH = 9 / 8;
const FIRST_SLOTS = 1024;
/** Places past this point of the line axis go to a Map (a run of more than 4 billion lines). */
const FAR = 0xfffffffe;

/** FNV-1a over the UTF-16 code units, with the given offset basis and a 32-bit prime. */
function fnv(text: string, basis: number, prime: number): number {
  let h = basis;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), prime);
  return h >>> 0;
}

/** The home slot of a hash in a table of `slots` slots (any size: the high bits of a 32-bit mix, scaled). */
const homeOf = (hi: number, lo: number, slots: number): number => Math.floor(((hi ^ Math.imul(lo, 0x9e3779b1)) >>> 0) * (slots / 4294967296));

/** Every ID of a run, with the place (`file:line`) it was first seen. */
export class DuplicateIds {
  /** Three words a slot: hash high, hash low, place + 1 (0: an empty slot). */
  private table: Uint32Array;
  private slots: number;
  private size = 0;
  private limit: number;
  /** The input names, and where each starts on the line axis. */
  private readonly names = new NameTable();
  private starts = new Float64Array(64);
  private inputs = 0;
  /** The last input's name, and the highest line seen in it. */
  private lastInput: string | null = null;
  private lastMax = -1;
  /** Places beyond `far` on the line axis, by hash. */
  private readonly farPlaces = new Map<string, number>();

  /** `far` is for tests only: where the line axis stops fitting a slot's word. */
  constructor(private readonly far = FAR) {
    this.slots = FIRST_SLOTS;
    this.table = new Uint32Array(3 * this.slots);
    this.limit = Math.floor(MAX_LOAD * this.slots);
  }

  /** How many IDs are held. */
  get count(): number {
    return this.size;
  }

  /** Bytes held for the IDs: the table (not the input names). */
  get bytes(): number {
    return this.table.byteLength;
  }

  /** Bytes held for the input names and their places on the line axis. */
  get inputBytes(): number {
    return this.names.byteLength + this.starts.byteLength;
  }

  /** Where `id` was first seen; or null when this is its first time, which is remembered (`input`, `line`). */
  firstSeen(id: string, input: string, line: number): string | null {
    const hi = fnv(id, 0x811c9dc5, 0x01000193);
    const lo = fnv(id, 0x050c5d1f, 0x01000197);
    const table = this.table;
    const slots = this.slots;
    let i = homeOf(hi, lo, slots);
    for (;;) {
      const at = 3 * i;
      const place = table[at + 2] as number;
      if (place === 0) break;
      if (table[at] === hi && table[at + 1] === lo) return this.placeName(place - 1, hi, lo);
      if (++i === slots) i = 0;
    }
    const place = this.placeOf(input, line);
    const at = 3 * i;
    table[at] = hi;
    table[at + 1] = lo;
    if (place < this.far) table[at + 2] = place + 1;
    else {
      table[at + 2] = this.far + 1;
      this.farPlaces.set(`${hi},${lo}`, place);
    }
    if (++this.size > this.limit) this.grow();
    return null;
  }

  /** The point on the line axis of `line` in `input`, the input added when it is not the last one. */
  private placeOf(input: string, line: number): number {
    if (input !== this.lastInput) {
      const start = this.inputs === 0 ? 0 : (this.starts[this.inputs - 1] as number) + this.lastMax + 1;
      this.addName(input, start);
      this.lastInput = input;
      this.lastMax = -1;
    }
    if (line > this.lastMax) this.lastMax = line;
    return (this.starts[this.inputs - 1] as number) + line;
  }

  private addName(input: string, start: number): void {
    const n = this.inputs;
    if (n === this.starts.length) {
      const bigger = new Float64Array(Math.ceil(1.5 * n));
      bigger.set(this.starts);
      this.starts = bigger;
    }
    this.names.add(input);
    this.starts[n] = start;
    this.inputs = n + 1;
  }

  private placeName(place: number, hi: number, lo: number): string {
    const at = place === this.far ? (this.farPlaces.get(`${hi},${lo}`) as number) : place;
    // The last input that starts at or before this point.
    let low = 0;
    let high = this.inputs - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] as number) <= at) low = mid;
      else high = mid - 1;
    }
    return `${this.names.get(low)}:${at - (this.starts[low] as number)}`;
  }

  private grow(): void {
    const old = this.table;
    const oldSlots = this.slots;
    const slots = Math.ceil(oldSlots * GROWTH);
    const table = new Uint32Array(3 * slots);
    for (let j = 0; j < oldSlots; j++) {
      const from = 3 * j;
      if (old[from + 2] === 0) continue;
      const hi = old[from] as number;
      const lo = old[from + 1] as number;
      let i = homeOf(hi, lo, slots);
      while (table[3 * i + 2] !== 0) if (++i === slots) i = 0;
      const at = 3 * i;
      table[at] = hi;
      table[at + 1] = lo;
      table[at + 2] = old[from + 2] as number;
    }
    this.table = table;
    this.slots = slots;
    this.limit = Math.floor(MAX_LOAD * slots);
  }
}
