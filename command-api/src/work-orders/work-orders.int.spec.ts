import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTicketingPolicy, decide } from '@zhongshu/ticketing';
import { MemoryHotState } from '../hot-state/memory.hot-state';
import { ApiError } from '../http/api-error';
import { Sm4Cipher } from '../pii/sm4.cipher';
import { OrderCodec } from './order-codec';
import {
  as,
  Clock,
  createBody,
  openNode,
  openWarehouse,
  PII_KEY,
  TOWN_A,
  TOWN_B,
  type Warehouse,
} from './work-orders.test-kit';

const MINUTE = 60_000;
const where = { lng: 110.29, lat: 20.02 };

async function failure(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, code: error.code };
    throw error;
  }
  throw new Error('expected the call to fail');
}

let warehouse: Warehouse;
beforeAll(async () => {
  warehouse = await openWarehouse();
});
afterAll(async () => {
  await warehouse.close();
});

async function logRows(orderId: string) {
  return warehouse.sql.query<{ version: number; action: string; to_status: string; state: string }>(
    'SELECT version, action, to_status, state FROM work_order_log WHERE order_id = {id:String} ORDER BY version',
    { id: orderId },
  );
}

describe('WorkOrderService on chDB + memory hot state', () => {
  it('runs a single order around the closed loop, every version in the log and the hot projection', async () => {
    const clock = new Clock();
    const node = openNode(warehouse, clock);
    const { service } = node.wo;
    const created = await service.create(createBody(), as.dispatcher());
    const id = created.order.id;
    expect(created.order).toMatchObject({ status: 'received', version: 1, townCode: TOWN_A });
    expect(created.routing).toMatchObject({ lead: 'ZJJ', fallback: false });
    const step = async (action: Parameters<typeof service.act>[1], body: object, who = as.dispatcher()) => {
      clock.advance(MINUTE);
      const { order } = await service.get(id, who.actor.role === 'liaison' ? who : as.dispatcher());
      return service.act(id, action, { ...body, version: order.version }, who);
    };
    await step('accept', {});
    await step('dispatch', { units: [{ department: 'ZJJ' }] });
    await step('sign', {}, as.liaison('ZJJ'));
    await step('checkin', where, as.liaison('ZJJ'));
    await step('feedback', { measures: '更换灯泡', result: '路灯已恢复' }, as.liaison('ZJJ'));
    await step('verify', { note: '电话核实' });
    await step('close', {});
    const rated = await step('evaluate', { rater: 'centre', rating: { satisfaction: 'satisfied', resolved: true } });
    expect(rated.order).toMatchObject({ status: 'evaluated', version: 9 });
    expect(rated.order.timeline.map((e) => e.action)).toEqual([
      'create',
      'accept',
      'dispatch',
      'sign',
      'checkin',
      'feedback',
      'verify',
      'close',
      'evaluate',
    ]);
    const rows = await logRows(id);
    expect(rows.map((r) => `${r.version}:${r.action}:${r.to_status}`)).toEqual([
      '1:create:received',
      '2:accept:accepted',
      '3:dispatch:dispatched',
      '4:sign:handling',
      '5:checkin:handling',
      '6:feedback:verifying',
      '7:verify:verified',
      '8:close:closed',
      '9:evaluate:evaluated',
    ]);
    const fresh = await service.get(id, as.dispatcher());
    expect(fresh.order.version).toBe(9);
    // 重办 is offered (the table allows it); `decide` refuses it for a satisfied rating.
    expect(fresh.allowedCommands).toEqual(['reopen']);
    await node.close();
  });

  it('answers a stale version with 409 VERSION_CONFLICT and changes nothing', async () => {
    const node = openNode(warehouse, new Clock());
    const { service } = node.wo;
    const { order } = await service.create(createBody(), as.dispatcher());
    await service.act(order.id, 'accept', { version: 1 }, as.dispatcher());
    expect(await failure(service.act(order.id, 'invalidate', { version: 1, reason: '重复' }, as.dispatcher()))).toEqual(
      {
        status: 409,
        code: 'VERSION_CONFLICT',
      },
    );
    expect((await service.get(order.id, as.dispatcher())).order).toMatchObject({ status: 'accepted', version: 2 });
    expect((await logRows(order.id)).map((r) => r.version)).toEqual([1, 2]);
    await node.close();
  });

  it('lets exactly one of two conflicting concurrent actions through', async () => {
    const node = openNode(warehouse, new Clock());
    const { service } = node.wo;
    for (let round = 0; round < 5; round++) {
      const { order } = await service.create(createBody(), as.dispatcher());
      await service.act(order.id, 'accept', { version: 1 }, as.dispatcher());
      const outcomes = await Promise.allSettled([
        service.act(order.id, 'dispatch', { version: 2, units: [{ department: 'ZJJ' }] }, as.dispatcher()),
        service.act(order.id, 'invalidate', { version: 2, reason: '诉求已撤回' }, as.commander()),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.find((o) => o.status === 'rejected');
      expect(refused?.reason).toMatchObject({ status: 409, code: 'VERSION_CONFLICT' });
      const rows = await logRows(order.id);
      expect(rows.map((r) => r.version)).toEqual([1, 2, 3]);
      expect((await service.get(order.id, as.dispatcher())).order.status).toBe(rows[2].to_status);
    }
    await node.close();
  });

  it('refuses with 503 and leaves the order as it was when the order log cannot be written', async () => {
    let failInserts = false;
    const flaky = {
      exec: (sql: string) => warehouse.sql.exec(sql),
      query: <T>(sql: string, params?: Record<string, unknown>) => warehouse.sql.query<T>(sql, params),
      insertJsonEachRow: async (table: string, lines: string, settings?: Record<string, string | number>) => {
        if (failInserts && table === 'work_order_log') throw new Error('disk full');
        return warehouse.sql.insertJsonEachRow(table, lines, settings);
      },
      close: async () => undefined,
    };
    const node = openNode(warehouse, new Clock(), new MemoryHotState(), flaky);
    const { service } = node.wo;
    const { order } = await service.create(createBody(), as.dispatcher());
    failInserts = true;
    expect(await failure(service.act(order.id, 'accept', { version: 1 }, as.dispatcher()))).toEqual({
      status: 503,
      code: 'ORDER_LOG_UNAVAILABLE',
    });
    failInserts = false;
    expect((await service.get(order.id, as.dispatcher())).order).toMatchObject({ status: 'received', version: 1 });
    await service.act(order.id, 'accept', { version: 1 }, as.dispatcher());
    expect((await logRows(order.id)).map((r) => r.version)).toEqual([1, 2]);
    await node.close();
  });

  it('rebuilds hot state from the log after a restart, and reads through when hot state lost an order', async () => {
    const clock = new Clock();
    const first = openNode(warehouse, clock);
    const { order } = await first.wo.service.create(createBody(), as.dispatcher());
    await first.wo.service.act(order.id, 'accept', { version: 1 }, as.dispatcher());
    await first.wo.service.act(order.id, 'dispatch', { version: 2, units: [{ department: 'SWJ' }] }, as.dispatcher());
    await first.close();

    const second = openNode(warehouse, clock);
    const rebuilt = await second.wo.rebuild();
    expect(rebuilt.loaded).toBeGreaterThanOrEqual(1);
    const summaries = await second.wo.service.openSummaries();
    expect(summaries.find((s) => s.id === order.id)).toMatchObject({ status: 'dispatched', version: 3 });
    const seen = await second.wo.service.get(order.id, as.liaison('SWJ'));
    expect(seen.order).toMatchObject({ status: 'dispatched', version: 3 });
    await second.close();

    // A hot state that never saw the order (Redis flushed) reads it through from the log.
    const third = openNode(warehouse, clock);
    const signed = await third.wo.service.act(order.id, 'sign', { version: 3 }, as.liaison('SWJ'));
    expect(signed.order).toMatchObject({ status: 'handling', version: 4 });
    await third.close();
  });

  it('adopts into the log a version hot state holds that a crashed node never logged', async () => {
    const clock = new Clock();
    const hot = new MemoryHotState();
    const node = openNode(warehouse, clock, hot);
    const { order } = await node.wo.service.create(createBody(), as.dispatcher());
    // What a node that died between its compare-and-set and its log write leaves behind.
    const stored = (await node.wo.book.load(order.id))!;
    const decision = decide(
      stored.order,
      { action: 'accept', version: 1 },
      as.dispatcher().actor,
      clock.now(),
      createTicketingPolicy(),
    );
    if (!decision.ok) throw new Error(decision.error.code);
    const codec = new OrderCodec(new Sm4Cipher(Buffer.from(PII_KEY, 'hex')));
    await hot.compareAndSet('wo:orders', order.id, 1, { version: 2, value: codec.seal(decision.order) });
    expect((await logRows(order.id)).map((r) => r.version)).toEqual([1]);

    clock.advance(MINUTE);
    const result = await node.wo.rebuild();
    expect(result.adopted).toBe(1);
    expect((await logRows(order.id)).map((r) => `${r.version}:${r.action}`)).toEqual(['1:create', '2:accept']);
    await node.close();
  });

  it('keeps phone and ID numbers sealed at rest and masks them for roles that may not see them', async () => {
    const node = openNode(warehouse, new Clock());
    const { service } = node.wo;
    const { order } = await service.create(createBody(), as.dispatcher());
    await service.act(order.id, 'accept', { version: 1 }, as.dispatcher());
    await service.act(order.id, 'dispatch', { version: 2, units: [{ department: 'ZJJ' }] }, as.dispatcher());

    const [row] = await logRows(order.id);
    expect(row.state).not.toContain('13812341234');
    expect(row.state).not.toContain('46010519900101123X');
    expect(row.state).toContain('sm4c1:');
    const hotRaw = JSON.stringify(await node.hotState.readFields('wo:orders'));
    expect(hotRaw).not.toContain('13812341234');
    expect(hotRaw).not.toContain('46010519900101123X');

    const full = await service.get(order.id, as.dispatcher());
    expect(full.order.callers[0]).toMatchObject({
      phone: '13812341234',
      idNumber: '46010519900101123X',
      name: '王先生',
    });
    const masked = await service.get(order.id, as.liaison('ZJJ'));
    expect(masked.order.callers[0]).toMatchObject({
      phone: '138****1234',
      idNumber: '460105********123X',
      name: '王**',
    });
    expect(masked.order.description).toContain('138****1234');
    expect(masked.order.description).not.toContain('13812341234');
    await node.close();
  });

  it('lists orders within the data scope: a unit its orders, a street its region', async () => {
    const node = openNode(warehouse, new Clock());
    const { service } = node.wo;
    const mark = `范围测试-${Date.now()}`;
    const a = (await service.create(createBody({ title: `${mark} A` }), as.dispatcher())).order;
    const b = (await service.create(createBody({ title: `${mark} B`, townCode: TOWN_B }), as.dispatcher())).order;
    await service.act(a.id, 'accept', { version: 1 }, as.dispatcher());
    await service.act(a.id, 'dispatch', { version: 2, units: [{ department: 'HWJ' }] }, as.dispatcher());
    const ids = async (viewer: ReturnType<typeof as.dispatcher>, extra = {}) =>
      (await service.list({ q: mark, limit: 50, offset: 0, ...extra }, viewer)).items.map((i) => i.id).sort();
    expect(await ids(as.dispatcher())).toEqual([a.id, b.id].sort());
    expect(await ids(as.dispatcher(TOWN_B))).toEqual([b.id]);
    expect(await ids(as.liaison('HWJ'))).toEqual([a.id]);
    expect(await ids(as.liaison('ZJJ'))).toEqual([]);
    expect(await ids(as.dispatcher(), { status: ['received'] })).toEqual([b.id]);
    expect(await failure(service.get(b.id, as.liaison('HWJ')))).toEqual({ status: 404, code: 'WORK_ORDER_NOT_FOUND' });
    expect(await failure(service.get(a.id, as.dispatcher(TOWN_B)))).toEqual({
      status: 404,
      code: 'WORK_ORDER_NOT_FOUND',
    });
    expect(await failure(service.list({ limit: 5, offset: 0 }, as.actor({ userId: 'root', role: 'admin' })))).toEqual({
      status: 403,
      code: 'FORBIDDEN',
    });
    await node.close();
  });

  it('suggests likely duplicates: same category, near in space and time', async () => {
    const clock = new Clock();
    const node = openNode(warehouse, clock);
    const { service } = node.wo;
    const first = (await service.create(createBody({ categoryCode: '010199' }), as.dispatcher())).order;
    clock.advance(30 * MINUTE);
    const near = (
      await service.create(
        createBody({ categoryCode: '010199', callers: [], location: { lng: 110.2905, lat: 20.0202 } }),
        as.dispatcher(),
      )
    ).order;
    const far = (
      await service.create(createBody({ categoryCode: '010199', location: { lng: 110.2, lat: 20.0 } }), as.dispatcher())
    ).order;
    const other = (await service.create(createBody({ categoryCode: '010198' }), as.dispatcher())).order;
    const { candidates } = await service.duplicates(first.id, as.dispatcher());
    expect(candidates.map((c) => c.id)).toEqual([near.id]);
    expect(candidates[0]).toMatchObject({ version: 1, status: 'received', hoursApart: 0.5 });
    expect(candidates[0].distanceMeters).toBeLessThan(100);
    expect([far.id, other.id]).not.toContain(candidates[0].id);

    const merged = await service.act(
      first.id,
      'merge',
      { version: 1, duplicates: [{ id: near.id, version: 1 }] },
      as.dispatcher(),
    );
    expect(merged.order.mergedFrom).toEqual([near.id]);
    expect((await service.get(near.id, as.dispatcher())).order).toMatchObject({
      status: 'merged',
      mergedInto: first.id,
      version: 2,
    });
    expect((await logRows(near.id)).map((r) => `${r.version}:${r.to_status}`)).toEqual(['1:received', '2:merged']);
    await node.close();
  });
});
