import 'reflect-metadata';
import { Module, type Type } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { MemoryIngestSink } from '@zhongshu/adapters';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiExceptionFilter } from '../http/api-exception.filter';
import { RUNTIME, type Runtime } from '../runtime';
import { approvalsIngestOpenApi } from './approvals/approvals-ingest.openapi';
import { safetyIngestOpenApi } from './safety/safety-ingest.openapi';
import { PushIngestController, pushAdaptersProvider } from './push-ingest.controller';
import { urbanIngestOpenApi } from './urban/urban-ingest.openapi';

/** The three push controllers on a bare Nest app over an in-memory sink: no warehouse, no wiring in AppModule. */
async function startApp(config: Record<string, unknown> = {}) {
  const sink = new MemoryIngestSink({ retryAfterSeconds: 3 });
  const runtime = {
    config,
    pipeline: sink,
    gis: { config: { district: { code: '460105', name: '秀英区' } } },
    adapters: [],
    replayers: [],
  } as unknown as Runtime;
  @Module({
    controllers: [PushIngestController],
    providers: [
      { provide: RUNTIME, useValue: runtime },
      { provide: APP_FILTER, useClass: ApiExceptionFilter },
      pushAdaptersProvider,
    ],
  })
  class PushModule {}
  const app = await NestFactory.create<NestExpressApplication>(PushModule as Type, {
    bodyParser: false,
    logger: false,
  });
  // As server.ts does: bodies arrive as text and the handlers parse them.
  app.use('/api', express.text({ type: ['application/json', 'application/x-ndjson', 'text/plain'], limit: '1mb' }));
  await app.listen(0, '127.0.0.1');
  apps.push(app);
  return { url: await app.getUrl(), sink, runtime };
}

const apps: NestExpressApplication[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

const URBAN = {
  caseNo: 'CG202611210101',
  classType: '事件',
  classCode: '0402',
  className: '店外经营',
  gridCode: '460105002010',
  reporterType: 'inspector',
  stage: 'collect',
  description: '监督员巡查发现：长滨路135号商铺出店占道经营。',
  address: '海口市秀英区长滨路135号',
  lng: 110.2712,
  lat: 20.0301,
  occurredAt: '2026-11-21 10:05:00',
};

async function post(url: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('push controllers', () => {
  it('answer per item like /api/v1/events, keep the invalid item as a dead letter, register adapters and replayers', async () => {
    const { url, sink, runtime } = await startApp();
    const bad = { ...URBAN, caseNo: 'CG202611210102', reporterType: '路人' };
    const { status, body } = await post(url, '/api/v1/ingest/urban', [URBAN, bad, URBAN]);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      errors: true,
      stored: 1,
      duplicates: 1,
      rejected: 1,
      items: [
        { index: 0, status: 'stored', id: 'urban:CG202611210101:collect' },
        { index: 1, status: 'rejected', reason: expect.stringMatching(/^reporterType: /) as unknown },
        { index: 2, status: 'duplicate', id: 'urban:CG202611210101:collect' },
      ],
    });
    expect(sink.stored[0]).toMatchObject({ location: { lng: 110.2712 }, time: '2026-11-21T10:05:00+08:00' });
    expect(sink.deadLetters).toEqual([
      expect.objectContaining({ raw: JSON.stringify(bad), origin: 'http:/api/v1/ingest/urban' }),
    ]);
    expect(runtime.adapters.map((adapter) => adapter.counters.stats().adapter)).toEqual([
      'urban',
      'safety',
      'approvals',
    ]);
    expect(runtime.replayers.map((replayer) => replayer.originPrefix)).toEqual([
      'http:/api/v1/ingest/urban',
      'http:/api/v1/ingest/safety',
      'http:/api/v1/ingest/approvals',
    ]);
  });

  it('takes one object and NDJSON, and answers a body that is not JSON with 400 after keeping it', async () => {
    const { url, sink } = await startApp();
    const alarm = {
      alarmId: 'GJ202611210101',
      alarmType: 'fire',
      alarmName: '烟感报警',
      level: 3,
      description: '书场路18号沿街商铺烟感报警',
      address: '海口市秀英区书场路18号',
      raisedAt: '2026-11-21T10:06:00+08:00',
    };
    expect((await post(url, '/api/v1/ingest/safety', alarm)).body).toMatchObject({ stored: 1, items: [{ index: 0 }] });
    const ndjson = `${JSON.stringify({ ...alarm, status: 'acknowledged' })}\n{oops\n`;
    const lines = await post(url, '/api/v1/ingest/safety', ndjson, { 'content-type': 'application/x-ndjson' });
    expect(lines.body).toMatchObject({
      items: [
        { status: 'stored', id: 'safety:GJ202611210101:acknowledged' },
        { index: 1, status: 'rejected' },
      ],
    });
    const broken = await post(url, '/api/v1/ingest/approvals', '{"kind": ');
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ error: { code: 'INVALID_REQUEST' } });
    expect(sink.deadLetters.map((letter) => [letter.origin, letter.raw])).toEqual([
      ['http:/api/v1/ingest/safety', '{oops'],
      ['http:/api/v1/ingest/approvals', '{"kind": '],
    ]);
  });

  it('answers 503 with Retry-After when the pipeline is saturated, having kept nothing', async () => {
    const { url, sink } = await startApp();
    sink.refuseNext = 1;
    const refused = await post(url, '/api/v1/ingest/urban', [URBAN, { ...URBAN, classCode: 'x' }]);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('3');
    expect(refused.body).toMatchObject({ error: { code: 'PIPELINE_SATURATED' } });
    expect(sink.stored).toHaveLength(0);
    expect(sink.deadLetters).toHaveLength(0);
    const retried = await post(url, '/api/v1/ingest/urban', [URBAN, { ...URBAN, classCode: 'x' }]);
    expect(retried.body).toMatchObject({ stored: 1, rejected: 1 });
  });

  it('asks for a bearer token from INGEST_TOKENS when set, and stays open when not', async () => {
    const { url } = await startApp({ INGEST_TOKENS: 'tok-hotline, tok-urban' });
    const none = await post(url, '/api/v1/ingest/urban', URBAN);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(none.body).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    expect((await post(url, '/api/v1/ingest/urban', URBAN, { authorization: 'Bearer tok-urbanX' })).status).toBe(401);
    expect((await post(url, '/api/v1/ingest/urban', URBAN, { authorization: 'Basic dG9rLXVyYmFu' })).status).toBe(401);
    expect((await post(url, '/api/v1/ingest/urban', URBAN, { authorization: 'Bearer tok-urban' })).status).toBe(200);
    expect((await post(url, '/api/v1/ingest/approvals', [], { authorization: 'bearer tok-hotline' })).status).toBe(200);

    const open = await startApp({});
    expect((await post(open.url, '/api/v1/ingest/urban', URBAN)).status).toBe(200);
  });

  it('documents the three endpoints for the OpenAPI document, labels and all', () => {
    const paths = { ...urbanIngestOpenApi, ...safetyIngestOpenApi, ...approvalsIngestOpenApi };
    expect(Object.keys(paths)).toEqual(['/api/v1/ingest/urban', '/api/v1/ingest/safety', '/api/v1/ingest/approvals']);
    const text = JSON.stringify(paths);
    for (const word of ['部件', '信息收集', '已消除', '补齐补正', '叫号', '正在办理', 'Retry-After'])
      expect(text).toContain(word);
    expect(Object.keys(paths['/api/v1/ingest/urban'].post.responses)).toEqual(['200', '400', '401', '503']);
  });
});
