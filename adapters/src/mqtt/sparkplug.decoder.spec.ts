import { cityEvent, type CityEvent } from '@zhongshu/stream';
import { get as sparkplugNamespace } from 'sparkplug-payload';
import type { UPayload } from 'sparkplug-payload/lib/sparkplugbpayload';
import { describe, expect, it } from 'vitest';
import type { DecodeResult } from './mqtt-decode.result';
import { SparkplugDecoder } from './sparkplug.decoder';
import { parseSparkplugTopic } from './sparkplug-topic.parser';

const codec = sparkplugNamespace('spBv1.0')!;
const encode = (payload: UPayload) => Buffer.from(codec.encodePayload(payload));
const T0 = Date.parse('2025-07-01T02:00:00.000Z');

const nbirth = encode({
  timestamp: T0,
  seq: 0,
  metrics: [
    { name: 'bdSeq', type: 'UInt64', value: 7 },
    { name: 'Node Control/Rebirth', alias: 1, type: 'Boolean', value: false },
    { name: 'pump/flow_m3h', alias: 2, type: 'Double', value: 120.5 },
    { name: 'pump/running', alias: 3, type: 'Boolean', value: true },
  ],
});
const dbirth = encode({
  timestamp: T0 + 10,
  seq: 1,
  metrics: [
    { name: 'waterLevel_m', alias: 10, type: 'Float', value: 0.25 },
    { name: 'deviceType', type: 'String', value: 'sensor' },
  ],
});

function events(result: DecodeResult): CityEvent[] {
  if (result.kind !== 'events') throw new Error(`expected events, got ${result.kind}: ${result.reason}`);
  // Every event the decoder emits must pass the shared contract.
  return result.events.map((event) => cityEvent.parse(event));
}

describe('parseSparkplugTopic', () => {
  it('reads group, type, edge node and device', () => {
    expect(parseSparkplugTopic('spBv1.0/Pumps/DDATA/Station7/Gauge1')).toEqual({
      ok: true,
      topic: { group: 'Pumps', type: 'DDATA', edge: 'Station7', device: 'Gauge1' },
    });
    expect(parseSparkplugTopic('spBv1.0/Pumps/NDATA/Station7')).toEqual({
      ok: true,
      topic: { group: 'Pumps', type: 'NDATA', edge: 'Station7', device: undefined },
    });
  });

  it('names the problem with unknown types and malformed topics', () => {
    expect(parseSparkplugTopic('spBv1.0/Pumps/NFOO/Station7')).toEqual({
      ok: false,
      reason: expect.stringContaining('unknown Sparkplug message type NFOO') as string,
    });
    for (const topic of [
      'spBv1.0/Pumps/NDATA',
      'spBv1.0/Pumps/NDATA/Station7/extra',
      'spBv1.0/Pumps/DDATA/Station7',
      'spBv1.0//NDATA/Station7',
      'spAv1.0/Pumps/NDATA/Station7',
    ]) {
      const parsed = parseSparkplugTopic(topic);
      expect(parsed.ok, topic).toBe(false);
      if (!parsed.ok) expect(parsed.reason).toContain('malformed Sparkplug topic');
    }
  });
});

