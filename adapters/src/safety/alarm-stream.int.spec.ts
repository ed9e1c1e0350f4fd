import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryIngestSink } from '../shared/memory-ingest.sink';
import { SafetyAlarmStreamClient, type SafetyAlarmStreamClientOptions } from './alarm-stream.client';
import { AlarmStreamServer } from './alarm-stream.server';
import type { SafetyAlarmPushInput } from './safety.schema';
import { fileCursor } from './stream-cursor';

const KINDS = [
  { alarmType: 'video_ai', alarmName: '人员聚集', description: '视频AI检测到长滨路与永庄路交叉口人员聚集，约40人' },
  { alarmType: 'fire', alarmName: '烟感报警', description: '书场路18号沿街商铺烟感报警' },
  { alarmType: 'traffic', alarmName: '交通事故', description: '滨海大道与秀华路交叉口两车追尾，占用2条车道' },
  { alarmType: 'dispute', alarmName: '邻里纠纷', description: '海秀街道某小区两户居民因漏水问题发生争执' },
] as const;

/** The n-th alarm of a security platform, raised a second apart. */
function alarm(n: number): SafetyAlarmPushInput {
  const kind = KINDS[n % KINDS.length] ?? KINDS[0];
  return {
    alarmId: `GJ20261121${String(n).padStart(6, '0')}`,
    ...kind,
    level: (n % 4) + 1,
    address: '海口市秀英区长滨路',
    lng: 110.29 + (n % 10) / 1000,
    lat: 20.02,
    raisedAt: new Date(Date.parse('2026-11-21T01:00:00Z') + n * 1000).toISOString(),
  };
}

const eventId = (n: number) => `safety:${alarm(n).alarmId}:raised`;

async function waitFor(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const servers: AlarmStreamServer[] = [];
const clients: SafetyAlarmStreamClient[] = [];

async function startServer(options: ConstructorParameters<typeof AlarmStreamServer>[0] = {}) {
  const server = new AlarmStreamServer(options);
  servers.push(server);
  await server.start();
  return server;
}

async function startClient(
  server: AlarmStreamServer,
  sink: MemoryIngestSink,
  options: Partial<SafetyAlarmStreamClientOptions> = {},
) {
  const client = new SafetyAlarmStreamClient({
    url: server.url,
    sink,
    batchMs: 5,
    reconnect: { minMs: 20, maxMs: 200 },
    retry: { minMs: 20, maxMs: 200 },
    log: () => undefined,
    ...options,
  });
  clients.push(client);
  await client.start();
  return client;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.stop()));
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

