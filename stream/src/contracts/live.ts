import { z } from 'zod';
import { severity, sourceKind } from './city-event';

/**
 * Live protocol on the Socket.IO namespace `/live`:
 *   client → `subscribe` {channel}      server → `snapshot` {channel, seq, data}
 *   server → `delta` {channel, seq, data} with seq = previous seq + 1 per channel.
 * A client that sees a gap in seq subscribes again and gets a fresh snapshot.
 */
export const LIVE_NAMESPACE = '/live';
export const LIVE_CHANNELS = ['events', 'kpis'] as const;
export const liveChannel = z.enum(LIVE_CHANNELS);
export type LiveChannel = z.infer<typeof liveChannel>;

export const subscribeRequest = z.object({ channel: liveChannel });

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

export interface LiveDataByChannel {
  events: EventsData;
  kpis: KpisData;
}

export interface LiveMessage<C extends LiveChannel = LiveChannel> {
  channel: C;
  seq: number;
  data: LiveDataByChannel[C];
}
