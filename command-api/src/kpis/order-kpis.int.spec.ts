import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdapterCounters } from '@zhongshu/adapters';
import { EVENT_TYPES, cityEvent, exampleEvent, kindOf } from '@zhongshu/stream';
import type { Runtime } from '../runtime';
import {
  Clock,
  T0,
  as,
  cityGis,
  createBody,
  openNode,
  openWarehouse,
  type Node,
  type Warehouse,
} from '../work-orders/work-orders.test-kit';
import type { Kpi, ThemeKpis } from './kpi.contract';
import { ThemeKpisService } from './theme-kpis.service';

const find = (result: ThemeKpis, id: string): Kpi => {
  const kpi = result.kpis.find((k) => k.id === id);
  if (!kpi) throw new Error(`no KPI ${id}`);
  return kpi;
};

/** The wall's work-order KPIs, read from the real order log the work-order side writes. */
describe('wall KPIs from the work-order log', () => {
  const clock = new Clock(new Date(T0));
  let warehouse: Warehouse;
  let node: Node;
  let service: ThemeKpisService;
  let orderId: string;

  beforeAll(async () => {
    warehouse = await openWarehouse();
    node = openNode(warehouse, clock);
    await node.wo.start();
    // A 12345 ticket in the warehouse, and the work order made from it, dispatched to 住建局 (ZJJ).
    const ticket = cityEvent.parse(
      exampleEvent(EVENT_TYPES.hotlineTicket, { id: 'kpi-order-ticket', time: T0.toISOString() }),
    );
    await warehouse.store.append([{ event: ticket, kind: kindOf(ticket.type), ingestedAt: T0 }], 'kpi-orders-1');
    const { order } = await node.wo.service.create(createBody({ sourceEventIds: [ticket.id] }), as.dispatcher());
    orderId = order.id;
    await node.wo.service.act(order.id, 'accept', { version: 1 }, as.dispatcher());
    await node.wo.service.act(order.id, 'dispatch', { version: 2, units: [{ department: 'ZJJ' }] }, as.dispatcher());
    clock.advance(3_600_000);
    const runtime = {
      sql: warehouse.sql,
      gis: cityGis(),
      config: { timeZone: 'Asia/Shanghai' },
      workOrders: node.wo,
      eventsCounters: new AdapterCounters('http'),
      adapters: [],
      pipeline: {
        stats: () => ({ queued: 0, lagMs: 0, stored: 0, duplicates: 0, rejected: 0, failedBatches: 0, running: true }),
      },
    } as unknown as Runtime;
    service = new ThemeKpisService(runtime);
  });

  afterAll(async () => {
    await node?.close();
    await warehouse?.close();
  });

  it('12345 handling by department: received today, open, and overdue once the deadline has passed', async () => {
    const today = await service.themeKpis('hotline', clock.now());
    const departments = find(today, 'departments');
    if (departments.status !== 'ok' || departments.kind !== 'table') throw new Error('departments is not a table');
    expect(departments.columns).toEqual(['received', 'inProgress', 'closed', 'overdue']);
    expect(departments.rows).toEqual([{ key: 'ZJJ', label: expect.any(String) as string, values: [1, 1, 0, 0] }]);
    expect(departments.rows[0]?.label).not.toBe('ZJJ');

    const page = await service.drill('hotline', 'departments', { key: 'ZJJ', limit: 10, offset: 0 }, clock.now());
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ id: orderId, title: '长滨路路灯不亮' });

    // A month later the order is still open: far past any deadline.
    const later = await service.themeKpis('hotline', new Date(T0.getTime() + 30 * 86_400_000));
    const overdue = find(later, 'departments');
    if (overdue.status !== 'ok' || overdue.kind !== 'table') throw new Error('departments is not a table');
    expect(overdue.rows[0]?.values).toEqual([0, 1, 0, 1]);
  });

  it('三率 and 按时办结率 count this month’s orders as the assessment does, and say "no sample" before any', async () => {
    const result = await service.themeKpis('hotline', clock.now());
    // One order dispatched this month, not yet signed for: the response rate has one in its denominator.
    const response = find(result, 'responseRate');
    expect(response).toMatchObject({ status: 'ok', kind: 'rate', denominator: 1 });
    expect(response.status === 'ok' && response.kind === 'rate' && response.numerator).toBeLessThanOrEqual(1);
    // Nothing closed yet: on-time and satisfaction have no denominator, so no number (never 0 % or 100 %).
    expect(find(result, 'onTimeRate')).toMatchObject({ status: 'ok', value: null, denominator: 0 });
    expect(find(result, 'satisfactionRate')).toMatchObject({ status: 'ok', value: null });
  });

  it('counts an order for the centre its source event came from, not for every centre', async () => {
    const urban = await service.themeKpis('urban', clock.now());
    const orders = find(urban, 'orderDepartments');
    if (orders.status !== 'ok' || orders.kind !== 'table') throw new Error('orderDepartments is not a table');
    expect(orders.rows).toEqual([]);
  });
});
