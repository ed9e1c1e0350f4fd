import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { DeadLetterReplayService } from './dead-letters/dead-letter-replay.service';
import { DeadLettersController } from './dead-letters/dead-letters.controller';
import { DevicesController } from './devices/devices.controller';
import { EventsController } from './events/events.controller';
import { EventsService } from './events/events.service';
import { GisController } from './gis/gis.controller';
import { MapDataController } from './gis/map-data.controller';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { authControllers, authProviders } from './auth/auth.providers';
import { PushIngestController, pushAdaptersProvider } from './ingest/push-ingest.controller';
import { HOTLINE_INGEST_OPTIONS } from './ingest/hotline/hotline-ingest.options';
import { hotlineIngestProvider } from './ingest/hotline/hotline-ingest.service';
import { HotlinePushController } from './ingest/hotline/hotline-push.controller';
import { Open311Controller } from './ingest/open311/open311.controller';
import { OPEN311_OPTIONS } from './ingest/open311/open311.options';
import { open311RequestsProvider } from './ingest/open311/open311-requests.service';
import { KpisController } from './kpis/kpis.controller';
import { ThemeKpisService } from './kpis/theme-kpis.service';
import { LiveGateway } from './live/live.gateway';
import { LiveSnapshotService } from './live/live-snapshot.service';
import { MetricsController } from './metrics/metrics.controller';
import { OpenApiController } from './openapi/openapi.controller';
import { RUNTIME, type Runtime } from './runtime';
import { workOrdersControllers, workOrdersProviders } from './work-orders/work-orders.module-parts';

@Module({})
export class AppModule {
  static forRuntime(runtime: Runtime): DynamicModule {
    return {
      module: AppModule,
      controllers: [
        HealthController,
        ...authControllers,
        EventsController,
        DeadLettersController,
        DevicesController,
        KpisController,
        GisController,
        MapDataController,
        OpenApiController,
        MetricsController,
        ...workOrdersControllers,
        HotlinePushController,
        Open311Controller,
        // Last: its `:source` route must not shadow /api/v1/ingest/hotline.
        PushIngestController,
      ],
      providers: [
        { provide: RUNTIME, useValue: runtime },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        // The global auth guard and audit interceptor, TokenVerifier, AuditLog, users and wall tokens.
        ...authProviders,
        ...workOrdersProviders,
        EventsService,
        DeadLetterReplayService,
        HealthService,
        LiveSnapshotService,
        ThemeKpisService,
        LiveGateway,
        pushAdaptersProvider,
        {
          provide: HOTLINE_INGEST_OPTIONS,
          useValue: {
            partnerKeys: runtime.config.HOTLINE_PARTNER_KEYS,
            windowSeconds: runtime.config.HOTLINE_SIGNATURE_WINDOW_SECONDS,
          },
        },
        { provide: OPEN311_OPTIONS, useValue: { apiKeys: runtime.config.OPEN311_API_KEYS } },
        hotlineIngestProvider,
        open311RequestsProvider,
      ],
    };
  }
}
