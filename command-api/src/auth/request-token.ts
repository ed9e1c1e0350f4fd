import type { Request } from 'express';

/** `Authorization: Bearer <token>`, if the request has one. */
export function bearerToken(request: Request): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/**
 * Takes `?token=` off the request (so query validators never see it and it is not passed on) and
 * returns it. Walls put their token in the URL because an unattended browser has nowhere else to keep it.
 */
export function takeQueryToken(request: Request): string | undefined {
  const at = request.url.indexOf('?');
  if (at < 0) return undefined;
  const params = new URLSearchParams(request.url.slice(at + 1));
  const token = params.get('token') ?? undefined;
  if (!params.has('token')) return undefined;
  params.delete('token');
  const rest = params.toString();
  request.url = request.url.slice(0, at) + (rest ? `?${rest}` : '');
  return token || undefined;
}
