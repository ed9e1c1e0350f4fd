/**
 * A wall refetches a theme when events arrive; ten walls on one theme must not mean ten identical
 * queries. Results live for `ttlMs` and concurrent askers share one computation.
 */
export class SingleFlightCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, compute: () => Promise<T>): Promise<T> {
    const at = this.now();
    const hit = this.entries.get(key);
    if (hit && at - hit.at < this.ttlMs) return hit.value;
    // Bounded: at most one entry per theme and day; stale ones are dropped as new ones arrive.
    for (const [old, entry] of this.entries) if (at - entry.at >= this.ttlMs) this.entries.delete(old);
    const value = compute();
    this.entries.set(key, { at, value });
    value.catch(() => this.entries.delete(key));
    return value;
  }
}
