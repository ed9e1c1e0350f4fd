/**
 * The shapes of `GET /api/v1/kpis/{theme}` and `…/{kpi}/items` (command-api/src/kpis/kpi.contract.ts).
 * Mirrored as types: the browser bundle does not ship zod. Every number is the server's.
 */
export interface KpiReason {
  code: string;
  zh: string;
  en: string;
}

export type KpiUnit = 'item' | 'device' | 'person' | 'second' | 'perMinute' | 'percent' | 'grid' | 'source';

export interface KpiItem {
  key: string;
  label?: string;
  value: number;
}

interface Base {
  id: string;
  drill: boolean;
}

export interface CountKpi extends Base {
  status: 'ok';
  kind: 'count';
  value: number;
  unit: KpiUnit;
}
export interface RateKpi extends Base {
  status: 'ok';
  kind: 'rate';
  value: number | null;
  numerator: number;
  denominator: number;
}
export interface BreakdownKpi extends Base {
  status: 'ok';
  kind: 'breakdown';
  items: KpiItem[];
  total: number;
}
export interface SeriesKpi extends Base {
  status: 'ok';
  kind: 'series';
  buckets: string[];
  series: Array<{ key: string; label?: string; values: Array<number | null> }>;
}
export interface TableKpi extends Base {
  status: 'ok';
  kind: 'table';
  columns: string[];
  rows: Array<{ key: string; label?: string; values: Array<number | null> }>;
  missing: Array<{ column: string; reason: KpiReason }>;
}
export interface UnavailableKpi extends Base {
  status: 'unavailable';
  kind: 'count' | 'rate' | 'breakdown' | 'series' | 'table';
  reason: KpiReason;
}

export type Kpi = CountKpi | RateKpi | BreakdownKpi | SeriesKpi | TableKpi | UnavailableKpi;

export interface ThemeKpis {
  theme: string;
  day: string;
  timeZone: string;
  generatedAt: string;
  kpis: Kpi[];
}

export interface DrillItem {
  id: string;
  time: string;
  title: string;
  kind?: string;
  type?: string;
  severity?: string;
  state?: string;
  category?: string;
  townName?: string;
}

export interface DrillPage {
  theme: string;
  kpi: string;
  key?: string;
  day: string;
  total: number;
  items: DrillItem[];
}

export function findKpi(data: ThemeKpis | null, id: string): Kpi | undefined {
  return data?.kpis.find((kpi) => kpi.id === id);
}
