import type { DayWindow } from './day-window';
import type { HourlyCount } from './kpi-warehouse';
import type {
  BreakdownKpi,
  CountKpi,
  Kpi,
  KpiItem,
  KpiReason,
  KpiUnit,
  RateKpi,
  SeriesKpi,
  TableKpi,
} from './kpi.contract';

export const count = (id: string, value: number, unit: KpiUnit, drill = true): CountKpi => ({
  id,
  drill,
  status: 'ok',
  kind: 'count',
  value,
  unit,
});

export const rate = (id: string, numerator: number, denominator: number, drill = true): RateKpi => ({
  id,
  drill,
  status: 'ok',
  kind: 'rate',
  value: denominator > 0 ? numerator / denominator : null,
  numerator,
  denominator,
});

export const breakdown = (id: string, items: KpiItem[], drill = true, total?: number): BreakdownKpi => ({
  id,
  drill,
  status: 'ok',
  kind: 'breakdown',
  items,
  total: total ?? items.reduce((sum, item) => sum + item.value, 0),
});

export const table = (
  id: string,
  columns: string[],
  rows: TableKpi['rows'],
  missing: TableKpi['missing'] = [],
  drill = true,
): TableKpi => ({ id, drill, status: 'ok', kind: 'table', columns, rows, missing });

export const unavailable = (id: string, kind: Kpi['kind'], reason: KpiReason): Kpi => ({
  id,
  drill: false,
  status: 'unavailable',
  kind,
  reason,
});

/**
 * Hourly series over the city day: one bucket per hour, zeros where nothing happened, null for hours
 * that have not begun. `keys` fixes the order and the set of lines.
 */
export function hourlySeries(
  id: string,
  window: DayWindow,
  rows: HourlyCount[],
  keys: readonly string[],
  /** The line(s) a row's value counts on; by default the line named like the value. */
  group: (value: string) => string | readonly string[] | undefined = (value) => value,
): SeriesKpi {
  const currentHour = Math.floor((window.now.getTime() - window.start.getTime()) / 3_600_000);
  const values = new Map(
    keys.map((key) => [key, window.hours.map((_, hour) => (hour <= currentHour ? 0 : null)) as Array<number | null>]),
  );
  for (const row of rows) {
    const grouped = group(row.value);
    for (const key of typeof grouped === 'string' ? [grouped] : (grouped ?? [])) {
      const line = values.get(key);
      if (!line || row.hour < 0 || row.hour >= line.length || line[row.hour] === null) continue;
      line[row.hour] = (line[row.hour] ?? 0) + row.events;
    }
  }
  return {
    id,
    drill: false,
    status: 'ok',
    kind: 'series',
    buckets: window.hours.map((hour) => hour.toISOString()),
    series: keys.map((key) => ({ key, values: values.get(key) ?? [] })),
  };
}

/** Items for fixed keys in a fixed order (enums), zeros included, so a wall's layout never jumps. */
export function itemsFor(keys: readonly string[], counts: ReadonlyMap<string, number>): KpiItem[] {
  return keys.map((key) => ({ key, value: counts.get(key) ?? 0 }));
}

export const sumOf = (counts: Iterable<number>): number => {
  let sum = 0;
  for (const value of counts) sum += value;
  return sum;
};

/** Reasons shown where data does not exist yet: never a made-up number. */
export const REASONS = {
  workOrders: {
    code: 'WORK_ORDERS_NOT_AVAILABLE',
    zh: '工单系统尚未接入，暂无处置数据',
    en: 'Work orders are not connected yet: no handling data',
  },
  gridBaseData: {
    code: 'GRID_BASE_DATA_MISSING',
    zh: '网格底数（人口、户数、楼栋、商户）尚未导入',
    en: 'Grid base data (population, households, buildings, businesses) has not been imported',
  },
  emergencyResources: {
    code: 'EMERGENCY_RESOURCES_NOT_CONNECTED',
    zh: '应急资源台账（队伍、车辆、物资）尚未接入',
    en: 'The emergency resource registry (teams, vehicles, supplies) is not connected yet',
  },
} as const satisfies Record<string, KpiReason>;
