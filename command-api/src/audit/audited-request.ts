import type { Request } from 'express';
import type { Principal } from '../auth/principal';
import type { AuditEntry } from './audit-record';

/** What handlers and the guard leave on a request for the audit log. */
export interface AuditedRequest extends Request {
  principal?: Principal;
  /** Who a sign-in attempt was for, before a principal exists (set by the auth controller). */
  auditSubject?: { userId?: string; username: string; role?: string };
  /** The error code the request ended with (set by the interceptor when the handler threw). */
  auditResultCode?: string;
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Commands are every request that may change something. */
export const isCommand = (method: string): boolean => !READ_METHODS.has(method.toUpperCase());

/** `POST /api/v1/dead-letters/{id}/replay`: the route pattern, not the concrete URL, so actions group. */
export function routeAction(request: Request): string {
  const route = (request.route as { path?: unknown } | undefined)?.path;
  const path = typeof route === 'string' ? route.replace(/:(\w+)/g, '{$1}') : request.path;
  return `${request.method.toUpperCase()} ${path}`;
}

/** The route parameters (the order id, the user id…) as JSON; '' when there are none. */
export function targetOf(request: Request): string {
  const params = (request.params ?? {}) as Record<string, unknown>;
  return Object.keys(params).length > 0 ? JSON.stringify(params) : '';
}

/**
 * The caller's address: the socket's, or with `hops` trusted proxies in front, the address the outermost
 * trusted proxy saw (counted from the right of X-Forwarded-For; entries further left are client-supplied).
 */
export function clientAddress(request: Request, hops: number): string {
  const socket = request.socket?.remoteAddress ?? '';
  if (hops <= 0) return socket;
  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const chain = [...forwarded, socket];
  return chain[Math.max(0, chain.length - 1 - hops)] ?? socket;
}

export function whoOf(request: AuditedRequest): Pick<AuditEntry, 'principalKind' | 'userId' | 'username' | 'role'> {
  const { principal, auditSubject } = request;
  if (principal) {
    return {
      principalKind: principal.kind,
      userId: principal.userId,
      username: principal.username,
      role: principal.role,
    };
  }
  return {
    principalKind: auditSubject?.userId ? 'user' : 'anonymous',
    userId: auditSubject?.userId ?? '',
    username: auditSubject?.username ?? '',
    role: auditSubject?.role ?? '',
  };
}

/** The audit entry for a finished (or refused) command. */
export function entryFor(
  request: AuditedRequest,
  action: string,
  resultStatus: number,
  resultCode: string,
  trustProxyHops: number,
): AuditEntry {
  return {
    at: new Date(),
    ...whoOf(request),
    action,
    target: targetOf(request),
    clientAddress: clientAddress(request, trustProxyHops),
    resultStatus,
    resultCode,
  };
}
