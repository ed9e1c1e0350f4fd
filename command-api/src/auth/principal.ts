import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor, Role } from '@zhongshu/ticketing';

/**
 * Who is calling. The global auth guard verifies the bearer token (a user's JWT access token, or a
 * read-only wall token) and puts the principal on `request.principal`; controllers read it with
 * `@CurrentPrincipal()` and never parse tokens themselves.
 */
export interface Principal {
  /** `user`: a person with a role. `wall`: an unattended display, read-only. */
  kind: 'user' | 'wall';
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  /** The unit a liaison (or a department head) belongs to; data scope for liaisons. */
  department?: string;
  /** A street/town code (9 digits) for street-level users; data scope for them. */
  townCode?: string;
}

export interface RequestWithPrincipal {
  principal?: Principal;
}

/** The actor the ticketing domain expects, from the principal. */
export function actorOf(principal: Principal): Actor {
  return {
    userId: principal.userId,
    role: principal.role,
    ...(principal.department ? { department: principal.department } : {}),
    ...(principal.townCode ? { townCode: principal.townCode } : {}),
  };
}

export const IS_PUBLIC = 'zhongshu:public';
/** A route anyone may call without a token (health, metrics, ingest with its own auth, login). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const REQUIRED_ROLES = 'zhongshu:roles';
/** Only these roles may call the route (checked by the global guard after authentication). */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export const ALLOW_WALL = 'zhongshu:allow-wall';
/** A read-only route a wall token may call (KPIs, events, GIS layers, live). */
export const AllowWall = () => SetMetadata(ALLOW_WALL, true);

export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const request = ctx.switchToHttp().getRequest<RequestWithPrincipal>();
  if (!request.principal) throw new Error('no principal on the request: is the route @Public()?');
  return request.principal;
});