describe('SparkplugDecoder', () => {
  it('turns NBIRTH into online status + birth telemetry and learns the alias table', () => {
    const decoder = new SparkplugDecoder();
    const [status, telemetry] = events(decoder.decode('spBv1.0/Pumps/NBIRTH/Station7', nbirth));

    expect(status).toMatchObject({
      id: `spb:Pumps/Station7:NBIRTH:${T0}:0:status`,
      type: 'cn.zhongshu.device.status.v1',
      time: '2025-07-01T02:00:00.000Z',
      source: '/mqtt/spBv1.0/Pumps/Station7',
      data: { deviceId: 'Pumps:Station7', deviceType: 'plc', status: 'online' },
    });
    expect(telemetry).toMatchObject({
      type: 'cn.zhongshu.device.telemetry.v1',
      data: {
        deviceId: 'Pumps:Station7',
        metrics: { bdSeq: 7, 'Node Control/Rebirth': false, 'pump/flow_m3h': 120.5, 'pump/running': true },
        quality: 'good',
      },
    });
    expect(Object.fromEntries(decoder.aliasTable('Pumps', 'Station7')!)).toEqual({
      '1': 'Node Control/Rebirth',
      '2': 'pump/flow_m3h',
      '3': 'pump/running',
    });
  });

  it('resolves aliases in NDATA and DDATA to the names from the birth certificates', () => {
    const decoder = new SparkplugDecoder();
    decoder.decode('spBv1.0/Pumps/NBIRTH/Station7', nbirth);
    decoder.decode('spBv1.0/Pumps/DBIRTH/Station7/Gauge1', dbirth);

    const ndata = encode({ timestamp: T0 + 1000, seq: 2, metrics: [{ alias: 2, type: 'Double', value: 98.25 }] });
    const [nodeReading] = events(decoder.decode('spBv1.0/Pumps/NDATA/Station7', ndata));
    expect(nodeReading).toMatchObject({
      id: `spb:Pumps/Station7:NDATA:${T0 + 1000}:2:data`,
      data: { deviceId: 'Pumps:Station7', metrics: { 'pump/flow_m3h': 98.25 }, quality: 'good' },
    });

    const ddata = encode({
      timestamp: T0 + 2000,
      seq: 3,
      metrics: [
        { alias: 10, type: 'Float', value: 0.5 },
        { alias: 3, type: 'Boolean', value: false }, // a node alias used by the device is still resolved
        { name: 'counter', type: 'Int64', value: 42 },
      ],
    });
    const [deviceReading] = events(decoder.decode('spBv1.0/Pumps/DDATA/Station7/Gauge1', ddata));
    expect(deviceReading).toMatchObject({
      id: `spb:Pumps/Station7/Gauge1:DDATA:${T0 + 2000}:3:data`,
      subject: 'Pumps:Station7:Gauge1',
      category: 'sensor',
      data: {
        deviceId: 'Pumps:Station7:Gauge1',
        deviceType: 'sensor',
        metrics: { waterLevel_m: 0.5, 'pump/running': false, counter: 42 },
      },
    });
  });

  it('keeps a reading with an alias no birth defined, keyed alias:<n> and marked uncertain', () => {
    const decoder = new SparkplugDecoder();
    const ndata = encode({ timestamp: T0, seq: 5, metrics: [{ alias: 2, type: 'Double', value: 1.5 }] });
    const result = decoder.decode('spBv1.0/Pumps/NDATA/Station7', ndata);
    const [reading] = events(result);
    expect(reading.data).toMatchObject({ metrics: { 'alias:2': 1.5 }, quality: 'uncertain' });
    expect(result.kind === 'events' && result.notes.join()).toContain('alias 2 not in any birth certificate');
  });

  it('maps NDEATH to offline for the node and every device it had online, DDEATH for one device', () => {
    const decoder = new SparkplugDecoder({ deviceTypeOf: (id) => (id === 'Pumps:Station7' ? 'server' : undefined) });
    decoder.decode('spBv1.0/Pumps/NBIRTH/Station7', nbirth);
    decoder.decode('spBv1.0/Pumps/DBIRTH/Station7/Gauge1', dbirth);
    decoder.decode('spBv1.0/Pumps/DBIRTH/Station7/Gauge2', dbirth);

    const ddeath = encode({ timestamp: T0 + 3000, seq: 4 });
    const [gone] = events(decoder.decode('spBv1.0/Pumps/DDEATH/Station7/Gauge2', ddeath));
    expect(gone.data).toMatchObject({ deviceId: 'Pumps:Station7:Gauge2', status: 'offline' });
    expect(gone.severity).toBe('minor');

    const ndeath = encode({ timestamp: T0 - 5000, metrics: [{ name: 'bdSeq', type: 'UInt64', value: 7 }] });
    const offline = events(decoder.decode('spBv1.0/Pumps/NDEATH/Station7', ndeath));
    expect(offline.map((event) => event.data)).toEqual([
      { deviceId: 'Pumps:Station7', deviceType: 'server', status: 'offline', reason: 'NDEATH' },
      { deviceId: 'Pumps:Station7:Gauge1', deviceType: 'sensor', status: 'offline', reason: 'edge node NDEATH' },
    ]);
    expect(new Set(offline.map((event) => event.id)).size).toBe(2);
  });

  it('ignores the stale will of an earlier session (bdSeq mismatch)', () => {
    const decoder = new SparkplugDecoder();
    decoder.decode('spBv1.0/Pumps/NBIRTH/Station7', nbirth);
    const stale = encode({ timestamp: T0 - 60_000, metrics: [{ name: 'bdSeq', type: 'UInt64', value: 6 }] });
    expect(decoder.decode('spBv1.0/Pumps/NDEATH/Station7', stale)).toEqual({
      kind: 'ignored',
      reason: 'stale NDEATH for Pumps:Station7 (bdSeq 6, session 7)',
    });
  });

  it('gives a redelivered message the same ids', () => {
    const first = events(new SparkplugDecoder().decode('spBv1.0/Pumps/NBIRTH/Station7', nbirth));
    const again = events(new SparkplugDecoder().decode('spBv1.0/Pumps/NBIRTH/Station7', nbirth));
    expect(again.map((event) => event.id)).toEqual(first.map((event) => event.id));
  });

  it('skips datasets and templates with a note and keeps the scalars', () => {
    const decoder = new SparkplugDecoder();
    const payload = encode({
      timestamp: T0,
      seq: 9,
      metrics: [
        { name: 'temperature', type: 'Float', value: 21.5 },
        {
          name: 'history',
          type: 'DataSet',
          value: { numOfColumns: 1, columns: ['v'], types: ['Int32'], rows: [[1], [2]] },
        },
        { name: 'udt', type: 'Template', value: { isDefinition: false, templateRef: 'Pump', metrics: [] } },
      ],
    });
    const result = decoder.decode('spBv1.0/Pumps/NDATA/Station7', payload);
    const [reading] = events(result);
    expect(reading.data).toMatchObject({ metrics: { temperature: 21.5 } });
    expect(result.kind === 'events' && result.notes).toEqual([
      'history: DataSet metrics are not flattened into telemetry, skipped',
      'udt: Template metrics are not flattened into telemetry, skipped',
    ]);
  });

  it('dead-letters garbage bytes and malformed topics with a reason', () => {
    const decoder = new SparkplugDecoder();
    const garbage = decoder.decode('spBv1.0/Pumps/NDATA/Station7', Buffer.from('definitely not protobuf'));
    expect(garbage).toEqual({
      kind: 'dead-letter',
      reason: expect.stringMatching(/^undecodable Sparkplug B payload on spBv1.0\/Pumps\/NDATA\/Station7: /) as string,
    });
    expect(decoder.decode('spBv1.0/Pumps/NCMD/Station7', nbirth)).toEqual({
      kind: 'dead-letter',
      reason: 'unknown Sparkplug message type NCMD in topic spBv1.0/Pumps/NCMD/Station7',
    });
  });

  it('dead-letters a device whose id would not fit an event', () => {
    const long = 'x'.repeat(60);
    const result = new SparkplugDecoder().decode(`spBv1.0/${long}/DDATA/${long}/${long}`, dbirth);
    expect(result).toEqual({
      kind: 'dead-letter',
      reason: expect.stringContaining('longer than the 128 characters') as string,
    });
  });

  it('places a device by the position properties of its birth, and keeps properties out of the readings', () => {
    const decoder = new SparkplugDecoder();
    const placed = encode({
      timestamp: T0,
      seq: 1,
      metrics: [
        { name: 'waterLevel_m', alias: 1, type: 'Double', value: 0.3 },
        { name: 'Properties/deviceType', type: 'String', value: 'sensor' },
        { name: 'Properties/Longitude', type: 'Double', value: 110.2953 },
        { name: 'Properties/Latitude', type: 'Double', value: 20.0195 },
        { name: 'Properties/CRS', type: 'String', value: 'GCJ02' },
        { name: 'Properties/Category', type: 'String', value: 'water_level' },
      ],
    });
    const [online, birthReading] = events(decoder.decode('spBv1.0/Xiuying/DBIRTH/iot-wl/WL-001', placed));
    const where = { lng: 110.2953, lat: 20.0195, crs: 'GCJ02' };
    expect(online).toMatchObject({ location: where, data: { status: 'online' } });
    expect(birthReading).toMatchObject({ location: where, data: { metrics: { waterLevel_m: 0.3 } } });
    expect(Object.keys(birthReading.data as object)).not.toContain('Properties/Longitude');
    expect(Object.keys((birthReading.data as { metrics: object }).metrics)).toEqual(['waterLevel_m']);

    const ddata = encode({ timestamp: T0 + 1, seq: 2, metrics: [{ alias: 1, type: 'Double', value: 0.9 }] });
    const [reading] = events(decoder.decode('spBv1.0/Xiuying/DDATA/iot-wl/WL-001', ddata));
    expect(reading).toMatchObject({
      location: where,
      category: 'water_level',
      data: { deviceType: 'sensor', metrics: { waterLevel_m: 0.9 } },
    });
    const [offline] = events(decoder.decode('spBv1.0/Xiuying/DDEATH/iot-wl/WL-001', encode({ timestamp: T0 + 2 })));
    expect(offline).toMatchObject({ location: where, data: { status: 'offline' } });

    // Out-of-range coordinates place nothing rather than put a device in the sea off Null Island.
    const lost = encode({
      timestamp: T0,
      seq: 3,
      metrics: [
        { name: 'Properties/Longitude', type: 'Double', value: 200 },
        { name: 'Properties/Latitude', type: 'Double', value: 20 },
      ],
    });
    const [unplaced] = events(decoder.decode('spBv1.0/Xiuying/DBIRTH/iot-wl/WL-002', lost));
    expect(unplaced.location).toBeUndefined();
  });

  it('uses the bytes for the id when the payload has no timestamp', () => {
    const decoder = new SparkplugDecoder({ now: () => new Date(T0) });
    const [reading] = events(
      decoder.decode('spBv1.0/Pumps/NDATA/Station7', encode({ metrics: [{ name: 'x', type: 'Int32', value: 1 }] })),
    );
    expect(reading.id).toMatch(/^spb:Pumps\/Station7:NDATA:sha1-[0-9a-f]{40}:data$/);
    expect(reading.time).toBe(new Date(T0).toISOString());
  });
});
