import { EVENT_TYPES, type CityEventInput, type Severity } from '@zhongshu/stream';
import { CaseNumbers, OpenCases } from './case-numbers';
import type { CityFacilities, FleetDevice } from './city-facilities';
import type { CityProfile } from './city-profile';
import { fill, pickPlace, placeSlots, type Place } from './place';
import type { Rng, Weighted } from './prng';
import { SAFETY_KINDS, type SafetyKind } from './safety.catalogue';
import { envelope, instantsIn, type SimulationWindow, type SourceSimulator } from './source-simulator';

/** Platform level 1–4 → the wall's severity. */
export function severityOfLevel(level: number): Severity {
  if (level >= 4) return 'critical';
  if (level === 3) return 'major';
  if (level === 2) return 'minor';
  return 'info';
}

interface Alarm {
  alarmId: string;
  kind: SafetyKind;
  level: number;
  place: Place;
  device?: FleetDevice;
  description: string;
  status: 'raised' | 'acknowledged' | 'cleared';
}

const UPDATE_SHARE = 0.25;
const TYPHOON_SHARE = 0.5;
const TYPHOON_ESCALATION = 0.35;
const BURST_SHARE = 0.7;
const ordinary: Weighted<SafetyKind> = SAFETY_KINDS.map((kind) => [kind, kind.weight]);
const stormy: Weighted<SafetyKind> = SAFETY_KINDS.flatMap((kind) =>
  kind.typhoon ? [[kind, kind.typhoon] as const] : [],
);
const burstTopics = SAFETY_KINDS.filter((kind) =>
  ['video_ai.crowd', 'dispute.wage', 'traffic.accident', 'video_ai.road_occupation'].includes(kind.code),
);

/** 综治/治安/消防/交通 alarms; some come back later as acknowledged, then cleared. */
export class SafetySimulator implements SourceSimulator {
  readonly source = 'safety' as const;
  private readonly numbers = new CaseNumbers('GJ');
  private readonly open = new OpenCases<Alarm>(300);

  constructor(
    private readonly profile: CityProfile,
    private readonly rng: Rng,
    private readonly facilities: CityFacilities,
  ) {}

  generate(window: SimulationWindow): CityEventInput[] {
    const count = this.rng.poisson(window.expected);
    return instantsIn(window, count, this.rng.next).map((at) => {
      const earlier = this.rng.chance(UPDATE_SHARE) ? this.open.take(this.rng.next()) : undefined;
      const alarm: Alarm = earlier
        ? { ...earlier, status: earlier.status === 'raised' && this.rng.chance(0.7) ? 'acknowledged' : 'cleared' }
        : this.raise(window, at);
      if (alarm.status !== 'cleared') this.open.add(alarm);
      return this.event(window, at, alarm);
    });
  }

  private raise(window: SimulationWindow, at: Date): Alarm {
    const { rng } = this;
    const typhoon = window.scenario === 'typhoon';
    const burst = window.focus && rng.chance(BURST_SHARE) ? window.focus : undefined;
    const kind = burst
      ? burstTopics[burst.topic % burstTopics.length]
      : rng.weighted(typhoon && rng.chance(TYPHOON_SHARE) ? stormy : ordinary);
    const device = kind.device ? this.pickDevice(kind, burst?.town.code) : undefined;
    const town = this.profile.towns.find((candidate) => candidate.code === device?.townCode) ?? burst?.town;
    const place = pickPlace(this.profile, rng, town, burst?.road);
    // A device alarm is where the device is, not at a random point of its town.
    const located = device ? { ...place, lng: device.lng, lat: device.lat } : place;
    let level = rng.weighted(kind.levels);
    if (typhoon && rng.chance(TYPHOON_ESCALATION)) level = Math.min(4, level + 1);
    return {
      alarmId: this.numbers.next(at),
      kind,
      level,
      place: located,
      device,
      description: `【${kind.name}】${fill(rng.pick(kind.descriptions), placeSlots(place, rng))}`,
      status: 'raised',
    };
  }

  private pickDevice(kind: SafetyKind, townCode?: string): FleetDevice | undefined {
    const candidates = this.facilities.devices.filter((device) => device.kind === kind.device);
    const local = candidates.filter((device) => device.townCode === townCode);
    const pool = local.length > 0 ? local : candidates;
    return pool.length > 0 ? this.rng.pick(pool) : undefined;
  }

  private event(window: SimulationWindow, at: Date, alarm: Alarm): CityEventInput {
    return {
      ...envelope(window, this.source, at, this.profile, alarm.place),
      type: EVENT_TYPES.safetyAlarm,
      subject: alarm.alarmId,
      category: alarm.kind.code,
      severity: severityOfLevel(alarm.level),
      data: {
        alarmId: alarm.alarmId,
        alarmType: alarm.kind.alarmType,
        level: alarm.level,
        description: alarm.description,
        address: alarm.place.address,
        deviceId: alarm.device?.id,
        status: alarm.status,
      },
    };
  }
}
