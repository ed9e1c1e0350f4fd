import { cityEvent, EVENT_TYPES, exampleEvent } from '@zhongshu/stream';
import { describe, expect, it } from 'vitest';
import { JsonTopicDecoder, jsonTopic } from './json-topic.decoder';

const json = (body: unknown) => Buffer.from(JSON.stringify(body));

describe('jsonTopic', () => {
  it('reads tenant, device id and kind', () => {
    expect(jsonTopic.parse('zhongshu/xiuying/devices/wl-0042/telemetry')).toEqual({
      tenant: 'xiuying',
      deviceId: 'wl-0042',
      kind: 'telemetry',
    });
  });

  it.each([
    'zhongshu/xiuying/devices/wl-0042',
    'zhongshu/xiuying/devices/wl-0042/alarm',
    'zhongshu/xiuying/sensors/wl-0042/status',
    'zhongshu//devices/wl-0042/status',
    'zhongshu/xiuying/devices/wl-0042/status/extra',
  ])('rejects %s', (topic) => {
    expect(jsonTopic.safeParse(topic).success).toBe(false);
  });
});

describe('JsonTopicDecoder', () => {
  const decoder = new JsonTopicDecoder({ now: () => new Date('2025-07-01T02:00:00Z') });

  it('maps telemetry to a device.telemetry event with a content-derived id', () => {
    const body = { ts: 1751335200000, metrics: { waterLevel_m: 0.42, pumpOn: true, mode: 'auto' } };
    const result = decoder.decode('zhongshu/xiuying/devices/wl-0042/telemetry', json(body));
    expect(result.kind).toBe('events');
    if (result.kind !== 'events') return;
    const event = cityEvent.parse(result.events[0]);
    expect(event).toMatchObject({
      type: 'cn.zhongshu.device.telemetry.v1',
      source: '/mqtt/xiuying',
      subject: 'wl-0042',
      time: '2025-07-01T02:00:00.000Z',
      category: 'sensor',
      data: { deviceId: 'wl-0042', deviceType: 'sensor', metrics: body.metrics, quality: 'good' },
    });
    expect(event.id).toMatch(/^mqtt:[0-9a-f]{40}$/);
    // The same bytes on the same topic (a redelivery) give the same id; another topic does not.
    const again = decoder.decode('zhongshu/xiuying/devices/wl-0042/telemetry', json(body));
    const elsewhere = decoder.decode('zhongshu/xiuying/devices/wl-0043/telemetry', json(body));
    expect(again.kind === 'events' && again.events[0].id).toBe(event.id);
    expect(elsewhere.kind === 'events' && elsewhere.events[0].id).not.toBe(event.id);
  });

  it('prefers the body id, the body device type and then the registry', () => {
    const registry = new JsonTopicDecoder({ deviceTypeOf: (id) => (id === 'cam-1' ? 'camera' : undefined) });
    const status = registry.decode(
      'zhongshu/xiuying/devices/cam-1/status',
      json({ id: 'cam-1-down-1', status: 'fault', reason: 'no video signal' }),
    );
    expect(status.kind === 'events' && cityEvent.parse(status.events[0])).toMatchObject({
      id: 'cam-1-down-1',
      type: 'cn.zhongshu.device.status.v1',
      severity: 'major',
      data: { deviceId: 'cam-1', deviceType: 'camera', status: 'fault', reason: 'no video signal' },
    });
    const typed = registry.decode(
      'zhongshu/xiuying/devices/cam-1/telemetry',
      json({ metrics: { fps: 25 }, deviceType: 'nvr' }),
    );
    expect(typed.kind === 'events' && cityEvent.parse(typed.events[0]).data).toMatchObject({ deviceType: 'nvr' });
  });

  it('passes a full CityEvent on the event topic through', () => {
    const example = exampleEvent(EVENT_TYPES.safetyAlarm);
    const result = decoder.decode('zhongshu/xiuying/devices/smoke-7/event', json(example));
    expect(result).toEqual({ kind: 'events', events: [example], notes: [], passThrough: true });
  });

  it('places the event where the body says the device is', () => {
    const where = { lng: 110.2953, lat: 20.0195, crs: 'GCJ02' };
    const result = decoder.decode(
      'zhongshu/xiuying/devices/cam-1/status',
      json({ status: 'fault', reason: '视频信号丢失', deviceType: 'camera', category: 'ptz_camera', location: where }),
    );
    expect(result.kind === 'events' && cityEvent.parse(result.events[0])).toMatchObject({
      location: where,
      category: 'ptz_camera',
      data: { status: 'fault', reason: '视频信号丢失' },
    });
    expect(
      decoder.decode(
        'zhongshu/xiuying/devices/cam-1/telemetry',
        json({ metrics: { x: 1 }, location: { lng: 500, lat: 1 } }),
      ),
    ).toEqual({ kind: 'dead-letter', reason: expect.stringContaining('location.lng') as string });
  });

  it('dead-letters bad JSON, bad bodies and malformed topics with a reason', () => {
    expect(decoder.decode('zhongshu/xiuying/devices/d1/telemetry', Buffer.from('{"metrics":'))).toEqual({
      kind: 'dead-letter',
      reason: expect.stringMatching(/^invalid JSON on zhongshu\/xiuying\/devices\/d1\/telemetry: /) as string,
    });
    expect(decoder.decode('zhongshu/xiuying/devices/d1/status', json({ status: 'sleeping' }))).toEqual({
      kind: 'dead-letter',
      reason: expect.stringContaining('invalid status body on zhongshu/xiuying/devices/d1/status: status:') as string,
    });
    expect(decoder.decode('zhongshu/xiuying/devices/d1/telemetry', json({ ts: 1751335200, metrics: {} }))).toEqual({
      kind: 'dead-letter',
      reason: expect.stringContaining('ts: epoch milliseconds') as string,
    });
    expect(decoder.decode('zhongshu/xiuying/devices/d1', json({}))).toEqual({
      kind: 'dead-letter',
      reason: expect.stringContaining('malformed topic zhongshu/xiuying/devices/d1') as string,
    });
  });
});
