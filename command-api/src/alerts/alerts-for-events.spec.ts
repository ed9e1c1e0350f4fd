import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, EXAMPLE_PAYLOADS, cityEvent, exampleEvent, kindOf, type LivePublisher } from '@zhongshu/stream';
import { AlertBoard } from '../live/alert-board';
import { alertsForEvents } from './alerts-for-events';
import { AlertsProjector } from './alerts.projector';

const stored = (type: Parameters<typeof exampleEvent>[0], overrides: Record<string, unknown>) => {
  const event = cityEvent.parse(
    exampleEvent(type, {
      ...overrides,
      region: { code: '460105', town: { code: '460105002', name: '海秀街道' } },
    }),
  );
  return { event, kind: kindOf(event.type), wgs84: { lng: 110.29, lat: 20.02 }, ingestedAt: new Date() };
};

describe('alertsForEvents', () => {
  it('raises a critical event once per alarm, and not for its acknowledgement', () => {
    const raised = stored(EVENT_TYPES.safetyAlarm, { id: 'a-1', subject: 'GJ1', severity: 'critical' });
    const cleared = stored(EVENT_TYPES.safetyAlarm, {
      id: 'a-2',
      subject: 'GJ1',
      severity: 'critical',
      data: { ...EXAMPLE_PAYLOADS[EVENT_TYPES.safetyAlarm], status: 'cleared' },
    });
    const minor = stored(EVENT_TYPES.hotlineTicket, { id: 'h-1', severity: 'minor' });
    const alerts = alertsForEvents([raised, cleared, minor]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      level: 'critical',
      kind: 'event',
      eventId: 'a-1',
      townName: '海秀街道',
      lng: 110.29,
      titleZh: expect.stringContaining('燃气泄漏') as string,
    });
  });

  it('raises device faults and offline as device warnings, and nothing when a device comes back', () => {
    const offline = stored(EVENT_TYPES.deviceStatus, { id: 'd-1', severity: 'minor' });
    const online = stored(EVENT_TYPES.deviceStatus, {
      id: 'd-2',
      data: { ...EXAMPLE_PAYLOADS[EVENT_TYPES.deviceStatus], status: 'online' },
    });
    const alerts = alertsForEvents([offline, online]);
    expect(alerts).toEqual([
      expect.objectContaining({ kind: 'device', level: 'warning', titleZh: '设备离线：heartbeat lost' }),
    ]);
  });

  it('publishes through the board, which ignores an alert it has already raised', async () => {
    const published: unknown[] = [];
    const publisher: LivePublisher = { publish: (_channel, data) => published.push(data) };
    const board = new AlertBoard(publisher);
    const projector = new AlertsProjector(board);
    const critical = stored(EVENT_TYPES.urbanCase, { id: 'u-1', subject: 'CG9', severity: 'critical' });
    const update = stored(EVENT_TYPES.urbanCase, { id: 'u-2', subject: 'CG9', severity: 'critical' });
    await projector.project([critical], undefined as never);
    await projector.project([update], undefined as never);
    expect(published).toHaveLength(1);
    expect(board.snapshot().alerts.map((alert) => alert.eventId)).toEqual(['u-1']);
  });
});
