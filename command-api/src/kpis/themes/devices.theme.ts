import { RECENT, detail, entityParams } from '../entity-filters';
import { FACET_FILTERS } from '../facet-filters';
import { breakdown, count, itemsFor, rate, table } from '../kpi-builders';
import { requireKey, type KpiContext, type ThemeModule } from '../kpi-context';
import type { Kpi, SeriesKpi } from '../kpi.contract';

const DOMAIN = 'device';
const STATUSES = ['online', 'offline', 'fault'] as const;
/** A device not heard of for a week has left the fleet. */
const FLEET_DAYS = 7;
const SERVER_METRICS = ['cpu', 'mem', 'disk'] as const;
const MINUTES = 60;

async function fleet(ctx: KpiContext) {
  return ctx.warehouse.entityCounts(DOMAIN, detail('deviceType'), {
    having: RECENT,
    params: entityParams(ctx.window, FLEET_DAYS),
  });
}

function statusTotals(rows: ReadonlyArray<{ state: string; count: number }>): Map<string, number> {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(row.state, (totals.get(row.state) ?? 0) + row.count);
  return totals;
}

export async function devicesCard(ctx: KpiContext): Promise<Kpi[]> {
  const [rows, alarms] = await Promise.all([fleet(ctx), ctx.warehouse.facet(ctx.window, 'deviceAlarm')]);
  const totals = statusTotals(rows);
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  return [
    rate('onlineRate', totals.get('online') ?? 0, all),
    count(
      'alarms',
      alarms.reduce((sum, row) => sum + row.events, 0),
      'item',
    ),
  ];
}

function statusTable(id: string, rows: ReadonlyArray<{ value: string; label?: string; state: string; count: number }>) {
  const byValue = new Map<string, { label: string; counts: Map<string, number> }>();
  for (const row of rows) {
    const entry = byValue.get(row.value) ?? { label: row.label ?? row.value, counts: new Map<string, number>() };
    entry.counts.set(row.state, (entry.counts.get(row.state) ?? 0) + row.count);
    byValue.set(row.value, entry);
  }
  return table(
    id,
    [...STATUSES],
    [...byValue]
      .map(([key, { label, counts }]) => ({
        key,
        label,
        total: [...counts.values()].reduce((a, b) => a + b, 0),
        values: STATUSES.map((status) => counts.get(status) ?? 0),
      }))
      .sort((a, b) => b.total - a.total || a.key.localeCompare(b.key))
      .map(({ key, label, values }) => ({ key, label, values })),
  );
}

/** 信息中心: devices by status, type and place, today's device alarms, data sources, interfaces, host. */
export const devicesTheme: ThemeModule = {
  async kpis(ctx) {
    const { warehouse, window } = ctx;
    const params = entityParams(window, FLEET_DAYS);
    const [byType, byTown, alarms, sources, perMinute, servers] = await Promise.all([
      fleet(ctx),
      warehouse.entityCounts(DOMAIN, 'town_code', { having: RECENT, params }),
      warehouse.facet(window, 'deviceAlarm'),
      warehouse.facetLastSeen(window, 'source'),
      warehouse.perMinute(window.now, MINUTES + 1),
      warehouse.entities(DOMAIN, { having: `${RECENT} AND ${detail('deviceType')} = 'server'`, params }),
    ]);
    const totals = statusTotals(byType);
    const all = [...totals.values()].reduce((a, b) => a + b, 0);
    const facts = ctx.facts();
    // The current minute is still filling: throughput is the last complete one.
    const complete = perMinute.slice(0, MINUTES);
    const now = window.now.getTime();
    const series: SeriesKpi = {
      id: 'perMinute',
      drill: false,
      status: 'ok',
      kind: 'series',
      buckets: complete.map((minute) => new Date(minute.at).toISOString()),
      series: [{ key: 'events', values: complete.map((minute) => minute.events) }],
    };
    return [
      breakdown('status', itemsFor(STATUSES, totals)),
      rate('onlineRate', totals.get('online') ?? 0, all),
      statusTable('byType', byType),
      statusTable(
        'byTown',
        byTown.map((row) => ({ ...row, label: ctx.townName(row.value) ?? (row.value || '—') })),
      ),
      count(
        'alarms',
        alarms.reduce((sum, row) => sum + row.events, 0),
        'item',
      ),
      count('sources', sources.length, 'source', false),
      table(
        'sourceStatus',
        ['events', 'minutesSinceLast'],
        sources.map((row) => ({
          key: row.value,
          label: row.value,
          values: [row.events, Math.max(0, Math.floor((now - row.lastMinute) / 60_000))],
        })),
      ),
      table(
        'interfaces',
        ['received', 'accepted', 'rejected', 'connected'],
        facts.adapters.map((stats) => ({
          key: stats.adapter,
          label: stats.adapter,
          values: [
            stats.received,
            stats.accepted,
            stats.rejected,
            stats.connected === undefined ? null : stats.connected ? 1 : 0,
          ],
        })),
        [],
        false,
      ),
      count('throughput', complete[complete.length - 1]?.events ?? 0, 'perMinute', false),
      series,
      rate('hostLoad', Math.round(facts.host.loadPerCpu * 100), 100, false),
      rate('hostMemory', facts.host.memoryUsed, facts.host.memoryTotal, false),
      table(
        'servers',
        [...SERVER_METRICS],
        servers.map((server) => {
          const metrics = parseMetrics(server.detail.metrics);
          return {
            key: server.entity,
            label: server.entity,
            values: SERVER_METRICS.map((metric) => (typeof metrics[metric] === 'number' ? metrics[metric] : null)),
          };
        }),
        [],
        false,
      ),
    ];
  },
  drills: {
    status: (ctx, key, page) =>
      ctx.drills.entities(
        DOMAIN,
        `${RECENT} AND state = {key:String}`,
        entityParams(ctx.window, FLEET_DAYS, { key: requireKey(key) }),
        page,
        ctx.townName,
      ),
    onlineRate: (ctx, _key, page) =>
      ctx.drills.entities(
        DOMAIN,
        `${RECENT} AND state = 'online'`,
        entityParams(ctx.window, FLEET_DAYS),
        page,
        ctx.townName,
      ),
    byType: (ctx, key, page) =>
      ctx.drills.entities(
        DOMAIN,
        `${RECENT} AND ${detail('deviceType')} = {key:String}`,
        entityParams(ctx.window, FLEET_DAYS, { key: requireKey(key) }),
        page,
        ctx.townName,
      ),
    byTown: (ctx, key, page) =>
      ctx.drills.entities(
        DOMAIN,
        `${RECENT} AND town_code = {key:String}`,
        entityParams(ctx.window, FLEET_DAYS, { key: requireKey(key) }),
        page,
        ctx.townName,
      ),
    alarms: (ctx, _key, page) => ctx.drills.events(ctx.window, FACET_FILTERS.deviceAlarm, {}, page),
    sourceStatus: (ctx, key, page) =>
      ctx.drills.events(ctx.window, FACET_FILTERS.source, { key: requireKey(key) }, page),
  },
};

function parseMetrics(text: string | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
