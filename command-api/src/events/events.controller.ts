import { Controller, Get, Header, HttpCode, Inject, Post, Query, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { describeIssues } from '@zhongshu/stream';
import { NotAudited } from '../audit/audit.decorators';
import { EventsIngestGuard } from '../auth/events-ingest.guard';
import { AllowWall, Public } from '../auth/principal';
import { invalidRequest } from '../http/api-error';
import { listEventsQuery } from './events.dto';
import { EventsService } from './events.service';
import { parseIngestBody } from './ingest-body';

@Controller('api/v1/events')
export class EventsController {
  constructor(@Inject(EventsService) private readonly events: EventsService) {}

  /** A machine boundary: EventsIngestGuard decides (open in demo mode; else an ingest token or admin/engineer). */
  @Post()
  @Public()
  @NotAudited()
  @UseGuards(EventsIngestGuard)
  @HttpCode(200)
  async ingest(@Req() request: Request) {
    const body = typeof request.body === 'string' ? request.body : '';
    return this.events.ingest(parseIngestBody(body, request.headers['content-type']), body, 'http:/api/v1/events');
  }

  @Get()
  @AllowWall()
  @Header('Cache-Control', 'no-store')
  async list(@Query() rawQuery: Record<string, unknown>) {
    const query = listEventsQuery.safeParse(rawQuery);
    if (!query.success) throw invalidRequest(describeIssues(query.error));
    return this.events.list(query.data);
  }
}
