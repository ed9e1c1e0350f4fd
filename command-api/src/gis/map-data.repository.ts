import { EVENT_TYPES, SOURCE_KINDS, cityDay, severity, type SourceKind } from '@zhongshu/stream';
import type { SqlClient } from '../warehouse/sql-client';
import type { EventPoints } from './map-data.dto';

const SEVERITY_LIST = severity.options;

/**
 * Routine telemetry (type device.telemetry at severity info) is left out of every map read, as it is
 * out of the wall's feed: it arrives several times a second from fixed devices and would drown the
 * incidents. Devices have their own layer (latest position and status per device).
 */
const NOT_ROUTINE = `NOT (type = {telemetry:String} AND severity = 'info')`;

interface PointColumns {
  n: number;
  ids: string[];
  lngs: number[];
  lats: number[];
  ks: number[];
  ss: number[];
  ts: number[];
}

/**
 * Read models for the walls' maps, straight from the warehouse: today's event points (for the
 * heatmap and the clustered layer) and today's counts per town (for 3D columns). Same SQL on chDB and
 * on a ClickHouse server; every value a bound parameter.
 */
export class MapDataRepository {
  constructor(
    private readonly sql: SqlClient,
    private readonly timeZone: string,
  ) {}

  /** The newest `limit` mappable events of the city day around `now`, as columns (rows in no particular order). */
  async eventPoints(now: Date, limit: number, kinds?: readonly SourceKind[]): Promise<EventPoints> {
    const today = cityDay(now, this.timeZone);
    const params: Record<string, unknown> = {
      start: today.start.getTime(),
      end: today.end.getTime(),
      telemetry: EVENT_TYPES.deviceTelemetry,
      kinds: [...SOURCE_KINDS],
      severities: [...SEVERITY_LIST],
      // One more than asked: tells whether there were more without a second scan.
      take: limit + 1,
    };
    const where = [
      'time >= fromUnixTimestamp64Milli({start:Int64})',
      'time < fromUnixTimestamp64Milli({end:Int64})',
      'lng IS NOT NULL',
      'lat IS NOT NULL',
      NOT_ROUTINE,
    ];
    if (kinds && kinds.length > 0) {
      where.push('kind IN {only:Array(String)}');
      params.only = [...kinds];
    }
    // One row of arrays: a single JSON line to parse instead of one object per event.
    const [columns] = await this.sql.query<PointColumns>(
      `SELECT count() AS n, groupArray(id) AS ids, groupArray(x) AS lngs, groupArray(y) AS lats,
              groupArray(k) AS ks, groupArray(s) AS ss, groupArray(t) AS ts
       FROM (
         SELECT id, round(assumeNotNull(lng), 5) AS x, round(assumeNotNull(lat), 5) AS y,
                toUInt8(indexOf({kinds:Array(String)}, kind) - 1) AS k,
                toUInt8(indexOf({severities:Array(String)}, severity) - 1) AS s,
                toUInt32(toUnixTimestamp(time)) AS t
         FROM events
         WHERE ${where.join(' AND ')}
         ORDER BY time DESC, id DESC
         LIMIT 1 BY id
         LIMIT {take:UInt32}
       )`,
      params,
    );
    const n = Number(columns?.n ?? 0);
    const truncated = n > limit;
    const cut = <T>(values: T[] | undefined): T[] => (values ?? []).slice(0, limit);
    let total = Math.min(n, limit);
    if (truncated) {
      const [count] = await this.sql.query<{ total: string | number }>(
        `SELECT count() AS total FROM events WHERE ${where.join(' AND ')}`,
        params,
      );
      total = Number(count?.total ?? n);
    }
    return {
      day: today.day,
      total,
      truncated,
      kinds: [...SOURCE_KINDS],
      severities: [...SEVERITY_LIST],
      points: {
        id: cut(columns?.ids),
        lng: cut(columns?.lngs),
        lat: cut(columns?.lats),
        k: cut(columns?.ks),
        s: cut(columns?.ss),
        t: cut(columns?.ts),
      },
    };
  }

  /** Today's counts per town code and kind, from the per-minute view (never a scan of raw rows). */
  async townKindCounts(now: Date): Promise<{ day: string; rows: Array<{ town: string; kind: string; n: number }> }> {
    const today = cityDay(now, this.timeZone);
    const rows = await this.sql.query<{ town: string; kind: string; n: string | number }>(
      `SELECT town_code AS town, kind, sum(events) AS n FROM kpi_minute
       WHERE minute >= toDateTime({start:UInt32}) AND minute < toDateTime({end:UInt32}) AND town_code != ''
         AND ${NOT_ROUTINE}
       GROUP BY town, kind`,
      {
        start: today.start.getTime() / 1000,
        end: today.end.getTime() / 1000,
        telemetry: EVENT_TYPES.deviceTelemetry,
      },
    );
    return { day: today.day, rows: rows.map((row) => ({ town: row.town, kind: row.kind, n: Number(row.n) })) };
  }
}
