/**
 * Which pair to show next in a pairwise comparison, chosen to be informative: a pair this
 * participant has not answered yet, around the least-compared item, between items that have
 * met least; never the pair the participant has just answered. Ties are broken by a hash of
 * the participant and how many answers they gave, so different people see different pairs
 * yet every choice can be reproduced.
 */

export interface PairHistory {
  itemIds: readonly number[];
  /** Comparisons (decided or "no sé") per item, over everyone. */
  itemCounts: ReadonlyMap<number, number>;
  /** Comparisons per pair over everyone, keyed by pairKey. */
  pairCounts: ReadonlyMap<string, number>;
  /** This participant's comparisons per pair. */
  mine: ReadonlyMap<string, number>;
  /** The pair the participant answered last, if any. */
  last: readonly [number, number] | null;
  seed: number;
}

export function pairKey(a: number, b: number): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

/** A small integer hash (murmur3's finaliser) for reproducible tie-breaks. */
export function mix(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const v of values) {
    h = Math.imul(h ^ (v | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** [left, right] as they should be shown, or null with fewer than three items. */
export function choosePair(history: PairHistory): [number, number] | null {
  const ids = [...history.itemIds].sort((a, b) => a - b);
  if (ids.length < 3) return null;
  const lastKey = history.last ? pairKey(history.last[0], history.last[1]) : null;
  let best: { a: number; b: number; key: number[] } | null = null;
  for (let x = 0; x < ids.length; x++) {
    for (let y = x + 1; y < ids.length; y++) {
      const a = ids[x]!;
      const b = ids[y]!;
      const k = pairKey(a, b);
      if (k === lastKey) continue;
      const na = history.itemCounts.get(a) ?? 0;
      const nb = history.itemCounts.get(b) ?? 0;
      const key = [history.mine.get(k) ?? 0, Math.min(na, nb), history.pairCounts.get(k) ?? 0, na + nb, mix(history.seed, a, b)];
      if (!best || less(key, best.key)) best = { a, b, key };
    }
  }
  if (!best) return null;
  return mix(history.seed, best.b, best.a) % 2 === 0 ? [best.a, best.b] : [best.b, best.a];
}

function less(x: number[], y: number[]): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]!;
  return false;
}
