import { Controller, Get, Header, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { describeIssues } from '@zhongshu/stream';
import { z } from 'zod';
import { Roles } from '../auth/principal';
import { invalidRequest } from '../http/api-error';
import { RUNTIME, type Runtime } from '../runtime';
import { DeadLetterReplayService } from './dead-letter-replay.service';

const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }).strict();

/**
 * What every boundary rejected, newest first, with the raw payload and the reason. Raw payloads can hold
 * personal data (a caller's phone number), so only admins and engineers see them, demo mode or not.
 */
@Controller('api/v1/dead-letters')
@Roles('admin', 'engineer')
export class DeadLettersController {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(DeadLetterReplayService) private readonly replays: DeadLetterReplayService,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async list(@Query() rawQuery: Record<string, unknown>) {
    const query = listQuery.safeParse(rawQuery);
    if (!query.success) throw invalidRequest(describeIssues(query.error));
    return this.runtime.store.list(query.data.limit);
  }

  /** Sends the raw payload through its boundary again; `outcome` says whether it is stored now. */
  @Post(':id/replay')
  @HttpCode(200)
  async replay(@Param('id') id: string) {
    return this.replays.replay(id);
  }
}
