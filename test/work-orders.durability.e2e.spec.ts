import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiCaller, type OrderView } from './support/work-orders-api';
import { startZhongshu, type ZhongshuProcess } from './support/zhongshu-process';

/**
 * Crash recovery: orders are driven through their lifecycle by concurrent writers until the process is
 * killed with SIGKILL mid-way; after a restart on the same data directory every acknowledged transition
 * is in the order's timeline and the order is (at least) where it was acknowledged — in embedded mode
 * (hot state in the process, rebuilt from the order log) and with Redis (hot state survives; a flushed
 * Redis is rebuilt from the log as well).
 */
const DEMO_PASSWORD = 'durability demo password';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The single-order loop, as (who, action, body) after each status. */
const NEXT: Record<
  string,
  { who: 'dispatcher' | 'liaison'; action: string; body: Record<string, unknown> } | undefined
> = {
  received: { who: 'dispatcher', action: 'accept', body: {} },
  accepted: { who: 'dispatcher', action: 'dispatch', body: { units: [{ department: 'SWJ' }] } },
  dispatched: { who: 'liaison', action: 'sign', body: {} },
  handling: { who: 'liaison', action: 'feedback', body: { measures: '抢修管道', result: '已恢复供水' } },
  verifying: { who: 'dispatcher', action: 'verify', body: {} },
  verified: { who: 'dispatcher', action: 'close', body: {} },
  closed: { who: 'dispatcher', action: 'evaluate', body: { rater: 'centre', rating: { satisfaction: 'satisfied' } } },
};

interface Acknowledged {
  version: number;
  action: string;
  status: string;
}

async function drive(zs: ZhongshuProcess, writers: number, runMs: number) {
  const dispatcher = await ApiCaller.signIn(zs.url, 'dispatcher', DEMO_PASSWORD);
  const liaison = await ApiCaller.signIn(zs.url, 'liaison', DEMO_PASSWORD);
  const callers = { dispatcher, liaison };
  const acknowledged = new Map<string, Acknowledged[]>();
  let running = true;
  const writer = async () => {
    while (running) {
      let created;
      try {
        created = await dispatcher.post<{ order: OrderView }>('/api/v1/work-orders', {
          title: '南海大道停水',
          categoryCode: '060101',
          callers: [{ phone: '13900001111', receivedAt: new Date().toISOString() }],
        });
      } catch {
        return; // the process is gone
      }
      if (created.status !== 201) continue;
      const { id } = created.body.order;
      let { version, status } = created.body.order;
      acknowledged.set(id, [{ version, action: 'create', status }]);
      for (let next = NEXT[status]; next && running; next = NEXT[status]) {
        let answer;
        try {
          answer = await callers[next.who].post<{ order: OrderView }>(
            `/api/v1/work-orders/${id}/actions/${next.action}`,
            {
              ...next.body,
              version,
            },
          );
        } catch {
          return;
        }
        if (answer.status !== 200)
          throw new Error(`${next.action} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
        ({ version, status } = answer.body.order);
        acknowledged.get(id)!.push({ version, action: next.action, status });
      }
    }
  };
  const all = Array.from({ length: writers }, writer);
  await new Promise((resolve) => setTimeout(resolve, runMs));
  await zs.kill();
  running = false;
  await Promise.all(all);
  return acknowledged;
}

async function checkRecovered(zs: ZhongshuProcess, acknowledged: Map<string, Acknowledged[]>) {
  const dispatcher = await ApiCaller.signIn(zs.url, 'dispatcher', DEMO_PASSWORD);
  const problems: string[] = [];
  for (const [id, steps] of acknowledged) {
    const answer = await dispatcher.get<{ order: OrderView }>(`/api/v1/work-orders/${id}`);
    if (answer.status !== 200) {
      problems.push(`${id}: answered ${answer.status}`);
      continue;
    }
    const order = answer.body.order;
    const last = steps.at(-1)!;
    if (order.version < last.version) problems.push(`${id}: version ${order.version} < acknowledged ${last.version}`);
    const versions = order.timeline.map((entry) => entry.version);
    if (versions.join() !== versions.map((_, i) => i + 1).join())
      problems.push(`${id}: timeline versions ${versions.join()}`);
    for (const step of steps) {
      const entry = order.timeline.find((e) => e.version === step.version);
      if (!entry || entry.action !== step.action || entry.to !== step.status) {
        problems.push(`${id}: acknowledged ${step.action} → ${step.status} at v${step.version} missing`);
      }
    }
    if (order.version === last.version && order.status !== last.status) {
      problems.push(`${id}: status ${order.status}, acknowledged ${last.status}`);
    }
  }
  return problems;
}

/** After recovery the system carries on: the next step on an unfinished order goes through. */
async function carriesOn(zs: ZhongshuProcess, acknowledged: Map<string, Acknowledged[]>) {
  const dispatcher = await ApiCaller.signIn(zs.url, 'dispatcher', DEMO_PASSWORD);
  const open = [...acknowledged.keys()].find((id) => acknowledged.get(id)!.at(-1)!.status === 'received');
  const id = open ?? [...acknowledged.keys()][0];
  const { body } = await dispatcher.get<{ order: OrderView }>(`/api/v1/work-orders/${id}`);
  const answer = await dispatcher.post(`/api/v1/work-orders/${id}/actions/urge`, { version: body.order.version });
  // urge applies to dispatched/handling orders; anything else must be a clean domain answer, not a failure.
  expect([200, 409]).toContain(answer.status);
  const reported = await dispatcher.post<{ order: OrderView }>('/api/v1/work-orders', {
    title: '复测',
    categoryCode: '060101',
  });
  expect(reported.status).toBe(201);
}

describe('work orders survive kill -9 (real process)', () => {
  let zs: ZhongshuProcess | undefined;
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  afterAll(async () => {
    await zs?.stop();
    if (redis.status === 'ready') await redis.quit();
  });

  it('keeps every acknowledged transition in embedded mode (hot state rebuilt from the order log)', async () => {
    const env = { DEMO_PASSWORD, MQTT_PORT: '0' };
    zs = await startZhongshu({ env });
    const { dataDir, port } = zs;
    const acknowledged = await drive(zs, 6, 2_500);
    const transitions = [...acknowledged.values()].reduce((n, steps) => n + steps.length, 0);
    expect(transitions).toBeGreaterThan(30);

    zs = await startZhongshu({ env, dataDir, port });
    expect(await checkRecovered(zs, acknowledged)).toEqual([]);
    await carriesOn(zs, acknowledged);
    await zs.stop();
    zs = undefined;
  });

  it('keeps every acknowledged transition with Redis, and rebuilds a Redis that lost everything', async () => {
    const prefix = `zs-test:${randomUUID()}:`;
    const env = { DEMO_PASSWORD, MQTT_PORT: '0', REDIS_URL, REDIS_KEY_PREFIX: prefix };
    zs = await startZhongshu({ env });
    const { dataDir, port } = zs;
    const acknowledged = await drive(zs, 6, 2_500);
    expect(acknowledged.size).toBeGreaterThan(3);

    zs = await startZhongshu({ env, dataDir, port });
    expect(await checkRecovered(zs, acknowledged)).toEqual([]);
    await zs.kill();

    // Redis restarted without its data: the next start rebuilds hot state from the order log.
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
    zs = await startZhongshu({ env, dataDir, port });
    expect(await checkRecovered(zs, acknowledged)).toEqual([]);
    await carriesOn(zs, acknowledged);
    await zs.stop();
    zs = undefined;
    cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  });
});
