import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hotStateContract } from '../../../stream/src/ports/hot-state.contract';
import { createHotState } from './create-hot-state';
import { RedisHotState } from './redis.hot-state';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
// One prefix per run: parallel runs (and other suites) on the same Redis never see each other's keys.
const PREFIX = `zs-test:${randomUUID()}:`;
/** REDIS_URL as it may appear in test names and messages: without its password. */
const SHOWN_URL = REDIS_URL.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');

/** A plain client for checks and cleanup. */
let admin: Redis | undefined;
let unreachable: Error | undefined;

// Redis being down must fail every test that needs it with this message, never skip them (a failing
// beforeAll would only mark the tests as skipped).
beforeAll(async () => {
  try {
    await (await RedisHotState.connect(REDIS_URL, PREFIX)).close();
    admin = new Redis(REDIS_URL);
  } catch (error) {
    unreachable = new Error(
      `The Redis integration tests need a reachable Redis at ${SHOWN_URL} (set REDIS_URL): ${(error as Error).message}`,
      { cause: error },
    );
  }
});

afterAll(async () => {
  if (!admin) return;
  await deleteKeys(`${PREFIX}*`);
  await admin.quit();
});

function redis(): Redis {
  if (unreachable) throw unreachable;
  if (!admin) throw new Error('beforeAll did not run');
  return admin;
}

async function deleteKeys(pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis().scan(cursor, 'MATCH', pattern, 'COUNT', 1_000);
    cursor = next;
    if (keys.length > 0) await redis().del(...keys);
  } while (cursor !== '0');
}

async function keysUnder(pattern: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis().scan(cursor, 'MATCH', pattern, 'COUNT', 1_000);
    cursor = next;
    found.push(...keys);
  } while (cursor !== '0');
  return found.sort();
}

hotStateContract(
  `redis (${SHOWN_URL})`,
  async () => {
    redis();
    return RedisHotState.connect(REDIS_URL, PREFIX);
  },
  () => deleteKeys(`${PREFIX}*`),
);

describe('RedisHotState', () => {
  it('rejects within a few seconds, naming the server, when Redis is unreachable', async () => {
    const started = Date.now();
    await expect(RedisHotState.connect('redis://127.0.0.1:1')).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/redis:\/\/127\.0\.0\.1:1.*not reachable/) as unknown,
    });
    await expect(createHotState('redis://127.0.0.1:1')).rejects.toThrow(/not reachable/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('never puts the password in the error message', async () => {
    const failure = RedisHotState.connect('redis://zs:s3cret-pass@127.0.0.1:1');
    await expect(failure).rejects.toThrow(/redis:\/\/zs:\*\*\*@127\.0\.0\.1:1/);
    await expect(failure).rejects.not.toThrow(/s3cret/);
  });

  it('rejects instead of hanging when a server accepts the connection but never answers', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const started = Date.now();
      await expect(
        RedisHotState.connect(`redis://127.0.0.1:${port}`, PREFIX, { connectTimeoutMs: 500 }),
      ).rejects.toThrow(/not reachable/);
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('keeps ids and data under the prefix, and tenants with different prefixes apart', async () => {
    redis();
    const tenantA = await RedisHotState.connect(REDIS_URL, `${PREFIX}a:`);
    const tenantB = await RedisHotState.connect(REDIS_URL, `${PREFIX}b:`);
    try {
      await tenantA.markSeen(['event-1'], 60);
      await tenantA.incrementCounters('day', { hotline: 1 }, 60);
      expect(await keysUnder(`${PREFIX}a:*`)).toEqual([`${PREFIX}a:k:day`, `${PREFIX}a:seen:event-1`]);
      expect(await redis().ttl(`${PREFIX}a:seen:event-1`)).toBeGreaterThan(55);

      expect(await tenantB.markSeen(['event-1'], 60)).toEqual([true]);
      expect(await tenantB.readCounters('day')).toEqual({});
    } finally {
      await tenantA.close();
      await tenantB.close();
    }
  });

  it('rejects at once while the connection is down, then reconnects on its own', async () => {
    const connectionName = `zs-test-${randomUUID()}`;
    const state = await RedisHotState.connect(REDIS_URL, PREFIX, { connectionName });
    try {
      const clients = (await redis().client('LIST')) as string;
      const id = /id=(\d+) .*name=(\S+)/
        .exec(clients.split('\n').find((line) => line.includes(`name=${connectionName} `)) ?? '')
        ?.at(1);
      expect(id).toBeDefined();
      await redis().client('KILL', 'ID', id!);

      await expect(state.ping()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
      await expect
        .poll(
          () =>
            state.ping().then(
              () => 'up',
              () => 'down',
            ),
          { timeout: 5_000 },
        )
        .toBe('up');
      expect(await state.incrementCounters('after-reconnect', { n: 1 })).toEqual({ n: 1 });
    } finally {
      await state.close();
    }
  });

  it('leaves a client it was given open for its owner', async () => {
    redis();
    const client = new Redis(REDIS_URL);
    const state = new RedisHotState(client, PREFIX);
    try {
      await state.ping();
      await state.close();
      await expect(state.ping()).rejects.toThrow(/closed/);
      expect(await client.ping()).toBe('PONG');
    } finally {
      await client.quit();
    }
  });
});
