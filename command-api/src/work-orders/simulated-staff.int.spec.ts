import { cityEvent, EVENT_TYPES, exampleEvent, type CityEvent } from '@zhongshu/stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delayMs, isNeglected, STAFF_PREFIX } from './simulated-staff';
import { as, Clock, createBody, openNode, openWarehouse, T0, TOWN_A, type Warehouse } from './work-orders.test-kit';

const MINUTE = 60_000;

let warehouse: Warehouse;
beforeAll(async () => {
  warehouse = await openWarehouse();
});
afterAll(async () => {
  await warehouse.close();
});

const region = { code: '460105', town: { code: TOWN_A, name: '秀英街道' }, grid: '460105001001' };
const event = (type: CityEvent['type'], overrides: Record<string, unknown>): CityEvent =>
  cityEvent.parse(exampleEvent(type, { time: T0.toISOString(), region, ...overrides }));

describe('the simulated staff of the demo city', () => {
  it('works automatic single orders through their whole life, at its own pace, and leaves people’s orders alone', async () => {
    const clock = new Clock();
    const node = openNode(warehouse, clock, undefined, undefined, { simulatedStaff: true });
    const staff = node.wo.staff!;
    const mark = Date.now().toString(36);
    const ticket = event(EVENT_TYPES.hotlineTicket, {
      id: `staff-t-${mark}`,
      subject: `SX-${mark}`,
      data: { ...exampleEvent(EVENT_TYPES.hotlineTicket).data, ticketNo: `SX-${mark}` },
    });
    const gas = event(EVENT_TYPES.safetyAlarm, {
      id: `staff-gas-${mark}`,
      subject: `SG-${mark}`,
      severity: 'critical',
    });
    expect(await node.wo.intake.createFor([ticket, gas])).toBe(2);
    const personal = await node.wo.service.create(createBody({ title: `人工工单 ${mark}` }), as.dispatcher());
    const automatic = (await node.wo.service.list({ limit: 200, offset: 0 }, as.dispatcher())).items
      .map((item) => item.id)
      .filter((id) => id !== personal.order.id);
    expect(automatic).toHaveLength(2);

    // Nobody acts within the first half minute of an order's life.
    expect(await staff.round()).toBe(0);

    const statuses = async () =>
      Promise.all(automatic.map(async (id) => (await node.wo.service.get(id, as.dispatcher())).order.status));
    const seen = new Set<string>();
    for (let round = 0; round < 400 && (await statuses()).some((status) => status !== 'evaluated'); round++) {
      clock.advance(5 * MINUTE);
      await staff.round();
      for (const status of await statuses()) seen.add(status);
    }
    expect(await statuses()).toEqual(['evaluated', 'evaluated']);
    // Every stage was visible on the way (the wall shows each of them for a while).
    expect([...seen]).toEqual(
      expect.arrayContaining(['accepted', 'dispatched', 'handling', 'verifying', 'verified', 'closed', 'evaluated']),
    );

    for (const id of automatic) {
      const { order } = await node.wo.service.get(id, as.dispatcher());
      const steps = order.timeline.filter((entry) => entry.actor.userId.startsWith(STAFF_PREFIX));
      expect(steps.map((entry) => entry.action)).toEqual([
        'accept',
        'dispatch',
        'sign',
        'feedback',
        'verify',
        'close',
        'evaluate',
      ]);
      // The unit that signed and fed back is the one the order was dispatched to.
      const unit = order.ownerDepartment;
      expect(unit).toBeTruthy();
      expect(
        steps.filter((entry) => entry.action === 'sign' || entry.action === 'feedback').map((e) => e.actor.department),
      ).toEqual([unit, unit]);
      // Stored like anyone's action: the order log has every version.
      expect((await warehouseVersions(id)).at(-1)).toBe(order.version);
    }
    // A dispatcher's own order is theirs to handle.
    expect((await node.wo.service.get(personal.order.id, as.dispatcher())).order.status).toBe('received');
    expect(node.logged).toEqual([]);
    await node.close();
  });

  it('neglects about one order in ten at the handling stage, long enough for an emergency to go overdue', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `WO-SIM-${i}`);
    const neglected = ids.filter(isNeglected);
    expect(neglected.length / ids.length).toBeGreaterThan(0.07);
    expect(neglected.length / ids.length).toBeLessThan(0.13);
    const handlingMinutes = (id: string) => delayMs({ id, version: 4, status: 'handling' }) / MINUTE;
    // Everyone else feeds back within 100 minutes; the neglected take one to seven hours, so an emergency
    // order (a 2 h limit) turns yellow, orange, red and often overdue first.
    expect(Math.max(...ids.filter((id) => !isNeglected(id)).map(handlingMinutes))).toBeLessThan(100);
    expect(Math.min(...neglected.map(handlingMinutes))).toBeGreaterThanOrEqual(60);
    expect(neglected.filter((id) => handlingMinutes(id) > 120).length / neglected.length).toBeGreaterThan(0.5);
    // Statuses that wait on people (suspended, a joint order's units) have no pace.
    expect(delayMs({ id: 'x', version: 1, status: 'suspended' })).toBe(Infinity);
  });
});

async function warehouseVersions(id: string): Promise<number[]> {
  const rows = await warehouse.sql.query<{ version: number }>(
    'SELECT version FROM work_order_log WHERE order_id = {id:String} ORDER BY version',
    { id },
  );
  return rows.map((row) => Number(row.version));
}
