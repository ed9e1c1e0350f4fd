import { cityEvent, EVENT_TYPES, type CityEvent } from '@zhongshu/stream';
import type { MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DeviceMqttPlanner } from '../simulators/device-mqtt.planner';
import { MqttDevicePublisher } from '../simulators/mqtt-device.publisher';
import { BrokerIngestGate } from './broker-ingest.gate';
import { EmbeddedMqttBroker } from './embedded-mqtt.broker';
import { MqttMessageDecoder } from './mqtt-message.decoder';
import { connectDevice, runTag, sparkplugSession } from './mqtt-test.clients';
import { MemoryIngestSink } from '../shared/memory-ingest.sink';

const GATEWAY = { username: 'gateway', password: 'gateway-secret' };
const WATCHER = { username: 'watcher', password: 'watcher-secret' };
const deviceIdOf = (event: CityEvent) => (event.data as { deviceId?: string }).deviceId ?? '';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the embedded broker with the ingest gate (device PUBACK = durable)', () => {
  let sink = new MemoryIngestSink();
  // Each test gets a fresh memory sink behind the one gate.
  const gate = new BrokerIngestGate({
    sink: { submit: (...args) => sink.submit(...args), deadLetter: (...args) => sink.deadLetter(...args) },
  });
  const broker = new EmbeddedMqttBroker({
    port: 0,
    users: [
      { ...GATEWAY, publish: ['spBv1.0/#', 'zhongshu/#'], subscribe: [] },
      { ...WATCHER, publish: [], subscribe: ['spBv1.0/#', 'zhongshu/#'] },
    ],
    ingest: gate,
  });
  const clients: MqttClient[] = [];
  const track = (client: MqttClient) => (clients.push(client), client);

  beforeAll(async () => {
    await gate.start();
    await broker.start();
  });
  afterEach(async () => {
    sink.release();
    await Promise.all(clients.splice(0).map((client) => client.endAsync(true)));
    sink = new MemoryIngestSink();
  });
  afterAll(async () => {
    await gate.stop();
    await broker.stop();
  });

  it('answers a device only after its message is durable', async () => {
    const device = track(await connectDevice(broker.url, GATEWAY));
    sink.hold();
    let acknowledged = false;
    const published = device
      .publishAsync('zhongshu/t1/devices/wl-1/telemetry', JSON.stringify({ metrics: { waterLevel_m: 0.4 } }), {
        qos: 1,
      })
      .then(() => (acknowledged = true));
    await sleep(300);
    expect(acknowledged).toBe(false);
    expect(sink.stored).toHaveLength(0);
    expect(gate.counters.stats().lagMs).toBeGreaterThan(0);

    sink.release();
    await published;
    expect(sink.stored.map((event) => event.subject)).toEqual(['wl-1']);
    expect(gate.counters.stats()).toMatchObject({ adapter: 'mqtt', received: 1, accepted: 1, lagMs: 0 });
  });

  it('turns Sparkplug sessions into events, keeping PUBACK order and waiting out backpressure', async () => {
    const device = track(await connectDevice(broker.url, GATEWAY));
    sink.refuseNext = 2;
    const group = `G${runTag()}`;
    const session = sparkplugSession(group, 'Station7', 'Gauge1', Date.parse('2025-07-01T02:00:00Z'));
    await Promise.all(session.map((m) => device.publishAsync(m.topic, m.payload, { qos: 1 })));
    expect(sink.backpressureRefusals).toBe(2);
    const readings = sink.stored.filter((event) => event.type === EVENT_TYPES.deviceTelemetry);
    expect(readings.map((event) => 'metrics' in event.data && event.data.metrics)).toEqual([
      { bdSeq: 1, 'pump/flow_m3h': 110 },
      { waterLevel_m: 0.25 },
      { 'pump/flow_m3h': 98.5 },
      { waterLevel_m: 0.5 },
    ]);
  });

  it('dead-letters malformed input with its bytes and reason, acknowledges it and stays up', async () => {
    const device = track(await connectDevice(broker.url, GATEWAY));
    const garbage = Buffer.from([0xff, 0x00, 0x13, 0x37]);
    await device.publishAsync('spBv1.0/Pumps/NDATA/Station7', garbage, { qos: 1 });
    await device.publishAsync('zhongshu/t1/devices/d1/telemetry', '{"metrics":', { qos: 1 });
    await device.publishAsync('zhongshu/t1/devices/d1/alarm', '{}', { qos: 1 });
    await device.publishAsync('spBv1.0/Pumps/NDATA', garbage, { qos: 1 });
    expect(sink.deadLetters.map(({ origin, reason }) => [origin, reason.split(':')[0]])).toEqual([
      ['mqtt:spBv1.0/Pumps/NDATA/Station7', 'undecodable Sparkplug B payload on spBv1.0/Pumps/NDATA/Station7'],
      ['mqtt:zhongshu/t1/devices/d1/telemetry', 'invalid JSON on zhongshu/t1/devices/d1/telemetry'],
      ['mqtt:zhongshu/t1/devices/d1/alarm', 'malformed topic zhongshu/t1/devices/d1/alarm'],
      ['mqtt:spBv1.0/Pumps/NDATA', 'malformed Sparkplug topic spBv1.0/Pumps/NDATA'],
    ]);
    expect(sink.deadLetters[0].raw).toEqual(garbage);
    expect(device.connected).toBe(true);
  });

  it('routes topics outside our scope as a plain broker, without ingesting them', async () => {
    const watcher = track(await connectDevice(broker.url, WATCHER));
    const seen: string[] = [];
    watcher.on('message', (topic) => seen.push(topic));
    await watcher.subscribeAsync('spBv1.0/#', { qos: 1 });
    const device = track(await connectDevice(broker.url, GATEWAY));
    await device.publishAsync('spBv1.0/Pumps/NCMD/Station7', Buffer.from('rebirth'), { qos: 1 });
    await device.publishAsync('spBv1.0/Pumps/NDATA/Station7', Buffer.from('x'), { qos: 1 });
    await sleep(100);
    expect(seen).toEqual(['spBv1.0/Pumps/NCMD/Station7', 'spBv1.0/Pumps/NDATA/Station7']);
    expect(sink.deadLetters.map((letter) => letter.origin)).toEqual(['mqtt:spBv1.0/Pumps/NDATA/Station7']);
    expect(sink.submittedIds).toHaveLength(0);
  });

  it('replays a dead letter through the decoders', async () => {
    const body = Buffer.from(JSON.stringify({ ts: Date.parse('2025-07-01T02:00:00Z'), metrics: { pm25: 12 } }));
    const fixed = await gate.replay({
      origin: 'mqtt:zhongshu/t1/devices/aq-1/telemetry',
      raw: body.toString('base64'),
      encoding: 'base64',
    });
    expect(fixed).toEqual([{ index: 0, id: expect.stringMatching(/^mqtt:/) as string, status: 'stored' }]);
    const still = await gate.replay({
      origin: 'mqtt:zhongshu/t1/devices/aq-1/telemetry',
      raw: '{"metrics":',
      encoding: 'utf8',
    });
    expect(still).toEqual([
      { index: 0, status: 'rejected', reason: expect.stringContaining('invalid JSON') as string },
    ]);
    expect(sink.deadLetters).toHaveLength(0);
  });

  it('carries the simulated fleet from MqttDevicePublisher into events', async () => {
    const publisher = new MqttDevicePublisher({
      url: broker.url,
      ...GATEWAY,
      tenant: 'xiuying',
      group: 'xiuying',
      clientIdPrefix: `sim-${runTag()}`,
    });
    const at = '2026-08-01T08:00:00+08:00';
    const place = { lng: 110.29, lat: 20.02, crs: 'WGS84' as const };
    const envelope = { specversion: '1.0' as const, source: '/simulator/device', time: at, location: place };
    const events = [
      {
        ...envelope,
        id: 's-1',
        type: EVENT_TYPES.deviceTelemetry,
        category: 'water_level',
        data: { deviceId: '460105-WL-001', deviceType: 'sensor' as const, metrics: { waterLevel_m: 0.3 } },
      },
      {
        ...envelope,
        id: 's-2',
        type: EVENT_TYPES.deviceStatus,
        category: 'camera',
        data: {
          deviceId: '460105-CAM-001',
          deviceType: 'camera' as const,
          status: 'fault' as const,
          reason: '视频信号丢失',
        },
      },
    ];
    try {
      await publisher.publish(events);
    } finally {
      await publisher.stop();
    }
    const received = sink.stored.map((event) => cityEvent.parse(event));
    const shown = received.map((event) => `${event.type} ${deviceIdOf(event)}`);
    // The gateway's birth, then the sensor's birth (online + its reading) and the camera's fault.
    expect(shown.sort()).toEqual(
      [
        `${EVENT_TYPES.deviceStatus} xiuying:iot-water-level`,
        `${EVENT_TYPES.deviceTelemetry} xiuying:iot-water-level`,
        `${EVENT_TYPES.deviceStatus} xiuying:iot-water-level:460105-WL-001`,
        `${EVENT_TYPES.deviceTelemetry} xiuying:iot-water-level:460105-WL-001`,
        `${EVENT_TYPES.deviceStatus} 460105-CAM-001`,
      ].sort(),
    );
    const devices = received.filter((event) => deviceIdOf(event).includes('460105'));
    expect(devices.map((event) => event.location?.lng)).toEqual([110.29, 110.29, 110.29]);
    // What went over the wire is what the planner promised (same decoder, same bytes).
    const planned = new DeviceMqttPlanner({ tenant: 'xiuying', group: 'xiuying' }).plan(events);
    const decoder = new MqttMessageDecoder();
    const expected = planned.flatMap((m) => {
      const result = decoder.decode(m.topic, m.payload);
      return result.kind === 'events' ? result.events.map((event) => event.id) : [];
    });
    expect(new Set(received.map((event) => event.id))).toEqual(new Set(expected));
  });
});
