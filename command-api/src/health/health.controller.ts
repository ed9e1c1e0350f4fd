import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/principal';
import { HealthService } from './health.service';

@Controller('api/health')
@Public()
export class HealthController {
  constructor(@Inject(HealthService) private readonly health: HealthService) {}

  /** 200 when every part is ready, 503 otherwise; the body says which part is not. */
  @Get()
  async check(@Res() response: Response): Promise<void> {
    const report = await this.health.report();
    response
      .status(report.status === 'ok' ? 200 : 503)
      .setHeader('Cache-Control', 'no-store')
      .json(report);
  }
}
