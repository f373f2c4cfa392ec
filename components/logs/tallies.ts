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
 * The `n` largest by `by` (tuples unless told), ties broken by bytes, then first seen; zeros left out.
 * A short top list is one pass keeping the best `n` in order (a top 10 of a million conversations sorts
 * no million); a long one (every rule) is a sort.
 */
export function topOf<T extends Tally>(
  entries: Iterable<T>,
  n: number,
  by: (t: T) => number = (t) => t.tuples,
): T[] {
  if (n > SHORT_TOP)
    return [...entries]
      .filter((t) => by(t) > 0)
      .sort((a, b) => by(b) - by(a) || b.bytes - a.bytes)
      .slice(0, n);
  const best: T[] = [];
  /** Whether a ranks before b, a seen later: strictly more by `by`, or as many and more bytes. */
  const before = (a: T, b: T) => by(a) > by(b) || (by(a) === by(b) && a.bytes > b.bytes);
  for (const entry of entries) {
    if (by(entry) <= 0 || (best.length >= n && !before(entry, best[best.length - 1]))) continue;
    let at = best.length;
    while (at > 0 && before(entry, best[at - 1])) at--;
    best.splice(at, 0, entry);
    if (best.length > n) best.pop();
  }
  return best;
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

/**
 * Tallies keyed by two numbers (such as two addresses' ids, then protocol and port), without making a
 * string per lookup. The first key is a number below 2^52; past that it is spelled out (never in practice).
 */
export class PairTallies<T extends Tally> {
  private readonly byFirst = new Map<number | string, Map<number, T>>();
  /** Every entry, first seen first. */
  readonly list: T[] = [];

  static pairKey(a: number, b: number): number | string {
    return a < PAIR_LIMIT && b < PAIR_LIMIT ? a * PAIR_LIMIT + b : `${a},${b}`;
  }

  entry(first: number | string, second: number, make: () => Omit<T, keyof Tally>): T {
    let inner = this.byFirst.get(first);
    if (!inner) {
      inner = new Map();
      this.byFirst.set(first, inner);
    }
    let entry = inner.get(second);
    if (!entry) {
      entry = { ...make(), ...newTally() } as T;
      inner.set(second, entry);
      this.list.push(entry);
    }
    return entry;
  }
}

const PAIR_LIMIT = 2 ** 26;
