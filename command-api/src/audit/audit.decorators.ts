import { SetMetadata } from '@nestjs/common';

export const AUDIT_ACTION = 'zhongshu:audit-action';
/** Names the action in the audit log (`auth.login`) instead of `METHOD /route/{param}`. */
export const AuditAction = (action: string) => SetMetadata(AUDIT_ACTION, action);

export const NOT_AUDITED = 'zhongshu:not-audited';
/**
 * Machine ingest boundaries (events, platform pushes, Open311 filings): not commands. They have their own
 * counters and dead letters, and the events they store are the record.
 */
export const NotAudited = () => SetMetadata(NOT_AUDITED, true);
