import { createHash, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { parseIngestTokens } from '../ingest/ingest-token.guard';
import { RUNTIME, type Runtime } from '../runtime';
import { authErrors } from './auth.errors';
import type { RequestWithPrincipal } from './principal';
import { bearerToken } from './request-token';
import { TokenVerifier } from './token-verifier';

const digest = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/** Who may push CityEvents to `POST /api/v1/events` besides a platform with an ingest token. */
export const EVENT_PUSH_ROLES = ['admin', 'engineer'] as const;

/**
 * `POST /api/v1/events` is a machine boundary, so the route is @Public for the user guard and this guard
 * decides: in demo mode it stays open, as before (the simulators push device events there); with DEMO=0
 * it takes an ingest token (INGEST_TOKENS) or a signed-in admin or engineer.
 */
@Injectable()
export class EventsIngestGuard implements CanActivate {
  private readonly digests: Buffer[];

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
  ) {
    this.digests = parseIngestTokens(runtime.config.INGEST_TOKENS).map(digest);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithPrincipal & Parameters<typeof bearerToken>[0]>();
    const token = bearerToken(request);
    if (!token) {
      if (this.runtime.config.DEMO) return true;
      throw authErrors.unauthenticated();
    }
    const presented = digest(token);
    let isIngestToken = false;
    for (const known of this.digests) isIngestToken = timingSafeEqual(known, presented) || isIngestToken;
    if (isIngestToken) return true;
    const principal = await this.verifier.verifyToken(token);
    if (principal.kind === 'wall') throw authErrors.wallReadOnly();
    if (!(EVENT_PUSH_ROLES as readonly string[]).includes(principal.role))
      throw authErrors.forbiddenRole(principal.role);
    request.principal = principal;
    return true;
  }
}
