import { randomUUID } from 'node:crypto';
import { cityEvent, EVENT_TYPES, exampleEvent } from '@zhongshu/stream';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisHotState } from '../hot-state/redis.hot-state';
import {
  as,
  Clock,
  createBody,
  openNode,
  openWarehouse,
  T0,
  TOWN_A,
  type Node,
  type Warehouse,
} from './work-orders.test-kit';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `zs-test:${randomUUID()}:`;

let warehouse: Warehouse;
let admin: Redis;
beforeAll(async () => {
  warehouse = await openWarehouse();
  admin = new Redis(REDIS_URL);
});
afterAll(async () => {
  await flush();
  await admin.quit();
  await warehouse.close();
});

/** Loses everything this test run wrote to Redis, as a Redis restarted without persistence would. */
async function flush(): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await admin.del(...keys);
  } while (cursor !== '0');
}

/** Two API nodes: separate Redis connections on one key prefix, one warehouse. */
async function twoNodes(clock: Clock): Promise<[Node, Node]> {
  const a = openNode(warehouse, clock, await RedisHotState.connect(REDIS_URL, PREFIX));
  const b = openNode(warehouse, clock, await RedisHotState.connect(REDIS_URL, PREFIX));
  return [a, b];
}

describe('work orders on Redis hot state, several API nodes', () => {
  it('lets exactly one of two conflicting actions through when they arrive at different nodes', async () => {
    const [a, b] = await twoNodes(new Clock());
    try {
      const orders = await Promise.all(
        Array.from({ length: 20 }, async () => {
          const { order } = await a.wo.service.create(createBody(), as.dispatcher());
          await a.wo.service.act(order.id, 'accept', { version: 1 }, as.dispatcher());
          return order.id;
        }),
      );
      const results = await Promise.all(
        orders.map((id) =>
          Promise.allSettled([
            a.wo.service.act(id, 'dispatch', { version: 2, units: [{ department: 'ZJJ' }] }, as.dispatcher()),
            b.wo.service.act(id, 'invalidate', { version: 2, reason: '重复来电' }, as.commander()),
          ]),
        ),
      );
      for (const pair of results) {
        expect(pair.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect(pair.find((r) => r.status === 'rejected')?.reason).toMatchObject({
          status: 409,
          code: 'VERSION_CONFLICT',
        });
      }
      const rows = await warehouse.sql.query<{ order_id: string; n: string }>(
        `SELECT order_id, count() AS n FROM work_order_log WHERE order_id IN {ids:Array(String)} AND version = 3
         GROUP BY order_id`,
        { ids: orders },
      );
      expect(rows).toHaveLength(20);
      expect(rows.every((row) => Number(row.n) === 1)).toBe(true);
      // Both nodes read the same current state.
      for (const id of orders) {
        const [fromA, fromB] = await Promise.all([
          a.wo.service.get(id, as.dispatcher()),
          b.wo.service.get(id, as.dispatcher()),
        ]);
        expect(fromA.order).toMatchObject({ version: 3, status: fromB.order.status });
      }
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('makes one order per event when two nodes take the same events at once', async () => {
    const [a, b] = await twoNodes(new Clock());
    try {
      const events = Array.from({ length: 30 }, (_, i) =>
        cityEvent.parse(
          exampleEvent(EVENT_TYPES.hotlineTicket, {
            id: `dup-${PREFIX}-${i}`,
            subject: `RX-${PREFIX}-${i}`,
            time: T0.toISOString(),
            region: { code: '460105', town: { code: TOWN_A, name: '秀英街道' } },
          }),
        ),
      );
      const [fromA, fromB] = await Promise.all([a.wo.intake.createFor(events), b.wo.intake.createFor(events)]);
      expect(fromA + fromB).toBe(30);
      const created = await warehouse.sql.query<{ n: string; orders: string }>(
        `SELECT count() AS n, uniqExact(order_id) AS orders FROM work_order_log
         WHERE version = 1 AND positionUTF8(state, {mark:String}) > 0`,
        { mark: `dup-${PREFIX}` },
      );
      expect(Number(created[0].orders)).toBe(30);
      expect(Number(created[0].n)).toBe(30);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('rebuilds the projection when Redis comes back empty, and carries on from the log', async () => {
    const clock = new Clock();
    const [a, b] = await twoNodes(clock);
    try {
      const { order } = await a.wo.service.create(createBody(), as.dispatcher());
      await a.wo.service.act(order.id, 'accept', { version: 1 }, as.dispatcher());
      await a.wo.service.act(order.id, 'dispatch', { version: 2, units: [{ department: 'SWJ' }] }, as.dispatcher());
      await a.wo.rebuild();

      await flush();
      expect(await b.wo.service.openSummaries()).toEqual([]);
      const scan = await b.wo.scheduler.scan();
      expect(scan.rebuilt).toBe(true);
      const summary = (await a.wo.service.openSummaries()).find((s) => s.id === order.id);
      expect(summary).toMatchObject({ status: 'dispatched', version: 3, departments: ['SWJ'] });
      const signed = await a.wo.service.act(order.id, 'sign', { version: 3 }, as.liaison('SWJ'));
      expect(signed.order).toMatchObject({ status: 'handling', version: 4 });
    } finally {
      await a.close();
      await b.close();
    }
  });
});
