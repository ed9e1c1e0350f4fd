import { z } from 'zod';
import { severity, sourceKind } from './city-event';

/**
 * Live protocol on the Socket.IO namespace `/live`:
 *   client → `subscribe` {channel}      server → `snapshot` {channel, seq, data}
 *   server → `delta` {channel, seq, data} with seq = previous seq + 1 per channel.
 * A client that sees a gap in seq subscribes again and gets a fresh snapshot.
 */
export const LIVE_NAMESPACE = '/live';
export const LIVE_CHANNELS = ['events', 'kpis', 'orders', 'alerts'] as const;
export const liveChannel = z.enum(LIVE_CHANNELS);
export type LiveChannel = z.infer<typeof liveChannel>;

/** `token`: an access or wall token; channels with personal or scoped data (`orders`) need one. */
export const subscribeRequest = z.object({ channel: liveChannel, token: z.string().max(4096).optional() });

/** What a wall needs of one event: small, already in WGS-84, with a one-line summary. */
export const liveEvent = z.object({
  id: z.string(),
  type: z.string(),
  kind: sourceKind,
  time: z.string(),
  category: z.string(),
  severity,
  summary: z.string(),
  townName: z.string().optional(),
  lng: z.number().optional(),
  lat: z.number().optional(),
});
export type LiveEvent = z.infer<typeof liveEvent>;

export const eventsData = z.object({ events: z.array(liveEvent) });
export type EventsData = z.infer<typeof eventsData>;

/** Absolute totals for the city-local day, never increments: a missed delta cannot skew a tile. */
export const kpisData = z.object({ day: z.string(), totals: z.record(sourceKind, z.number()) });
export type KpisData = z.infer<typeof kpisData>;

/** One work order as a wall or a dispatcher list needs it (no personal data). */
export const liveOrder = z.object({
  id: z.string(),
  version: z.number().int(),
  kind: z.enum(['single', 'joint']),
  status: z.string(),
  /** Deadline state: none | yellow | orange | red | overdue. */
  warning: z.enum(['none', 'yellow', 'orange', 'red', 'overdue']),
  title: z.string(),
  category: z.string(),
  source: sourceKind.optional(),
  urgency: z.string(),
  leadDepartment: z.string().optional(),
  townCode: z.string().optional(),
  townName: z.string().optional(),
  lng: z.number().optional(),
  lat: z.number().optional(),
  deadline: z.string().optional(),
  updatedAt: z.string(),
});
export type LiveOrder = z.infer<typeof liveOrder>;

/** An order in one of these statuses has left the open set a wall shows (办结 waits only for the 回访). */
export const OFF_THE_WALL_STATUSES: readonly string[] = ['closed', 'evaluated', 'invalid', 'merged'];

/**
 * Snapshot: the open orders the subscriber may see (capped). Delta: orders that changed; an order whose
 * status is in OFF_THE_WALL_STATUSES leaves the open set.
 */
export const ordersData = z.object({ orders: z.array(liveOrder) });
export type OrdersData = z.infer<typeof ordersData>;

/** Something a commander must see now: a critical event, an overdue order, a device fault. */
export const liveAlert = z.object({
  id: z.string(),
  level: z.enum(['critical', 'warning']),
  kind: z.enum(['event', 'deadline', 'device']),
  titleZh: z.string(),
  titleEn: z.string(),
  at: z.string(),
  eventId: z.string().optional(),
  orderId: z.string().optional(),
  townName: z.string().optional(),
  lng: z.number().optional(),
  lat: z.number().optional(),
});
export type LiveAlert = z.infer<typeof liveAlert>;

/** Snapshot: the most recent alerts (newest first). Delta: newly raised alerts. */
export const alertsData = z.object({ alerts: z.array(liveAlert) });
export type AlertsData = z.infer<typeof alertsData>;

export interface LiveDataByChannel {
  events: EventsData;
  kpis: KpisData;
  orders: OrdersData;
  alerts: AlertsData;
}

export interface LiveMessage<C extends LiveChannel = LiveChannel> {
  channel: C;
  seq: number;
  data: LiveDataByChannel[C];
}
