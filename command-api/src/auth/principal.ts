import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor, Role } from '@zhongshu/ticketing';
import { authErrors } from './auth.errors';

/**
 * Who is calling. The global auth guard verifies the bearer token (a user's JWT access token, or a
 * read-only wall token) and puts the principal on `request.principal`; controllers read it with
 * `@CurrentPrincipal()` and never parse tokens themselves.
 */
export interface Principal {
  /**
   * `user`: a person with a role. `wall`: an unattended display, read-only; it carries the role
   * `commander` (a wall shows the district as a commander sees it) but can never act: check `kind`.
   */
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

/**
 * The actor the ticketing domain expects, from the principal. A wall principal maps to a commander actor for
 * reads; it cannot act because the guard lets wall tokens reach only @AllowWall GET routes.
 */
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

/** The caller; 401 UNAUTHENTICATED where there is none (a @Public route, or a demo-mode anonymous wall read). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const request = ctx.switchToHttp().getRequest<RequestWithPrincipal>();
  if (!request.principal) throw authErrors.unauthenticated();
  return request.principal;
});

/** The caller, or undefined on @AllowWall routes read without a token in demo mode. */
export const OptionalPrincipal = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal | undefined =>
    ctx.switchToHttp().getRequest<RequestWithPrincipal>().principal,
);
