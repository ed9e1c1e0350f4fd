import { Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { describeIssues } from '@zhongshu/stream';
import { z } from 'zod';
import { Roles } from '../auth/principal';
import { invalidRequest } from '../http/api-error';
import { AuditLog } from './audit-log.service';

export const auditPageQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
    username: z.string().max(128).optional(),
    action: z.string().max(256).optional(),
  })
  .strict();

@Controller('api/v1/audit')
@Roles('admin')
export class AuditController {
  constructor(@Inject(AuditLog) private readonly audit: AuditLog) {}

  /** Newest first, with each record's chain position and hashes. */
  @Get()
  @Header('Cache-Control', 'no-store')
  async list(@Query() rawQuery: Record<string, unknown>) {
    const query = auditPageQuery.safeParse(rawQuery);
    if (!query.success) throw invalidRequest(describeIssues(query.error));
    const page = await this.audit.page(query.data);
    return {
      total: page.total,
      limit: query.data.limit,
      offset: query.data.offset,
      items: page.items.map((record) => ({ ...record, at: record.at.toISOString() })),
    };
  }

  /** Re-hashes every node's chain: `intact`, how many records were checked, and the first break if any. */
  @Get('verify')
  @Header('Cache-Control', 'no-store')
  async verify() {
    return this.audit.verify();
  }
}
