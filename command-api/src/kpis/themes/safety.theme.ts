import { safetyAlarmPayload, severity } from '@zhongshu/stream';
import { RECENT, detail, entityParams, totalsByValue } from '../entity-filters';
import { FACET_FILTERS } from '../facet-filters';
import { REASONS, breakdown, count, hourlySeries, itemsFor, unavailable } from '../kpi-builders';
import { requireKey, type KpiContext, type ThemeModule } from '../kpi-context';
import type { Kpi } from '../kpi.contract';

const DOMAIN = 'safety_alarm';
const ALARM_TYPES = safetyAlarmPayload.shape.alarmType.options;
const SEVERITIES = [...severity.options].reverse();
const KIND = ['safety'];
/** An alarm nobody cleared within a week is a data problem, not an active incident. */
const ACTIVE_DAYS = 7;
const ACTIVE = `state != 'cleared' AND ${RECENT}`;
/** 应急: active alarms that need a response now. */
const EMERGENCY = `${ACTIVE} AND ${detail('severity')} IN ('major', 'critical')`;

export async function safetyCard(ctx: KpiContext): Promise<Kpi[]> {
  const params = entityParams(ctx.window, ACTIVE_DAYS);
  const [raised, active, emergency] = await Promise.all([
    ctx.warehouse.facet(ctx.window, 'alarmType', KIND),
    ctx.warehouse.entityTotal(DOMAIN, { having: ACTIVE, params }),
    ctx.warehouse.entityTotal(DOMAIN, { having: EMERGENCY, params }),
  ]);
  return [
    count(
      'total',
      raised.reduce((sum, row) => sum + row.events, 0),
      'item',
    ),
    count('active', active, 'item'),
    count('emergency', emergency, 'item'),
  ];
}

/** 社会治安 + 应急: alarms raised today by type and severity, active incidents, resources. */
export const safetyTheme: ThemeModule = {
  async kpis(ctx) {
    const { warehouse, window } = ctx;
    const params = entityParams(window, ACTIVE_DAYS);
    const [types, severities, hourly, towns, active, emergency, activeByType] = await Promise.all([
      warehouse.facet(window, 'alarmType', KIND),
      warehouse.facet(window, 'alarmSeverity', KIND),
      warehouse.facetHourly(window, 'alarmSeverity', KIND),
      warehouse.facetTowns(window, 'alarmType', KIND),
      warehouse.entityTotal(DOMAIN, { having: ACTIVE, params }),
      warehouse.entityTotal(DOMAIN, { having: EMERGENCY, params }),
      warehouse.entityCounts(DOMAIN, detail('alarmType'), { having: ACTIVE, params }),
    ]);
    const bySeverity = new Map(severities.map((row) => [row.value, row.events]));
    const total = types.reduce((sum, row) => sum + row.events, 0);
    return [
      count('total', total, 'item'),
      count('critical', bySeverity.get('critical') ?? 0, 'item'),
      count('active', active, 'item'),
      count('emergency', emergency, 'item'),
      breakdown('alarmTypes', itemsFor(ALARM_TYPES, new Map(types.map((row) => [row.value, row.events])))),
      breakdown('severities', itemsFor(SEVERITIES, bySeverity)),
      hourlySeries('hourly', window, hourly, SEVERITIES),
      breakdown('activeByType', itemsFor(ALARM_TYPES, totalsByValue(activeByType))),
      breakdown(
        'places',
        towns.map((row) => ({ key: row.value, label: ctx.townName(row.value) ?? row.value, value: row.events })),
      ),
      unavailable('resources', 'table', REASONS.emergencyResources),
    ];
  },
  drills: {
    total: (ctx, _key, page) => ctx.drills.events(ctx.window, FACET_FILTERS.raisedAlarm, {}, page),
    critical: (ctx, _key, page) =>
      ctx.drills.events(ctx.window, FACET_FILTERS.raisedAlarmSeverity, { key: 'critical' }, page),
    active: (ctx, _key, page) =>
      ctx.drills.entities(DOMAIN, ACTIVE, entityParams(ctx.window, ACTIVE_DAYS), page, ctx.townName),
    emergency: (ctx, _key, page) =>
      ctx.drills.entities(DOMAIN, EMERGENCY, entityParams(ctx.window, ACTIVE_DAYS), page, ctx.townName),
    alarmTypes: (ctx, key, page) =>
      ctx.drills.events(ctx.window, FACET_FILTERS.raisedAlarmType, { key: requireKey(key) }, page),
    severities: (ctx, key, page) =>
      ctx.drills.events(ctx.window, FACET_FILTERS.raisedAlarmSeverity, { key: requireKey(key) }, page),
    activeByType: (ctx, key, page) =>
      ctx.drills.entities(
        DOMAIN,
        `${ACTIVE} AND ${detail('alarmType')} = {key:String}`,
        entityParams(ctx.window, ACTIVE_DAYS, { key: requireKey(key) }),
        page,
        ctx.townName,
      ),
    places: (ctx, key, page) =>
      ctx.drills.events(
        ctx.window,
        `${FACET_FILTERS.raisedAlarm} AND town_code = {key:String}`,
        { key: requireKey(key) },
        page,
      ),
  },
};
