// Tallies kept by key, in the order their keys were first seen: that order breaks ties in the top lists,
// so a summary merged from parts (one per blob, merged in the blobs' order) lists what one reader would.

/** Tuples allowed and denied, and the bytes they carried both ways. */
export interface Tally {
  tuples: number;
  allowed: number;
  denied: number;
  bytes: number;
}

const newTally = (): Tally => ({ tuples: 0, allowed: 0, denied: 0, bytes: 0 });

export function count(entry: Tally, denied: boolean, bytes: number): void {
  entry.tuples++;
  if (denied) entry.denied++;
  else entry.allowed++;
  entry.bytes += bytes;
}

export function addTally(entry: Tally, from: Tally): void {
  entry.tuples += from.tuples;
  entry.allowed += from.allowed;
  entry.denied += from.denied;
  entry.bytes += from.bytes;
}

const SHORT_TOP = 100;

/**
 * The ids (0 to size - 1) of the `n` largest by `by`, ties broken by `bytes`, then the smaller id (first
 * seen); zeros left out. A short top list is one pass keeping the best `n` in order (a top 10 of a million
 * conversations sorts no million); a long one (every rule) is a sort.
 */
export function topIds(
  size: number,
  n: number,
  by: (id: number) => number,
  bytes: (id: number) => number,
): number[] {
  if (n > SHORT_TOP) {
    const ids: number[] = [];
    for (let id = 0; id < size; id++) if (by(id) > 0) ids.push(id);
    return ids.sort((a, b) => by(b) - by(a) || bytes(b) - bytes(a)).slice(0, n);
  }
  const best: number[] = [];
  /** Whether a ranks before b, a seen later: strictly more by `by`, or as many and more bytes. */
  const before = (a: number, b: number) => by(a) > by(b) || (by(a) === by(b) && bytes(a) > bytes(b));
  for (let id = 0; id < size; id++) {
    if (by(id) <= 0 || (best.length >= n && !before(id, best[best.length - 1]))) continue;
    let at = best.length;
    while (at > 0 && before(id, best[at - 1])) at--;
    best.splice(at, 0, id);
    if (best.length > n) best.pop();
  }
  return best;
}

/** The `n` largest entries by `by` (tuples unless told), as topIds ranks them. */
export function topOf<T extends Tally>(
  entries: Iterable<T>,
  n: number,
  by: (t: T) => number = (t) => t.tuples,
): T[] {
  const list = [...entries];
  return topIds(
    list.length,
    n,
    (id) => by(list[id]),
    (id) => list[id].bytes,
  ).map((id) => list[id]);
}

export class TallyMap<T extends Tally, K = string> {
  readonly entries = new Map<K, T>();

  /** The entry for `key`, made by `make` the first time. */
  entry(key: K, make: () => Omit<T, keyof Tally>): T {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { ...make(), ...newTally() } as T;
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Adds another summary's entry for `key`: a copy of it the first time. */
  merge(key: K, from: T): T {
    const entry = this.entries.get(key);
    if (entry) {
      addTally(entry, from);
      return entry;
    }
    const copy = { ...from };
    this.entries.set(key, copy);
    return copy;
  }

  top(n: number, by?: (t: T) => number): T[] {
    return topOf(this.entries.values(), n, by);
  }
}
