import type { LiveOrder } from '@zhongshu/stream/contracts';

/**
 * The open work orders a wall holds, from the `orders` live channel: a snapshot replaces them, deltas
 * update them by id (a late, older version is ignored) and orders that leave the open set are dropped.
 *
 * A wall runs for weeks and nobody promises that orders get closed (the simulated city never closes
 * its own), so the set is capped: past `limit` it keeps the most urgent orders — deadline state first,
 * then the most recently changed — and forgets the calmest, stalest ones. An order forgotten here comes back with its
 * next change, or with the next snapshot (which the server also ranks most urgent first).
 */
export const MAX_OPEN_ORDERS = 1000;

/** Deadline states, calm to overdue. */
export const WARNING_RANK: Record<LiveOrder['warning'], number> = { none: 0, yellow: 1, orange: 2, red: 3, overdue: 4 };
/** OFF_THE_WALL_STATUSES of the live contract; copied, because a value import would bundle zod into the wall. */
const OFF_THE_WALL = new Set(['closed', 'evaluated', 'invalid', 'merged']);

export class OpenOrders {
  private readonly byId = new Map<string, LiveOrder>();

  constructor(private readonly limit = MAX_OPEN_ORDERS) {}

  get size(): number {
    return this.byId.size;
  }

  /** Applies a snapshot (replace) or a delta (merge); returns the open orders, most urgent first. */
  apply(kind: 'snapshot' | 'delta', orders: readonly LiveOrder[]): LiveOrder[] {
    if (kind === 'snapshot') this.byId.clear();
    for (const order of orders) {
      if (!order || typeof order.id !== 'string') continue;
      const known = this.byId.get(order.id);
      if (known && known.version > order.version) continue;
      if (OFF_THE_WALL.has(order.status)) this.byId.delete(order.id);
      else this.byId.set(order.id, order);
    }
    const ranked = [...this.byId.values()].sort(byUrgency);
    for (let i = this.limit; i < ranked.length; i++) this.byId.delete(ranked[i].id);
    return ranked.length > this.limit ? ranked.slice(0, this.limit) : ranked;
  }

  clear(): void {
    this.byId.clear();
  }
}

/**
 * Most urgent first: later deadline state, then the most recently changed (the server ranks its snapshot
 * the same way). Among calm orders recency is what a commander watches: a new report must show up.
 */
export function byUrgency(a: LiveOrder, b: LiveOrder): number {
  return WARNING_RANK[b.warning] - WARNING_RANK[a.warning] || b.updatedAt.localeCompare(a.updatedAt);
}
