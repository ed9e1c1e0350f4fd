import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { clientAddress, isCommand, routeAction, targetOf } from './audited-request';

const request = (overrides: Record<string, unknown>) =>
  ({
    method: 'POST',
    path: '/x',
    headers: {},
    params: {},
    socket: { remoteAddress: '10.0.0.2' },
    ...overrides,
  }) as unknown as Request;

describe('audited request helpers', () => {
  it('names the action by the route pattern, so one action groups all targets', () => {
    const req = request({ route: { path: '/api/v1/dead-letters/:id/replay' }, params: { id: 'dl-1' } });
    expect(routeAction(req)).toBe('POST /api/v1/dead-letters/{id}/replay');
    expect(targetOf(req)).toBe('{"id":"dl-1"}');
    expect(targetOf(request({}))).toBe('');
  });

  it('treats everything but GET, HEAD and OPTIONS as a command', () => {
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].every(isCommand)).toBe(true);
    expect(['GET', 'HEAD', 'OPTIONS'].some(isCommand)).toBe(false);
  });

  it('uses the socket address unless proxies are trusted, and never a client-supplied X-Forwarded-For entry', () => {
    const req = request({ headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.9' } });
    expect(clientAddress(req, 0)).toBe('10.0.0.2');
    // One proxy (10.0.0.2) appended the address it saw: 203.0.113.9. 6.6.6.6 came from the client.
    expect(clientAddress(req, 1)).toBe('203.0.113.9');
    expect(clientAddress(req, 2)).toBe('6.6.6.6');
    expect(clientAddress(req, 5)).toBe('6.6.6.6');
    expect(clientAddress(request({}), 1)).toBe('10.0.0.2');
  });
});
