import { EVENT_TYPES, cityEvent, type CityEvent, type CityEventInput } from '@zhongshu/stream';
import { describe, expect, it } from 'vitest';
import { MqttMessageDecoder } from '../mqtt/mqtt-message.decoder';
import { decodeSparkplugPayload } from '../mqtt/sparkplug-payload.codec';
import { buildFacilities } from './city-facilities';
import { DeviceMqttPlanner, JSON_DEVICES_CONNECTION, type PlannedMessage } from './device-mqtt.planner';
import { DeviceSimulator } from './device.simulator';
import { Rng } from './prng';
import { drive } from './source-driver';
import { xiuyingTestProfile } from './test-profile';

const facilities = buildFacilities(xiuyingTestProfile, new Rng(1));
const scope = { tenant: 'haikou-xiuying', group: 'haikou-xiuying' };

/** Six stormy hours of the fleet: many outages, so births, deaths and faults all occur. */
function fleetEvents(): CityEventInput[] {
  const from = new Date('2026-08-01T08:00:00+08:00');
  return drive(new DeviceSimulator(xiuyingTestProfile, new Rng(4), facilities, 60), {
    from,
    to: new Date(from.getTime() + 6 * 3_600_000),
    perMinute: 60,
    scenario: 'typhoon',
  });
}

/** What the MQTT adapter makes of the planned messages, in publish order. */
function decodeAll(messages: readonly PlannedMessage[]): CityEvent[] {
  const decoder = new MqttMessageDecoder();
  return messages.flatMap(({ topic, payload }) => {
    const result = decoder.decode(topic, payload);
    if (result.kind !== 'events')
      throw new Error(`${topic}: ${result.kind} ${'reason' in result ? result.reason : ''}`);
    return result.events.map((event) => cityEvent.parse(event));
  });
}

const isSensor = (event: CityEventInput) =>
  (event.type === EVENT_TYPES.deviceTelemetry || event.type === EVENT_TYPES.deviceStatus) &&
  event.data.deviceType === 'sensor';

