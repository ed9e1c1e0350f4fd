import type { FleetDevice } from './city-facilities';
import { cityHourOfDay } from './city-time';
import type { Rng } from './prng';

export type Metrics = Record<string, number | boolean>;

const r1 = (value: number): number => Math.round(value * 10) / 10;
const r2 = (value: number): number => Math.round(value * 100) / 100;
const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/** 0 at 04:00, 1 at 16:00 on the city clock: heat, load and traffic follow the day. */
const dayCurve = (at: Date): number => (1 - Math.cos(((cityHourOfDay(at) - 4) / 24) * 2 * Math.PI)) / 2;

/**
 * One reading per device kind, in the units the README lists. Values sit in a plausible band for
 * a coastal southern city; a typhoon floods the water-level gauges and washes the air clean.
 */
export function readMetrics(device: FleetDevice, at: Date, rng: Rng, typhoon: boolean): Metrics {
  const day = dayCurve(at);
  const battery = r1(rng.between(55, 100));
  switch (device.kind) {
    case 'water_level':
      return {
        waterLevel_m: r2(clamp(typhoon ? rng.between(0.8, 2.8) : rng.normal(0.35, 0.12), 0.02, 4)),
        battery_pct: battery,
        signal_dbm: Math.round(rng.between(-95, -60)),
      };
    case 'air_quality': {
      const pm25 = clamp(typhoon ? rng.normal(8, 3) : rng.normal(14 + 8 * day, 5), 2, 150);
      return {
        pm25: Math.round(pm25),
        pm10: Math.round(pm25 * rng.between(1.4, 2)),
        temperature: r1(25 + 7 * day + rng.normal(0, 0.6) - (typhoon ? 3 : 0)),
        humidity: Math.round(clamp(90 - 25 * day + rng.normal(0, 4) + (typhoon ? 10 : 0), 35, 100)),
      };
    }
    case 'manhole': {
      const open = rng.chance(typhoon ? 0.05 : 0.003);
      return { tilt_deg: r1(open ? rng.between(20, 90) : rng.between(0, 2)), coverOpen: open, battery_pct: battery };
    }
    case 'smoke':
      return {
        smoke_pct: r2(rng.between(0, 0.3)),
        temperature: r1(26 + 5 * day + rng.normal(0, 1)),
        battery_pct: battery,
      };
    case 'gas':
      return { lel_pct: r1(clamp(rng.normal(0.6, 0.5), 0, 100)), battery_pct: battery };
    case 'camera':
      return {
        bitrate_kbps: Math.round(rng.between(2048, 4096)),
        fps: rng.chance(0.97) ? 25 : Math.round(rng.between(8, 24)),
        packetLoss_pct: r2(clamp(rng.normal(0.2, 0.3), 0, 20)),
      };
    case 'nvr':
      return {
        disk: r1(rng.between(62, 94)),
        channelsOnline: Math.round(rng.between(10, 12)),
        temperature: r1(rng.between(38, 52)),
      };
    case 'kiosk':
    case 'queue_machine':
      return {
        cpu: r1(clamp(5 + 35 * day + rng.normal(0, 5), 1, 100)),
        mem: r1(rng.between(35, 70)),
        paper_pct: Math.round(rng.between(10, 100)),
        temperature: r1(rng.between(32, 45)),
      };
    case 'evaluation_pad':
      return { battery_pct: battery, wifi_dbm: Math.round(rng.between(-70, -40)) };
    case 'server':
      return {
        cpu: r1(clamp(12 + 55 * day + rng.normal(0, 8), 1, 100)),
        mem: r1(clamp(45 + 30 * day + rng.normal(0, 4), 5, 100)),
        disk: r1(rng.between(40, 88)),
        temperature: r1(38 + 20 * day + rng.normal(0, 2)),
        netIn_mbps: r1(5 + 180 * day * rng.between(0.6, 1.2)),
        netOut_mbps: r1(3 + 120 * day * rng.between(0.6, 1.2)),
      };
    case 'network':
      return {
        cpu: r1(clamp(8 + 30 * day + rng.normal(0, 5), 1, 100)),
        mem: r1(rng.between(30, 60)),
        throughput_mbps: r1(50 + 700 * day * rng.between(0.7, 1.1)),
        temperature: r1(rng.between(40, 55)),
      };
  }
}
