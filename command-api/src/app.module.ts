import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { DeadLetterReplayService } from './dead-letters/dead-letter-replay.service';
import { DeadLettersController } from './dead-letters/dead-letters.controller';
import { DevicesController } from './devices/devices.controller';
import { EventsController } from './events/events.controller';
import { EventsService } from './events/events.service';
import { GisController } from './gis/gis.controller';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { KpisController } from './kpis/kpis.controller';
import { LiveGateway } from './live/live.gateway';
import { LiveSnapshotService } from './live/live-snapshot.service';
import { MetricsController } from './metrics/metrics.controller';
import { OpenApiController } from './openapi/openapi.controller';
import { RUNTIME, type Runtime } from './runtime';

@Module({})
export class AppModule {
  static forRuntime(runtime: Runtime): DynamicModule {
    return {
      module: AppModule,
      controllers: [
        HealthController,
        EventsController,
        DeadLettersController,
        DevicesController,
        KpisController,
        GisController,
        OpenApiController,
        MetricsController,
      ],
      providers: [
        { provide: RUNTIME, useValue: runtime },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        EventsService,
        DeadLetterReplayService,
        HealthService,
        LiveSnapshotService,
        LiveGateway,
      ],
    };
  }
}
