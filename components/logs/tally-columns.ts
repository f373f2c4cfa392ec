// Tallies kept in columns, typed arrays indexed by a small id (an IdTable's, or a slot given first seen
// first), for what is counted on every tuple: counting makes no object; entries are made only when asked.
import { type Tally, topIds } from "./tallies";

const FIRST_LENGTH = 64;

/**
 * The tallies of ids 0 to n - 1 as columns: what one thread hands another (a structured clone copies a
 * typed array whole, where an object per id would be serialised, rebuilt and collected one by one).
 */
export interface ColumnsPart {
  tuples: Float64Array;
  denied: Float64Array;
  bytes: Float64Array;
}

/** SlotTallies' columns, with the id of each slot. */
export interface SlotsPart extends ColumnsPart {
  ids: Int32Array;
}

function grown(column: Float64Array, length: number): Float64Array<ArrayBuffer> {
  const copy = new Float64Array(length);
  copy.set(column);
  return copy;
}

export class TallyColumns {
  private tuples = new Float64Array(FIRST_LENGTH);
  private denied = new Float64Array(FIRST_LENGTH);
  private bytes = new Float64Array(FIRST_LENGTH);

  count(id: number, denied: boolean, bytes: number): void {
    if (id >= this.tuples.length) this.grow(id);
    this.tuples[id]++;
    if (denied) this.denied[id]++;
    this.bytes[id] += bytes;
  }

  /** Adds tally `i` of another summary's columns to `id`'s. */
  add(id: number, from: ColumnsPart, i: number): void {
    if (id >= this.tuples.length) this.grow(id);
    this.tuples[id] += from.tuples[i];
    this.denied[id] += from.denied[i];
    this.bytes[id] += from.bytes[i];
  }

  /** The tallies of ids 0 to size - 1, copied out. */
  part(size: number): ColumnsPart {
    if (size > this.tuples.length) this.grow(size - 1);
    return {
      tuples: this.tuples.slice(0, size),
      denied: this.denied.slice(0, size),
      bytes: this.bytes.slice(0, size),
    };
  }

  tally(id: number): Tally {
    const tuples = this.tuples[id];
    const denied = this.denied[id];
    return { tuples, allowed: tuples - denied, denied, bytes: this.bytes[id] };
  }

  /** The top `n` of ids 0 to size - 1 by tuples (or denied tuples), as topIds ranks them. */
  top(size: number, n: number, byDenied = false): number[] {
    const by = byDenied ? this.denied : this.tuples;
    return topIds(
      size,
      n,
      (id) => by[id],
      (id) => this.bytes[id],
    );
  }

  private grow(id: number): void {
    let length = this.tuples.length * 2;
    while (length <= id) length *= 2;
    this.tuples = grown(this.tuples, length);
    this.denied = grown(this.denied, length);
    this.bytes = grown(this.bytes, length);
  }
}

/** Column tallies for the ids of another numbering (address ids, pairs of classes), each given a slot first counted first. */
export class SlotTallies extends TallyColumns {
  /** Each id's slot + 1, or 0 before it is counted. */
  private slots = new Int32Array(FIRST_LENGTH);
  /** The id of each slot. */
  readonly ids: number[] = [];

  slot(id: number): number {
    if (id >= this.slots.length) {
      const slots = new Int32Array(Math.max(this.slots.length * 2, id + 1));
      slots.set(this.slots);
      this.slots = slots;
    }
    let slot = this.slots[id] - 1;
    if (slot < 0) {
      slot = this.ids.length;
      this.ids.push(id);
      this.slots[id] = slot + 1;
    }
    return slot;
  }

  slotsPart(): SlotsPart {
    return { ids: Int32Array.from(this.ids), ...this.part(this.ids.length) };
  }
}
