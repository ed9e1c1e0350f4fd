import type { CompareAndSetResult, HotState } from '@zhongshu/stream';
import type { OrderSummary } from './order-summary';

/** Hot-state keys of the work-order projection (under the process's key prefix). */
export const ORDER_KEYS = {
  /** orderId → the sealed order, versioned like the order: the compare-and-set target of every action. */
  orders: 'wo:orders',
  /** orderId → its OrderSummary JSON, for orders not yet finished (lists, wall, scheduler). */
  open: 'wo:open',
  /** Marks that the projection was built; a Redis that comes back empty has lost it. */
  meta: 'wo:meta',
} as const;

/**
 * The work-order projection in hot state. Each order is one versioned hash field, so "only if it is
 * still at version n" is a single atomic step on either side of the port (memory or Redis, one process
 * or many): that is what makes exactly one of two conflicting actions succeed.
 */
export class OrderHotStore {
  constructor(private readonly hot: HotState) {}

  async read(ids: readonly string[]): Promise<Array<{ version: number; stored: string } | undefined>> {
    const found = await this.hot.readVersioned(ORDER_KEYS.orders, ids);
    return found.map((entry) => entry && { version: entry.version, stored: entry.value });
  }

  compareAndSet(id: string, expectedVersion: number, version: number, stored: string): Promise<CompareAndSetResult> {
    return this.hot.compareAndSet(ORDER_KEYS.orders, id, expectedVersion, { version, value: stored });
  }

  /**
   * Undoes a write that could not be made durable: back to what it was, if nobody wrote since. False when
   * another node already built a newer version on it (then the change lives on inside that version).
   */
  async restore(
    id: string,
    writtenVersion: number,
    previous: { version: number; stored: string } | undefined,
  ): Promise<boolean> {
    if (previous) {
      const result = await this.hot.compareAndSet(ORDER_KEYS.orders, id, writtenVersion, {
        version: previous.version,
        value: previous.stored,
      });
      return result.ok;
    }
    return this.hot.deleteVersioned(ORDER_KEYS.orders, id, writtenVersion);
  }

  putIfNewer(id: string, version: number, stored: string): Promise<boolean> {
    return this.hot.setIfNewer(ORDER_KEYS.orders, id, { version, value: stored });
  }

  async allVersions(): Promise<Map<string, { version: number; stored: string }>> {
    const all = await this.hot.readAllVersioned(ORDER_KEYS.orders);
    return new Map(Object.entries(all).map(([id, entry]) => [id, { version: entry.version, stored: entry.value }]));
  }

  putSummaryIfNewer(summary: OrderSummary): Promise<boolean> {
    return this.hot.setIfNewer(ORDER_KEYS.open, summary.id, {
      version: summary.version,
      value: JSON.stringify(summary),
    });
  }

  /** A derived change (the warning colour) at the same version. */
  async replaceSummary(summary: OrderSummary): Promise<boolean> {
    const result = await this.hot.compareAndSet(ORDER_KEYS.open, summary.id, summary.version, {
      version: summary.version,
      value: JSON.stringify(summary),
    });
    return result.ok;
  }

  async summaries(): Promise<OrderSummary[]> {
    const all = await this.hot.readAllVersioned(ORDER_KEYS.open);
    return Object.values(all).map((entry) => JSON.parse(entry.value) as OrderSummary);
  }

  /** Drops a finished order from the open set and from hot state; the log still has it. */
  async evict(id: string, version: number): Promise<void> {
    await this.hot.deleteVersioned(ORDER_KEYS.open, id, version);
    await this.hot.deleteVersioned(ORDER_KEYS.orders, id, version);
  }

  async builtAt(): Promise<string | undefined> {
    return (await this.hot.readFields(ORDER_KEYS.meta)).builtAt;
  }

  async markBuilt(at: Date): Promise<void> {
    await this.hot.putFields(ORDER_KEYS.meta, { builtAt: at.toISOString() });
  }
}
