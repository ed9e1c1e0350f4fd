import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@zhongshu/ticketing';
import { AuditLog } from '../audit/audit-log.service';
import { NOT_AUDITED } from '../audit/audit.decorators';
import { entryFor, isCommand, routeAction, type AuditedRequest } from '../audit/audited-request';
import { ApiError } from '../http/api-error';
import { decideAccess, isRead, type RoutePolicy } from './access-decision';
import { AUTH_SETTINGS, type AuthSettings } from './auth.settings';
import { ALLOW_WALL, IS_PUBLIC, REQUIRED_ROLES } from './principal';
import { bearerToken, takeQueryToken } from './request-token';
import { TokenVerifier } from './token-verifier';

/**
 * The global guard (APP_GUARD): token → `request.principal`, then `decideAccess`. HTTP only: the live
 * gateway checks its sockets with `TokenVerifier` itself. A refused command is audited here, because
 * interceptors (and so the audit interceptor) never run for a request a guard refuses.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuditedRequest>();
    const policy = this.policyOf(context);
    // `?token=` is taken off every URL, so a route's query validation never sees it.
    const queryToken = takeQueryToken(request);
    if (policy.isPublic) return true;
    try {
      // A token in the URL counts only where a wall may read; everywhere else it needs the header.
      const token = bearerToken(request) ?? (policy.allowWall && isRead(request.method) ? queryToken : undefined);
      if (token) request.principal = await this.verifier.verifyToken(token);
      const denial = decideAccess({
        method: request.method,
        policy,
        demo: this.settings.demo,
        principal: request.principal,
      });
      if (denial) throw denial;
      return true;
    } catch (error) {
      if (isCommand(request.method) && !this.flag(context, NOT_AUDITED)) {
        const status = error instanceof ApiError ? error.status : 500;
        const code = error instanceof ApiError ? error.code : 'INTERNAL';
        this.audit.record(entryFor(request, routeAction(request), status, code, this.settings.trustProxyHops));
      }
      throw error;
    }
  }

  private policyOf(context: ExecutionContext): RoutePolicy {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    return {
      isPublic: this.flag(context, IS_PUBLIC),
      allowWall: this.flag(context, ALLOW_WALL),
      ...(roles ? { roles } : {}),
    };
  }

  private flag(context: ExecutionContext, key: string): boolean {
    return (
      this.reflector.getAllAndOverride<boolean | undefined>(key, [context.getHandler(), context.getClass()]) === true
    );
  }
}
