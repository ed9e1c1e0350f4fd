import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisHotState } from '../hot-state/redis.hot-state';
import { LoginThrottle } from './login-throttle';
import { SessionStore } from './session.store';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `zs-test-auth:${randomUUID()}:`;

/** Sessions and lock-outs on the real Redis: what several API nodes share. */
describe('sessions and lock-out on Redis (two API nodes, one Redis)', () => {
  let nodeA: RedisHotState;
  let nodeB: RedisHotState;

  beforeAll(async () => {
    nodeA = await RedisHotState.connect(REDIS_URL, PREFIX);
    nodeB = await RedisHotState.connect(REDIS_URL, PREFIX);
  });

  afterAll(async () => {
    await nodeA?.close();
    await nodeB?.close();
    const admin = new Redis(REDIS_URL);
    const keys = await admin.keys(`${PREFIX}*`);
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
  });

  it('a logout on one node ends the session on the other at once', async () => {
    const a = new SessionStore(nodeA, 600);
    const b = new SessionStore(nodeB, 600);
    const session = await a.start('u-1');
    expect(await b.isActive(session)).toBe(true);
    await b.revoke(session.sessionId);
    expect(await a.isActive(session)).toBe(false);
  });

  it('of many concurrent uses of one refresh token across nodes, exactly one wins and the session ends', async () => {
    const a = new SessionStore(nodeA, 600);
    const b = new SessionStore(nodeB, 600);
    const session = await a.start('u-2');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).rotate(session, session.generation)),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await a.isActive(session)).toBe(false);
  });

  it('failures counted on two nodes lock the username on both', async () => {
    const policy = { maxFailures: 4, windowSeconds: 60, lockoutSeconds: 90 };
    const a = new LoginThrottle(nodeA, policy);
    const b = new LoginThrottle(nodeB, policy);
    await Promise.all([a.recordFailure('commander'), b.recordFailure('commander'), a.recordFailure('commander')]);
    expect(await b.lockedFor('commander')).toBe(0);
    expect(await b.recordFailure('commander')).toBe(90);
    expect(await a.lockedFor('commander')).toBeGreaterThan(85);
  });
});
