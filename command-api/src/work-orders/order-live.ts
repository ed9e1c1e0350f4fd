import { WARNING_LEVELS, type WarningLevel } from '@zhongshu/ticketing';
import { OFF_THE_WALL_STATUSES, type LiveOrder } from '@zhongshu/stream';
import { toLiveOrder, type OrderSummary } from './order-summary';
import { inScope, type OrderScope } from './order-visibility';

/** One changed order with what decides which rooms may see it. */
export interface OrderUpdate {
  order: LiveOrder;
  townCode?: string;
  departments: string[];
}

/** Implemented by the live gateway: fans order updates out to the rooms allowed to see them. */
export interface OrderRoomPublisher {
  publishOrders(updates: readonly OrderUpdate[]): void;
}

const SNAPSHOT_SIZE = 200;
const RANK = Object.fromEntries(WARNING_LEVELS.map((level, i) => [level, i])) as Record<WarningLevel, number>;

/**
 * The `orders` live channel: deltas of changed orders, and snapshots of the open orders a subscriber
 * may see, most urgent first. The gateway attaches once Nest has created it; before that nobody listens.
 */
export class OrderLive {
  private target: OrderRoomPublisher | undefined;

  constructor(
    private readonly summaries: () => Promise<OrderSummary[]>,
    private readonly townName: (code: string | undefined) => string | undefined,
  ) {}

  attach(target: OrderRoomPublisher): void {
    this.target = target;
  }

  publish(changed: readonly OrderSummary[]): void {
    if (!this.target || changed.length === 0) return;
    this.target.publishOrders(changed.map((summary) => this.update(summary)));
  }

  update(summary: OrderSummary): OrderUpdate {
    return {
      order: toLiveOrder(summary, this.townName(summary.townCode)),
      townCode: summary.townCode,
      departments: summary.departments,
    };
  }

  async snapshot(scope: OrderScope = { kind: 'all' }): Promise<{ orders: LiveOrder[] }> {
    const open = (await this.summaries()).filter(
      (summary) => !OFF_THE_WALL_STATUSES.includes(summary.status) && inScope(scope, summary),
    );
    open.sort((a, b) => RANK[b.warning] - RANK[a.warning] || b.updatedAt.localeCompare(a.updatedAt));
    return { orders: open.slice(0, SNAPSHOT_SIZE).map((summary) => this.update(summary).order) };
  }
}
