import { EVENT_TYPES, type CityEventInput } from '@zhongshu/stream';
import type { CityFacilities, DeviceKind, FleetDevice } from './city-facilities';
import type { CityProfile } from './city-profile';
import { readMetrics } from './device-metrics';
import type { Rng } from './prng';
import { envelope, instantsIn, type SimulationWindow, type SourceSimulator } from './source-simulator';

/** A device drops off or faults about once every two days: a few an hour across a ~200 fleet. */
const MEAN_MS_BETWEEN_FAILURES = 2 * 24 * 3_600_000;
/** Storms cut power and links: many more devices drop off. */
const TYPHOON_STATUS_FACTOR = 20;

const FAULTS: Partial<Record<DeviceKind, readonly string[]>> = {
  camera: ['视频信号丢失', '画面遮挡', '云台控制失灵'],
  nvr: ['硬盘故障', '录像丢失'],
  kiosk: ['打印机缺纸', '身份证读卡器故障'],
  queue_machine: ['热敏打印机卡纸'],
  evaluation_pad: ['触摸屏无响应'],
  server: ['磁盘阵列降级', '风扇故障'],
  network: ['端口频繁抖动', '电源模块故障'],
};
const SENSOR_FAULTS = ['电池电量低', '传感器读数异常', '探头脏污'];
const OFFLINE_REASONS = ['心跳超时', '网络中断', '设备掉电'];

interface Outage {
  status: 'offline' | 'fault';
  from: number;
  until: number;
  reason: string;
}

interface Pending {
  at: number;
  build: (window: SimulationWindow) => CityEventInput;
}

/**
 * 物联感知: a fixed fleet reporting telemetry on a fixed period (each device at its own phase, like
 * real firmware), plus occasional offline/fault and the matching online when it comes back.
 * A device that is down sends no telemetry.
 */
export class DeviceSimulator implements SourceSimulator {
  readonly source = 'device' as const;
  private readonly periodMs: number;
  private readonly phases: number[];
  private readonly outages = new Map<string, Outage>();
  private readonly byId: Map<string, FleetDevice>;

  /** `telemetryPerMinute`: the fleet's total report rate; the per-device period follows from it. */
  constructor(
    private readonly profile: CityProfile,
    private readonly rng: Rng,
    private readonly facilities: CityFacilities,
    telemetryPerMinute: number,
  ) {
    // Whole milliseconds keep report instants exact, so a report on a window edge is sent exactly once.
    this.periodMs = Math.max(1, Math.round((facilities.devices.length / Math.max(telemetryPerMinute, 1e-6)) * 60_000));
    this.phases = facilities.devices.map(() => Math.floor(rng.next() * this.periodMs));
    this.byId = new Map(facilities.devices.map((device) => [device.id, device]));
  }

  get reportPeriodMs(): number {
    return this.periodMs;
  }

  generate(window: SimulationWindow): CityEventInput[] {
    const to = window.to.getTime();
    const typhoon = window.scenario === 'typhoon';
    // Failures first: an outage that starts and ends inside one long window still gets its online event.
    const pending: Pending[] = this.failures(window);
    pending.push(...this.recoveries(to));
    const from = window.from.getTime();
    this.facilities.devices.forEach((device, index) => {
      // Windows are contiguous, so "first report after from" is the next one due; reports the simulator
      // slept through (a stall beyond the catch-up cap) are skipped, not replayed.
      for (let at = this.firstAfter(this.phases[index] ?? 0, from); at <= to; at += this.periodMs) {
        if (!this.isDown(device.id, at)) pending.push({ at, build: (w) => this.telemetry(w, device, at, typhoon) });
      }
    });
    return pending.sort((a, b) => a.at - b.at).map((item) => item.build(window));
  }

  /** The device's first report instant strictly after `from`. */
  private firstAfter(phase: number, from: number): number {
    return phase + (Math.floor((from - phase) / this.periodMs) + 1) * this.periodMs;
  }

  private isDown(deviceId: string, at: number): boolean {
    const outage = this.outages.get(deviceId);
    return outage !== undefined && outage.from <= at && at < outage.until;
  }

  private recoveries(to: number): Pending[] {
    const back: Pending[] = [];
    for (const [deviceId, outage] of this.outages) {
      const device = this.byId.get(deviceId);
      if (!device || outage.until > to) continue;
      this.outages.delete(deviceId);
      back.push({ at: outage.until, build: (w) => this.status(w, device, outage.until, 'online', '恢复上线') });
    }
    return back;
  }

  private failures(window: SimulationWindow): Pending[] {
    const { rng } = this;
    const factor = window.scenario === 'typhoon' ? TYPHOON_STATUS_FACTOR : 1;
    const span = window.to.getTime() - window.from.getTime();
    const count = rng.poisson(((this.facilities.devices.length * span) / MEAN_MS_BETWEEN_FAILURES) * factor);
    const down: Pending[] = [];
    for (const instant of instantsIn(window, count, rng.next)) {
      const at = instant.getTime();
      const device = rng.pick(this.facilities.devices);
      if (this.outages.has(device.id)) continue;
      const status = rng.chance(0.6) ? 'offline' : 'fault';
      const reason =
        status === 'offline'
          ? window.scenario === 'typhoon' && rng.chance(0.6)
            ? '台风导致供电中断'
            : rng.pick(OFFLINE_REASONS)
          : rng.pick(FAULTS[device.kind] ?? SENSOR_FAULTS);
      // Field crews take minutes to hours; never shorter than one tick so the outage is visible.
      const until = at + Math.round(rng.between(2, 90) * 60_000);
      this.outages.set(device.id, { status, from: at, until, reason });
      down.push({ at, build: (w) => this.status(w, device, at, status, reason) });
    }
    return down;
  }

  private telemetry(window: SimulationWindow, device: FleetDevice, at: number, typhoon: boolean): CityEventInput {
    const metrics = readMetrics(device, new Date(at), this.rng, typhoon);
    const lowBattery = typeof metrics.battery_pct === 'number' && metrics.battery_pct < 58;
    return {
      ...envelope(window, this.source, new Date(at), this.profile, device),
      type: EVENT_TYPES.deviceTelemetry,
      subject: device.id,
      category: device.kind,
      severity: 'info',
      data: { deviceId: device.id, deviceType: device.type, metrics, quality: lowBattery ? 'uncertain' : 'good' },
    };
  }

  private status(
    window: SimulationWindow,
    device: FleetDevice,
    at: number,
    status: 'online' | 'offline' | 'fault',
    reason: string,
  ): CityEventInput {
    return {
      ...envelope(window, this.source, new Date(at), this.profile, device),
      type: EVENT_TYPES.deviceStatus,
      subject: device.id,
      category: device.kind,
      severity: status === 'online' ? 'info' : status === 'offline' ? 'minor' : 'major',
      data: { deviceId: device.id, deviceType: device.type, status, reason: `${device.name}：${reason}` },
    };
  }
}
