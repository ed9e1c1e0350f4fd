import { Controller, HttpCode, Inject, Post, Req, UseGuards } from '@nestjs/common';
import { SafetyPushAdapter, type PushReport } from '@zhongshu/adapters';
import type { Request } from 'express';
import { parseIngestBody } from '../../events/ingest-body';
import { invalidRequest } from '../../http/api-error';
import { RUNTIME, type Runtime } from '../../runtime';
import { IngestTokenGuard } from '../ingest-token.guard';

export const SAFETY_INGEST_ORIGIN = 'http:/api/v1/ingest/safety';

/** One `SafetyPushAdapter` per process, counted as `safety` (pass `counters` to share them with the alarm-stream client). */
export const safetyPushProvider = {
  provide: SafetyPushAdapter,
  inject: [RUNTIME],
  useFactory: (runtime: Runtime) => {
    const adapter = new SafetyPushAdapter({ sink: runtime.pipeline, areaCode: runtime.gis.config.district.code });
    // Its counters join /api/health and /metrics; its dead letters replay through it (platform items, not CityEvents).
    runtime.adapters.push(adapter);
    runtime.replayers.push({ originPrefix: SAFETY_INGEST_ORIGIN, replay: (letter) => adapter.replay(letter) });
    return adapter;
  },
};

/** Security platforms push alarms and alarm status changes here: one object, a JSON array or NDJSON; per-item results. */
@Controller('api/v1/ingest/safety')
@UseGuards(IngestTokenGuard)
export class SafetyIngestController {
  constructor(@Inject(SafetyPushAdapter) private readonly adapter: SafetyPushAdapter) {}

  @Post()
  @HttpCode(200)
  async ingest(@Req() request: Request): Promise<PushReport> {
    const body = typeof request.body === 'string' ? request.body : '';
    const parsed = parseIngestBody(body, request.headers['content-type']);
    if (!parsed.ok) {
      await this.adapter.rejectBody(body, parsed.reason, SAFETY_INGEST_ORIGIN);
      throw invalidRequest(parsed.reason);
    }
    // A saturated pipeline throws BackpressureError before anything is kept: 503 + Retry-After (exception filter).
    return this.adapter.ingestBody(parsed.body, SAFETY_INGEST_ORIGIN);
  }
}
