import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_TYPES, type CityEvent } from '@zhongshu/stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OpcUaConfigInput } from './opcua-config.schema';
import { OpcUaAdapter } from './opcua.adapter';
import { PumpingStationServer, freePort } from './pumping-station.server';
import { MemoryIngestSink } from '../shared/memory-ingest.sink';

type Telemetry = Extract<CityEvent, { type: typeof EVENT_TYPES.deviceTelemetry }>;
type Status = Extract<CityEvent, { type: typeof EVENT_TYPES.deviceStatus }>;

const DEVICE_ID = '460105-PS-CL01';

function stationConfig(station: PumpingStationServer, pkiFolder: string): OpcUaConfigInput {
  return {
    pkiFolder,
    reconnect: { initialDelayMs: 100, maxDelayMs: 500 },
    buffer: { flushIntervalMs: 50, retryBaseDelayMs: 20, retryMaxDelayMs: 200 },
    endpoints: [
      {
        name: 'changliu-ps',
        url: station.endpointUrl,
        securityMode: 'None',
        securityPolicy: 'None',
        deviceId: DEVICE_ID,
        deviceType: 'plc',
        category: 'pumping_station',
        location: { lng: 110.2103, lat: 20.0134 },
        items: [
          { nodeId: PumpingStationServer.nodeId('Pressure'), metric: 'Pressure', samplingIntervalMs: 100 },
          { browsePath: '/Objects/PumpingStation/Flow', metric: 'Flow', samplingIntervalMs: 100 },
          { browsePath: '/Objects/1:PumpingStation/1:PumpRunning', metric: 'PumpRunning', samplingIntervalMs: 250 },
          { nodeId: `nsu=${station.namespaceUri};s=PumpingStation.Level`, metric: 'Level', samplingIntervalMs: 500 },
          { nodeId: PumpingStationServer.nodeId('Fault'), metric: 'Fault', samplingIntervalMs: 100 },
          { nodeId: PumpingStationServer.nodeId('MotorCurrents'), metric: 'MotorCurrents', samplingIntervalMs: 500 },
          { browsePath: '/Objects/PumpingStation/Vibration', metric: 'Vibration', samplingIntervalMs: 500 },
        ],
      },
    ],
  };
}

const telemetry = (sink: MemoryIngestSink): Telemetry[] => sink.ofType(EVENT_TYPES.deviceTelemetry);
const statuses = (sink: MemoryIngestSink): string[] =>
  sink.ofType(EVENT_TYPES.deviceStatus).map((event: Status) => event.data.status);
const hasMetric = (sink: MemoryIngestSink, metric: string, value: unknown) => () =>
  telemetry(sink).some((event) => event.data.metrics[metric] === value);

