import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, ApiCaller, createUser, TEST_PASSWORD, type OrderView } from './support/work-orders-api';
import { startZhongshu, type ZhongshuProcess } from './support/zhongshu-process';

/**
 * Issue 4's "done when" against the real process with the simulators on: orders appear by themselves, a
 * dispatcher runs a joint order (联办) through every step to a rating over HTTP, the live `orders` channel
 * follows it room by room, and every action is in the verified audit chain.
 */
const DEMO_PASSWORD = 'work orders demo password';

interface LiveMessage {
  channel: string;
  seq: number;
  data: { orders: Array<{ id: string; version: number; status: string }> };
}

/** A live `orders` subscription that records what it receives. */
async function subscribeOrders(url: string, token: string) {
  const socket: Socket = io(`${url}/live`, { transports: ['websocket'], forceNew: true });
  const deltas: LiveMessage[] = [];
  const snapshot = new Promise<LiveMessage>((resolve, reject) => {
    socket.on('snapshot', (message: LiveMessage) => resolve(message));
    socket.on('live-error', (error: unknown) => reject(new Error(JSON.stringify(error))));
  });
  socket.on('delta', (message: LiveMessage) => deltas.push(message));
  socket.on('connect', () => socket.emit('subscribe', { channel: 'orders', token }));
  return { socket, deltas, snapshot: await snapshot };
}

