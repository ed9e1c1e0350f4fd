import { Inject, Injectable } from '@nestjs/common';
import {
  FEED_KEY,
  cityDay,
  dayCountersKey,
  liveEvent,
  type LiveChannel,
  type LiveDataByChannel,
  type SourceKind,
} from '@zhongshu/stream';
import { RUNTIME, type Runtime } from '../runtime';
import type { OrderScope } from '../work-orders/order-visibility';

const FEED_SNAPSHOT_SIZE = 50;

/** Builds snapshots from hot state only: cheap enough for every reconnecting wall. */
@Injectable()
export class LiveSnapshotService {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  /** The `orders` snapshot for one scope (the gateway's scoped rooms). */
  async orders(scope: OrderScope): Promise<LiveDataByChannel['orders']> {
    return this.runtime.workOrders.live.snapshot(scope);
  }

  async snapshot<C extends LiveChannel>(channel: C): Promise<LiveDataByChannel[C]> {
    const { hotState, config } = this.runtime;
    const provided = this.runtime.liveSnapshots[channel];
    if (provided) return provided();
    if (channel === 'alerts') return this.runtime.alerts.snapshot() as LiveDataByChannel[C];
    if (channel === 'events') {
      const rows = await hotState.readRecent(FEED_KEY, FEED_SNAPSHOT_SIZE);
      return { events: rows.map((row) => liveEvent.parse(JSON.parse(row))) } as LiveDataByChannel[C];
    }
    if (channel !== 'kpis') throw new Error(`no snapshot for live channel ${channel}`);
    const day = cityDay(new Date(), config.timeZone).day;
    const counters = await hotState.readCounters(dayCountersKey(day));
    const totals = { hotline: 0, urban: 0, safety: 0, device: 0, approval: 0, hall: 0, ...counters } as Record<
      SourceKind,
      number
    >;
    return { day, totals } as LiveDataByChannel[C];
  }
}