describe('OpcUaAdapter against a PumpingStationServer', () => {
  // Kept between runs: generating the client certificate costs seconds on a busy machine.
  const pki = join(tmpdir(), 'zhongshu-opcua', 'it-client');
  const logs: string[] = [];
  const log = (message: string) => logs.push(message);
  let station: PumpingStationServer;
  let restarted: PumpingStationServer | undefined;
  let sink: MemoryIngestSink;
  let adapter: OpcUaAdapter;
  let late: OpcUaAdapter | undefined;
  let unusedPort: number;

  beforeAll(async () => {
    unusedPort = await freePort();
    station = new PumpingStationServer({ name: 'changliu-it' });
    const started = Date.now();
    await station.start();
    console.info(`pumping station server started in ${Date.now() - started} ms`);
    sink = new MemoryIngestSink();
    adapter = new OpcUaAdapter({ config: stationConfig(station, pki), sink, log, keepAliveMs: 1_000 });
    await adapter.start();
    await sink.until(() => statuses(sink).includes('online'), 15_000, 'first online status');
  });

  afterAll(async () => {
    await late?.stop();
    await adapter?.stop();
    await restarted?.stop();
    await station?.stop();
  });

  it('turns a data change into device telemetry within a second or two', async () => {
    const before = Date.now();
    station.set('Pressure', 3.2);
    await sink.until(hasMetric(sink, 'Pressure', 3.2), 2_000, 'Pressure 3.2');
    const event = telemetry(sink).find((e) => e.data.metrics.Pressure === 3.2);
    expect(Date.now() - before).toBeLessThan(2_000);
    expect(event).toMatchObject({
      source: '/opcua/changliu-ps',
      subject: DEVICE_ID,
      category: 'pumping_station',
      severity: 'info',
      data: { deviceId: DEVICE_ID, deviceType: 'plc', metrics: { Pressure: 3.2 }, quality: 'good' },
    });
    expect(event?.id).toMatch(/^opcua-[0-9a-f]{40}$/);
    expect(sink.origins).toEqual(new Set(['opcua:changliu-ps']));
  });

  it('resolves browse paths (with and without namespace indexes) and nsu= node ids', async () => {
    station.set('Flow', 612.5);
    station.set('PumpRunning', true);
    station.set('Level', 2.45);
    await sink.until(
      () =>
        hasMetric(sink, 'Flow', 612.5)() && hasMetric(sink, 'PumpRunning', true)() && hasMetric(sink, 'Level', 2.45)(),
      2_000,
      'Flow, PumpRunning and Level',
    );
  });

  it('stamps the source timestamp and maps the status code to quality', async () => {
    const at = new Date(Date.now() - 60_000);
    station.set('Pressure', 0.1, { quality: 'uncertain', sourceTimestamp: at });
    await sink.until(hasMetric(sink, 'Pressure', 0.1), 2_000, 'uncertain Pressure');
    const event = telemetry(sink).find((e) => e.data.metrics.Pressure === 0.1);
    expect(new Date(event?.time ?? 0).getTime()).toBe(at.getTime());
    expect(event?.data.quality).toBe('uncertain');
    expect(event?.severity).toBe('minor');
  });

  it('dead-letters values and nodes it cannot map, with the raw value and the reason', async () => {
    station.set('MotorCurrents', [40.8, 41.2, 40.9]);
    await sink.until(
      () => sink.deadLetters.some((letter) => String(letter.raw).includes('40.8')),
      2_000,
      'MotorCurrents dead letter',
    );
    const array = sink.deadLetters.find((letter) => String(letter.raw).includes('40.8'));
    expect(array?.reason).toMatch(/non-scalar value: Array of Double\[3\]/);
    expect(array?.origin).toBe('opcua:changliu-ps');
    expect(JSON.parse(String(array?.raw))).toMatchObject({ metric: 'MotorCurrents', value: [40.8, 41.2, 40.9] });
    const missing = sink.deadLetters.find((letter) => String(letter.raw).includes('Vibration'));
    expect(missing?.reason).toMatch(/no Vibration under \/Objects\/PumpingStation/);
    expect(adapter.counters.stats().rejected).toBeGreaterThanOrEqual(2);
  });

  it('loses nothing while the sink refuses with BackpressureError', async () => {
    const stored = sink.stored.length;
    const values = [1.1, 1.2, 1.3, 1.4];
    sink.refuseNext = Number.MAX_SAFE_INTEGER;
    for (const value of values) {
      // One value per sampling interval at least: the server reports what it samples.
      const received = adapter.counters.stats().received;
      station.set('Pressure', value);
      await vi.waitFor(() => expect(adapter.counters.stats().received).toBeGreaterThan(received), { timeout: 2_000 });
    }
    await vi.waitFor(() => expect(sink.backpressureRefusals).toBeGreaterThanOrEqual(3), { timeout: 2_000 });
    expect(adapter.stats()).toMatchObject({ buffered: 4, coalesced: 0, connected: true });
    expect(adapter.stats().lagMs).toBeGreaterThan(0);
    sink.refuseNext = 0;
    await sink.until(() => values.every((v) => hasMetric(sink, 'Pressure', v)()), 2_000, 'all four values');
    expect(sink.stored.length).toBe(stored + 4);
    expect(
      telemetry(sink)
        .slice(-4)
        .map((event) => event.data.metrics.Pressure),
    ).toEqual(values);
    await vi.waitFor(() => expect(adapter.stats()).toMatchObject({ buffered: 0, lagMs: 0 }), { timeout: 1_000 });
  });

  it('streams a simulated station', async () => {
    const stored = telemetry(sink).length;
    const stopSimulation = station.simulate({ seed: 20261121, periodMs: 100 });
    try {
      await sink.until(() => telemetry(sink).length >= stored + 10, 5_000, 'simulated telemetry');
    } finally {
      stopSimulation();
    }
    const levels = telemetry(sink)
      .slice(stored)
      .map((event) => event.data.metrics.Level)
      .filter((level) => typeof level === 'number');
    expect(levels.every((level) => level > 0 && level < 5)).toBe(true);
  });

  it('subscribes again when the server drops the subscription but keeps the session', async () => {
    const before = statuses(sink).length;
    expect(station.dropSubscriptions()).toBeGreaterThanOrEqual(1);
    const dropped = Date.now();
    await vi.waitFor(
      () => {
        station.set('Pressure', 2.2);
        expect(hasMetric(sink, 'Pressure', 2.2)()).toBe(true);
      },
      { timeout: 10_000, interval: 200 },
    );
    console.info(`subscription dropped: values flow again after ${Date.now() - dropped} ms`);
    // The session never went away: no offline, and online again only as a state already known.
    expect(statuses(sink).slice(before)).toEqual([]);
    expect(logs.at(-1)).toMatch(/changliu-ps: no publish response for \d+ s; subscribing again/);
  });

  it('goes offline when the server stops and re-subscribes to a new server on the same port', async () => {
    const before = statuses(sink).length;
    await station.stop();
    await sink.until(() => statuses(sink).at(-1) === 'offline', 5_000, 'offline status');
    expect(adapter.stats().connected).toBe(false);

    // An adapter started while the server is down keeps trying.
    const lateSink = new MemoryIngestSink();
    late = new OpcUaAdapter({ config: stationConfig(station, pki), sink: lateSink, log, keepAliveMs: 1_000 });
    await late.start();
    await lateSink.until(() => statuses(lateSink).includes('offline'), 5_000, 'late adapter offline');
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    restarted = new PumpingStationServer({ name: 'changliu-it', port: station.port });
    const started = Date.now();
    await restarted.start();
    const up = Date.now();
    await sink.until(() => statuses(sink).at(-1) === 'online', 10_000, 'online again');
    console.info(`server restart: start ${up - started} ms, adapter online ${Date.now() - up} ms after start`);
    restarted.set('Pressure', 4.4);
    await sink.until(hasMetric(sink, 'Pressure', 4.4), 3_000, 'Pressure after restart');
    console.info(`server restart: first new value stored ${Date.now() - up} ms after start`);
    expect(statuses(sink).slice(before)).toEqual(['offline', 'online']);
    expect(sink.ofType(EVENT_TYPES.deviceStatus).at(-1)?.data.reason).toMatch(/reconnected/);

    await lateSink.until(hasMetric(lateSink, 'Pressure', 4.4), 5_000, 'late adapter sees the value');
    expect(statuses(lateSink)).toEqual(['offline', 'online']);
  });

  it('signs and encrypts when configured (Basic256Sha256)', async () => {
    const server = restarted ?? station;
    const secureSink = new MemoryIngestSink();
    const base = stationConfig(server, pki);
    const secure = new OpcUaAdapter({
      config: {
        ...base,
        acceptUnknownServerCertificates: true,
        endpoints: base.endpoints.map((endpoint) => ({
          ...endpoint,
          name: 'changliu-ps-secure',
          securityMode: 'SignAndEncrypt',
          securityPolicy: 'Basic256Sha256',
          items: endpoint.items.slice(0, 1),
        })),
      },
      sink: secureSink,
      log,
    });
    try {
      await secure.start();
      await secureSink.until(() => statuses(secureSink).includes('online'), 15_000, 'secure session');
      server.set('Pressure', 5.5);
      await secureSink.until(hasMetric(secureSink, 'Pressure', 5.5), 3_000, 'Pressure over a secure channel');
    } finally {
      await secure.stop();
    }
  });

  it('stops promptly while its server is unreachable', async () => {
    const downSink = new MemoryIngestSink();
    const base = stationConfig(station, pki);
    const down = new OpcUaAdapter({
      config: { ...base, endpoints: base.endpoints.map((e) => ({ ...e, url: `opc.tcp://localhost:${unusedPort}` })) },
      sink: downSink,
      log,
    });
    try {
      await down.start();
      await downSink.until(() => statuses(downSink).includes('offline'), 5_000, 'offline');
      const stopping = Date.now();
      await down.stop();
      expect(Date.now() - stopping).toBeLessThan(3_000);
    } finally {
      await down.stop(); // idempotent; here for a failed wait
    }
    expect(down.stats()).toMatchObject({ connected: false, buffered: 0 });
  });

  it('stores a value the server sends again only once (adapter restart re-reads every node)', async () => {
    await adapter.stop();
    const duplicatesBefore = sink.duplicates.length;
    adapter = new OpcUaAdapter({ config: stationConfig(station, pki), sink, log, keepAliveMs: 1_000 });
    await adapter.start();
    // Initial values of the five scalar items come again with their old source timestamps.
    await sink.until(() => sink.duplicates.length >= duplicatesBefore + 5, 10_000, 'redelivered values');
    const ids = sink.stored.map((event) => event.id);
    expect(new Set(ids).size).toBe(ids.length);
    await vi.waitFor(() => expect(adapter.counters.stats().duplicates).toBeGreaterThanOrEqual(5), { timeout: 2_000 });
    expect(sink.rejected).toEqual([]);
  });
});
