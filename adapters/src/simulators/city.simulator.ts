import type { CityEventInput, SourceKind } from '@zhongshu/stream';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { ApprovalSimulator } from './approval.simulator';
import { BurstPlanner, type Burst } from './bursts';
import { buildFacilities, type CityFacilities } from './city-facilities';
import type { CityProfile } from './city-profile';
import { DeviceSimulator } from './device.simulator';
import { HallSimulator } from './hall.simulator';
import { HotlineSimulator } from './hotline.simulator';
import { hashSeed, Rng } from './prng';
import { sourceMultiplier } from './rhythm';
import { SafetySimulator } from './safety.simulator';
import type { Scenario, SourceSimulator } from './source-simulator';
import { UrbanSimulator } from './urban.simulator';

/** Each source's share of the total at the daily mean. */
export const SOURCE_SHARES: Readonly<Record<SourceKind, number>> = {
  hotline: 0.25,
  urban: 0.2,
  safety: 0.1,
  device: 0.3,
  approval: 0.1,
  hall: 0.05,
};

/**
 * Typhoon (台风) multipliers: storm damage floods 12345, 城管 and 110/119; halls close early and
 * applications dry up. Device telemetry runs on its timer regardless (outages rise instead).
 */
export const TYPHOON_FACTORS: Readonly<Record<SourceKind, number>> = {
  hotline: 5,
  urban: 7,
  safety: 8,
  device: 1,
  approval: 0.5,
  hall: 0.3,
};

/** After a stall (laptop asleep, event loop blocked) the next tick covers at most this much time. */
export const MAX_CATCH_UP_MS = 60_000;

const numericOptions = z.object({
  seed: z.number().int().min(0).max(0xffffffff),
  ratePerMinute: z.number().positive().max(1_000_000).default(120),
  tickMs: z.number().int().min(10).max(60_000).default(1000),
  scenario: z.enum(['normal', 'typhoon']).default('normal'),
});

export interface CitySimulatorOptions {
  profile: CityProfile;
  /** Everything (ids included) follows from the seed (a uint32), the profile and the clock. */
  seed: number;
  /** Events per minute across all sources at the daily mean; default 120. */
  ratePerMinute?: number;
  scenario?: Scenario;
  /** Injectable clock for event times; default `() => new Date()`. */
  now?: () => Date;
  /** Receives each tick's batch, time-ordered; the next tick waits for it (backpressure). */
  emit: (events: CityEventInput[]) => Promise<void>;
  /** Real time between ticks when started; default 1000. */
  tickMs?: number;
  /**
   * A failed `emit`: with a handler, that batch is dropped and the simulator carries on; without one
   * the simulator stops and `stop()` rejects with the error.
   */
  onError?: (error: unknown) => void;
}

/** Drives the six source simulators with a daily rhythm, scenarios and bursts. */
export class CitySimulator {
  readonly facilities: CityFacilities;
  private readonly profile: CityProfile;
  private readonly seed: number;
  private readonly ratePerMinute: number;
  private readonly tickMs: number;
  private readonly now: () => Date;
  private readonly emit: (events: CityEventInput[]) => Promise<void>;
  private readonly onError?: (error: unknown) => void;
  private readonly sources: SourceSimulator[];
  private readonly bursts: BurstPlanner;
  private readonly sequences = new Map<SourceKind, number>();
  private scenarioNow: Scenario;
  private runTag?: string;
  private lastTickAt?: number;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(options: CitySimulatorOptions) {
    const parsed = numericOptions.parse(options);
    this.profile = options.profile;
    this.seed = parsed.seed;
    this.ratePerMinute = parsed.ratePerMinute;
    this.tickMs = parsed.tickMs;
    this.scenarioNow = parsed.scenario;
    this.now = options.now ?? (() => new Date());
    this.emit = options.emit;
    this.onError = options.onError;
    if (this.profile.towns.length === 0 || this.profile.towns.some((town) => town.roads.length === 0)) {
      throw new Error('CitySimulator: the profile needs towns, each with at least one road');
    }
    // The fleet and hall depend on the city only, so devices keep their place whatever the seed.
    this.facilities = buildFacilities(this.profile, new Rng(hashSeed('facilities', this.profile.districtCode)));
    const rng = (label: string) => Rng.derive(this.seed, label);
    this.sources = [
      new HotlineSimulator(this.profile, rng('hotline')),
      new UrbanSimulator(this.profile, rng('urban')),
      new SafetySimulator(this.profile, rng('safety'), this.facilities),
      new DeviceSimulator(this.profile, rng('device'), this.facilities, this.ratePerMinute * SOURCE_SHARES.device),
      new ApprovalSimulator(this.profile, rng('approval')),
      new HallSimulator(this.profile, rng('hall'), this.facilities, this.ratePerMinute * SOURCE_SHARES.hall),
    ];
    this.bursts = new BurstPlanner(this.profile, rng('bursts'));
  }

