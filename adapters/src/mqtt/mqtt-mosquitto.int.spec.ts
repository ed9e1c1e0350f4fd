import { cityEvent, type CityEvent } from '@zhongshu/stream';
import type { MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MqttAdapter, type MqttAdapterOptions } from './mqtt.adapter';
import { connectDevice, runTag, sparkplugSession } from './mqtt-test.clients';
import { MemoryIngestSink } from '../shared/memory-ingest.sink';

// The site-broker path against the real Mosquitto CI runs on 1883 (anonymous on this machine).
const URL = process.env.MQTT_TEST_URL ?? 'mqtt://127.0.0.1:1883';

const deviceIdOf = (event: CityEvent) => ('deviceId' in event.data ? event.data.deviceId : undefined);

describe(`MqttAdapter against Mosquitto at ${URL}`, () => {
  const run = runTag();
  const group = `it${run}`; // Sparkplug group and JSON tenant unique to this run
  const adapters: MqttAdapter[] = [];
  const devices: MqttClient[] = [];
  const sessions = new Map<string, 4 | 5>();

  beforeAll(async () => {
    try {
      const probe = await connectDevice(URL, { connectTimeout: 3_000 });
      await probe.endAsync();
    } catch (error) {
      throw new Error(
        `Mosquitto is not reachable at ${URL} (${(error as Error).message}). These tests need a real broker: ` +
          'start Mosquitto on 127.0.0.1:1883 as CI does, or point MQTT_TEST_URL at one.',
      );
    }
  });

  afterEach(async () => {
    await Promise.all(adapters.splice(0).map((adapter) => adapter.stop()));
    await Promise.all(devices.splice(0).map((device) => device.endAsync(true)));
  });

  afterAll(async () => {
    // Mosquitto persists sessions to disk: discard ours rather than leave them behind.
    for (const [clientId, protocolVersion] of sessions) {
      const cleaner = await connectDevice(URL, { clientId, clean: true, protocolVersion });
      await cleaner.endAsync();
    }
  });

  async function startAdapter(sink: MemoryIngestSink, options: Partial<MqttAdapterOptions> = {}) {
    const clientId = options.clientId ?? `zhongshu-it-${runTag()}`;
    const protocolVersion = options.protocolVersion ?? 5;
    sessions.set(clientId, protocolVersion);
    const adapter = new MqttAdapter({
      url: URL,
      clientId,
      sink,
      protocolVersion,
      sessionExpirySeconds: 300,
      ...options,
    });
    adapters.push(adapter);
    await adapter.start();
    return adapter;
  }

  async function device(): Promise<MqttClient> {
    const client = await connectDevice(URL);
    devices.push(client);
    return client;
  }

  /** Only what this run published: the broker is shared with whatever else runs on the machine. */
  const ours = (sink: MemoryIngestSink) =>
    sink.stored.filter(
      (event) => event.source.startsWith(`/mqtt/spBv1.0/${group}/`) || event.source === `/mqtt/${group}`,
    );

  it.each([5, 4] as const)('carries Sparkplug B and JSON telemetry end to end (MQTT %s)', async (protocolVersion) => {
    const sink = new MemoryIngestSink();
    await startAdapter(sink, { protocolVersion });
    const gateway = await device();
    const edge = `edge${protocolVersion}`;
    const t0 = Date.parse('2025-07-01T02:00:00Z');
    for (const message of sparkplugSession(group, edge, 'Gauge1', t0)) {
      await gateway.publishAsync(message.topic, message.payload, { qos: 1 });
    }
    await gateway.publishAsync(
      `zhongshu/${group}/devices/wl-${protocolVersion}/status`,
      JSON.stringify({ status: 'fault', reason: 'sensor drift' }),
      { qos: 1 },
    );

    await sink.until(() => ours(sink).length === 7);
    const events = ours(sink);
    for (const event of events) expect(() => cityEvent.parse(event)).not.toThrow();
    expect(events.map((event) => [event.type, deviceIdOf(event)])).toEqual([
      ['cn.zhongshu.device.status.v1', `${group}:${edge}`],
      ['cn.zhongshu.device.telemetry.v1', `${group}:${edge}`],
      ['cn.zhongshu.device.status.v1', `${group}:${edge}:Gauge1`],
      ['cn.zhongshu.device.telemetry.v1', `${group}:${edge}:Gauge1`],
      ['cn.zhongshu.device.telemetry.v1', `${group}:${edge}`],
      ['cn.zhongshu.device.telemetry.v1', `${group}:${edge}:Gauge1`],
      ['cn.zhongshu.device.status.v1', `wl-${protocolVersion}`],
    ]);
    expect(events[4].data).toMatchObject({ metrics: { 'pump/flow_m3h': 98.5 } });
    expect(events[5].data).toMatchObject({ metrics: { waterLevel_m: 0.5 } });
  });

  it('stores a repeated message once', async () => {
    const sink = new MemoryIngestSink();
    const adapter = await startAdapter(sink);
    const gateway = await device();
    const topic = `zhongshu/${group}/devices/air-1/telemetry`;
    const body = JSON.stringify({ ts: Date.parse('2025-07-01T02:00:00Z'), metrics: { pm25: 35 } });
    await gateway.publishAsync(topic, body, { qos: 1 });
    await gateway.publishAsync(topic, body, { qos: 1 });
    await sink.until(() => sink.submittedIds.filter((id) => id === ours(sink)[0]?.id).length === 2);
    expect(ours(sink)).toHaveLength(1);
    await expect.poll(() => adapter.counters.stats().duplicates).toBeGreaterThanOrEqual(1);
  });

  it('redelivers from the persistent session what a crashed adapter never made durable', async () => {
    const clientId = `zhongshu-it-${runTag()}`;
    const first = new MemoryIngestSink();
    first.hold();
    const crashed = await startAdapter(first, { clientId, stopTimeoutMs: 50 });
    const gateway = await device();
    await gateway.publishAsync(
      `zhongshu/${group}/devices/pump-9/status`,
      JSON.stringify({ id: `${group}-pump-9-offline`, status: 'offline' }),
      { qos: 1 },
    );
    await expect.poll(() => first.submitCalls).toBeGreaterThan(0);
    await crashed.stop();
    first.release();

    const second = new MemoryIngestSink();
    await startAdapter(second, { clientId });
    await second.until(() => ours(second).length === 1);
    expect(ours(second)[0]).toMatchObject({ id: `${group}-pump-9-offline`, data: { status: 'offline' } });
  });
});
