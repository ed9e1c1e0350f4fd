import type { Role } from '@zhongshu/ticketing';
import type { ApiError } from '../http/api-error';
import { authErrors } from './auth.errors';
import type { Principal } from './principal';

/** What a route's decorators say about it. */
export interface RoutePolicy {
  isPublic: boolean;
  allowWall: boolean;
  roles?: readonly Role[];
}

export const isRead = (method: string): boolean => method === 'GET' || method === 'HEAD';

/**
 * The guard's whole decision, as a pure function (the authorisation matrix tests it exhaustively):
 * - @Public: anyone.
 * - nobody signed in: only wall-readable GETs, and only in demo mode; otherwise 401.
 * - a wall token: only wall-readable GETs; anything else 403 WALL_READ_ONLY.
 * - a user: any authenticated route, unless @Roles names other roles (403 FORBIDDEN_ROLE).
 * Data scope (a liaison's unit, a street's region) is the domain's job, on the data itself.
 */
export function decideAccess(input: {
  method: string;
  policy: RoutePolicy;
  demo: boolean;
  principal?: Principal;
}): ApiError | undefined {
  const { policy, principal } = input;
  if (policy.isPublic) return undefined;
  const wallRead = policy.allowWall && isRead(input.method.toUpperCase());
  if (!principal) return wallRead && input.demo ? undefined : authErrors.unauthenticated();
  if (principal.kind === 'wall') return wallRead ? undefined : authErrors.wallReadOnly();
  if (policy.roles && policy.roles.length > 0 && !policy.roles.includes(principal.role)) {
    return authErrors.forbiddenRole(principal.role);
  }
  return undefined;
}
