import type { CityEventInput } from '@zhongshu/stream';
import { sourceMultiplier } from './rhythm';
import type { Scenario, SourceSimulator } from './source-simulator';

export interface DriveOptions {
  from: Date;
  to: Date;
  /** The source's own daily-mean rate (the city simulator would pass total × share). */
  perMinute: number;
  scenario?: Scenario;
  stepMs?: number;
}

/**
 * Runs one source simulator over a time range with the daily rhythm but no bursts or scenario
 * multipliers: for specs and tools that study one feed without paying for the other five.
 */
export function drive(simulator: SourceSimulator, options: DriveOptions): CityEventInput[] {
  const stepMs = options.stepMs ?? 5_000;
  const events: CityEventInput[] = [];
  let sequence = 0;
  const nextId = () => `drive-${simulator.source}-${(sequence += 1)}`;
  for (let from = options.from.getTime(); from < options.to.getTime(); from += stepMs) {
    const to = new Date(Math.min(from + stepMs, options.to.getTime()));
    const expected = options.perMinute * sourceMultiplier(simulator.source, to) * ((to.getTime() - from) / 60_000);
    const window = { from: new Date(from), to, expected, scenario: options.scenario ?? 'normal', nextId };
    for (const event of simulator.generate(window)) events.push(event);
  }
  return events;
}
