import type { CityEvent } from '@zhongshu/stream/contracts';
import { describe, expect, it } from 'vitest';
import { workOrderInputFromEvent } from './from-city-event';
import { createWorkOrder } from './work-order.machine';
import { policy, T0 } from './work-order.fixture';

const envelope = {
  specversion: '1.0' as const,
  source: '/test',
  time: '2026-03-02T01:00:00Z',
  region: { code: '460105', town: { code: '460105001', name: '秀英街道' }, grid: '460105001001' },
  location: { lng: 110.2851, lat: 20.0247, crs: 'WGS84' as const },
  severity: 'info' as const,
};
const system = { userId: 'scheduler', role: 'system' as const };

const hotline = (needsHandling: boolean): CityEvent => ({
  ...envelope,
  id: 'evt-hotline-1',
  type: 'cn.zhongshu.hotline.ticket.v1',
  category: '010101',
  data: {
    ticketNo: 'RX202603020001',
    channel: 'phone',
    kind: 'complaint',
    categoryCode: '010101',
    categoryName: '路灯不亮',
    title: '长滨路路灯不亮',
    content: '长滨路与永庄路交叉口路灯不亮已三天',
    address: '海口市秀英区长滨路',
    caller: { name: '王先生', phone: '13800000000' },
    needsHandling,
    status: 'accepted',
  },
});

describe('work orders from stream events', () => {
  it('a 12345 ticket needing handling becomes a received order with its caller and place', () => {
    const mapped = workOrderInputFromEvent(hotline(true), { id: 'WO-1', createdBy: system });
    if (!mapped.ok) throw new Error(mapped.reason);
    expect(mapped.input).toMatchObject({
      categoryCode: '010101',
      urgency: 'general',
      townCode: '460105001',
      gridCode: '460105001001',
      sourceEventIds: ['evt-hotline-1'],
      callers: [{ name: '王先生', channel: 'phone', sourceEventId: 'evt-hotline-1' }],
      location: { address: '海口市秀英区长滨路' },
    });
    const created = createWorkOrder(mapped.input, T0, policy);
    expect(created.ok && created.order.status).toBe('received');
  });

  it('a ticket answered on the call, a cleared alarm and telemetry make no order', () => {
    expect(workOrderInputFromEvent(hotline(false), { id: 'x', createdBy: system }).ok).toBe(false);
    const telemetry: CityEvent = {
      ...envelope,
      id: 'evt-t',
      type: 'cn.zhongshu.device.telemetry.v1',
      category: 'water_level',
      data: { deviceId: 'd1', deviceType: 'sensor', metrics: { level: 1 }, quality: 'good' },
    };
    expect(workOrderInputFromEvent(telemetry, { id: 'x', createdBy: system }).ok).toBe(false);
  });

  it('a level-4 gas alarm is an emergency, namespaced by source', () => {
    const alarm: CityEvent = {
      ...envelope,
      id: 'evt-gas',
      type: 'cn.zhongshu.safety.alarm.v1',
      category: 'gas',
      data: {
        alarmId: 'GJ1',
        alarmType: 'gas',
        level: 4,
        description: '燃气泄漏',
        address: '永庄路',
        status: 'raised',
      },
    };
    const mapped = workOrderInputFromEvent(alarm, { id: 'WO-2', createdBy: system });
    expect(mapped.ok && mapped.input).toMatchObject({
      urgency: 'emergency',
      categoryCode: 'safety.gas',
      title: '燃气告警（永庄路）',
    });
  });

  it('needs a region from the event or the caller', () => {
    const noRegion = { ...hotline(true), region: undefined };
    expect(workOrderInputFromEvent(noRegion, { id: 'x', createdBy: system }).ok).toBe(false);
    expect(workOrderInputFromEvent(noRegion, { id: 'x', createdBy: system, regionCode: '460105' }).ok).toBe(true);
  });
});
