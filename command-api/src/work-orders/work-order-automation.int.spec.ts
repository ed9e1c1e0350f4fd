import { cityEvent, EVENT_TYPES, exampleEvent, type CityEvent } from '@zhongshu/stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../http/api-error';
import { DEFAULT_RULES } from './order-config.defaults';
import { as, Clock, createBody, openNode, openWarehouse, T0, TOWN_A, type Warehouse } from './work-orders.test-kit';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let warehouse: Warehouse;
beforeAll(async () => {
  warehouse = await openWarehouse();
});
afterAll(async () => {
  await warehouse.close();
});

const region = { code: '460105', town: { code: TOWN_A, name: '秀英街道' }, grid: '460105001001' };

function event(type: CityEvent['type'], overrides: Record<string, unknown> = {}): CityEvent {
  return cityEvent.parse(exampleEvent(type, { time: T0.toISOString(), region, ...overrides }));
}

describe('automatic creation from city events', () => {
  it('makes one order per matter from the events the rules select, and none twice on replay', async () => {
    const node = openNode(warehouse, new Clock());
    const mark = Date.now().toString(36);
    const ticket = event(EVENT_TYPES.hotlineTicket, {
      id: `t-${mark}`,
      subject: `RX-${mark}`,
      data: {
        ...exampleEvent(EVENT_TYPES.hotlineTicket).data,
        ticketNo: `RX-${mark}`,
        caller: { phone: '13912345678' },
      },
    });
    const sameTicketLater = event(EVENT_TYPES.hotlineTicket, { ...ticket, id: `t-${mark}-dispatched` });
    const answered = event(EVENT_TYPES.hotlineTicket, {
      id: `answered-${mark}`,
      data: { ...exampleEvent(EVENT_TYPES.hotlineTicket).data, needsHandling: false },
    });
    const routine = event(EVENT_TYPES.hotlineTicket, { id: `info-${mark}`, severity: 'info' });
    const gas = event(EVENT_TYPES.safetyAlarm, { id: `gas-${mark}`, subject: `GJ-${mark}`, severity: 'critical' });
    const minorAlarm = event(EVENT_TYPES.safetyAlarm, {
      id: `minor-${mark}`,
      subject: `GJ2-${mark}`,
      severity: 'minor',
    });
    const telemetry = event(EVENT_TYPES.deviceTelemetry, { id: `tm-${mark}` });

    const created = await node.wo.intake.createFor([
      ticket,
      sameTicketLater,
      answered,
      routine,
      gas,
      minorAlarm,
      telemetry,
    ]);
    expect(created).toBe(2);
    expect(await node.wo.intake.createFor([ticket, gas, sameTicketLater])).toBe(0);

    const gasOrders = await node.wo.service.list({ category: 'safety.gas', limit: 200, offset: 0 }, as.dispatcher());
    const details = await Promise.all(gasOrders.items.map((item) => node.wo.service.get(item.id, as.dispatcher())));
    const gasOrder = details.find((d) => d.order.sourceEventIds.includes(gas.id))?.order;
    expect(gasOrder).toMatchObject({
      status: 'received',
      urgency: 'emergency',
      categoryCode: 'safety.gas',
      townCode: TOWN_A,
    });
    const detail = await node.wo.service.get(gasOrder!.id, as.dispatcher());
    expect(detail.order.sourceEventIds).toEqual([gas.id]);
    // 燃气: the duty table names the gas company first and the fire brigade beside it → a 联办 suggestion.
    expect(detail.routing).toMatchObject({ lead: 'RQGS', co: ['XFJY'], multiUnit: true });

    // A restarted node (empty hot state) still finds the orders in the log and makes none again.
    await node.close();
    const restarted = openNode(warehouse, new Clock());
    expect(await restarted.wo.intake.createFor([ticket, gas])).toBe(0);
    await restarted.close();
  });

  it('follows the rules saved through the config store, and refuses a stale save', async () => {
    const node = openNode(warehouse, new Clock());
    const { config } = node.wo;
    const current = await config.get('rules');
    expect(current.version).toBe(0);
    const saved = await config.put(
      'rules',
      0,
      { ...DEFAULT_RULES, rules: DEFAULT_RULES.rules.map((rule) => ({ ...rule, minSeverity: 'info' as const })) },
      'dispatcher',
    );
    expect(saved).toMatchObject({ version: 1, updatedBy: 'dispatcher' });
    await expect(config.put('rules', 0, DEFAULT_RULES, 'admin')).rejects.toMatchObject({
      status: 409,
      code: 'VERSION_CONFLICT',
    });
    const routine = event(EVENT_TYPES.hotlineTicket, { id: `info-${Date.now()}`, severity: 'info' });
    expect(await node.wo.intake.createFor([routine])).toBe(1);
    // Durable: a node with an empty hot state reads the saved version back from the warehouse.
    await node.close();
    const other = openNode(warehouse, new Clock());
    expect((await other.wo.config.get('rules')).version).toBe(1);
    await other.wo.config.put('rules', 1, DEFAULT_RULES, 'dispatcher');
    await other.close();
  });
});

