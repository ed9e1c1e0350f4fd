import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES, cityEvent, exampleEvent, type CityEvent, type StoredEvent } from '@zhongshu/stream';
import { ChdbSqlClient } from './chdb.sql-client';
import { ClickHouseEventStore } from './clickhouse.event-store';

function hotlineEvent(id: string, time: string): CityEvent {
  return cityEvent.parse(
    exampleEvent(EVENT_TYPES.hotlineTicket, {
      id,
      time,
      region: { code: '460105', town: { code: '460105001', name: '秀英街道' }, grid: '460105001001' },
    }),
  );
}

const stored = (event: CityEvent): StoredEvent => ({
  event,
  kind: 'hotline',
  wgs84: { lng: 110.29, lat: 20.02 },
  ingestedAt: new Date(),
});

describe('ClickHouseEventStore on chDB', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zs-warehouse-'));
  let store: ClickHouseEventStore;
  let sql: ChdbSqlClient;

  beforeAll(async () => {
    sql = new ChdbSqlClient(dir);
    store = new ClickHouseEventStore(sql, 'Asia/Shanghai');
    await store.migrate();
    await store.migrate(); // a second run must be a no-op
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns what was appended, newest first, exactly as it was sent', async () => {
    const older = hotlineEvent('wh-1', '2026-11-21T09:00:00+08:00');
    const newer = hotlineEvent('wh-2', '2026-11-21T09:05:00+08:00');
    await store.append([stored(older), stored(newer)], 'batch-1');
    const events = await store.query({ kind: 'hotline', limit: 10 });
    expect(events.map((event) => event.id)).toEqual(['wh-2', 'wh-1']);
    expect(events[1]).toEqual(older);
  });

  it('ignores a retried batch with the same token', async () => {
    const event = hotlineEvent('wh-3', '2026-11-21T10:00:00+08:00');
    await store.append([stored(event)], 'batch-retry');
    await store.append([stored(event)], 'batch-retry');
    const events = await store.query({ region: '460105001001', limit: 100 });
    expect(events.filter((e) => e.id === 'wh-3')).toHaveLength(1);
    const overview = await store.kpiOverview(new Date('2026-11-21T04:00:00Z'), 5);
    expect(overview.day).toBe('2026-11-21');
    expect(overview.totals.hotline).toBe(3);
  });

  it('filters by time window and region', async () => {
    const inWindow = await store.query({
      from: new Date('2026-11-21T01:01:00Z'),
      to: new Date('2026-11-21T01:30:00Z'),
      limit: 10,
    });
    expect(inWindow.map((event) => event.id)).toEqual(['wh-2']);
    expect(await store.query({ region: '460106', limit: 10 })).toEqual([]);
  });

  it('builds a per-minute trend from the materialized view', async () => {
    const overview = await store.kpiOverview(new Date('2026-11-21T01:05:30Z'), 10);
    expect(overview.trend).toHaveLength(10);
    const at = (iso: string) => overview.trend.find((bucket) => bucket.minute === iso)?.counts.hotline;
    expect(at('2026-11-21T01:00:00.000Z')).toBe(1);
    expect(at('2026-11-21T01:05:00.000Z')).toBe(1);
    expect(at('2026-11-21T01:02:00.000Z')).toBe(0);
  });

  it('finds one event by id and pages with offset', async () => {
    expect((await store.getById('wh-2'))?.id).toBe('wh-2');
    expect(await store.getById('nope')).toBeUndefined();
    const page = await store.query({ kind: 'hotline', limit: 1, offset: 1 });
    expect(page.map((event) => event.id)).toEqual(['wh-2']);
    expect(await store.query({ source: '/examples', category: '010101', limit: 10 })).toHaveLength(3);
  });

  it('adds back KPI counts a crash left out of the materialized view, once', async () => {
    const day = new Date('2026-11-21T04:00:00Z');
    const before = (await store.kpiOverview(day, 1)).totals.hotline;
    // As if the process died after the events part was written and before the view's part.
    await sql.exec('DETACH TABLE kpi_minute_mv');
    await store.append([stored(hotlineEvent('wh-crash', '2026-11-21T11:00:00+08:00'))], 'batch-crash');
    await sql.exec('ATTACH TABLE kpi_minute_mv');
    expect((await store.kpiOverview(day, 1)).totals.hotline).toBe(before);
    expect(await store.reconcileKpis(10)).toBe(1);
    expect(await store.reconcileKpis(10)).toBe(0);
    expect((await store.kpiOverview(day, 1)).totals.hotline).toBe(before + 1);
  });

  it('keeps dead letters with their raw bytes and reason', async () => {
    await store.put([
      {
        id: 'dl-1',
        receivedAt: new Date(),
        origin: 'http:/api/v1/events',
        reason: 'id: required',
        raw: '{"x":1}',
        encoding: 'utf8',
      },
    ]);
    const [letter] = await store.list(5);
    expect(letter).toMatchObject({ id: 'dl-1', reason: 'id: required', raw: '{"x":1}' });
    expect(letter.replayedAt).toBeUndefined();
    await store.recordReplay('dl-1', new Date(), 'rejected', 'still invalid');
    expect((await store.get('dl-1'))?.replayedAt).toBeUndefined();
    await store.recordReplay('dl-1', new Date(), 'stored', 'fixed upstream');
    expect((await store.get('dl-1'))?.replayedAt).toBeInstanceOf(Date);
    expect(await store.get('nope')).toBeUndefined();
  });

  it('lists recently ingested ids for the dedupe window', async () => {
    const ids = await store.recentIds(new Date(Date.now() - 60_000), 100);
    expect(new Set(ids)).toEqual(new Set(['wh-1', 'wh-2', 'wh-3', 'wh-crash']));
  });
});
