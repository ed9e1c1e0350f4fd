import { Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import {
  open311RequestsDocument,
  open311ServiceDefinitionDocument,
  open311ServicesDocument,
  parseOpen311Format,
} from '@zhongshu/adapters';
import type { Request, Response } from 'express';
import { NotAudited } from '../../audit/audit.decorators';
import { Public } from '../../auth/principal';
import { Open311ExceptionFilter } from './open311-exception.filter';
import { OPEN311_MAX_BODY_BYTES, Open311RequestsService } from './open311-requests.service';
import { sendOpen311 } from './open311-response';
import { readRawBody } from './raw-body';

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) at `/open311/v2`, every resource in
 * `.json` and `.xml`. Errors are the spec's error array, in the URL's format.
 */
@Controller('open311/v2')
@Public() // GeoReport v2 is public by design; filing needs an Open311 api_key
@NotAudited()
@UseFilters(Open311ExceptionFilter)
export class Open311Controller {
  constructor(@Inject(Open311RequestsService) private readonly open311: Open311RequestsService) {}

  @Get('services.:format')
  services(@Param('format') format: string, @Res() response: Response): void {
    sendOpen311(response, parseOpen311Format(format), 200, open311ServicesDocument(this.open311.services()));
  }

  @Get('services/:service_code.:format')
  service(
    @Param('service_code') serviceCode: string,
    @Param('format') format: string,
    @Res() response: Response,
  ): void {
    const as = parseOpen311Format(format);
    sendOpen311(response, as, 200, open311ServiceDefinitionDocument(this.open311.definition(serviceCode)));
  }

  /** Form-encoded per the spec (read raw here: `/open311` has no body parser); `api_key` required. */
  @Post('requests.:format')
  async create(@Param('format') format: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const as = parseOpen311Format(format);
    const body = await readRawBody(request, OPEN311_MAX_BODY_BYTES);
    const idempotencyKey = request.headers['idempotency-key'];
    const { receipt, replayed } = await this.open311.create(
      body,
      request.headers['content-type'],
      typeof idempotencyKey === 'string' ? idempotencyKey : undefined,
    );
    if (replayed) response.setHeader('Idempotent-Replayed', 'true');
    sendOpen311(response, as, 200, open311RequestsDocument([receipt]));
  }

  @Get('requests.:format')
  async list(
    @Param('format') format: string,
    @Query() query: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const as = parseOpen311Format(format);
    sendOpen311(response, as, 200, open311RequestsDocument(await this.open311.list(query)));
  }

  @Get('requests/:service_request_id.:format')
  async one(
    @Param('service_request_id') serviceRequestId: string,
    @Param('format') format: string,
    @Res() response: Response,
  ): Promise<void> {
    const as = parseOpen311Format(format);
    sendOpen311(response, as, 200, open311RequestsDocument([await this.open311.get(serviceRequestId)]));
  }
}