describe('deadlines on the working-day calendar, warnings and the escalation ladder', () => {
  it('colours an order yellow → orange → red → overdue, escalates 催办 → 督办 → 领导督办 and alerts the wall', async () => {
    const clock = new Clock(); // Monday 2 March 2026, 09:00
    const node = openNode(warehouse, clock);
    const { service, scheduler } = node.wo;
    const { order } = await service.create(createBody({ title: '期限测试' }), as.dispatcher());
    await service.act(order.id, 'accept', { version: 1 }, as.dispatcher());
    await service.act(order.id, 'dispatch', { version: 2, units: [{ department: 'ZJJ' }] }, as.dispatcher());
    await service.act(order.id, 'sign', { version: 3 }, as.liaison('ZJJ'));
    const accepted = (await service.get(order.id, as.dispatcher())).order;
    // 7 working days from Monday 09:00 → Wednesday 11 March 09:00 (weekend 7–8 March not counted).
    expect(accepted.deadlines.dueBy).toBe(new Date('2026-03-11T01:00:00Z').toISOString());

    const levels: string[] = [];
    const steps: string[] = [];
    // Thursday 5 March 09:00: 3 of 7 working days = 43 % → none; Friday 6 March 09:00: 4/7 = 57 % → yellow.
    for (const at of [
      '2026-03-05T01:00:00Z',
      '2026-03-06T01:00:00Z',
      '2026-03-09T01:00:00Z',
      '2026-03-09T12:00:00Z',
      '2026-03-10T10:00:00Z',
      '2026-03-11T02:00:00Z',
    ]) {
      clock.at = new Date(at);
      await scheduler.scan();
      const now = (await service.get(order.id, as.dispatcher())).order;
      levels.push(now.warning);
      steps.push(now.escalations.map((e) => e.step).join('+'));
    }
    // Monday 9 March 09:00: 5/7 = 71 % → yellow (the weekend did not count); 20:00: 5.46/7 = 78 % → orange;
    // Tuesday 10 March 18:00: 6.375/7 = 91 % → red; Wednesday 11 March 10:00 → overdue.
    expect(levels).toEqual(['none', 'yellow', 'yellow', 'orange', 'red', 'overdue']);
    expect(steps).toEqual(['', '', '', 'urge', 'urge+supervise', 'urge+supervise+district']);
    const final = (await service.get(order.id, as.dispatcher())).order;
    expect(final.escalations.every((e) => e.auto && e.by.role === 'system')).toBe(true);
    expect(
      final.timeline.filter((e) => e.action === 'urge' || e.action === 'supervise').map((e) => e.actor.userId),
    ).toEqual(['deadline-scheduler', 'deadline-scheduler', 'deadline-scheduler']);
    const deadlineAlerts = node.alerts.filter((a) => a.orderId === order.id);
    expect(deadlineAlerts.map((a) => `${a.kind}:${a.level}`)).toEqual(
      expect.arrayContaining(['deadline:warning', 'deadline:critical']),
    );
    expect(node.published.some((u) => u.order.id === order.id && u.order.warning === 'overdue')).toBe(true);
    await node.close();
  });

  it('moves the deadline past the 2026 National Day holiday and its make-up working days', async () => {
    const clock = new Clock(new Date('2026-09-30T01:00:00Z')); // Wednesday 30 September 09:00
    const node = openNode(warehouse, clock);
    const { order } = await node.wo.service.create(createBody(), as.dispatcher());
    const accepted = await node.wo.service.act(order.id, 'accept', { version: 1 }, as.dispatcher());
    // Working days: 30 Sep (rest of it), then 1–7 Oct off, 8 Oct, 9 Oct, 10 Oct (Saturday, worked), 12, 13, 14 Oct…
    // 7 working days from 30 Sep 09:00 end on 15 Oct 09:00.
    expect(accepted.order.deadlines.dueBy).toBe(new Date('2026-10-15T01:00:00Z').toISOString());
    await node.close();
  });
});

