import { EVENT_TYPES, type CityEventInput } from '@zhongshu/stream';
import { describe, expect, it } from 'vitest';
import { buildFacilities } from './city-facilities';
import { HallSimulator } from './hall.simulator';
import { Rng } from './prng';
import { isHallOpen } from './rhythm';
import { drive } from './source-driver';
import { xiuyingTestProfile } from './test-profile';

type Queue = Extract<CityEventInput, { type: typeof EVENT_TYPES.hallQueue }>;
type Rating = Extract<CityEventInput, { type: typeof EVENT_TYPES.hallEvaluation }>;

// 6 hall events a minute at the daily mean: the default city rate (120/min) × the 5% hall share.
const facilities = buildFacilities(xiuyingTestProfile, new Rng(1));
const events = drive(new HallSimulator(xiuyingTestProfile, new Rng(12), facilities, 6), {
  from: new Date('2026-06-01T00:00:00+08:00'),
  to: new Date('2026-06-02T00:00:00+08:00'),
  perMinute: 6,
  stepMs: 2_000,
});
const queue = events.filter((event): event is Queue => event.type === EVENT_TYPES.hallQueue);
const ratings = events.filter((event): event is Rating => event.type === EVENT_TYPES.hallEvaluation);
const at = (event: CityEventInput) => Date.parse(event.time);

describe('HallSimulator', () => {
  it('issues numbers only in opening hours', () => {
    const taken = queue.filter((event) => event.data.action === 'take_number');
    expect(taken.length).toBeGreaterThan(500);
    for (const event of taken) expect(isHallOpen(at(event))).toBe(true);
    expect(taken[0]?.data.ticketNo).toMatch(/^[A-H]001$/);
  });

  it('calls each taken number once, with the real wait and a consistent queue length', () => {
    const takenAt = new Map<string, number>();
    let waiting = 0;
    let longest = 0;
    for (const { time, data } of queue) {
      if (data.action === 'take_number') {
        takenAt.set(data.ticketNo ?? '', Date.parse(time));
        waiting += 1;
      }
      if (data.action === 'call') {
        const taken = takenAt.get(data.ticketNo ?? '');
        expect(taken, `${data.ticketNo} called but never taken`).toBeDefined();
        expect(data.waitSeconds).toBe(Math.round((Date.parse(time) - (taken ?? 0)) / 1000));
        takenAt.delete(data.ticketNo ?? '');
        waiting -= 1;
        longest = Math.max(longest, data.waitSeconds ?? 0);
      }
      expect(data.waitingCount).toBe(waiting);
    }
    // By evening everyone who took a number has been served.
    expect(waiting).toBe(0);
    expect(longest).toBeLessThan(2 * 3600);
  });

  it('logs windows in after opening and out after closing', () => {
    const last = new Map<string, string>();
    const eveningCut = Date.parse('2026-06-01T20:00:00+08:00');
    const states = queue.filter((event) => event.data.windowState && at(event) < eveningCut);
    for (const { data } of states) last.set(data.windowNo ?? '', data.windowState ?? '');
    expect(last.size).toBe(facilities.hall.windows.length);
    expect(new Set(last.values())).toEqual(new Set(['logged_out']));
    expect(new Set(queue.map((event) => event.data.windowState))).toEqual(
      new Set([undefined, 'idle', 'serving', 'paused', 'logged_out']),
    );
  });

  it('collects mostly 5-star 好差评, with a comment on every bad one', () => {
    expect(ratings.length).toBeGreaterThan(200);
    const fives = ratings.filter((event) => event.data.rating === 5).length;
    expect(fives / ratings.length).toBeGreaterThan(0.8);
    const bad = ratings.filter((event) => event.data.rating <= 2);
    expect(bad.length).toBeGreaterThan(0);
    for (const event of bad) {
      expect(event.data.comment).toBeTruthy();
      expect(event.severity).toBe('minor');
    }
    const windows = new Set(facilities.hall.windows.map((window) => window.no));
    for (const event of ratings) expect(windows.has(event.data.windowNo ?? '')).toBe(true);
  });
});
