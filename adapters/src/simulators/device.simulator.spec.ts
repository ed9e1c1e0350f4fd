import { EVENT_TYPES, type CityEventInput } from '@zhongshu/stream';
import { describe, expect, it } from 'vitest';
import { buildFacilities } from './city-facilities';
import { CitySimulator } from './city.simulator';
import { DeviceSimulator } from './device.simulator';
import { Rng } from './prng';
import { drive } from './source-driver';
import { xiuyingTestProfile } from './test-profile';

type Telemetry = Extract<CityEventInput, { type: typeof EVENT_TYPES.deviceTelemetry }>;
type Status = Extract<CityEventInput, { type: typeof EVENT_TYPES.deviceStatus }>;

const facilities = buildFacilities(xiuyingTestProfile, new Rng(1));

/** 18 reports a minute: a 60/min city × the 30% device share. */
function run(options: { scenario?: 'normal' | 'typhoon'; hours: number }) {
  const from = new Date('2026-06-01T00:00:00+08:00');
  const events = drive(new DeviceSimulator(xiuyingTestProfile, new Rng(4), facilities, 18), {
    from,
    to: new Date(from.getTime() + options.hours * 3_600_000),
    perMinute: 18,
    scenario: options.scenario,
  });
  return {
    telemetry: events.filter((event): event is Telemetry => event.type === EVENT_TYPES.deviceTelemetry),
    status: events.filter((event): event is Status => event.type === EVENT_TYPES.deviceStatus),
  };
}

const day = run({ hours: 24 });
const at = (event: CityEventInput) => Date.parse(event.time);
const numbers = (list: Telemetry[], metric: string) =>
  list.flatMap((event) => (typeof event.data.metrics[metric] === 'number' ? [event.data.metrics[metric]] : []));

describe('DeviceSimulator', () => {
  it('runs a fixed fleet of about 200 devices that stays put whatever the seed', () => {
    const city = (seed: number) =>
      new CitySimulator({ profile: xiuyingTestProfile, seed, emit: async () => {} }).facilities;
    const { devices } = city(4);
    expect(devices.length).toBeGreaterThanOrEqual(180);
    expect(devices.length).toBeLessThanOrEqual(230);
    expect(new Set(devices.map((device) => device.id)).size).toBe(devices.length);
    expect(new Set(devices.map((device) => device.type))).toEqual(
      new Set(['sensor', 'camera', 'nvr', 'kiosk', 'queue_machine', 'evaluation_pad', 'server', 'network']),
    );
    expect(city(99)).toEqual(city(4));
  });

  it('reports each device on a steady period, and the fleet at the device share of the rate', () => {
    // 60/min × 30% device share = 18 reports a minute across the fleet.
    expect(day.telemetry.length / (24 * 60)).toBeGreaterThan(17);
    expect(day.telemetry.length / (24 * 60)).toBeLessThan(19);
    const perDevice = new Map<string, number[]>();
    for (const event of day.telemetry)
      perDevice.set(event.subject ?? '', [...(perDevice.get(event.subject ?? '') ?? []), at(event)]);
    expect(perDevice.size).toBe(facilities.devices.length);
    const gaps = [...perDevice.values()].flatMap((times) => times.slice(1).map((time, i) => time - (times[i] ?? 0)));
    const period = Math.min(...gaps);
    expect(period).toBeGreaterThan(10 * 60_000);
    // Every gap is a whole number of periods: longer gaps are outages.
    for (const gap of gaps) expect(gap % period).toBe(0);
  });

  it('sends no telemetry from a device between its offline/fault and its online', () => {
    expect(day.status.length).toBeGreaterThan(20);
    expect(new Set(day.status.map((event) => event.data.status))).toEqual(new Set(['offline', 'fault', 'online']));
    const down = new Map<string, number>();
    const outages: Array<{ id: string; from: number; until: number }> = [];
    for (const event of day.status) {
      if (event.data.status === 'online') {
        const from = down.get(event.data.deviceId);
        expect(from, `${event.data.deviceId} came online without going down`).toBeDefined();
        outages.push({ id: event.data.deviceId, from: from ?? 0, until: at(event) });
        down.delete(event.data.deviceId);
      } else {
        expect(down.has(event.data.deviceId)).toBe(false);
        down.set(event.data.deviceId, at(event));
      }
    }
    for (const outage of outages) {
      const during = day.telemetry.filter(
        (event) => event.subject === outage.id && at(event) >= outage.from && at(event) < outage.until,
      );
      expect(during).toEqual([]);
    }
  });

  it('reads plausible metrics', () => {
    const water = numbers(day.telemetry, 'waterLevel_m');
    const pm25 = numbers(day.telemetry, 'pm25');
    const cpu = numbers(day.telemetry, 'cpu');
    expect(water.length).toBeGreaterThan(100);
    expect(Math.min(...water)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...water)).toBeLessThan(1.5);
    expect(Math.max(...pm25)).toBeLessThan(150);
    expect(Math.min(...cpu)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...cpu)).toBeLessThanOrEqual(100);
  });

  it('floods the water gauges and knocks devices off line in a typhoon', () => {
    const storm = run({ scenario: 'typhoon', hours: 6 });
    const calm = run({ hours: 6 });
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean(numbers(storm.telemetry, 'waterLevel_m'))).toBeGreaterThan(
      3 * mean(numbers(calm.telemetry, 'waterLevel_m')),
    );
    const failures = (list: Status[]) => list.filter((event) => event.data.status !== 'online').length;
    expect(failures(storm.status)).toBeGreaterThan(5 * Math.max(1, failures(calm.status)));
  });
});
