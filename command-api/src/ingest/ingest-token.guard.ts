import { createHash, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ApiError } from '../http/api-error';
import { RUNTIME, type Runtime } from '../runtime';

/** `INGEST_TOKENS="a,b"` → `['a', 'b']`; blanks ignored. Unset or empty: the push endpoints are open (demo). */
export function parseIngestTokens(value: string | readonly string[] | undefined): string[] {
  const list = typeof value === 'string' ? value.split(',') : (value ?? []);
  return list.map((token) => token.trim()).filter((token) => token.length > 0);
}

const digest = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/**
 * Shared secret for the push endpoints (`/api/v1/ingest/*`): `Authorization: Bearer <token>`, where the
 * token is one of `INGEST_TOKENS` (comma list, one per platform so one can be revoked alone). Tokens are
 * compared as SHA-256 digests in constant time. Refused requests are answered 401 and not dead-lettered:
 * an unauthenticated caller must not be able to fill the dead-letter store.
 */
@Injectable()
export class IngestTokenGuard implements CanActivate {
  private readonly digests: Buffer[];

  constructor(@Inject(RUNTIME) runtime: Runtime) {
    // `INGEST_TOKENS` joins the config schema (config/app.config.ts) as an optional string.
    const config = runtime.config as { INGEST_TOKENS?: string | readonly string[] };
    this.digests = parseIngestTokens(config.INGEST_TOKENS).map(digest);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.digests.length === 0) return true;
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match?.[1]) {
      const presented = digest(match[1]);
      let ok = false;
      for (const known of this.digests) ok = timingSafeEqual(known, presented) || ok;
      if (ok) return true;
    }
    throw new ApiError(
      401,
      'UNAUTHORIZED',
      'A valid ingest token is required: Authorization: Bearer <token>',
      '需要有效的接入令牌（Authorization: Bearer <令牌>）',
      undefined,
      { 'WWW-Authenticate': 'Bearer realm="zhongshu-ingest"' },
    );
  }
}