describe('work orders over HTTP with the simulators on (real process)', () => {
  let zs: ZhongshuProcess;
  let admin: ApiCaller;
  let dispatcher: ApiCaller;
  let commander: ApiCaller;
  let districtLeader: ApiCaller;
  const liaison: Record<string, ApiCaller> = {};
  const unitLeader: Record<string, ApiCaller> = {};

  beforeAll(async () => {
    zs = await startZhongshu({
      env: { SIMULATE: '1', SIMULATOR_RATE: '900', DEMO_PASSWORD, WORK_ORDER_SCAN_SECONDS: '2', MQTT_PORT: '0' },
    });
    admin = await ApiCaller.signIn(zs.url, 'admin', DEMO_PASSWORD);
    dispatcher = await ApiCaller.signIn(zs.url, 'dispatcher', DEMO_PASSWORD);
    commander = await ApiCaller.signIn(zs.url, 'commander', DEMO_PASSWORD);
    districtLeader = await ApiCaller.signIn(zs.url, 'leader', DEMO_PASSWORD);
    // The demo liaison belongs to SWJ (区水务局); the other units' people are created here.
    liaison.SWJ = await ApiCaller.signIn(zs.url, 'liaison', DEMO_PASSWORD);
    for (const unit of ['ZJJ', 'HWJ']) {
      await createUser(admin, { username: `liaison-${unit.toLowerCase()}`, role: 'liaison', department: unit });
      liaison[unit] = await ApiCaller.signIn(zs.url, `liaison-${unit.toLowerCase()}`, TEST_PASSWORD);
    }
    for (const unit of ['ZJJ', 'SWJ', 'HWJ']) {
      await createUser(admin, { username: `leader-${unit.toLowerCase()}`, role: 'leader', department: unit });
      unitLeader[unit] = await ApiCaller.signIn(zs.url, `leader-${unit.toLowerCase()}`, TEST_PASSWORD);
    }
  });

  afterAll(async () => {
    await zs?.stop();
  });

  it('makes orders by itself from the simulated city', async () => {
    let found: { id: string } | undefined;
    await expect
      .poll(
        async () => {
          const list = await dispatcher.get<{ total: number; items: Array<{ id: string }> }>(
            '/api/v1/work-orders?status=received&limit=5',
          );
          found = list.body.items[0];
          return list.body.total;
        },
        { timeout: 90_000, interval: 1_000 },
      )
      .toBeGreaterThan(0);
    const detail = await dispatcher.get<{ order: OrderView; routing: { lead: string } }>(
      `/api/v1/work-orders/${found!.id}`,
    );
    expect(detail.status).toBe(200);
    expect(detail.body.order.createdBy).toMatchObject({ userId: 'auto-intake', role: 'system' });
    expect(detail.body.order.timeline[0]).toMatchObject({ version: 1, action: 'create', to: 'received' });
    expect(typeof detail.body.routing.lead).toBe('string');
  });

  it('runs a joint order through every step to a rating, with live rooms and the audit chain', async () => {
    const dispatcherLive = await subscribeOrders(zs.url, dispatcher.token);
    const zjjLive = await subscribeOrders(zs.url, liaison.ZJJ.token);
    try {
      const created = await dispatcher.post<{ order: OrderView }>('/api/v1/work-orders', {
        kind: 'joint',
        title: '海秀西路积水联合处置',
        description: '海秀西路低洼路段积水，来电人 13812341234 反映已影响通行',
        categoryCode: '010104',
        urgency: 'general',
        location: { lng: 110.27, lat: 20.03 },
        callers: [{ name: '李女士', phone: '13812341234', receivedAt: new Date().toISOString() }],
      });
      expect(created.status).toBe(201);
      const id = created.body.order.id;
      let actions = 0;
      const step = async (who: ApiCaller, action: string, body: Record<string, unknown> = {}) => {
        const answer = await act(who, id, action, body);
        actions += 1;
        expect(answer.status, `${action}: ${JSON.stringify(answer.body)}`).toBe(200);
        return answer.body.order;
      };

      await step(dispatcher, 'accept', { note: '分类：道路积水' });
      const dispatched = await step(dispatcher, 'dispatch', {
        units: [{ department: 'ZJJ', role: 'lead' }, { department: 'SWJ' }, { department: 'HWJ' }],
      });
      const task = (unit: string) => dispatched.children.find((c) => c.unit === unit)!.id;

      // A stale version is refused with 409 and changes nothing.
      const stale = await dispatcher.post<{ error: { code: string; messageZh: string } }>(
        `/api/v1/work-orders/${id}/actions/urge`,
        { version: 1, note: '请尽快处置' },
      );
      actions += 1;
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('VERSION_CONFLICT');
      expect(stale.body.error.messageZh).toContain('工单已被他人更新');

      await step(liaison.ZJJ, 'sign');
      await step(liaison.SWJ, 'sign');
      await step(liaison.HWJ, 'refuse', { reason: '积水清淤不属于本单位职责', basis: '区环卫局三定方案' });
      await step(dispatcher, 'return', { subject: 'refusal', childId: task('HWJ'), reason: '路面淤泥清运属环卫职责' });
      await step(districtLeader, 'rule', { childId: task('HWJ'), decision: 'assign', note: '由区环卫局负责清淤' });
      await step(liaison.HWJ, 'sign');
      await step(dispatcher, 'urge', { note: '请各单位尽快到场' });
      await step(commander, 'supervise', { note: '指挥长督办' });
      await step(liaison.ZJJ, 'extend', {
        decision: 'request',
        by: { amount: 2, unit: 'workingDays' },
        reason: '需协调排水管网改造',
      });
      await step(commander, 'extend', { decision: 'approve' });
      await step(dispatcher, 'suspend', { reason: '等待暴雨过后施工' });
      await step(dispatcher, 'resume', { note: '雨停，恢复处置' });
      for (const unit of ['ZJJ', 'SWJ', 'HWJ']) {
        await step(liaison[unit], 'checkin', { lng: 110.27, lat: 20.03 });
        await step(liaison[unit], 'feedback', { measures: '抽排积水、清理淤泥', result: '积水已排除' });
      }
      await step(unitLeader.SWJ, 'return', { subject: 'child_feedback', childId: task('SWJ'), reason: '请补充照片' });
      await step(liaison.SWJ, 'feedback', { measures: '抽排积水', result: '已补充照片', attachments: ['photo-1.jpg'] });
      await step(unitLeader.ZJJ, 'approve', { subject: 'child_feedback', childId: task('ZJJ') });
      await step(unitLeader.HWJ, 'approve', { subject: 'child_feedback', childId: task('HWJ') });
      const closed = await step(unitLeader.SWJ, 'approve', { subject: 'child_feedback', childId: task('SWJ') });
      expect(closed.status).toBe('closed');
      for (const unit of ['ZJJ', 'SWJ', 'HWJ']) {
        await step(dispatcher, 'evaluate', {
          rater: 'centre',
          childId: task(unit),
          rating: { satisfaction: 'satisfied', resolved: true },
        });
      }
      const rated = await step(liaison.ZJJ, 'evaluate', {
        rater: 'unit',
        childId: task('ZJJ'),
        rating: { satisfaction: 'satisfied' },
      });
      expect(rated.status).toBe('evaluated');
      expect(rated.children.map((c) => `${c.unit}:${c.status}:${c.rating?.satisfaction}`)).toEqual([
        'ZJJ:done:satisfied',
        'SWJ:done:satisfied',
        'HWJ:done:satisfied',
      ]);

      // The order with its version and its full timeline; personal data only for the centre.
      const full = await dispatcher.get<{ order: OrderView }>(`/api/v1/work-orders/${id}`);
      expect(full.body.order.version).toBe(rated.version);
      expect(full.body.order.timeline.map((e) => e.version)).toContain(rated.version);
      expect(full.body.order.timeline.at(-1)!.action).toBe('evaluate');
      expect(full.body.order.callers[0].phone).toBe('13812341234');
      const masked = await liaison.ZJJ.get<{ order: OrderView & { description: string } }>(`/api/v1/work-orders/${id}`);
      expect(masked.body.order.callers[0].phone).toBe('138****1234');
      expect(masked.body.order.description).not.toContain('13812341234');

      // Live: the dispatcher's room saw every version; the ZJJ liaison's room saw this order too (ZJJ is on
      // it) but none of the simulated orders, which no unit has yet.
      await expect
        .poll(() => dispatcherLive.deltas.flatMap((d) => d.data.orders).filter((o) => o.id === id).length)
        .toBeGreaterThanOrEqual(rated.version - 1);
      const zjjSaw = zjjLive.deltas.flatMap((d) => d.data.orders);
      expect(zjjSaw.some((o) => o.id === id && o.status === 'evaluated')).toBe(true);
      expect(zjjSaw.every((o) => o.id === id)).toBe(true);
      for (const live of [dispatcherLive, zjjLive]) {
        const seqs = live.deltas.map((d) => d.seq);
        expect(seqs).toEqual(seqs.map((_, i) => live.snapshot.seq + i + 1));
      }

      // Every action (accepted or refused) is in the audit chain, and the chain verifies.
      await expect
        .poll(
          async () => {
            const page = await admin.get<{ items: Array<{ target: string; resultStatus: number }> }>(
              `/api/v1/audit?limit=1000&action=${encodeURIComponent('/api/v1/work-orders/{id}/actions')}`,
            );
            return page.body.items.filter((record) => record.target.includes(id)).length;
          },
          { timeout: 15_000 },
        )
        .toBe(actions);
      const verified = await admin.get<{ intact: boolean }>('/api/v1/audit/verify');
      expect(verified.body.intact).toBe(true);
    } finally {
      dispatcherLive.socket.disconnect();
      zjjLive.socket.disconnect();
    }
  });

  it('answers mistakes with stable codes in both languages and keeps orders in scope', async () => {
    const { body } = await dispatcher.post<{ order: OrderView }>('/api/v1/work-orders', {
      title: '书场路井盖缺失',
      categoryCode: '010103',
      townCode: '460105002',
    });
    const id = body.order.id;
    const unknown = await dispatcher.post<{ error: { code: string } }>(`/api/v1/work-orders/${id}/actions/teleport`, {
      version: 1,
    });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'UNKNOWN_ACTION' } } });
    const invalid = await dispatcher.post<{ error: { code: string; message: string; messageZh: string } }>(
      `/api/v1/work-orders/${id}/actions/dispatch`,
      { version: 1, units: [] },
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatchObject({ code: 'INVALID_COMMAND' });
    expect(invalid.body.error.messageZh).toContain('请求内容不合法');
    const wrongState = await dispatcher.post<{ error: { code: string } }>(`/api/v1/work-orders/${id}/actions/verify`, {
      version: 1,
    });
    expect(wrongState).toMatchObject({ status: 409, body: { error: { code: 'TRANSITION_NOT_ALLOWED' } } });
    const forbidden = await act(districtLeader, id, 'accept');
    expect(forbidden).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    // Not the liaison's unit: the order does not exist for them.
    expect((await liaison.ZJJ.get(`/api/v1/work-orders/${id}`)).status).toBe(404);
    expect((await admin.get('/api/v1/work-orders')).status).toBe(403);
    const mine = await liaison.ZJJ.get<{ items: Array<{ departments: string[] }> }>('/api/v1/work-orders?limit=200');
    expect(mine.body.items.every((item) => item.departments.includes('ZJJ'))).toBe(true);
  });

  it('edits routing through the API with optimistic versions, and serves assessment and OpenAPI', async () => {
    const routing = await dispatcher.get<{ version: number; departments: unknown[]; table: unknown }>(
      '/api/v1/routing',
    );
    expect(routing.status).toBe(200);
    const saved = await dispatcher.put<{ version: number }>('/api/v1/routing', { ...routing.body });
    expect(saved).toMatchObject({ status: 200, body: { version: routing.body.version + 1 } });
    const stale = await dispatcher.put<{ error: { code: string } }>('/api/v1/routing', { ...routing.body });
    expect(stale).toMatchObject({ status: 409, body: { error: { code: 'VERSION_CONFLICT' } } });
    expect((await liaison.SWJ.put('/api/v1/routing', { ...routing.body })).status).toBe(403);

    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const report = await commander.get<{ rows: Array<{ key: string; rank: number | null }>; total: unknown }>(
      `/api/v1/assessment?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&by=department`,
    );
    expect(report.status).toBe(200);
    expect(report.body.rows.map((row) => row.key)).toEqual(expect.arrayContaining(['ZJJ', 'SWJ', 'HWJ']));

    const document = (await fetch(`${zs.url}/api/openapi.json`).then((r) => r.json())) as {
      paths: Record<string, unknown>;
    };
    for (const path of [
      '/api/v1/work-orders',
      '/api/v1/work-orders/{id}',
      '/api/v1/work-orders/{id}/actions/{action}',
      '/api/v1/work-orders/{id}/duplicates',
      '/api/v1/routing',
      '/api/v1/rules',
      '/api/v1/assessment',
    ]) {
      expect(document.paths[path], path).toBeDefined();
    }
  });
});
