import { Controller, HttpCode, Inject, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApprovalsPushAdapter, SafetyPushAdapter, UrbanPushAdapter, type PushReport } from '@zhongshu/adapters';
import type { Request } from 'express';
import { NotAudited } from '../audit/audit.decorators';
import { Public } from '../auth/principal';
import { parseIngestBody } from '../events/ingest-body';
import { ApiError, invalidRequest } from '../http/api-error';
import { RUNTIME, type Runtime } from '../runtime';
import { IngestTokenGuard } from './ingest-token.guard';

/** The push sources that share one shape: a platform item schema, per-item results, token auth. */
export const PUSH_SOURCES = ['urban', 'safety', 'approvals'] as const;
export type PushSource = (typeof PUSH_SOURCES)[number];
type PushAdapter = UrbanPushAdapter | SafetyPushAdapter | ApprovalsPushAdapter;

export const pushOrigin = (source: PushSource) => `http:/api/v1/ingest/${source}`;
export const PUSH_ADAPTERS = Symbol('PUSH_ADAPTERS');

/**
 * One adapter per push source per process. Their counters join /api/health and /metrics; their
 * dead letters replay through them (platform items, not CityEvents).
 */
export const pushAdaptersProvider = {
  provide: PUSH_ADAPTERS,
  inject: [RUNTIME],
  useFactory: (runtime: Runtime): Record<PushSource, PushAdapter> => {
    const options = { sink: runtime.pipeline, areaCode: runtime.gis.config.district.code };
    const adapters = {
      urban: new UrbanPushAdapter(options),
      safety: new SafetyPushAdapter(options),
      approvals: new ApprovalsPushAdapter(options),
    };
    for (const source of PUSH_SOURCES) {
      const adapter = adapters[source];
      runtime.adapters.push(adapter);
      runtime.replayers.push({ originPrefix: pushOrigin(source), replay: (letter) => adapter.replay(letter) });
    }
    return adapters;
  },
};

/**
 * 数字城管 case stage changes (`/urban`), security-platform alarms (`/safety`) and 一窗受理 / hall events
 * (`/approvals`, discriminated by `kind`): one object, a JSON array or NDJSON; per-item results.
 */
@Controller('api/v1/ingest')
@Public() // platforms, not users: IngestTokenGuard checks INGEST_TOKENS
@NotAudited()
@UseGuards(IngestTokenGuard)
export class PushIngestController {
  constructor(@Inject(PUSH_ADAPTERS) private readonly adapters: Record<PushSource, PushAdapter>) {}

  @Post(':source')
  @HttpCode(200)
  async ingest(@Param('source') source: string, @Req() request: Request): Promise<PushReport> {
    if (!(PUSH_SOURCES as readonly string[]).includes(source)) {
      throw new ApiError(404, 'UNKNOWN_SOURCE', `No push endpoint for ${source}`, `没有该来源的推送接口：${source}`);
    }
    const adapter = this.adapters[source as PushSource];
    const origin = pushOrigin(source as PushSource);
    const body = typeof request.body === 'string' ? request.body : '';
    const parsed = parseIngestBody(body, request.headers['content-type']);
    if (!parsed.ok) {
      await adapter.rejectBody(body, parsed.reason, origin);
      throw invalidRequest(parsed.reason);
    }
    // A saturated pipeline throws BackpressureError before anything is kept: 503 + Retry-After (exception filter).
    return adapter.ingestBody(parsed.body, origin);
  }
}
