import { parseCityEvent } from '@zhongshu/stream';
import { describe, expect, it } from 'vitest';
import { parseOpcUaConfig } from './opcua-config.schema';
import { readingTime, statusEvent, telemetryEvent, telemetryEventId } from './opcua-event.mapper';

const config = parseOpcUaConfig({
  endpoints: [
    {
      name: 'haixiu-ps',
      url: 'opc.tcp://localhost:4840',
      deviceId: '460105-PS-HX01',
      deviceType: 'plc',
      category: 'pumping_station',
      location: { lng: 110.28, lat: 20.0 },
      regionCode: '460105',
      items: [
        { nodeId: 'ns=1;s=PumpingStation.Pressure', metric: 'Pressure', samplingIntervalMs: 100 },
        { browsePath: '/Objects/PumpingStation/Flow', metric: 'Flow', samplingIntervalMs: 100 },
      ],
    },
  ],
});
const endpoint = config.endpoints[0];
const [pressure, flow] = endpoint.items;
const at = new Date('2026-11-21T08:00:00.123Z');

describe('telemetryEvent', () => {
  it('builds a valid device.telemetry event in city time', () => {
    const event = telemetryEvent({ endpoint, item: pressure, value: 3.2, quality: 'good', at });
    const parsed = parseCityEvent(event);
    expect(parsed.ok).toBe(true);
    expect(event).toMatchObject({
      type: 'cn.zhongshu.device.telemetry.v1',
      source: '/opcua/haixiu-ps',
      subject: '460105-PS-HX01',
      time: '2026-11-21T16:00:00.123+08:00',
      category: 'pumping_station',
      severity: 'info',
      location: { lng: 110.28, lat: 20.0 },
      region: { code: '460105' },
      data: { deviceId: '460105-PS-HX01', deviceType: 'plc', metrics: { Pressure: 3.2 }, quality: 'good' },
    });
  });

  it('marks readings of doubtful quality minor', () => {
    expect(telemetryEvent({ endpoint, item: flow, value: 0, quality: 'bad', at }).severity).toBe('minor');
  });
});

describe('telemetryEventId', () => {
  it('is the same for the same endpoint, node and source timestamp, whatever the value', () => {
    const id = telemetryEventId(endpoint, pressure, at);
    expect(id).toBe(telemetryEventId(endpoint, pressure, new Date(at.getTime())));
    expect(telemetryEvent({ endpoint, item: pressure, value: 1, quality: 'good', at }).id).toBe(id);
    expect(id).toMatch(/^opcua-[0-9a-f]{40}$/);
  });

  it('differs by node, by endpoint, by millisecond and by picosecond', () => {
    const id = telemetryEventId(endpoint, pressure, at);
    expect(telemetryEventId(endpoint, flow, at)).not.toBe(id);
    expect(telemetryEventId({ name: 'other' }, pressure, at)).not.toBe(id);
    expect(telemetryEventId(endpoint, pressure, new Date(at.getTime() + 1))).not.toBe(id);
    expect(telemetryEventId(endpoint, pressure, at, 500)).not.toBe(id);
  });
});

describe('readingTime', () => {
  const now = new Date('2026-11-21T09:00:00Z');
  it('prefers the source timestamp, then the server timestamp, then now', () => {
    expect(readingTime({ sourceTimestamp: at, serverTimestamp: now }, now)).toBe(at);
    expect(readingTime({ sourceTimestamp: null, serverTimestamp: at }, now)).toBe(at);
    expect(readingTime({ sourceTimestamp: null, serverTimestamp: null }, now)).toBe(now);
    expect(readingTime({ sourceTimestamp: new Date('1601-01-01T00:00:00Z'), serverTimestamp: null }, now)).toBe(now);
  });
});

describe('statusEvent', () => {
  it('builds valid online and offline device.status events', () => {
    const offline = statusEvent(endpoint, 'offline', 'connection lost', at);
    expect(parseCityEvent(offline).ok).toBe(true);
    expect(offline).toMatchObject({
      type: 'cn.zhongshu.device.status.v1',
      severity: 'minor',
      data: { deviceId: '460105-PS-HX01', deviceType: 'plc', status: 'offline', reason: 'connection lost' },
    });
    const online = statusEvent(endpoint, 'online', 'connected', at);
    expect(online.severity).toBe('info');
    expect(online.id).not.toBe(offline.id);
  });
});
