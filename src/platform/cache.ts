/**
 * Small per-process caches with a time limit, for rows read on every request and edited rarely
 * (a municipality by its slug, a service definition). An edit clears the cache of the process
 * that made it at once; other app processes see it within the time limit.
 */
const registry = new Set<TtlCache<unknown, unknown>>();

export class TtlCache<K, V> {
  private entries = new Map<K, { value: V; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {
    registry.add(this as TtlCache<unknown, unknown>);
  }

  get(key: K): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.until < Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: K, value: V): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, until: Date.now() + this.ttlMs });
  }

  /** The cached value, or the loaded one (cached unless it is null/undefined). */
  async getOrLoad(key: K, load: () => Promise<V>): Promise<V> {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const value = await load();
    if (value !== null && value !== undefined) this.set(key, value);
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Empty every cache (tests, after emptying the database). */
export function clearAllCaches(): void {
  for (const cache of registry) cache.clear();
}

/** How long rarely-edited rows are trusted by other processes. */
export const SHARED_ROW_TTL_MS = 5_000;
