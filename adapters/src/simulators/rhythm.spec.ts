import { describe, expect, it } from 'vitest';
import { cityHour, formatCityTime } from './city-time';
import { hourlyMultiplier, isHallOpen, sourceMultiplier } from './rhythm';

/** 2026-06-01 at a city-local hour. */
const local = (hour: number, minute = 0) =>
  new Date(`2026-06-01T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`);

describe('hourlyMultiplier', () => {
  const hours = Array.from({ length: 24 }, (_, hour) => hourlyMultiplier(hour));

  it('averages 1 over the day, so ratePerMinute is the daily mean', () => {
    expect(hours.reduce((sum, value) => sum + value, 0) / 24).toBeCloseTo(1, 10);
  });

  it('is low at night and peaks in the 09–11 morning', () => {
    const peak = Math.max(...hours);
    expect(hours.indexOf(peak)).toBeGreaterThanOrEqual(9);
    expect(hours.indexOf(peak)).toBeLessThanOrEqual(11);
    expect(hourlyMultiplier(10) / hourlyMultiplier(3)).toBeGreaterThan(10);
    for (const night of [1, 2, 3, 4]) expect(hourlyMultiplier(night)).toBeLessThan(0.3);
  });

  it('holds an afternoon plateau above the mean and has a small evening bump', () => {
    for (const afternoon of [14, 15, 16]) expect(hourlyMultiplier(afternoon)).toBeGreaterThan(1.1);
    expect(hourlyMultiplier(20)).toBeGreaterThan(hourlyMultiplier(18));
    expect(hourlyMultiplier(20)).toBeLessThan(hourlyMultiplier(10));
  });

  it('wraps hours outside 0–23', () => {
    expect(hourlyMultiplier(24)).toBe(hourlyMultiplier(0));
    expect(hourlyMultiplier(-1)).toBe(hourlyMultiplier(23));
  });
});

describe('sourceMultiplier', () => {
  it('keeps devices flat and closes the hall at night and over lunch', () => {
    expect(sourceMultiplier('device', local(3))).toBe(1);
    expect(sourceMultiplier('hall', local(3))).toBe(0);
    expect(sourceMultiplier('hall', local(12, 30))).toBe(0);
    expect(sourceMultiplier('hall', local(10))).toBeGreaterThan(2);
    expect(isHallOpen(local(9, 5))).toBe(true);
    expect(isHallOpen(local(17, 30))).toBe(false);
  });

  it('keeps online applications coming in at night, far fewer than by day', () => {
    expect(sourceMultiplier('approval', local(3))).toBeGreaterThan(0);
    expect(sourceMultiplier('approval', local(10))).toBeGreaterThan(10 * sourceMultiplier('approval', local(3)));
  });

  it('averages 1 over a day for every source', () => {
    for (const source of ['hotline', 'urban', 'safety', 'device', 'approval', 'hall'] as const) {
      const mean =
        Array.from({ length: 24 }, (_, hour) => sourceMultiplier(source, local(hour))).reduce((a, b) => a + b) / 24;
      expect(mean).toBeCloseTo(1, 10);
    }
  });
});

describe('city time', () => {
  it('uses the city clock (UTC+8), not UTC', () => {
    const at = new Date('2026-06-01T17:30:00Z');
    expect(cityHour(at)).toBe(1);
    expect(formatCityTime(at)).toBe('2026-06-02T01:30:00.000+08:00');
  });
});
