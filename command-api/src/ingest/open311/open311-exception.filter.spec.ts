import type { ArgumentsHost } from '@nestjs/common';
import { NotFoundException } from '@nestjs/common';
import { Open311Error } from '@zhongshu/adapters';
import { BackpressureError } from '@zhongshu/stream';
import { describe, expect, it, vi } from 'vitest';
import { Open311ExceptionFilter } from './open311-exception.filter';

function run(exception: unknown, format?: string) {
  const sent: { status?: number; headers: Record<string, string>; body?: string } = { headers: {} };
  const response = {
    status: (status: number) => {
      sent.status = status;
      return response;
    },
    setHeader: (name: string, value: string) => {
      sent.headers[name.toLowerCase()] = value;
      return response;
    },
    send: (body: string) => {
      sent.body = body;
      return response;
    },
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ params: format ? { format } : {} }), getResponse: () => response }),
  } as unknown as ArgumentsHost;
  new Open311ExceptionFilter().catch(exception, host);
  return sent;
}

describe('Open311ExceptionFilter', () => {
  it('answers in the spec’s error array, in the URL’s format', () => {
    const json = run(new Open311Error(403, 'api_key was not provided'), 'json');
    expect(json).toMatchObject({ status: 403, headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(JSON.parse(json.body!)).toEqual([{ code: 403, description: 'api_key was not provided' }]);
    const xml = run(new Open311Error(400, ['a', 'b']), 'xml');
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(xml.body!.match(/<error>/g)).toHaveLength(2);
  });

  it('maps backpressure to 503 with Retry-After, still as an error array', () => {
    const sent = run(new BackpressureError(3), 'xml');
    expect(sent.status).toBe(503);
    expect(sent.headers['retry-after']).toBe('3');
    expect(sent.body).toContain('<code>503</code>');
  });

  it('maps Nest HTTP errors and unexpected errors, defaulting to JSON', () => {
    expect(run(new NotFoundException())).toMatchObject({ status: 404 });
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const sent = run(new Error('boom'), 'html');
    spy.mockRestore();
    expect(sent.status).toBe(500);
    expect(JSON.parse(sent.body!)).toEqual([{ code: 500, description: 'internal error; the request was not filed' }]);
  });
});
