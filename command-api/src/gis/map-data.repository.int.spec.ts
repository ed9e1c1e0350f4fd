import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES, cityEvent, exampleEvent, kindOf, type EventType, type StoredEvent } from '@zhongshu/stream';
import { ChdbSqlClient } from '../warehouse/chdb.sql-client';
import { ClickHouseEventStore } from '../warehouse/clickhouse.event-store';
import { MapDataRepository } from './map-data.repository';

const XIUYING = { code: '460105001', name: '秀英街道' };
const CHANGLIU = { code: '460105100', name: '长流镇' };
/** Noon in Haikou on the test day; "today" runs from 2026-11-20T16:00Z to 2026-11-21T16:00Z. */
const NOW = new Date('2026-11-21T12:00:00+08:00');

function stored(
  id: string,
  type: EventType,
  time: string,
  options: { at?: [number, number] | null; town?: { code: string; name: string }; severity?: string } = {},
): StoredEvent {
  const at = options.at === undefined ? ([110.29, 20.02] as [number, number]) : options.at;
  const event = cityEvent.parse(
    exampleEvent(type, {
      id,
      time,
      ...(options.severity ? { severity: options.severity as 'info' } : {}),
      ...(at ? { location: { lng: at[0], lat: at[1], crs: 'WGS84' } } : { location: undefined }),
      region: { code: '460105', town: options.town ?? XIUYING, grid: `${(options.town ?? XIUYING).code}001` },
    }),
  );
  return { event, kind: kindOf(type), wgs84: at ? { lng: at[0], lat: at[1] } : undefined, ingestedAt: new Date() };
}

describe('MapDataRepository on chDB', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zs-map-data-'));
  let sql: ChdbSqlClient;
  let repository: MapDataRepository;
  let store: ClickHouseEventStore;

  beforeAll(async () => {
    sql = new ChdbSqlClient(dir);
    store = new ClickHouseEventStore(sql, 'Asia/Shanghai');
    await store.migrate();
    repository = new MapDataRepository(sql, 'Asia/Shanghai');
    await store.append(
      [
        stored('h-1', EVENT_TYPES.hotlineTicket, '2026-11-21T08:00:00+08:00', { at: [110.281234567, 20.011] }),
        stored('u-1', EVENT_TYPES.urbanCase, '2026-11-21T09:00:00+08:00', { at: [110.2, 20.0], town: CHANGLIU }),
        stored('s-1', EVENT_TYPES.safetyAlarm, '2026-11-21T10:00:00+08:00', { severity: 'critical' }),
        // Leaves the map: yesterday (city time), no location, routine telemetry.
        stored('h-old', EVENT_TYPES.hotlineTicket, '2026-11-20T23:59:00+08:00'),
        stored('h-nowhere', EVENT_TYPES.hotlineTicket, '2026-11-21T08:30:00+08:00', { at: null }),
        stored('d-tele', EVENT_TYPES.deviceTelemetry, '2026-11-21T09:30:00+08:00', { severity: 'info' }),
        // Stays: a device going offline is an incident, not routine.
        stored('d-down', EVENT_TYPES.deviceStatus, '2026-11-21T09:45:00+08:00', { town: CHANGLIU }),
      ],
      'batch-1',
    );
  });

  afterAll(async () => {
    await sql.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Rows of the column arrays by id, so a test reads one event's fields together. */
  const rowsOf = (result: Awaited<ReturnType<MapDataRepository['eventPoints']>>) =>
    new Map(
      result.points.id.map((id, i) => [
        id,
        {
          lng: result.points.lng[i],
          lat: result.points.lat[i],
          kind: result.kinds[result.points.k[i]],
          severity: result.severities[result.points.s[i]],
          t: result.points.t[i],
        },
      ]),
    );

  it("returns today's mappable events as aligned columns", async () => {
    const result = await repository.eventPoints(NOW, 1000);
    expect(result.day).toBe('2026-11-21');
    expect([...result.points.id].sort()).toEqual(['d-down', 'h-1', 's-1', 'u-1']);
    expect(result.total).toBe(4);
    expect(result.truncated).toBe(false);
    const { lng, lat, k, s, t } = result.points;
    expect([lng.length, lat.length, k.length, s.length, t.length]).toEqual([4, 4, 4, 4, 4]);
    const rows = rowsOf(result);
    expect(rows.get('h-1')).toEqual({
      lng: 110.28123,
      lat: 20.011,
      kind: 'hotline',
      severity: 'minor',
      t: Date.parse('2026-11-21T08:00:00+08:00') / 1000,
    });
    expect(rows.get('s-1')).toMatchObject({ kind: 'safety', severity: 'critical' });
    expect(rows.get('u-1')).toMatchObject({ kind: 'urban', lng: 110.2, lat: 20 });
    expect(rows.get('d-down')).toMatchObject({ kind: 'device' });
  });

  it('returns the newest `limit` and says how many there were', async () => {
    const result = await repository.eventPoints(NOW, 2);
    expect([...result.points.id].sort()).toEqual(['d-down', 's-1']);
    expect(result.points.lng).toHaveLength(2);
    expect(result.truncated).toBe(true);
    expect(result.total).toBe(4);
  });

  it('filters by source kind', async () => {
    const result = await repository.eventPoints(NOW, 1000, ['hotline', 'urban']);
    expect([...result.points.id].sort()).toEqual(['h-1', 'u-1']);
  });

  it('shows an event the warehouse holds twice once', async () => {
    const day = '2026-11-23T10:00:00+08:00';
    await store.append([stored('twice', EVENT_TYPES.hotlineTicket, day)], 'twice-a');
    await store.append([stored('twice', EVENT_TYPES.hotlineTicket, day)], 'twice-b');
    const result = await repository.eventPoints(new Date(day), 1000);
    expect(result.points.id).toEqual(['twice']);
  });

  it('is empty on a day without events', async () => {
    const result = await repository.eventPoints(new Date('2026-12-25T12:00:00+08:00'), 1000);
    expect(result).toMatchObject({ day: '2026-12-25', total: 0, truncated: false });
    expect(result.points.id).toEqual([]);
  });

  it("counts today's events per town and kind, leaving routine telemetry out", async () => {
    const { day, rows } = await repository.townKindCounts(NOW);
    expect(day).toBe('2026-11-21');
    const sorted = [...rows].sort((a, b) => `${a.town}${a.kind}`.localeCompare(`${b.town}${b.kind}`));
    // h-nowhere has no position but still has a town; h-old was yesterday, d-tele is routine.
    expect(sorted).toEqual([
      { town: XIUYING.code, kind: 'hotline', n: 2 },
      { town: XIUYING.code, kind: 'safety', n: 1 },
      { town: CHANGLIU.code, kind: 'device', n: 1 },
      { town: CHANGLIU.code, kind: 'urban', n: 1 },
    ]);
  });
});
