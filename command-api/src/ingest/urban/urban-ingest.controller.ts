import { Controller, HttpCode, Inject, Post, Req, UseGuards } from '@nestjs/common';
import { UrbanPushAdapter, type PushReport } from '@zhongshu/adapters';
import type { Request } from 'express';
import { parseIngestBody } from '../../events/ingest-body';
import { invalidRequest } from '../../http/api-error';
import { RUNTIME, type Runtime } from '../../runtime';
import { IngestTokenGuard } from '../ingest-token.guard';

export const URBAN_INGEST_ORIGIN = 'http:/api/v1/ingest/urban';

/** One `UrbanPushAdapter` per process; its counters are the `urban` adapter's. */
export const urbanPushProvider = {
  provide: UrbanPushAdapter,
  inject: [RUNTIME],
  useFactory: (runtime: Runtime) => {
    const adapter = new UrbanPushAdapter({ sink: runtime.pipeline, areaCode: runtime.gis.config.district.code });
    // Its counters join /api/health and /metrics; its dead letters replay through it (platform items, not CityEvents).
    runtime.adapters.push(adapter);
    runtime.replayers.push({ originPrefix: URBAN_INGEST_ORIGIN, replay: (letter) => adapter.replay(letter) });
    return adapter;
  },
};

/** 数字城管 pushes case updates here: one object, a JSON array or NDJSON; per-item results. */
@Controller('api/v1/ingest/urban')
@UseGuards(IngestTokenGuard)
export class UrbanIngestController {
  constructor(@Inject(UrbanPushAdapter) private readonly adapter: UrbanPushAdapter) {}

  @Post()
  @HttpCode(200)
  async ingest(@Req() request: Request): Promise<PushReport> {
    const body = typeof request.body === 'string' ? request.body : '';
    const parsed = parseIngestBody(body, request.headers['content-type']);
    if (!parsed.ok) {
      await this.adapter.rejectBody(body, parsed.reason, URBAN_INGEST_ORIGIN);
      throw invalidRequest(parsed.reason);
    }
    // A saturated pipeline throws BackpressureError before anything is kept: 503 + Retry-After (exception filter).
    return this.adapter.ingestBody(parsed.body, URBAN_INGEST_ORIGIN);
  }
}
