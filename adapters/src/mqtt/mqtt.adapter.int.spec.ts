import { cityEvent, type CityEvent } from '@zhongshu/stream';
import type { MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedMqttBroker } from './embedded-mqtt.broker';
import { MqttAdapter, type MqttAdapterOptions } from './mqtt.adapter';
import { connectDevice, runTag, sparkplugSession } from './mqtt-test.clients';
import { MemoryIngestSink } from '../shared/memory-ingest.sink';

const INGEST = { username: 'zhongshu-ingest', password: 'ingest-secret' };
const GATEWAY = { username: 'gateway', password: 'gateway-secret' };

const deviceIdOf = (event: CityEvent) => ('deviceId' in event.data ? event.data.deviceId : undefined);

describe('MqttAdapter against the embedded broker', () => {
  const broker = new EmbeddedMqttBroker({
    port: 0,
    users: [
      { ...INGEST, publish: [], subscribe: ['spBv1.0/#', 'zhongshu/+/devices/+/+'] },
      { ...GATEWAY, publish: ['spBv1.0/#', 'zhongshu/#'], subscribe: [] },
    ],
  });
  const adapters: MqttAdapter[] = [];
  const devices: MqttClient[] = [];
  const errors: unknown[] = [];

  beforeAll(async () => {
    await broker.start();
  });

  afterEach(async () => {
    await Promise.all(adapters.splice(0).map((adapter) => adapter.stop()));
    await Promise.all(devices.splice(0).map((device) => device.endAsync(true)));
  });

  afterAll(async () => {
    await broker.stop();
  });

  async function startAdapter(sink: MemoryIngestSink, options: Partial<MqttAdapterOptions> = {}) {
    const adapter = new MqttAdapter({
      url: broker.url,
      ...INGEST,
      clientId: `ingest-${runTag()}`,
      sink,
      log: (message, error) => errors.push([message, error]),
      ...options,
    });
    adapters.push(adapter);
    await adapter.start();
    return adapter;
  }

  async function device(): Promise<MqttClient> {
    const client = await connectDevice(broker.url, GATEWAY);
    devices.push(client);
    return client;
  }

  /** PUBACKs the adapter's client sent, as the broker saw them. */
  function acksFrom(clientId: string): { count: number } {
    const seen = { count: 0 };
    broker.instance!.on('ack', (packet, client) => {
      if (client.id === clientId && packet.cmd === 'publish') seen.count += 1;
    });
    return seen;
  }

  it('turns Sparkplug B births and data and JSON telemetry into valid CityEvents', async () => {
    const sink = new MemoryIngestSink();
    const adapter = await startAdapter(sink);
    expect(adapter.counters.stats().connected).toBe(true);
    const gateway = await device();
    const t0 = Date.parse('2025-07-01T02:00:00Z');
    for (const message of sparkplugSession('Pumps', 'Station7', 'Gauge1', t0)) {
      await gateway.publishAsync(message.topic, message.payload, { qos: 1 });
    }
    await gateway.publishAsync(
      'zhongshu/xiuying/devices/wl-0042/telemetry',
      JSON.stringify({ ts: t0, metrics: { waterLevel_m: 0.42 } }),
      { qos: 1 },
    );

    await sink.until(() => sink.stored.length === 7);
    for (const event of sink.stored) expect(() => cityEvent.parse(event)).not.toThrow();
    const byDevice = sink.stored.map((event) => [event.type.split('.')[3], deviceIdOf(event)]);
    expect(byDevice).toEqual([
      ['status', 'Pumps:Station7'],
      ['telemetry', 'Pumps:Station7'],
      ['status', 'Pumps:Station7:Gauge1'],
      ['telemetry', 'Pumps:Station7:Gauge1'],
      ['telemetry', 'Pumps:Station7'],
      ['telemetry', 'Pumps:Station7:Gauge1'],
      ['telemetry', 'wl-0042'],
    ]);
    expect(sink.stored[4].data).toMatchObject({ metrics: { 'pump/flow_m3h': 98.5 } });
    expect(sink.stored[5].data).toMatchObject({ metrics: { waterLevel_m: 0.5 } });
    await expect
      .poll(() => adapter.counters.stats())
      .toMatchObject({ received: 5, accepted: 7, rejected: 0, lagMs: 0 });
    expect(errors).toEqual([]);
  });

  it('stores a redelivered message once: same event id both times', async () => {
    const sink = new MemoryIngestSink();
    const adapter = await startAdapter(sink);
    const gateway = await device();
    const body = JSON.stringify({ metrics: { pm25: 35 } });
    await gateway.publishAsync('zhongshu/xiuying/devices/air-3/telemetry', body, { qos: 1 });
    await gateway.publishAsync('zhongshu/xiuying/devices/air-3/telemetry', body, { qos: 1, dup: true });
    await sink.until(() => sink.submittedIds.length === 2);
    expect(sink.submittedIds[0]).toBe(sink.submittedIds[1]);
    expect(sink.stored).toHaveLength(1);
    await expect.poll(() => adapter.counters.stats()).toMatchObject({ received: 2, accepted: 1, duplicates: 1 });
  });

  it('dead-letters undecodable bytes with the raw payload and a reason, and acknowledges them', async () => {
    const sink = new MemoryIngestSink();
    const adapter = await startAdapter(sink);
    const gateway = await device();
    const garbage = Buffer.from([0xff, 0x13, 0x37, 0x00, 0x42]);
    await gateway.publishAsync('spBv1.0/Pumps/NDATA/Station7', garbage, { qos: 1 });
    await gateway.publishAsync('zhongshu/xiuying/devices/d1/status', '{"status":"asleep"}', { qos: 1 });
    const notAnEvent = JSON.stringify({ id: 'x1', type: 'cn.zhongshu.device.status.v1', data: {} });
    await gateway.publishAsync('zhongshu/xiuying/devices/d1/event', notAnEvent, { qos: 1 });
    await sink.until(() => sink.deadLetters.length === 3);
    expect(sink.deadLetters[0]).toMatchObject({ raw: garbage, origin: 'mqtt:spBv1.0/Pumps/NDATA/Station7' });
    expect(sink.deadLetters[0].reason).toMatch(/^undecodable Sparkplug B payload/);
    expect(sink.deadLetters[1].reason).toMatch(
      /^invalid status body on zhongshu\/xiuying\/devices\/d1\/status: status:/,
    );
    expect(sink.deadLetters[2]).toMatchObject({
      raw: Buffer.from(notAnEvent),
      origin: 'mqtt:zhongshu/xiuying/devices/d1/event',
    });
    expect(sink.deadLetters[2].reason).toMatch(
      /^invalid event from zhongshu\/xiuying\/devices\/d1\/event: specversion: /,
    );
    expect(sink.stored).toEqual([]);
    await expect.poll(() => adapter.counters.stats()).toMatchObject({ received: 3, rejected: 3, lagMs: 0 });
  });

  it('sends PUBACK only after the sink made the message durable', async () => {
    const sink = new MemoryIngestSink();
    sink.hold();
    const clientId = `ingest-${runTag()}`;
    const acks = acksFrom(clientId);
    const adapter = await startAdapter(sink, { clientId });
    const gateway = await device();
    // The gateway's own PUBACK comes from the broker, which took the message over: MQTT acks hop by hop.
    await gateway.publishAsync('zhongshu/xiuying/devices/d2/telemetry', '{"metrics":{"v":1}}', { qos: 1 });
    await expect.poll(() => sink.submitCalls).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(acks.count).toBe(0);
    expect(adapter.counters.stats().lagMs).toBeGreaterThanOrEqual(150);
    sink.release();
    await expect.poll(() => acks.count).toBe(1);
    expect(sink.stored).toHaveLength(1);
  });

  it('gets the message again after a crash before it was durable (persistent session)', async () => {
    const first = new MemoryIngestSink();
    first.hold();
    const clientId = `ingest-${runTag()}`;
    const crashed = await startAdapter(first, { clientId, stopTimeoutMs: 50 });
    const gateway = await device();
    await gateway.publishAsync('zhongshu/xiuying/devices/d3/status', '{"id":"d3-online-1","status":"online"}', {
      qos: 1,
    });
    await expect.poll(() => first.submitCalls).toBe(1);
    await crashed.stop(); // gives up waiting: nothing acknowledged
    first.release();

    const second = new MemoryIngestSink();
    await startAdapter(second, { clientId });
    await second.until(() => second.stored.length === 1);
    expect(second.stored[0]).toMatchObject({ id: 'd3-online-1', data: { deviceId: 'd3', status: 'online' } });
  });

  it('waits out backpressure without acknowledging and loses nothing', async () => {
    const sink = new MemoryIngestSink();
    sink.refuseNext = 4;
    const clientId = `ingest-${runTag()}`;
    const acks = acksFrom(clientId);
    await startAdapter(sink, { clientId });
    const gateway = await device();
    await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        gateway.publishAsync(`zhongshu/xiuying/devices/d${n}/telemetry`, JSON.stringify({ metrics: { n } }), {
          qos: 1,
        }),
      ),
    );
    await sink.until(() => sink.stored.length === 50);
    expect(sink.backpressureRefusals).toBe(4);
    expect(new Set(sink.stored.map((event) => event.subject))).toHaveLength(50);
    await expect.poll(() => acks.count).toBe(50);
  });

  it('keeps reading once a full in-flight window drains (here a window of one: strictly serial)', async () => {
    const sink = new MemoryIngestSink();
    sink.latencyMs = 5;
    await startAdapter(sink, { maxInFlight: 1 });
    const gateway = await device();
    await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        gateway.publishAsync(`zhongshu/xiuying/devices/s${n}/telemetry`, JSON.stringify({ metrics: { n } }), {
          qos: 1,
        }),
      ),
    );
    await sink.until(() => sink.stored.length === 20);
    expect(sink.submitCalls).toBe(20);
  });

  it('refuses to start with a wrong password, saying why', async () => {
    const adapter = new MqttAdapter({
      url: broker.url,
      username: INGEST.username,
      password: 'not-it',
      clientId: `ingest-${runTag()}`,
      sink: new MemoryIngestSink(),
      log: () => undefined,
    });
    await expect(adapter.start()).rejects.toThrow(/MQTT broker mqtt:\/\/127\.0\.0\.1:\d+: .*Bad username or password/);
    expect(adapter.counters.stats().connected).toBe(false);
  });
});
