import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdapterCounters } from '@zhongshu/adapters';
import { createCityGis } from '@zhongshu/gis';
import {
  EVENT_TYPES,
  EXAMPLE_PAYLOADS,
  cityEvent,
  exampleEvent,
  kindOf,
  type CityEventInput,
  type EventType,
  type StoredEvent,
} from '@zhongshu/stream';
import { ApiError } from '../http/api-error';
import type { Runtime } from '../runtime';
import { ChdbSqlClient } from '../warehouse/chdb.sql-client';
import { ClickHouseEventStore } from '../warehouse/clickhouse.event-store';
import { loadMigrations, migrate } from '../warehouse/migrations';
import type { Kpi, Theme, ThemeKpis } from './kpi.contract';
import { themeKpis } from './kpi.contract';
import { ThemeKpisService } from './theme-kpis.service';

const gis = createCityGis('haikou-xiuying');
/** 10:00 in Haikou on a Saturday; every "today" below is 2026-11-21 in Asia/Shanghai. */
const NOW = new Date('2026-11-21T10:00:00+08:00');
const at = (hhmm: string, day = '2026-11-21') => `${day}T${hhmm}:00+08:00`;

const S2 = {
  caseNo: 'S2',
  committedDays: 0,
  itemName: '居民身份证挂失',
  department: '公安分局',
  onlineAvailable: false,
};

let sequence = 0;
function event<T extends EventType>(type: T, time: string, data: object, extra: Partial<CityEventInput> = {}) {
  sequence += 1;
  return exampleEvent(type, {
    id: `kpi-${sequence}`,
    time,
    data: { ...EXAMPLE_PAYLOADS[type], ...data },
    ...extra,
  } as Partial<CityEventInput>);
}

function stored(input: CityEventInput): StoredEvent {
  const parsed = cityEvent.parse(input);
  const wgs84 = parsed.location ? { lng: parsed.location.lng, lat: parsed.location.lat } : undefined;
  const found = wgs84 ? gis.regionAt(wgs84.lng, wgs84.lat) : undefined;
  return {
    event: found ? { ...parsed, region: { ...found, ...parsed.region, town: found.town, grid: found.grid } } : parsed,
    kind: kindOf(parsed.type),
    wgs84,
    ingestedAt: new Date(),
  };
}

const find = (result: ThemeKpis, id: string): Kpi => {
  const kpi = result.kpis.find((k) => k.id === id);
  if (!kpi) throw new Error(`no KPI ${id} in ${result.theme}: ${result.kpis.map((k) => k.id).join(', ')}`);
  return kpi;
};
const value = (result: ThemeKpis, id: string) => {
  const kpi = find(result, id);
  if (kpi.status !== 'ok' || (kpi.kind !== 'count' && kpi.kind !== 'rate')) throw new Error(`${id} is ${kpi.kind}`);
  return kpi.value;
};
const items = (result: ThemeKpis, id: string) => {
  const kpi = find(result, id);
  if (kpi.status !== 'ok' || kpi.kind !== 'breakdown') throw new Error(`${id} is not a breakdown`);
  return Object.fromEntries(kpi.items.map((item) => [item.key, item.value]));
};