describe('DeviceMqttPlanner (the simulated fleet on the wire)', () => {
  const events = fleetEvents();
  const messages = new DeviceMqttPlanner(scope).plan(events);
  const decoded = decodeAll(messages);

  it('sends the same bytes for the same events', () => {
    const again = new DeviceMqttPlanner(scope).plan(events);
    expect(again.map((m) => [m.topic, m.payload.toString('base64')])).toEqual(
      messages.map((m) => [m.topic, m.payload.toString('base64')]),
    );
  });

  it('puts sensors behind Sparkplug edge nodes and the rest on plain JSON topics', () => {
    const sensorKinds = new Set(events.filter(isSensor).map((event) => event.category));
    const edges = new Set(messages.filter((m) => m.connection !== JSON_DEVICES_CONNECTION).map((m) => m.connection));
    expect(edges).toEqual(new Set([...sensorKinds].map((kind) => `iot-${kind.replace('_', '-')}`)));
    for (const edge of edges) {
      const first = messages.find((m) => m.connection === edge)!;
      expect(first.topic).toBe(`spBv1.0/haikou-xiuying/NBIRTH/${edge}`);
    }
    const json = messages.filter((m) => m.connection === JSON_DEVICES_CONNECTION);
    expect(json.length).toBeGreaterThan(0);
    for (const m of json) expect(m.topic).toMatch(/^zhongshu\/haikou-xiuying\/devices\/[^/]+\/(telemetry|status)$/);
  });

  it('sends data by alias after a birth certificate named the metrics', () => {
    const ddata = messages.filter((m) => m.topic.includes('/DDATA/'));
    expect(ddata.length).toBeGreaterThan(100);
    for (const m of ddata.slice(0, 50)) {
      for (const metric of decodeSparkplugPayload(m.payload).metrics ?? []) {
        expect(metric.name ?? undefined).toBeUndefined();
        expect(metric.alias).toBeDefined();
      }
    }
  });

  it('arrives as every reading and status change the fleet produced, in place and unnamed-alias free', () => {
    const idOf = (event: CityEventInput & { data: { deviceId: string } }) => {
      if (!isSensor(event)) return event.data.deviceId;
      return `haikou-xiuying:iot-${event.category.replace('_', '-')}:${event.data.deviceId}`;
    };
    const sent = events as Array<CityEventInput & { data: { deviceId: string } }>;
    // The gateways' own births (bdSeq, rebirth control) are readings of no simulated device.
    const isGateway = (e: CityEvent) => /^[^:]+:[^:]+$/.test((e.data as { deviceId?: string }).deviceId ?? '');
    const readings = decoded.filter((e) => e.type === EVENT_TYPES.deviceTelemetry && !isGateway(e));
    const sentReadings = sent.filter((e) => e.type === EVENT_TYPES.deviceTelemetry);
    // Births repeat the last reading of a device that comes back, so there may be a few more.
    expect(readings.length).toBeGreaterThanOrEqual(sentReadings.length);
    const received = new Map<string, unknown[]>();
    for (const event of readings) {
      if (event.type !== EVENT_TYPES.deviceTelemetry) continue;
      received.set(event.data.deviceId, [...(received.get(event.data.deviceId) ?? []), event.data.metrics]);
      expect(event.location, event.id).toBeDefined();
      expect(Object.keys(event.data.metrics).some((name) => name.startsWith('alias:'))).toBe(false);
    }
    for (const event of sentReadings) {
      if (event.type !== EVENT_TYPES.deviceTelemetry) continue;
      expect(received.get(idOf(event))).toContainEqual(event.data.metrics);
    }
    // Each device keeps its kind (water_level, camera…) as the event category, as the map shows it.
    const kinds = (list: ReadonlyArray<CityEventInput & { data: { deviceId: string } }>, map = idOf) =>
      new Map(list.map((e) => [map(e), e.category]));
    const receivedKinds = kinds(readings as Array<CityEvent & { data: { deviceId: string } }>, (e) => e.data.deviceId);
    for (const [id, kind] of kinds(sentReadings)) expect(receivedKinds.get(id), id).toBe(kind);

    const statusOf = (list: ReadonlyArray<CityEventInput & { data: { deviceId: string } }>, map = idOf) =>
      list
        .filter((e) => e.type === EVENT_TYPES.deviceStatus && !isGateway(e as CityEvent))
        .map((e) => `${map(e)} ${(e.data as { status: string }).status}`);
    const sentStatus = statusOf(sent);
    expect(sentStatus.some((s) => s.endsWith(' fault'))).toBe(true);
    expect(sentStatus.some((s) => s.endsWith(' offline'))).toBe(true);
    // Every status change arrives; births of first reports add "online" events on top.
    const receivedStatus = statusOf(
      decoded as Array<CityEvent & { data: { deviceId: string } }>,
      (e) => e.data.deviceId,
    );
    for (const status of sentStatus) expect(receivedStatus).toContain(status);
  });

  it('gives every message its own event ids', () => {
    expect(new Set(decoded.map((event) => event.id)).size).toBe(decoded.length);
  });

  it('refuses events that are not device events', () => {
    const ticket = { ...events[0], type: EVENT_TYPES.hotlineTicket } as CityEventInput;
    expect(() => new DeviceMqttPlanner(scope).plan([ticket])).toThrow(/not a device event/);
  });

  it('starts a new session with the next bdSeq after a lost connection', () => {
    const planner = new DeviceMqttPlanner(scope);
    const sensor = events.find(isSensor)!;
    const edge = DeviceMqttPlanner.edgeOf(sensor as never)!;
    const bdSeq = (message: { payload: Buffer }) =>
      Number(decodeSparkplugPayload(message.payload).metrics?.find((m) => m.name === 'bdSeq')?.value);
    expect(bdSeq(planner.will(edge))).toBe(0);
    expect(bdSeq(planner.plan([sensor])[0])).toBe(0);
    planner.endSession(edge);
    expect(bdSeq(planner.will(edge))).toBe(1);
    const rebirth = planner.plan([sensor]);
    expect(rebirth.map((m) => m.topic.split('/')[2])).toEqual(['NBIRTH', 'DBIRTH']);
    expect(bdSeq(rebirth[0])).toBe(1);
  });
});
