import { Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { describeIssues } from '@zhongshu/stream';
import { z } from 'zod';
import { invalidRequest } from '../http/api-error';
import { RUNTIME, type Runtime } from '../runtime';

export const kpiOverviewQuery = z
  .object({ trendMinutes: z.coerce.number().int().min(1).max(1440).default(60) })
  .strict();

@Controller('api/v1/kpis')
export class KpisController {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  /** Today's totals per source and a per-minute trend, both read from the kpi_minute materialized view. */
  @Get('overview')
  @Header('Cache-Control', 'no-store')
  async overview(@Query() rawQuery: Record<string, unknown>) {
    const query = kpiOverviewQuery.safeParse(rawQuery);
    if (!query.success) throw invalidRequest(describeIssues(query.error));
    return this.runtime.store.kpiOverview(new Date(), query.data.trendMinutes);
  }
}