describe('wall theme KPIs on chDB', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zs-kpis-'));
  let sql: ChdbSqlClient;
  let store: ClickHouseEventStore;
  let service: ThemeKpisService;
  let batch = 0;
  const append = async (...events: CityEventInput[]) => {
    batch += 1;
    await store.append(events.map(stored), `kpi-batch-${batch}`);
  };
  const kpis = async (theme: Theme, now = NOW) => themeKpis.parse(await service.themeKpis(theme, now));

  beforeAll(async () => {
    sql = new ChdbSqlClient(dir);
    store = new ClickHouseEventStore(sql, 'Asia/Shanghai');
    // Events stored before the KPI views existed must be counted too: migrate in two steps.
    await migrate(
      sql,
      loadMigrations().filter((m) => m.version < 10),
    );
    await append(event(EVENT_TYPES.hotlineTicket, at('08:10'), { channel: 'wechat', kind: 'help' }));
    await store.migrate();
    await store.migrate();
    const runtime = {
      sql,
      gis,
      config: { timeZone: 'Asia/Shanghai' },
      eventsCounters: new AdapterCounters('http'),
      adapters: [],
      pipeline: {
        stats: () => ({ queued: 0, lagMs: 0, stored: 0, duplicates: 0, rejected: 0, failedBatches: 0, running: true }),
      },
    } as unknown as Runtime;
    service = new ThemeKpisService(runtime);

    await append(
      event(EVENT_TYPES.hotlineTicket, at('08:20'), { channel: 'phone', needsHandling: true }),
      event(EVENT_TYPES.hotlineTicket, at('09:05'), { channel: 'phone', needsHandling: false, kind: 'consult' }),
      event(EVENT_TYPES.hotlineTicket, at('09:40'), {
        channel: 'app',
        categoryCode: '060101',
        categoryName: '道路积水',
        needsHandling: true,
      }),
      // Yesterday: never part of today's numbers.
      event(EVENT_TYPES.hotlineTicket, at('23:30', '2026-11-20'), { channel: 'phone' }),
    );
    // 数字城管: case 1 reported and closed today, case 2 reported today, case 3 reported yesterday and open.
    await append(
      event(EVENT_TYPES.urbanCase, at('07:00'), { caseNo: 'CG1', stage: 'collect' }),
      event(EVENT_TYPES.urbanCase, at('08:00'), { caseNo: 'CG1', stage: 'dispatch', department: '市政局' }),
      event(EVENT_TYPES.urbanCase, at('09:30'), { caseNo: 'CG1', stage: 'close', department: '市政局' }),
      event(EVENT_TYPES.urbanCase, at('09:00'), {
        caseNo: 'CG2',
        stage: 'register',
        classType: 'event',
        classCode: '0201',
        className: '占道经营',
        reporterType: 'inspector',
      }),
      event(EVENT_TYPES.urbanCase, at('16:00', '2026-11-20'), { caseNo: 'CG3', stage: 'collect' }),
    );
    // Alarms: A1 raised and cleared, A2 raised (critical, still active), A3 acknowledged from yesterday.
    await append(
      event(
        EVENT_TYPES.safetyAlarm,
        at('06:00'),
        { alarmId: 'A1', alarmType: 'fire', level: 3 },
        { severity: 'major' },
      ),
      event(EVENT_TYPES.safetyAlarm, at('06:30'), { alarmId: 'A1', alarmType: 'fire', level: 3, status: 'cleared' }),
      event(
        EVENT_TYPES.safetyAlarm,
        at('09:50'),
        { alarmId: 'A2', alarmType: 'gas', level: 4 },
        { severity: 'critical' },
      ),
      event(EVENT_TYPES.safetyAlarm, at('22:00', '2026-11-20'), { alarmId: 'A3', alarmType: 'dispute', level: 2 }),
      event(EVENT_TYPES.safetyAlarm, at('07:00'), {
        alarmId: 'A3',
        alarmType: 'dispute',
        level: 2,
        status: 'acknowledged',
      }),
    );
    // 一网通办: S1 accepted 2026-11-10 with 5 working days (due 11-17) and still open → overdue;
    // S2 即办件 accepted and completed today; S3 accepted today with 20 days.
    await append(
      event(EVENT_TYPES.approvalCase, at('10:00', '2026-11-10'), { caseNo: 'S1', stage: 'accept', committedDays: 5 }),
      event(EVENT_TYPES.approvalCase, at('08:30'), { ...S2, stage: 'accept' }),
      event(EVENT_TYPES.approvalCase, at('08:35'), { ...S2, stage: 'complete' }),
      event(EVENT_TYPES.approvalCase, at('09:00'), { caseNo: 'S3', stage: 'accept', committedDays: 20 }),
      event(EVENT_TYPES.hallEvaluation, at('09:10'), { rating: 5 }),
      event(EVENT_TYPES.hallEvaluation, at('09:11'), { rating: 4 }),
      event(EVENT_TYPES.hallEvaluation, at('09:12'), { rating: 1, comment: '等候时间太长' }),
      event(EVENT_TYPES.hallQueue, at('09:20'), {
        action: 'call',
        windowNo: '3',
        windowState: 'serving',
        waitSeconds: 300,
        waitingCount: 6,
      }),
      event(EVENT_TYPES.hallQueue, at('09:25'), {
        action: 'call',
        windowNo: '4',
        windowState: 'serving',
        waitSeconds: 100,
        waitingCount: 5,
      }),
      event(EVENT_TYPES.hallQueue, at('09:30'), {
        action: 'window_state',
        windowNo: '4',
        windowState: 'paused',
        waitingCount: 5,
        ticketNo: undefined,
        waitSeconds: undefined,
      }),
    );
    // Devices: D1 reports, D2 goes offline, D3 faults after reporting.
    await append(
      event(EVENT_TYPES.deviceTelemetry, at('09:00'), { deviceId: 'D1', deviceType: 'sensor' }, { severity: 'info' }),
      event(EVENT_TYPES.deviceTelemetry, at('09:00'), { deviceId: 'D2', deviceType: 'camera' }, { severity: 'info' }),
      event(EVENT_TYPES.deviceStatus, at('09:10'), { deviceId: 'D2', deviceType: 'camera', status: 'offline' }),
      event(
        EVENT_TYPES.deviceTelemetry,
        at('09:00'),
        { deviceId: 'D3', deviceType: 'server', metrics: { cpu: 42.5, mem: 61, disk: 70 } },
        { severity: 'info' },
      ),
      event(EVENT_TYPES.deviceStatus, at('09:30'), { deviceId: 'D4', deviceType: 'sensor', status: 'fault' }),
    );
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('12345: today by channel, kind and hotspot, counting tickets stored before the views existed', async () => {
    const hotline = await kpis('hotline');
    expect(hotline.day).toBe('2026-11-21');
    expect(value(hotline, 'total')).toBe(4);
    expect(value(hotline, 'dispatched')).toBe(3);
    expect(value(hotline, 'answered')).toBe(1);
    expect(value(hotline, 'answeredRate')).toBeCloseTo(0.25);
    expect(items(hotline, 'channels')).toEqual({ phone: 2, wechat: 1, app: 1, web: 0, miniprogram: 0 });
    expect(items(hotline, 'categories')).toEqual({ '010101': 3, '060101': 1 });
    const categories = find(hotline, 'categories');
    expect(categories.status === 'ok' && categories.kind === 'breakdown' && categories.items[1]?.label).toBe(
      '道路积水',
    );
    const hourly = find(hotline, 'hourly');
    if (hourly.status !== 'ok' || hourly.kind !== 'series') throw new Error('hourly is not a series');
    expect(hourly.buckets).toHaveLength(24);
    expect(hourly.series.map((line) => line.key)).toEqual(['accepted', 'dispatched']);
    expect(hourly.series[0].values.slice(8, 12)).toEqual([2, 2, 0, null]);
    expect(hourly.series[1].values.slice(8, 10)).toEqual([2, 1]);
  });

  it('never makes a number up: no orders means no rate, and data that does not exist says why', async () => {
    const hotline = await kpis('hotline');
    // The order log exists but holds no orders: the rates have no denominator, so no value (not 0 %, not 100 %).
    for (const id of ['responseRate', 'resolutionRate', 'satisfactionRate', 'onTimeRate']) {
      expect(find(hotline, id)).toMatchObject({ status: 'ok', kind: 'rate', value: null, denominator: 0 });
    }
    const resources = find(await kpis('safety'), 'resources');
    expect(resources.status).toBe('unavailable');
    expect(resources.status === 'unavailable' && resources.reason.code).toBe('EMERGENCY_RESOURCES_NOT_CONNECTED');
    expect(resources.status === 'unavailable' && resources.reason.zh).toMatch(/应急资源/);
  });

  it('drills into exactly what makes each number up', async () => {
    const total = await service.drill('hotline', 'total', { limit: 50, offset: 0 }, NOW);
    expect(total.total).toBe(4);
    expect(total.items.map((item) => item.time)).toEqual([...total.items.map((i) => i.time)].sort().reverse());
    const phone = await service.drill('hotline', 'channels', { key: 'phone', limit: 1, offset: 0 }, NOW);
    expect(phone).toMatchObject({ theme: 'hotline', kpi: 'channels', key: 'phone', day: '2026-11-21', total: 2 });
    expect(phone.items).toHaveLength(1);
    expect(phone.items[0]).toMatchObject({ kind: 'hotline', title: expect.any(String) as string });
    const flooded = await service.drill('hotline', 'categories', { key: '060101', limit: 50, offset: 0 }, NOW);
    expect(flooded.total).toBe(1);
  });

  it('every drillable breakdown item drills to as many items as it counts', async () => {
    for (const theme of ['hotline', 'safety', 'approvals', 'urban', 'devices', 'home'] as const) {
      const result = await kpis(theme);
      for (const kpi of result.kpis) {
        if (!kpi.drill || kpi.status !== 'ok') continue;
        if (kpi.kind === 'breakdown') {
          for (const item of kpi.items) {
            const page = await service.drill(theme, kpi.id, { key: item.key, limit: 1, offset: 0 }, NOW);
            expect(page.total, `${theme}/${kpi.id}/${item.key}`).toBe(item.value);
          }
        } else if (kpi.kind === 'count') {
          const page = await service.drill(theme, kpi.id, { limit: 1, offset: 0 }, NOW);
          expect(page.total, `${theme}/${kpi.id}`).toBe(kpi.value);
        } else if (kpi.kind === 'rate') {
          const page = await service.drill(theme, kpi.id, { limit: 1, offset: 0 }, NOW);
          expect(page.total, `${theme}/${kpi.id}`).toBe(kpi.numerator);
        }
      }
    }
  });

  it('rejects a drill into an unknown KPI and a breakdown without a key', async () => {
    await expect(service.drill('hotline', 'nope', { limit: 5, offset: 0 }, NOW)).rejects.toMatchObject({
      status: 404,
      code: 'UNKNOWN_KPI',
    });
    const missingKey = service.drill('hotline', 'channels', { limit: 5, offset: 0 }, NOW);
    await expect(missingKey).rejects.toBeInstanceOf(ApiError);
    await expect(missingKey).rejects.toMatchObject({ status: 400, code: 'DRILL_KEY_REQUIRED' });
  });

  it('城市管理: cases reported, closed and open, with handling by department', async () => {
    const urban = await kpis('urban');
    expect(value(urban, 'total')).toBe(2);
    expect(value(urban, 'closed')).toBe(1);
    expect(value(urban, 'open')).toBe(2);
    expect(items(urban, 'classTypes')).toEqual({ component: 1, event: 1 });
    expect(items(urban, 'reporters')).toMatchObject({ video_ai: 1, inspector: 1 });
    const departments = find(urban, 'departments');
    if (departments.status !== 'ok' || departments.kind !== 'table') throw new Error('departments is not a table');
    expect(departments.columns).toEqual(['received', 'inProgress', 'closed']);
    expect(departments.rows).toEqual([{ key: '市政局', label: '市政局', values: [1, 0, 1] }]);
    // 超期 is judged on work orders: a table of its own, from the order log.
    expect(find(urban, 'orderDepartments')).toMatchObject({ status: 'ok', kind: 'table', rows: [] });
    const hourly = find(urban, 'hourly');
    if (hourly.status !== 'ok' || hourly.kind !== 'series') throw new Error('hourly is not a series');
    expect(hourly.series.map((line) => line.values[7])).toEqual([1, 0, 0]);
    expect(hourly.series.map((line) => line.values[9])).toEqual([1, 0, 1]);
  });

  it('社会治安/应急: alarms raised today, active incidents from the latest status', async () => {
    const safety = await kpis('safety');
    expect(value(safety, 'total')).toBe(2);
    expect(value(safety, 'critical')).toBe(1);
    expect(value(safety, 'active')).toBe(2);
    expect(value(safety, 'emergency')).toBe(1);
    expect(items(safety, 'alarmTypes')).toMatchObject({ fire: 1, gas: 1, dispute: 0 });
    expect(items(safety, 'activeByType')).toMatchObject({ gas: 1, dispute: 1, fire: 0 });
    expect(find(safety, 'resources').status).toBe('unavailable');
    const active = await service.drill('safety', 'active', { limit: 10, offset: 0 }, NOW);
    expect(active.items.map((item) => item.id).sort()).toEqual(['A2', 'A3']);
    expect(active.items.find((item) => item.id === 'A3')?.state).toBe('acknowledged');
  });

  it('一网通办: accepted, completed, 即办件, overdue on the working-day calendar, 好差评, windows', async () => {
    const approvals = await kpis('approvals');
    expect(value(approvals, 'accepted')).toBe(2);
    expect(value(approvals, 'completed')).toBe(1);
    expect(value(approvals, 'immediate')).toBe(1);
    expect(value(approvals, 'overdue')).toBe(1);
    expect(value(approvals, 'satisfaction')).toBeCloseTo(2 / 3);
    expect(value(approvals, 'badReviews')).toBe(1);
    expect(items(approvals, 'windows')).toMatchObject({ serving: 1, paused: 1, idle: 0 });
    expect(value(approvals, 'queue')).toBe(5);
    expect(value(approvals, 'waitTime')).toBe(200);
    const overdue = await service.drill('approvals', 'overdue', { limit: 10, offset: 0 }, NOW);
    expect(overdue.items.map((item) => item.id)).toEqual(['S1']);
    const scorecard = find(approvals, 'onlineRate');
    if (scorecard.status !== 'ok' || scorecard.kind !== 'table') throw new Error('onlineRate is not a table');
    expect(scorecard.rows.find((row) => row.key === '公安分局')?.values).toEqual([1, 0, 0]);
    expect(scorecard.rows.find((row) => row.key === '市场监管局')?.values).toEqual([1, 1, 100]);
  });

  it('信息中心: devices by status and type from their latest report, today’s alarms, data sources', async () => {
    const devices = await kpis('devices');
    expect(items(devices, 'status')).toEqual({ online: 2, offline: 1, fault: 1 });
    expect(value(devices, 'onlineRate')).toBeCloseTo(0.5);
    expect(value(devices, 'alarms')).toBe(2);
    const servers = find(devices, 'servers');
    if (servers.status !== 'ok' || servers.kind !== 'table') throw new Error('servers is not a table');
    expect(servers.rows).toEqual([{ key: 'D3', label: 'D3', values: [42.5, 61, 70] }]);
    const sources = find(devices, 'sourceStatus');
    if (sources.status !== 'ok' || sources.kind !== 'table') throw new Error('sourceStatus is not a table');
    expect(sources.rows.map((row) => row.key)).toEqual(['/examples']);
  });

  it('社区网格: events located in grids, coverage and 网格底数 with what is not imported named', async () => {
    const grid = await kpis('grid');
    const hotline = value(await kpis('hotline'), 'total')!;
    expect(value(grid, 'total')).toBeGreaterThanOrEqual(hotline);
    const base = find(grid, 'baseCounts');
    if (base.status !== 'ok' || base.kind !== 'table') throw new Error('baseCounts is not a table');
    expect(base.rows).toHaveLength(gis.towns.length);
    expect(base.rows.reduce((sum, row) => sum + (row.values[0] ?? 0), 0)).toBe(gis.layers.grids.features.length);
    expect(base.missing.map((m) => m.reason.code)).toContain('GRID_BASE_DATA_MISSING');
  });

  it('首页: totals by source and a card per centre that drills like the centre’s own wall', async () => {
    const home = await kpis('home');
    const byKind = items(home, 'byKind');
    expect(value(home, 'total')).toBe(Object.values(byKind).reduce((a, b) => a + b, 0));
    expect(byKind.hotline).toBe(4);
    expect(value(home, 'hotline.total')).toBe(4);
    expect(value(home, 'urban.total')).toBe(2);
    expect(value(home, 'emergency.active')).toBe(1);
    expect(value(home, 'approvals.accepted')).toBe(2);
    const drilled = await service.drill('home', 'emergency.active', { limit: 5, offset: 0 }, NOW);
    expect(drilled.items.map((item) => item.id)).toEqual(['A2']);
  });

  it('rolls "today" over at the city’s midnight, not the server’s', async () => {
    const lateEvening = await kpis('hotline', new Date('2026-11-20T23:59:00+08:00'));
    expect(lateEvening.day).toBe('2026-11-20');
    expect(value(lateEvening, 'total')).toBe(1);
    const nextMorning = await kpis('hotline', new Date('2026-11-22T00:01:00+08:00'));
    expect(nextMorning.day).toBe('2026-11-22');
    expect(value(nextMorning, 'total')).toBe(0);
  });
});
