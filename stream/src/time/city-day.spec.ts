import { describe, expect, it } from 'vitest';
import { cityDay } from './city-day';

describe('cityDay', () => {
  it('rolls over at Beijing midnight, not UTC midnight', () => {
    // 2026-11-21 23:30 UTC is already 2026-11-22 07:30 in Haikou.
    const today = cityDay(new Date('2026-11-21T23:30:00Z'), 'Asia/Shanghai');
    expect(today.day).toBe('2026-11-22');
    expect(today.start.toISOString()).toBe('2026-11-21T16:00:00.000Z');
    expect(today.end.toISOString()).toBe('2026-11-22T16:00:00.000Z');
  });

  it('keeps 23:59 local time in the same day', () => {
    expect(cityDay(new Date('2026-11-21T15:59:59Z'), 'Asia/Shanghai').day).toBe('2026-11-21');
    expect(cityDay(new Date('2026-11-21T16:00:00Z'), 'Asia/Shanghai').day).toBe('2026-11-22');
  });

  it('handles a zone with daylight saving (23-hour day)', () => {
    const day = cityDay(new Date('2026-03-08T12:00:00Z'), 'America/New_York');
    expect(day.day).toBe('2026-03-08');
    expect(day.end.getTime() - day.start.getTime()).toBe(23 * 3_600_000);
  });
});
