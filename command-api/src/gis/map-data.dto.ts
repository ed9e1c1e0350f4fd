import { SOURCE_KINDS, severity } from '@zhongshu/stream';
import { z } from 'zod';

/** Enough for a whole city-day on a wall; the browser clusters them in a worker, never on the main thread. */
export const MAX_MAP_POINTS = 300_000;
export const DEFAULT_MAP_POINTS = 200_000;

const kindList = z
  .string()
  .max(200)
  .transform((text) => text.split(',').filter((part) => part.length > 0))
  .pipe(z.array(z.enum(SOURCE_KINDS)).max(SOURCE_KINDS.length));

export const eventPointsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(MAX_MAP_POINTS).default(DEFAULT_MAP_POINTS),
    /** Comma-separated source kinds; all kinds when absent. */
    kinds: kindList.optional(),
  })
  .strict();
export type EventPointsQuery = z.infer<typeof eventPointsQuery>;

/**
 * Today's mappable events as columns (one array per field, same index = same event): a fifth of the
 * bytes of an array of objects, and one JSON.parse in the browser's worker. `k` and `s` index `kinds`
 * and `severities`; `t` is epoch seconds.
 */
export const eventPoints = z.object({
  day: z.string(),
  /** Mappable events today (routine telemetry left out), whether or not all were returned. */
  total: z.number().int(),
  /** True when `total` exceeds what was returned (the newest `limit` are returned). */
  truncated: z.boolean(),
  kinds: z.array(z.enum(SOURCE_KINDS)),
  severities: z.array(severity),
  points: z.object({
    id: z.array(z.string()),
    lng: z.array(z.number()),
    lat: z.array(z.number()),
    k: z.array(z.number().int()),
    s: z.array(z.number().int()),
    t: z.array(z.number().int()),
  }),
});
export type EventPoints = z.infer<typeof eventPoints>;

const kindCounts = z.record(z.enum(SOURCE_KINDS), z.number().int());

/** Today's counts per town (routine telemetry left out), for 3D columns and town rankings. */
export const townCounts = z.object({
  day: z.string(),
  towns: z.array(z.object({ code: z.string(), name: z.string(), total: z.number().int(), byKind: kindCounts })),
});
export type TownCounts = z.infer<typeof townCounts>;

/** What a map's detail panel shows of one event: no personal data (the hotline caller is never here). */
export const eventDetail = z.object({
  id: z.string(),
  type: z.string(),
  kind: z.enum(SOURCE_KINDS),
  time: z.string(),
  category: z.string(),
  severity,
  summary: z.string(),
  townName: z.string().optional(),
  grid: z.string().optional(),
  address: z.string().optional(),
  lng: z.number().optional(),
  lat: z.number().optional(),
});
export type EventDetail = z.infer<typeof eventDetail>;
