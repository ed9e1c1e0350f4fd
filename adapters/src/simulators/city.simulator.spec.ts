import type { CityEventInput } from '@zhongshu/stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { CitySimulator, type CitySimulatorOptions } from './city.simulator';
import { HOTLINE_CATEGORIES } from './hotline.catalogue';
import { SAFETY_KINDS } from './safety.catalogue';
import { xiuyingTestProfile } from './test-profile';
import { URBAN_CLASSES } from './urban.catalogue';
import { urbanCategory } from './urban.simulator';

const local = (iso: string) => new Date(`${iso}+08:00`);

function simulator(options: Partial<CitySimulatorOptions> = {}) {
  return new CitySimulator({
    profile: xiuyingTestProfile,
    seed: 42,
    ratePerMinute: 60,
    emit: async () => {},
    ...options,
  });
}

function hour(start: string, options: Partial<CitySimulatorOptions> = {}) {
  const from = local(start);
  return simulator(options).generate(from, new Date(from.getTime() + 3_600_000));
}

const bySource = (events: CityEventInput[], source: string) =>
  events.filter((event) => event.source === `/simulator/${source}`);
/** Strips ids (which carry the seed) so two runs can be compared on content. */
const content = (events: CityEventInput[]) => events.map(({ id: _id, ...rest }) => rest);

describe('CitySimulator determinism', () => {
  it('replays the identical sequence, ids included, for the same seed, profile and clock', () => {
    const a = hour('2026-06-01T09:00:00');
    const b = hour('2026-06-01T09:00:00');
    expect(a.length).toBeGreaterThan(1_000);
    expect(b).toEqual(a);
  });

  it('produces different events for a different seed', () => {
    const a = hour('2026-06-01T09:00:00');
    const b = hour('2026-06-01T09:00:00', { seed: 43 });
    const titles = (events: CityEventInput[]) => bySource(events, 'hotline').map((event) => JSON.stringify(event.data));
    expect(titles(b)).not.toEqual(titles(a));
    expect(content(b)).not.toEqual(content(a));
  });

  it('does not reuse ids when the same seed is restarted at another time', () => {
    const first = new Set(hour('2026-06-01T09:00:00').map((event) => event.id));
    const restarted = hour('2026-06-01T09:30:00');
    expect(restarted.filter((event) => first.has(event.id))).toEqual([]);
  });
});

describe('CitySimulator rhythm, shares and scenarios', () => {
  it('sends far more events in the morning peak than at 3 a.m. at the same rate', () => {
    const peak = hour('2026-06-01T10:00:00');
    const night = hour('2026-06-01T03:00:00');
    expect(peak.length).toBeGreaterThan(3 * night.length);
    expect(bySource(peak, 'hotline').length).toBeGreaterThan(6 * bySource(night, 'hotline').length);
    // The hall is closed at night: no visitors, no ratings.
    expect(bySource(night, 'hall')).toEqual([]);
  });

  it('splits a day roughly by the configured shares', () => {
    const events = simulator({ ratePerMinute: 20, tickMs: 10_000 }).generate(
      local('2026-06-01T00:00:00'),
      local('2026-06-02T00:00:00'),
    );
    const share = (source: string) => bySource(events, source).length / events.length;
    // 20/min over a day is 28,800 before bursts; bursts add ~10% on hotline/urban/safety.
    expect(events.length).toBeGreaterThan(28_000);
    expect(events.length).toBeLessThan(34_000);
    expect(share('hotline')).toBeGreaterThan(0.22);
    expect(share('hotline')).toBeLessThan(0.32);
    expect(share('device')).toBeGreaterThan(0.25);
    expect(share('device')).toBeLessThan(0.33);
    expect(share('hall')).toBeGreaterThan(0.03);
    expect(share('hall')).toBeLessThan(0.07);
  });

  it('floods urban, safety and hotline with storm damage in the typhoon scenario', () => {
    const normal = hour('2026-06-01T14:00:00');
    const typhoon = hour('2026-06-01T14:00:00', { scenario: 'typhoon' });
    for (const source of ['urban', 'safety', 'hotline']) {
      expect(bySource(typhoon, source).length).toBeGreaterThan(4 * bySource(normal, source).length);
    }
    const storm = new Set([
      ...HOTLINE_CATEGORIES.filter((category) => category.typhoon).map((category) => category.code),
      ...URBAN_CLASSES.filter((urbanClass) => urbanClass.typhoon).map(urbanCategory),
      ...SAFETY_KINDS.filter((kind) => kind.typhoon).map((kind) => kind.code),
    ]);
    const stormShare = (events: CityEventInput[]) =>
      events.filter((event) => storm.has(event.category)).length / events.length;
    const people = (events: CityEventInput[]) => events.filter((event) => /hotline|urban|safety/.test(event.source));
    expect(stormShare(people(typhoon))).toBeGreaterThan(0.4);
    expect(stormShare(people(normal))).toBeLessThan(0.15);
    const names = new Set(bySource(typhoon, 'urban').map((event) => (event.data as { className: string }).className));
    expect(names).toContain('树木倒伏');
    expect(names).toContain('道路积水');
    const hotline = new Set(
      bySource(typhoon, 'hotline').map((event) => (event.data as { categoryName: string }).categoryName),
    );
    expect(hotline).toContain('水电气/供电/停电');
    const severe = (events: CityEventInput[]) =>
      events.filter((event) => event.severity === 'major' || event.severity === 'critical').length / events.length;
    expect(severe(people(typhoon))).toBeGreaterThan(2 * severe(people(normal)));
  });

  it('switches scenario live', () => {
    const sim = simulator();
    const before = sim.generate(local('2026-06-01T14:00:00'), local('2026-06-01T14:10:00'));
    sim.setScenario('typhoon');
    const after = sim.generate(local('2026-06-01T14:10:00'), local('2026-06-01T14:20:00'));
    expect(sim.scenario).toBe('typhoon');
    expect(bySource(after, 'safety').length).toBeGreaterThan(3 * bySource(before, 'safety').length);
  });

  it('has random short bursts in normal mode', () => {
    const sim = simulator({ ratePerMinute: 1 });
    let seen = 0;
    for (let minute = 0; minute < 24 * 60; minute += 1) {
      sim.tick(new Date(local('2026-06-01T00:00:00').getTime() + minute * 60_000));
      seen += sim.activeBursts.length > 0 ? 1 : 0;
    }
    // About one burst an hour lasting 3–10 minutes: bursting some of the time, not most of it.
    expect(seen).toBeGreaterThan(30);
    expect(seen).toBeLessThan(600);
  });

  it('covers at most a minute after a stall and nothing when the clock steps back', () => {
    const sim = simulator();
    sim.tick(local('2026-06-01T10:00:00'));
    const afterStall = sim.tick(local('2026-06-01T12:00:00'));
    const earliest = Math.min(...afterStall.map((event) => Date.parse(event.time)));
    expect(earliest).toBeGreaterThanOrEqual(local('2026-06-01T11:59:00').getTime());
    expect(sim.tick(local('2026-06-01T11:00:00'))).toEqual([]);
  });
});

