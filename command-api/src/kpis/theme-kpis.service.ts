import { cpus, freemem, loadavg, totalmem, uptime } from 'node:os';
import { Inject, Injectable } from '@nestjs/common';
import { createWorkingCalendar, type WorkingCalendar } from '@zhongshu/ticketing';
import { ApiError } from '../http/api-error';
import { RUNTIME, type Runtime } from '../runtime';
import { dayWindow } from './day-window';
import { DrillReader } from './drill-reader';
import { DrillKeyRequired, type KpiContext, type ProcessFacts } from './kpi-context';
import { KpiWarehouse } from './kpi-warehouse';
import type { DrillPage, DrillQuery, Theme, ThemeKpis } from './kpi.contract';
import { SingleFlightCache } from './single-flight.cache';
import { THEME_MODULES } from './theme-registry';
import { WorkOrderFacts } from './work-order-facts';

/** Many walls on one theme share one computation within this window (and only while nothing new was stored). */
const CACHE_MS = 1000;

/** Theme KPIs and their drill-downs for the wall, for the city-local "today". */
@Injectable()
export class ThemeKpisService {
  private readonly warehouse: KpiWarehouse;
  private readonly drills: DrillReader;
  private readonly calendar: WorkingCalendar;
  private readonly townNames: Map<string, string>;
  private readonly orders: WorkOrderFacts;
  private readonly cache = new SingleFlightCache<ThemeKpis>(CACHE_MS);

  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {
    this.warehouse = new KpiWarehouse(runtime.sql);
    this.drills = new DrillReader(runtime.sql, this.warehouse);
    this.calendar = createWorkingCalendar();
    this.townNames = new Map(runtime.gis.towns.map((town) => [town.code, town.name]));
    this.orders = new WorkOrderFacts(runtime.sql);
  }

  async themeKpis(theme: Theme, now = new Date()): Promise<ThemeKpis> {
    const ctx = await this.context(now);
    // Keyed by what the pipeline has stored: an event stored a moment ago is never hidden behind a cached answer.
    const stored = this.runtime.pipeline.stats().stored;
    return this.cache.get(`${theme}|${ctx.window.day}|${stored}`, async () => ({
      theme,
      day: ctx.window.day,
      timeZone: ctx.window.timeZone,
      generatedAt: now.toISOString(),
      kpis: await THEME_MODULES[theme].kpis(ctx),
    }));
  }

  async drill(theme: Theme, kpi: string, query: DrillQuery, now = new Date()): Promise<DrillPage> {
    const drill = THEME_MODULES[theme].drills[kpi];
    if (!drill) {
      throw new ApiError(
        404,
        'UNKNOWN_KPI',
        `Theme ${theme} has no KPI ${kpi} to drill into`,
        `主题${theme}没有可下钻的指标${kpi}`,
      );
    }
    const ctx = await this.context(now);
    try {
      const result = await drill(ctx, query.key, { limit: query.limit, offset: query.offset });
      return {
        theme,
        kpi,
        ...(query.key !== undefined ? { key: query.key } : {}),
        day: ctx.window.day,
        ...result,
      };
    } catch (error) {
      if (error instanceof DrillKeyRequired) {
        throw new ApiError(400, 'DRILL_KEY_REQUIRED', error.message, '该指标为分项统计，请用 key 参数指定分项');
      }
      throw error;
    }
  }

  private async context(now: Date): Promise<KpiContext> {
    const units = await this.unitNames();
    return {
      window: dayWindow(now, this.runtime.config.timeZone),
      warehouse: this.warehouse,
      drills: this.drills,
      gis: this.runtime.gis,
      calendar: this.calendar,
      facts: () => this.facts(),
      townName: (code) => this.townNames.get(code),
      orders: this.orders,
      unitName: (code) => units.get(code),
    };
  }

  /** Unit codes → names from the work-order routing table (editable at run time, so read per request). */
  private async unitNames(): Promise<Map<string, string>> {
    const config = this.runtime.workOrders?.config;
    if (!config) return new Map();
    try {
      const { value } = await config.get('routing');
      return new Map(value.departments.map((unit) => [unit.code, unit.name]));
    } catch {
      return new Map();
    }
  }

  private facts(): ProcessFacts {
    const { runtime } = this;
    return {
      adapters: [runtime.eventsCounters, ...runtime.adapters.map((adapter) => adapter.counters)].map((counters) =>
        counters.stats(),
      ),
      pipeline: runtime.pipeline.stats(),
      host: {
        loadPerCpu: loadavg()[0] / Math.max(1, cpus().length),
        memoryUsed: totalmem() - freemem(),
        memoryTotal: totalmem(),
        uptimeSeconds: Math.round(uptime()),
      },
    };
  }
}