describe('a joint order (联办) through every step to a rating', () => {
  it('dispatches to three units, survives a refusal ruled on by a leader, closes itself and is rated', async () => {
    const clock = new Clock();
    const node = openNode(warehouse, clock);
    const { service } = node.wo;
    const tick = () => clock.advance(MINUTE);
    const { order } = await service.create(
      createBody({ kind: 'joint', title: '海秀西路积水联合处置' }),
      as.dispatcher(),
    );
    const v = async () => (await service.get(order.id, as.dispatcher())).order.version;
    const act = async (action: Parameters<typeof service.act>[1], body: object, who = as.dispatcher()) => {
      tick();
      return service.act(order.id, action, { ...body, version: await v() }, who);
    };
    await act('accept', {});
    const dispatched = await act('dispatch', {
      units: [{ department: 'ZJJ', role: 'lead' }, { department: 'SWJ' }, { department: 'HWJ' }],
    });
    const child = (unit: string) => dispatched.order.children.find((c) => c.unit === unit)!.id;
    await act('sign', {}, as.liaison('ZJJ'));
    await act('sign', {}, as.liaison('SWJ'));
    await act('refuse', { reason: '不属于本单位职责', basis: '三定方案' }, as.liaison('HWJ'));
    await act('return', { subject: 'refusal', childId: child('HWJ'), reason: '属于该单位职责' });
    await act('rule', { childId: child('HWJ'), decision: 'assign', note: '由环卫局清理淤泥' }, as.districtLeader());
    await act('sign', {}, as.liaison('HWJ'));
    for (const unit of ['ZJJ', 'SWJ', 'HWJ']) {
      await act('checkin', { lng: 110.27, lat: 20.03 }, as.liaison(unit));
      await act('feedback', { measures: '抽排积水', result: '积水已排除' }, as.liaison(unit));
    }
    await act(
      'return',
      { subject: 'child_feedback', childId: child('SWJ'), reason: '请补充现场照片' },
      as.unitLeader('SWJ'),
    );
    await act(
      'feedback',
      { measures: '抽排积水', result: '已补充照片', attachments: ['photo-1.jpg'] },
      as.liaison('SWJ'),
    );
    await act('approve', { subject: 'child_feedback', childId: child('ZJJ') }, as.unitLeader('ZJJ'));
    await act('approve', { subject: 'child_feedback', childId: child('HWJ') }, as.unitLeader('HWJ'));
    const closed = await act('approve', { subject: 'child_feedback', childId: child('SWJ') }, as.unitLeader('SWJ'));
    expect(closed.order.status).toBe('closed');
    expect(closed.events.map((e) => e.action)).toEqual(['approve', 'auto_close']);
    for (const unit of ['ZJJ', 'SWJ', 'HWJ']) {
      await act('evaluate', {
        rater: 'centre',
        childId: child(unit),
        rating: { satisfaction: 'satisfied', resolved: true },
      });
    }
    await act(
      'evaluate',
      { rater: 'unit', childId: child('ZJJ'), rating: { satisfaction: 'satisfied' } },
      as.liaison('ZJJ'),
    );
    const rated = await service.get(order.id, as.dispatcher());
    expect(rated.order.status).toBe('evaluated');
    expect(rated.order.children.map((c) => `${c.unit}:${c.status}:${c.rating?.satisfaction}`)).toEqual([
      'ZJJ:done:satisfied',
      'SWJ:done:satisfied',
      'HWJ:done:satisfied',
    ]);
    const rows = await warehouse.sql.query<{ n: string }>(
      'SELECT count() AS n FROM work_order_log WHERE order_id = {id:String}',
      { id: order.id },
    );
    expect(Number(rows[0].n)).toBe(rated.order.version);

    // 考核 over the day: three units dispatched, all signed on time except none returned.
    const report = await node.wo.assessment.report({
      from: T0.toISOString(),
      to: new Date(T0.getTime() + DAY).toISOString(),
      by: 'department',
    });
    const zjj = report.rows.find((row) => row.key === 'ZJJ');
    expect(zjj).toMatchObject({ name: '区住房和城乡建设局' });
    expect(zjj!.counts.closed).toBeGreaterThanOrEqual(1);
    const hwj = report.rows.find((row) => row.key === 'HWJ')!;
    expect(hwj.counts.returned).toBeGreaterThanOrEqual(1);
    expect(
      report.rows.every((row, i) => i === 0 || (row.rank ?? Infinity) >= (report.rows[i - 1].rank ?? Infinity)),
    ).toBe(true);
    const streets = await node.wo.assessment.report({
      from: T0.toISOString(),
      to: new Date(T0.getTime() + DAY).toISOString(),
      by: 'region',
    });
    expect(streets.rows.find((row) => row.key === TOWN_A)).toMatchObject({ name: '秀英街道' });
    await node.close();
  });

  it('gives a unit 403 for a task that is not its own on an order it can see', async () => {
    const node = openNode(warehouse, new Clock());
    const { service } = node.wo;
    const { order } = await service.create(createBody({ kind: 'joint' }), as.dispatcher());
    await service.act(order.id, 'accept', { version: 1 }, as.dispatcher());
    const { order: dispatched } = await service.act(
      order.id,
      'dispatch',
      { version: 2, units: [{ department: 'ZJJ' }, { department: 'SWJ' }] },
      as.dispatcher(),
    );
    const swjTask = dispatched.children.find((c) => c.unit === 'SWJ')!.id;
    const refused = await service
      .act(order.id, 'sign', { version: 3, childId: swjTask }, as.liaison('ZJJ'))
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 403, code: 'OUT_OF_SCOPE' });
    await node.close();
  });
});