describe('SafetyAlarmStreamClient against AlarmStreamServer', () => {
  it('stores the alarms, then acknowledges the last stored id', async () => {
    const server = await startServer();
    const sink = new MemoryIngestSink();
    const client = await startClient(server, sink, { areaCode: '460105' });
    await waitFor('the resume', () => server.resumes.length === 1);
    expect(server.resumes).toEqual([null]);

    for (let n = 1; n <= 20; n++) server.publish(alarm(n));
    await waitFor('20 alarms', () => sink.stored.length === 20);
    await waitFor('the ack', () => server.lastAck === '20');

    expect(sink.storedIds()).toEqual(Array.from({ length: 20 }, (_, i) => eventId(i + 1)));
    expect(sink.stored[0]).toMatchObject({
      source: '/safety/alarm-stream',
      severity: 'minor',
      category: 'fire.smoke_detector',
      location: { crs: 'WGS84' },
    });
    expect(client.lastStoredId).toBe('20');
    expect(client.counters.stats()).toMatchObject({
      adapter: 'safety-stream',
      received: 20,
      accepted: 20,
      rejected: 0,
      lagMs: 0,
      connected: true,
    });
  });

  it('survives a platform crash mid-stream: reconnects to the same port and resumes after the last stored id, no loss, no duplicate', async () => {
    const server = await startServer();
    const sink = new MemoryIngestSink({ latencyMs: 3 });
    const client = await startClient(server, sink);
    await waitFor('the resume', () => server.resumes.length === 1);

    let published = 0;
    const publishing = setInterval(() => {
      for (let i = 0; i < 5 && published < 400; i++) server.publish(alarm((published += 1)));
    }, 2);
    try {
      await waitFor('some alarms stored', () => sink.stored.length >= 80);
      await server.stop(); // every socket dropped at once, mid-stream
      const storedAtCrash = client.lastStoredId;
      expect(Number(storedAtCrash)).toBeLessThan(400);
      await waitFor('the client to notice', () => !client.connected);
      await new Promise((resolve) => setTimeout(resolve, 100)); // the platform is down; alarms keep coming into its log
      await server.start();
      expect(server.port).toBeGreaterThan(0);
      await waitFor('the second resume', () => server.resumes.length === 2);
      expect(Number(server.resumes[1])).toBeGreaterThanOrEqual(Number(storedAtCrash));
      await waitFor('publishing to finish', () => published === 400);
    } finally {
      clearInterval(publishing);
    }
    await waitFor('all 400 alarms', () => sink.stored.length === 400);
    await waitFor('the final ack', () => server.lastAck === '400');

    expect(sink.storedIds()).toEqual(Array.from({ length: 400 }, (_, i) => eventId(i + 1)));
    // Nothing was even submitted twice: the resume point was exactly the last stored id.
    expect(new Set(sink.submittedIds).size).toBe(sink.submittedIds.length);
    expect(client.counters.stats()).toMatchObject({ accepted: 400, duplicates: 0, rejected: 0, connected: true });
  });

  it('resumes after a process restart from the saved cursor', async () => {
    const server = await startServer();
    const sink = new MemoryIngestSink();
    const cursor = fileCursor(join(mkdtempSync(join(tmpdir(), 'zhongshu-cursor-')), 'safety-alarm-stream.json'));
    const first = await startClient(server, sink, { loadLastId: cursor.load, saveLastId: cursor.save });
    await waitFor('the resume', () => server.resumes.length === 1);
    for (let n = 1; n <= 10; n++) server.publish(alarm(n));
    await waitFor('10 alarms', () => sink.stored.length === 10);
    await first.stop();
    expect(await cursor.load()).toBe('10');

    for (let n = 11; n <= 15; n++) server.publish(alarm(n));
    const second = await startClient(server, sink, { loadLastId: cursor.load, saveLastId: cursor.save });
    await waitFor('15 alarms', () => sink.stored.length === 15);
    expect(server.resumes).toEqual([null, '10']);
    expect(sink.submittedIds).toHaveLength(15);
    expect(second.lastStoredId).toBe('15');
  });

  it('loses nothing when the pipeline refuses twice with BackpressureError: it pauses and retries the same batch', async () => {
    const server = await startServer();
    const sink = new MemoryIngestSink({ retryAfterSeconds: 0 });
    const client = await startClient(server, sink, { batchMs: 20 });
    await waitFor('the resume', () => server.resumes.length === 1);
    sink.refuseNext = 2;
    for (let n = 1; n <= 50; n++) server.publish(alarm(n));
    await waitFor('50 alarms', () => sink.stored.length === 50);
    await waitFor('the ack', () => server.lastAck === '50');

    expect(sink.submitCalls).toBeGreaterThanOrEqual(3);
    expect(sink.storedIds()).toEqual(Array.from({ length: 50 }, (_, i) => eventId(i + 1)));
    expect(new Set(sink.submittedIds).size).toBe(50);
    expect(sink.deadLetters).toHaveLength(0);
    expect(client.counters.stats()).toMatchObject({ received: 50, accepted: 50, lagMs: 0 });
  });

  it('dead-letters a broken frame and an invalid alarm with their reasons, and moves on', async () => {
    const server = await startServer();
    const sink = new MemoryIngestSink();
    const client = await startClient(server, sink);
    await waitFor('the resume', () => server.resumes.length === 1);
    server.sendRaw('{"type":"alarm", "id": "x1", "alarm": {');
    server.sendRaw('{"type":"ping"}');
    server.publish({ ...alarm(1), level: 7 });
    server.publish(alarm(2));
    await waitFor('the valid alarm', () => sink.stored.length === 1);
    await waitFor('the ack', () => server.lastAck === '2');

    expect(sink.storedIds()).toEqual([eventId(2)]);
    expect(sink.deadLetters.map((letter) => letter.reason)).toEqual([
      expect.stringMatching(/^alarm stream frame is not JSON/),
      expect.stringMatching(/^level: /),
    ]);
    expect(sink.deadLetters[1]?.origin).toBe(server.url + '/');
    expect(JSON.parse(String(sink.deadLetters[1]?.raw))).toMatchObject({ alarmId: alarm(1).alarmId, level: 7 });
    expect(client.counters.stats()).toMatchObject({ received: 3, accepted: 1, rejected: 2 });
  });

  it('replays a kept frame through the alarm mapping once the cause is fixed', async () => {
    const server = await startServer();
    const sink = new MemoryIngestSink();
    const client = await startClient(server, sink);
    await waitFor('the resume', () => server.resumes.length === 1);
    // A platform bug: a frame without its id. Kept whole, since it cannot be acknowledged.
    server.sendRaw(JSON.stringify({ type: 'alarm', alarm: alarm(3) }));
    await waitFor('the dead letter', () => sink.deadLetters.length === 1);
    const [letter] = sink.deadLetters;
    expect(letter?.reason).toMatch(/^alarm message: id: /);
    expect(letter?.origin).toBe(client.origin);

    const replayed = await client.replay({ raw: String(letter?.raw), encoding: 'utf8', origin: client.origin });
    expect(replayed).toEqual([{ index: 0, id: eventId(3), status: 'stored' }]);
    expect(sink.storedIds()).toEqual([eventId(3)]);
    expect(sink.deadLetters).toHaveLength(1);
  });

  it('drops a connection whose pings go unanswered and reconnects', async () => {
    const server = await startServer();
    const sink = new MemoryIngestSink();
    const client = await startClient(server, sink, { heartbeatMs: 50 });
    await waitFor('the resume', () => server.resumes.length === 1);
    server.publish(alarm(1));
    await waitFor('the alarm', () => sink.stored.length === 1);
    server.freeze();
    await waitFor('the reconnect', () => server.resumes.length === 2);
    expect(server.resumes[1]).toBe('1');
    server.publish(alarm(2));
    await waitFor('the next alarm', () => sink.stored.length === 2);
    expect(client.connected).toBe(true);
  });

  it('sends the bearer token; a platform that refuses the client is retried, not fatal', async () => {
    const server = await startServer({ token: 's3cret' });
    const refused = new MemoryIngestSink();
    const wrong = await startClient(server, refused, { token: 'wrong' });
    const sink = new MemoryIngestSink();
    await startClient(server, sink, { token: 's3cret' });
    await waitFor('the resume', () => server.resumes.length === 1);
    server.publish(alarm(1));
    await waitFor('the alarm', () => sink.stored.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(wrong.connected).toBe(false);
    expect(refused.stored).toHaveLength(0);
    expect(server.connections).toBe(1);
  });
});
