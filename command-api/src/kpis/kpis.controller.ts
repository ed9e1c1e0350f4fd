import { Controller, Get, Header, Inject, Param, Query } from '@nestjs/common';
import { describeIssues } from '@zhongshu/stream';
import { z } from 'zod';
import { AllowWall } from '../auth/principal';
import { invalidRequest } from '../http/api-error';
import { RUNTIME, type Runtime } from '../runtime';
import { drillQuery, kpiId, theme } from './kpi.contract';
import { ThemeKpisService } from './theme-kpis.service';

export const kpiOverviewQuery = z
  .object({ trendMinutes: z.coerce.number().int().min(1).max(1440).default(60) })
  .strict();

const noQuery = z.object({}).strict();

function parseTheme(raw: string) {
  const parsed = theme.safeParse(raw);
  if (!parsed.success) throw invalidRequest(`theme: one of ${theme.options.join(', ')}`);
  return parsed.data;
}

@Controller('api/v1/kpis')
export class KpisController {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(ThemeKpisService) private readonly themes: ThemeKpisService,
  ) {}

  /** Today's totals per source and a per-minute trend, both read from the kpi_minute materialized view. */
  @Get('overview')
  @AllowWall()
  @Header('Cache-Control', 'no-store')
  async overview(@Query() rawQuery: Record<string, unknown>) {
    const query = kpiOverviewQuery.safeParse(rawQuery);
    if (!query.success) throw invalidRequest(describeIssues(query.error));
    return this.runtime.store.kpiOverview(new Date(), query.data.trendMinutes);
  }

  /** The KPIs one wall theme shows, for the city-local day (materialized views and hot state). */
  @Get(':theme')
  @AllowWall()
  @Header('Cache-Control', 'no-store')
  async theme(@Param('theme') rawTheme: string, @Query() rawQuery: Record<string, unknown>) {
    const query = noQuery.safeParse(rawQuery);
    if (!query.success) throw invalidRequest(describeIssues(query.error));
    return this.themes.themeKpis(parseTheme(rawTheme));
  }

  /** What makes one KPI (or one item of a breakdown, `?key=`) up: the events, cases, alarms or devices. */
  @Get(':theme/:kpi/items')
  @AllowWall()
  @Header('Cache-Control', 'no-store')
  async items(
    @Param('theme') rawTheme: string,
    @Param('kpi') rawKpi: string,
    @Query() rawQuery: Record<string, unknown>,
  ) {
    const kpi = kpiId.safeParse(rawKpi);
    if (!kpi.success) throw invalidRequest('kpi: a KPI id such as total or hotline.total');
    const query = drillQuery.safeParse(rawQuery);
    if (!query.success) throw invalidRequest(describeIssues(query.error));
    return this.themes.drill(parseTheme(rawTheme), kpi.data, query.data);
  }
}