describe('CitySimulator start/stop', () => {
  /** A fake clock one simulated minute per tick, so a few real milliseconds carry plenty of events. */
  const fastClock = () => {
    let at = local('2026-06-01T10:00:00').getTime();
    return () => new Date((at += 60_000));
  };

  it('emits time-ordered batches on its own and stops cleanly', async () => {
    const batches: CityEventInput[][] = [];
    const sim = simulator({ tickMs: 10, now: fastClock(), emit: async (events) => void batches.push(events) });
    sim.start();
    while (batches.length < 5) await sleep(5);
    await sim.stop();
    const emitted = batches.length;
    await sleep(50);
    expect(batches.length).toBe(emitted);
    const times = batches.flat().map((event) => Date.parse(event.time));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(batches.every((batch) => batch.length > 0)).toBe(true);
  });

  it('never has more than one emit in flight and stop() waits for it', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let calls = 0;
    let finished = 0;
    const sim = simulator({
      tickMs: 10,
      now: fastClock(),
      emit: async () => {
        inFlight += 1;
        calls += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await sleep(30);
        inFlight -= 1;
        finished += 1;
      },
    });
    sim.start();
    sim.start(); // a second start must not start a second loop
    while (calls < 3) await sleep(2);
    await sim.stop();
    expect(maxInFlight).toBe(1);
    expect(finished).toBe(calls);
  });

  it('stops and rejects stop() when emit fails and no onError is given', async () => {
    const sim = simulator({ tickMs: 10, now: fastClock(), emit: () => Promise.reject(new Error('bus down')) });
    sim.start();
    await sleep(40);
    await expect(sim.stop()).rejects.toThrow('bus down');
  });

  it('reports a failed emit to onError and keeps going', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const sim = simulator({
      tickMs: 10,
      now: fastClock(),
      onError: (error) => errors.push(error),
      emit: async () => {
        calls += 1;
        if (calls === 1) throw new Error('transient');
      },
    });
    sim.start();
    while (calls < 3) await sleep(2);
    await sim.stop();
    expect(errors).toHaveLength(1);
  });

  it('rejects options that cannot work', () => {
    expect(() => simulator({ ratePerMinute: 0 })).toThrow();
    expect(() => simulator({ seed: 1.5 })).toThrow();
    expect(() => simulator({ profile: { ...xiuyingTestProfile, towns: [] } })).toThrow(/towns/);
  });
});
