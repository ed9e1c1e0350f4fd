import type { CityEventInput, SourceKind } from '@zhongshu/stream';
import type { CityProfile, CityTown } from './city-profile';
import { formatCityTime } from './city-time';

export type Scenario = 'normal' | 'typhoon';

/** A short local burst: many events about one topic in one town (一事多诉, a blocked drain after rain…). */
export interface Focus {
  town: CityTown;
  /** One of the town's roads: complaints about one thing cluster on one street. */
  road: string;
  /** Index into the source's own list of burst topics (taken modulo its length). */
  topic: number;
}

/** One slice of simulated time, (from, to], and what the rate model asks of a source in it. */
export interface SimulationWindow {
  from: Date;
  to: Date;
  /** Mean number of events for this source in the window (rhythm, scenario and bursts applied). */
  expected: number;
  scenario: Scenario;
  focus?: Focus;
  /** Next stable event id for this source; the city simulator owns the numbering. */
  nextId: () => string;
}

export interface SourceSimulator {
  readonly source: SourceKind;
  generate(window: SimulationWindow): CityEventInput[];
}

/** CloudEvents `source` attribute for simulated feeds. */
export const simulatorUri = (source: SourceKind): string => `/simulator/${source}`;

/** Random instants inside (from, to], sorted, so a batch reads in time order. */
export function instantsIn(window: Pick<SimulationWindow, 'from' | 'to'>, count: number, roll: () => number): Date[] {
  const end = window.to.getTime();
  const span = end - window.from.getTime();
  const instants: number[] = [];
  for (let i = 0; i < count; i += 1) instants.push(end - Math.floor(roll() * span));
  return instants.sort((a, b) => a - b).map((ms) => new Date(ms));
}

/** Attributes every simulated event shares: id, CloudEvents source, city-local time, district, WGS-84 point. */
export function envelope(
  window: SimulationWindow,
  source: SourceKind,
  at: Date,
  profile: CityProfile,
  point: { lng: number; lat: number },
) {
  return {
    specversion: '1.0' as const,
    id: window.nextId(),
    source: simulatorUri(source),
    time: formatCityTime(at),
    datacontenttype: 'application/json' as const,
    // Town and grid are left to the pipeline: it derives them from the point with the real boundaries.
    region: { code: profile.districtCode, name: profile.districtName },
    location: { lng: round6(point.lng), lat: round6(point.lat), crs: 'WGS84' as const },
  };
}

/** ~0.1 m: what a GPS fix carries, and it keeps batches small. */
const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;
