import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { AuditLog } from './audit-log.service';

/** Writes what is still queued once the HTTP server has stopped taking requests, before the warehouse closes. */
@Injectable()
export class AuditLifecycle implements OnApplicationShutdown {
  constructor(@Inject(AuditLog) private readonly audit: AuditLog) {}

  async onApplicationShutdown(): Promise<void> {
    await this.audit.close();
  }
}
