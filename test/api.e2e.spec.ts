import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { io } from 'socket.io-client';
import type { CityEvent, LiveMessage } from '@zhongshu/stream';
import { opsHeaders } from './support/auth';
import { hotlineTicket, postEvents } from './support/events';
import { startZhongshu, type ZhongshuProcess } from './support/zhongshu-process';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const HOT_STATES: Array<{ name: string; env: Record<string, string> }> = [
  { name: 'in-process hot state', env: {} },
  { name: 'Redis hot state', env: { REDIS_URL, REDIS_KEY_PREFIX: `zs-e2e-${process.pid}-${Date.now()}:` } },
];

describe.each(HOT_STATES)('command API over HTTP and Socket.IO (real process, chDB, $name)', ({ env }) => {
  let zs: ZhongshuProcess;

  beforeAll(async () => {
    zs = await startZhongshu({ env });
  });
  afterAll(async () => {
    await zs?.stop();
    if (env.REDIS_KEY_PREFIX) await deleteKeys(env.REDIS_URL, env.REDIS_KEY_PREFIX);
  });

  it('reports readiness of warehouse, hot state, bus and pipeline', async () => {
    const response = await fetch(`${zs.url}/api/health`);
    const body = (await response.json()) as { status: string; checks: Record<string, { ok?: boolean }> };
    expect(response.status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.checks.warehouse.ok).toBe(true);
    expect(body.checks.hotState.ok).toBe(true);
    expect(body.checks.bus.ok).toBe(true);
    expect(body.checks.pipeline.ok).toBe(true);
    expect((body.checks.hotState as { engine?: string }).engine).toBe('REDIS_URL' in env ? 'redis' : 'memory');
  });

  it('keeps valid items of a mixed batch, rejects the invalid one with a reason, stores a repeated id once', async () => {
    const good = hotlineTicket();
    const bad = { ...hotlineTicket(), time: 'yesterday' };
    const { status, body } = await postEvents(zs.url, [good, bad, good]);
    expect(status).toBe(200);
    expect(body.items.map((item) => item.status)).toEqual(['stored', 'rejected', 'duplicate']);
    expect(body.items[1].reason).toMatch(/time/);

    const listed = await fetch(`${zs.url}/api/v1/events?source=hotline&limit=1000`).then(
      (r) => r.json() as Promise<CityEvent[]>,
    );
    expect(listed.filter((event) => event.id === good.id)).toHaveLength(1);

    const letters = (await fetch(`${zs.url}/api/v1/dead-letters?limit=50`, { headers: await opsHeaders(zs) }).then(
      (r) => r.json(),
    )) as Array<{
      raw: string;
      reason: string;
    }>;
    const letter = letters.find((l) => l.raw.includes(bad.id));
    expect(letter?.reason).toMatch(/time/);
    expect(JSON.parse(letter?.raw ?? '{}')).toEqual(bad);
  });

  it('accepts NDJSON and rejects a broken line on its own', async () => {
    const a = hotlineTicket();
    const b = hotlineTicket();
    const ndjson = `${JSON.stringify(a)}\n{not json\n${JSON.stringify(b)}\n`;
    const { body } = await postEvents(zs.url, ndjson, 'application/x-ndjson');
    expect(body.items.map((item) => item.status)).toEqual(['stored', 'rejected', 'stored']);
    expect(body.items[1].reason).toMatch(/invalid JSON/);
  });

  it('answers a body that is not JSON with a clear 400', async () => {
    const { status, body } = await postEvents(zs.url, '{"oops": ');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('returns events that POST accepts back unchanged, enriched with town and grid', async () => {
    const sent = hotlineTicket();
    await postEvents(zs.url, [sent]);
    const [got] = await fetch(`${zs.url}/api/v1/events?source=hotline&limit=1`).then(
      (r) => r.json() as Promise<CityEvent[]>,
    );
    expect(got.id).toBe(sent.id);
    expect(got.region?.town?.name).toBeTruthy();
    expect(got.region?.grid).toMatch(/^460105\d{6}$/);
    const again = await postEvents(zs.url, [got]);
    expect(again.body.items[0]).toMatchObject({ status: 'duplicate', id: sent.id });
    const reposted = await postEvents(zs.url, [{ ...got, id: `${got.id}-copy` }]);
    expect(reposted.body.items[0].status).toBe('stored');
  });

  it('filters by type, region and time window, newest first', async () => {
    const older = hotlineTicket({ time: new Date(Date.now() - 3_600_000).toISOString() });
    const newer = hotlineTicket();
    await postEvents(zs.url, [older, newer]);
    const from = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const query = new URLSearchParams({ type: 'cn.zhongshu.hotline.ticket.v1', region: '460105', from, limit: '1000' });
    const listed = await fetch(`${zs.url}/api/v1/events?${query}`).then((r) => r.json() as Promise<CityEvent[]>);
    const ids = listed.map((event) => event.id);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
    const windowOnly = await fetch(
      `${zs.url}/api/v1/events?${new URLSearchParams({ from, to: new Date(Date.now() - 1_800_000).toISOString() })}`,
    ).then((r) => r.json() as Promise<CityEvent[]>);
    expect(windowOnly.map((event) => event.id)).toEqual([older.id]);
    const bad = await fetch(`${zs.url}/api/v1/events?limit=0`);
    expect(bad.status).toBe(400);
  });

  it("counts today's events per source from the materialized view", async () => {
    const before = await fetch(`${zs.url}/api/v1/kpis/overview?trendMinutes=5`).then(
      (r) => r.json() as Promise<{ totals: Record<string, number>; trend: unknown[] }>,
    );
    await postEvents(zs.url, [hotlineTicket(), hotlineTicket()]);
    const after = await fetch(`${zs.url}/api/v1/kpis/overview?trendMinutes=5`).then(
      (r) => r.json() as Promise<{ totals: Record<string, number>; trend: unknown[] }>,
    );
    expect(after.totals.hotline - before.totals.hotline).toBe(2);
    expect(after.trend).toHaveLength(5);
  });

  it('keeps the latest status of each device', async () => {
    const status = (id: string, deviceStatus: string, minutesAgo: number) => ({
      ...hotlineTicket(),
      id,
      type: 'cn.zhongshu.device.status.v1',
      time: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
      category: 'camera',
      data: { deviceId: 'CAM-E2E-1', deviceType: 'camera', status: deviceStatus },
    });
    await postEvents(zs.url, [status(`dev-${Date.now()}-1`, 'online', 2), status(`dev-${Date.now()}-2`, 'offline', 1)]);
    const summary = (await fetch(`${zs.url}/api/v1/devices/summary`).then((r) => r.json())) as {
      byType: Record<string, Record<string, number>>;
    };
    expect(summary.byType.camera).toMatchObject({ offline: 1, online: 0 });
  });

  it('replays a dead letter on request and says whether it is stored now', async () => {
    const bad = { ...hotlineTicket(), severity: 'apocalyptic' };
    await postEvents(zs.url, [bad]);
    const letters = (await fetch(`${zs.url}/api/v1/dead-letters?limit=100`, { headers: await opsHeaders(zs) }).then(
      (r) => r.json(),
    )) as Array<{
      id: string;
      raw: string;
    }>;
    const letter = letters.find((l) => l.raw.includes(bad.id));
    const replay = await fetch(`${zs.url}/api/v1/dead-letters/${letter?.id}/replay`, {
      method: 'POST',
      headers: await opsHeaders(zs),
    });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ outcome: 'rejected', items: [{ status: 'rejected' }] });
    const missing = await fetch(`${zs.url}/api/v1/dead-letters/does-not-exist/replay`, {
      method: 'POST',
      headers: await opsHeaders(zs),
    });
    expect(missing.status).toBe(404);
  });

  it('exposes per-adapter counters in health and Prometheus text at /metrics', async () => {
    await postEvents(zs.url, [hotlineTicket()]);
    const health = (await fetch(`${zs.url}/api/health`).then((r) => r.json())) as {
      adapters: Array<{ adapter: string; accepted: number }>;
    };
    expect(health.adapters.find((a) => a.adapter === 'http')?.accepted).toBeGreaterThan(0);
    const metrics = await fetch(`${zs.url}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await metrics.text();
    const accepted = /zhongshu_adapter_accepted_total\{adapter="http"\} (\d+)/.exec(text);
    expect(Number(accepted?.[1])).toBeGreaterThan(0);
    expect(text).toMatch(/zhongshu_pipeline_queued \d+/);
  });

  it('serves the OpenAPI document', async () => {
    const doc = (await fetch(`${zs.url}/api/openapi.json`).then((r) => r.json())) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/events', '/api/v1/kpis/overview', '/api/health']),
    );
  });

  it('sends a snapshot, then deltas with consecutive sequence numbers', async () => {
    const socket = io(`${zs.url}/live`, { transports: ['websocket'] });
    const messages: Array<{ kind: string } & LiveMessage> = [];
    socket.on('snapshot', (message: LiveMessage) => messages.push({ kind: 'snapshot', ...message }));
    socket.on('delta', (message: LiveMessage) => messages.push({ kind: 'delta', ...message }));
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    socket.emit('subscribe', { channel: 'kpis' });
    socket.emit('subscribe', { channel: 'events' });
    await waitFor(() => messages.filter((m) => m.kind === 'snapshot').length === 2);

    const sent = [hotlineTicket(), hotlineTicket()];
    await postEvents(zs.url, [sent[0]]);
    await postEvents(zs.url, [sent[1]]);
    await waitFor(() => messages.filter((m) => m.kind === 'delta' && m.channel === 'events').length >= 2);
    socket.close();

    for (const channel of ['kpis', 'events'] as const) {
      const stream = messages.filter((m) => m.channel === channel);
      expect(stream[0].kind).toBe('snapshot');
      stream.slice(1).forEach((message, i) => expect(message.seq).toBe(stream[0].seq + i + 1));
    }
    const liveIds = messages
      .filter((m) => m.channel === 'events' && m.kind === 'delta')
      .flatMap((m) => (m.data as { events: Array<{ id: string }> }).events.map((e) => e.id));
    expect(liveIds).toEqual(expect.arrayContaining(sent.map((event) => event.id)));
    const lastKpis = messages.filter((m) => m.channel === 'kpis').at(-1)?.data as { totals: Record<string, number> };
    expect(lastKpis.totals.hotline).toBeGreaterThan(0);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The Redis run leaves nothing behind in the shared Redis. */
async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