  get scenario(): Scenario {
    return this.scenarioNow;
  }

  /** Switch scenario live, e.g. when the operator declares a typhoon; takes effect on the next tick. */
  setScenario(scenario: Scenario): void {
    this.scenarioNow = scenario;
  }

  get activeBursts(): readonly Burst[] {
    return this.bursts.current;
  }

  /**
   * Events for the time since the previous tick (one tick length on the first call, at most
   * MAX_CATCH_UP_MS), ordered by time. Pure of timers: tests and replays call it directly.
   */
  tick(at: Date): CityEventInput[] {
    const to = at.getTime();
    const from = this.lastTickAt === undefined ? to - this.tickMs : Math.max(this.lastTickAt, to - MAX_CATCH_UP_MS);
    // A clock that stands still or steps back produces nothing rather than duplicate time.
    if (to <= from) return [];
    this.lastTickAt = to;
    // Ids carry the first tick's time so a restart with the same seed never reuses an id the
    // pipeline has already deduplicated.
    this.runTag ??= Math.floor(to / 1000).toString(36);
    this.bursts.advance(from, to);
    const minutes = (to - from) / 60_000;
    const scenario = this.scenarioNow;
    const batch: CityEventInput[] = [];
    for (const simulator of this.sources) {
      const source = simulator.source;
      const burst = this.bursts.activeFor(source, to);
      const factor = scenario === 'typhoon' ? TYPHOON_FACTORS[source] : 1;
      const expected =
        this.ratePerMinute *
        SOURCE_SHARES[source] *
        sourceMultiplier(source, to) *
        factor *
        (burst?.factor ?? 1) *
        minutes;
      const window = {
        from: new Date(from),
        to: at,
        expected,
        scenario,
        focus: burst?.focus,
        nextId: () => this.nextId(source),
      };
      batch.push(...simulator.generate(window));
    }
    return batch
      .map((event) => ({ event, at: Date.parse(event.time) }))
      .sort((a, b) => a.at - b.at)
      .map(({ event }) => event);
  }

  /** Every tick from `from` to `to` (tick length apart) in one time-ordered array, without timers. */
  generate(from: Date, to: Date): CityEventInput[] {
    this.lastTickAt ??= from.getTime();
    const events: CityEventInput[] = [];
    for (let at = from.getTime() + this.tickMs; at <= to.getTime(); at += this.tickMs) {
      for (const event of this.tick(new Date(at))) events.push(event);
    }
    return events;
  }

  /** Ticks every `tickMs` of real time until `stop()`; never more than one tick in flight. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
    // The loop's failure is reported through stop(); keep Node from flagging it as unhandled meanwhile.
    this.loop.catch(() => undefined);
  }

  /** Resolves once the in-flight tick (and its emit) has finished; rejects if emit failed unhandled. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    const loop = this.loop;
    this.loop = undefined;
    await loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const started = performance.now();
      const events = this.tick(this.now());
      if (events.length > 0) {
        try {
          await this.emit(events);
        } catch (error) {
          if (!this.onError) {
            this.running = false;
            throw error;
          }
          this.onError(error);
        }
      }
      if (this.running) await this.sleep(this.tickMs - (performance.now() - started));
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.wake = done;
    });
  }

  private nextId(source: SourceKind): string {
    const sequence = (this.sequences.get(source) ?? 0) + 1;
    this.sequences.set(source, sequence);
    return `sim-${source}-${this.profile.districtCode}-${this.seed}-${this.runTag ?? '0'}-${sequence}`;
  }
}
