import type { AdapterStats } from '@zhongshu/adapters';
import type { CityGis } from '@zhongshu/gis';
import type { PipelineStats } from '@zhongshu/stream';
import type { WorkingCalendar } from '@zhongshu/ticketing';
import type { DayWindow } from './day-window';
import type { DrillReader, DrillResult, Page } from './drill-reader';
import type { KpiWarehouse } from './kpi-warehouse';
import type { Kpi } from './kpi.contract';
import type { WorkOrderFacts } from './work-order-facts';

/** What this process knows about itself (the 信息中心 wall's host panel). */
export interface ProcessFacts {
  adapters: AdapterStats[];
  pipeline: PipelineStats;
  host: { loadPerCpu: number; memoryUsed: number; memoryTotal: number; uptimeSeconds: number };
}

/** Everything a theme needs to compute its KPIs for one request. */
export interface KpiContext {
  window: DayWindow;
  warehouse: KpiWarehouse;
  drills: DrillReader;
  gis: CityGis;
  calendar: WorkingCalendar;
  facts: () => ProcessFacts;
  townName: (code: string) => string | undefined;
  /** The work-order side's order log (handling by department, 三率, 按时办结率). */
  orders: WorkOrderFacts;
  /** A unit's name from the routing table (work orders name units by code). */
  unitName: (code: string) => string | undefined;
}

export type DrillFn = (ctx: KpiContext, key: string | undefined, page: Page) => Promise<DrillResult>;

/** One wall theme: its KPIs and, per drillable KPI, what makes it up. */
export interface ThemeModule {
  kpis(ctx: KpiContext): Promise<Kpi[]>;
  drills: Record<string, DrillFn>;
}

/** Thrown by a drill that needs `?key=` (a breakdown's item) and got none. */
export class DrillKeyRequired extends Error {}

export function requireKey(key: string | undefined): string {
  if (key === undefined) throw new DrillKeyRequired('this KPI is a breakdown: pass ?key= of one of its items');
  return key;
}
