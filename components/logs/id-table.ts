// Small integer ids for keys of a few 32-bit integers (such as two address ids, a protocol and a port),
// given first seen first: an open-addressing hash table over typed arrays, so a lookup makes no object
// and no string. The hash is seeded at random per table, so an input cannot be prepared in advance to
// collide, and the table doubles before it is half full: a lookup is a few probes however many keys it holds.

const FIRST_SLOTS = 1 << 10;

export class IdTable {
  /** The keys, `arity` integers per id, in the order they were first seen. */
  private keys: Int32Array;
  /** Each slot holds an id + 1, or 0 when empty. */
  private slots = new Int32Array(FIRST_SLOTS);
  private readonly seed = (Math.random() * 2 ** 32) | 0;
  size = 0;

  constructor(private readonly arity: 1 | 2 | 4) {
    this.keys = new Int32Array((FIRST_SLOTS / 2) * arity);
  }

  /** The id of the key (unused trailing parts are 0): `size` before the call when it is new. */
  id(a: number, b = 0, c = 0, d = 0): number {
    const mask = this.slots.length - 1;
    for (let slot = this.hash(a, b, c, d) & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot];
      if (held === 0) return this.add(slot, a, b, c, d);
      if (this.holds(held - 1, a, b, c, d)) return held - 1;
    }
  }

  /** Every key, `arity` integers per id, in the order of their ids. */
  keysPart(): Int32Array {
    return this.keys.slice(0, this.size * this.arity);
  }

  /** Part `part` of the key of `id`. */
  key(id: number, part: number): number {
    return this.keys[id * this.arity + part];
  }

  private hash(a: number, b: number, c: number, d: number): number {
    let h = Math.imul(a ^ this.seed, 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 15) ^ b, 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13) ^ c, 0xc2b2ae35);
    h = Math.imul(h ^ (h >>> 16) ^ d, 0x27d4eb2f);
    return h ^ (h >>> 15);
  }

  private holds(id: number, a: number, b: number, c: number, d: number): boolean {
    const { keys, arity } = this;
    const at = id * arity;
    if (keys[at] !== a) return false;
    if (arity === 1) return true;
    if (keys[at + 1] !== b) return false;
    return arity === 2 || (keys[at + 2] === c && keys[at + 3] === d);
  }

  private add(slot: number, a: number, b: number, c: number, d: number): number {
    const id = this.size++;
    if (this.keys.length < this.size * this.arity) {
      const keys = new Int32Array(this.keys.length * 2);
      keys.set(this.keys);
      this.keys = keys;
    }
    const at = id * this.arity;
    this.keys[at] = a;
    if (this.arity > 1) this.keys[at + 1] = b;
    if (this.arity > 2) {
      this.keys[at + 2] = c;
      this.keys[at + 3] = d;
    }
    if (this.size * 2 > this.slots.length) this.grow();
    else this.slots[slot] = id + 1;
    return id;
  }

  /** Twice the slots, every id placed anew (the new id included). */
  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    const { keys, arity } = this;
    for (let id = 0; id < this.size; id++) {
      const at = id * arity;
      const a = keys[at];
      const b = arity > 1 ? keys[at + 1] : 0;
      const c = arity > 2 ? keys[at + 2] : 0;
      const d = arity > 2 ? keys[at + 3] : 0;
      let slot = this.hash(a, b, c, d) & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = id + 1;
    }
  }
}
