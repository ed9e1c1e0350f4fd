import { Controller, HttpCode, Inject, Post, Req, UseGuards } from '@nestjs/common';
import { ApprovalsPushAdapter, type PushReport } from '@zhongshu/adapters';
import type { Request } from 'express';
import { parseIngestBody } from '../../events/ingest-body';
import { invalidRequest } from '../../http/api-error';
import { RUNTIME, type Runtime } from '../../runtime';
import { IngestTokenGuard } from '../ingest-token.guard';

export const APPROVALS_INGEST_ORIGIN = 'http:/api/v1/ingest/approvals';

/** One `ApprovalsPushAdapter` per process; its counters are the `approvals` adapter's. */
export const approvalsPushProvider = {
  provide: ApprovalsPushAdapter,
  inject: [RUNTIME],
  useFactory: (runtime: Runtime) => {
    const adapter = new ApprovalsPushAdapter({ sink: runtime.pipeline, areaCode: runtime.gis.config.district.code });
    // Its counters join /api/health and /metrics; its dead letters replay through it (platform items, not CityEvents).
    runtime.adapters.push(adapter);
    runtime.replayers.push({ originPrefix: APPROVALS_INGEST_ORIGIN, replay: (letter) => adapter.replay(letter) });
    return adapter;
  },
};

/**
 * 一窗受理 / approval systems and the service hall push here: case lifecycle steps, queue and window events
 * and 好差评 ratings in one stream, told apart by `kind` (`case` | `queue` | `evaluation`). One object, a JSON
 * array or NDJSON; per-item results.
 */
@Controller('api/v1/ingest/approvals')
@UseGuards(IngestTokenGuard)
export class ApprovalsIngestController {
  constructor(@Inject(ApprovalsPushAdapter) private readonly adapter: ApprovalsPushAdapter) {}

  @Post()
  @HttpCode(200)
  async ingest(@Req() request: Request): Promise<PushReport> {
    const body = typeof request.body === 'string' ? request.body : '';
    const parsed = parseIngestBody(body, request.headers['content-type']);
    if (!parsed.ok) {
      await this.adapter.rejectBody(body, parsed.reason, APPROVALS_INGEST_ORIGIN);
      throw invalidRequest(parsed.reason);
    }
    // A saturated pipeline throws BackpressureError before anything is kept: 503 + Retry-After (exception filter).
    return this.adapter.ingestBody(parsed.body, APPROVALS_INGEST_ORIGIN);
  }
}
