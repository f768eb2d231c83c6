/**
 * A growing list of names (the inputs of a run, for DUPLICATE_ID's first place) in little memory:
 * UTF-8 bytes in one buffer, each name stored as the length of the start it shares with the name
 * before it and the rest (front coding; the paths of a walk share most of their directories), with
 * every 32nd name whole so that a name is read back from at most 31 before it. 100,000 corpus paths
 * take ~2 MB instead of ~8 MB as one string each.
 */
const RESTART_EVERY = 32;

export class NameTable {
  private bytes = new Uint8Array(4096);
  private used = 0;
  /** Where every 32nd name starts in `bytes`. */
  private restarts = new Float64Array(64);
  private count = 0;
  private last: Buffer = Buffer.alloc(0);

  /** How many names are held. */
  get length(): number {
    return this.count;
  }

  /** Bytes held. */
  get byteLength(): number {
    return this.bytes.byteLength + this.restarts.byteLength;
  }

  /** Add a name; it is number `length - 1`. (Kept as UTF-8: a lone surrogate comes back as U+FFFD.) */
  add(name: string): void {
    const utf8 = Buffer.from(name, "utf8");
    let shared = 0;
    if (this.count % RESTART_EVERY === 0) {
      const r = this.count / RESTART_EVERY;
      if (r === this.restarts.length) {
        const bigger = new Float64Array(2 * r);
        bigger.set(this.restarts);
        this.restarts = bigger;
      }
      this.restarts[r] = this.used;
    } else {
      const max = Math.min(utf8.length, this.last.length);
      while (shared < max && utf8[shared] === this.last[shared]) shared++;
    }
    // Two numbers of at most 5 bytes each, and the rest of the name.
    const need = this.used + 10 + utf8.length - shared;
    if (need > this.bytes.length) {
      const bigger = new Uint8Array(Math.max(need, Math.ceil(this.bytes.length * 1.5)));
      bigger.set(this.bytes.subarray(0, this.used));
      this.bytes = bigger;
    }
    this.used = this.putNumber(this.putNumber(this.used, shared), utf8.length - shared);
    this.bytes.set(utf8.subarray(shared), this.used);
    this.used += utf8.length - shared;
    this.last = utf8;
    this.count++;
  }

  /** Name number `k`. */
  get(k: number): string {
    const r = Math.floor(k / RESTART_EVERY);
    let at = this.restarts[r] as number;
    let name = Buffer.alloc(0);
    for (let i = r * RESTART_EVERY; i <= k; i++) {
      const [shared, afterShared] = this.getNumber(at);
      const [rest, afterRest] = this.getNumber(afterShared);
      name = Buffer.concat([name.subarray(0, shared), this.bytes.subarray(afterRest, afterRest + rest)]);
      at = afterRest + rest;
    }
    return name.toString("utf8");
  }

  /** Write `n` as 7 bits a byte, low first; where the next byte goes. */
  private putNumber(at: number, n: number): number {
    while (n >= 0x80) {
      this.bytes[at++] = (n & 0x7f) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.bytes[at++] = n;
    return at;
  }

  private getNumber(at: number): [number, number] {
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = this.bytes[at++] as number;
      n += (b & 0x7f) * scale;
      if (b < 0x80) return [n, at];
      scale *= 0x80;
    }
  }
}
