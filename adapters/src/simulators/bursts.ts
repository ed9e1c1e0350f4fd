import type { SourceKind } from '@zhongshu/stream';
import type { CityProfile } from './city-profile';
import type { Rng, Weighted } from './prng';
import type { Focus } from './source-simulator';

export type BurstSource = Extract<SourceKind, 'hotline' | 'urban' | 'safety'>;

export interface Burst {
  source: BurstSource;
  focus: Focus;
  /** Rate multiplier for the source while the burst lasts. */
  factor: number;
  from: number;
  until: number;
}

const SOURCES: Weighted<BurstSource> = [
  ['hotline', 50],
  ['urban', 30],
  ['safety', 20],
];

/**
 * Random short bursts, as real feeds have them: a water main breaks and 12345 rings about one street
 * for ten minutes, a market spills onto the road, a crowd gathers. About one every `meanGapMs`,
 * lasting 3–10 minutes at 2.5–5× the source's rate; at most one per source at a time.
 */
export class BurstPlanner {
  private active: Burst[] = [];

  constructor(
    private readonly profile: CityProfile,
    private readonly rng: Rng,
    private readonly meanGapMs = 60 * 60_000,
  ) {}

  get current(): readonly Burst[] {
    return this.active;
  }

  advance(from: number, to: number): void {
    this.active = this.active.filter((burst) => burst.until > from);
    if (!this.rng.chance((to - from) / this.meanGapMs)) return;
    const source = this.rng.weighted(SOURCES);
    if (this.active.some((burst) => burst.source === source)) return;
    const town = this.rng.pick(this.profile.towns);
    this.active.push({
      source,
      focus: { town, road: this.rng.pick(town.roads), topic: this.rng.int(0, 1_000) },
      factor: this.rng.between(2.5, 5),
      from: to,
      until: to + Math.round(this.rng.between(3, 10) * 60_000),
    });
  }

  activeFor(source: SourceKind, at: number): Burst | undefined {
    return this.active.find((burst) => burst.source === source && burst.from <= at && at < burst.until);
  }
}
