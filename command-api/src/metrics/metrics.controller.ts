import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Registry } from 'prom-client';
import { Public } from '../auth/principal';
import { LiveGateway } from '../live/live.gateway';
import { RUNTIME, type Runtime } from '../runtime';
import { createMetricsRegistry } from './metrics.registry';

/** Prometheus text exposition at /metrics (outside /api, where scrapers look for it). */
@Controller('metrics')
@Public()
export class MetricsController {
  private readonly registry: Registry;

  constructor(@Inject(RUNTIME) runtime: Runtime, @Inject(LiveGateway) live: LiveGateway) {
    this.registry = createMetricsRegistry(runtime, () => live.connectedClients());
  }

  @Get()
  async metrics(@Res() response: Response): Promise<void> {
    response.setHeader('Content-Type', this.registry.contentType);
    response.send(await this.registry.metrics());
  }
}
