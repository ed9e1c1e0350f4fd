import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { bearerToken, takeQueryToken } from './request-token';

const request = (url: string, authorization?: string) =>
  ({ url, headers: authorization === undefined ? {} : { authorization } }) as unknown as Request;

describe('bearerToken', () => {
  it('reads Authorization: Bearer, case-insensitively, and nothing else', () => {
    expect(bearerToken(request('/', 'Bearer abc.def'))).toBe('abc.def');
    expect(bearerToken(request('/', 'bearer  abc '))).toBe('abc');
    expect(bearerToken(request('/', 'Basic YWRtaW46eA=='))).toBeUndefined();
    expect(bearerToken(request('/', 'Bearer'))).toBeUndefined();
    expect(bearerToken(request('/'))).toBeUndefined();
  });
});

describe('takeQueryToken', () => {
  it('returns ?token= and removes it from the URL, keeping the other parameters', () => {
    const req = request('/api/v1/kpis/overview?trendMinutes=5&token=zsw_abc&region=460105');
    expect(takeQueryToken(req)).toBe('zsw_abc');
    expect(req.url).toBe('/api/v1/kpis/overview?trendMinutes=5&region=460105');
  });

  it('leaves URLs without a token alone and drops an empty one', () => {
    const plain = request('/api/v1/events?source=hotline');
    expect(takeQueryToken(plain)).toBeUndefined();
    expect(plain.url).toBe('/api/v1/events?source=hotline');
    const empty = request('/api/v1/events?token=');
    expect(takeQueryToken(empty)).toBeUndefined();
    expect(empty.url).toBe('/api/v1/events');
  });
});
