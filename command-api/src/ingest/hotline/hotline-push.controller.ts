import { Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { NotAudited } from '../../audit/audit.decorators';
import { Public } from '../../auth/principal';
import { HotlineIngestService } from './hotline-ingest.service';

/**
 * `POST /api/v1/ingest/hotline`: a 12345 platform pushes one ticket or an array, signed with
 * HMAC-SM3 (X-Zs-Partner, X-Zs-Timestamp, X-Zs-Signature over `${timestamp}\n${body}`). Answers
 * per item like `POST /api/v1/events`; 401 on any signature problem, 503 + Retry-After when busy.
 */
@Controller('api/v1/ingest/hotline')
@Public() // signed by the platform (HMAC-SM3), not by a user
@NotAudited()
export class HotlinePushController {
  constructor(@Inject(HotlineIngestService) private readonly hotline: HotlineIngestService) {}

  @Post()
  @HttpCode(200)
  async push(@Req() request: Request) {
    // The app reads `/api` bodies as text, so this is the raw body the signature covers.
    const body: unknown = request.body;
    return this.hotline.ingest(body, request.headers);
  }
}
