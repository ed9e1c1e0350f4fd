import { afterEach, describe, expect, it } from 'vitest';
import { BUILT_IN_CN_CALENDAR } from './china-holidays.data';
import { CalendarYearMissingError, DAY_MS, HOUR_MS, WorkingCalendar } from './working-calendar';

const bj = (local: string) => new Date(`${local}+08:00`);
const iso = (local: string) => bj(local).toISOString();
const cal = new WorkingCalendar();
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

describe('built-in 2026 arrangement (国办发明电〔2025〕7号)', () => {
  const y2026 = BUILT_IN_CN_CALENDAR['2026'];

  it('has 33 days off and six 调休 make-up working days, all on weekends', () => {
    expect(y2026.holidays).toHaveLength(33);
    expect(y2026.workdays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(y2026.workdays.map(weekday).every((d) => d === 0 || d === 6)).toBe(true);
  });

  it.each([
    ['2026-01-01', 'holiday'], // 元旦, Thursday
    ['2026-01-02', 'holiday'], // Friday off
    ['2026-01-04', 'makeup_workday'], // Sunday 上班
    ['2026-02-14', 'makeup_workday'], // Saturday before 春节
    ['2026-02-16', 'holiday'], // 除夕, Monday
    ['2026-02-23', 'holiday'], // 正月初七, Monday
    ['2026-02-24', 'workday'],
    ['2026-02-28', 'makeup_workday'], // Saturday after 春节
    ['2026-04-06', 'holiday'], // 清明, Monday
    ['2026-05-05', 'holiday'], // 劳动节, Tuesday
    ['2026-05-09', 'makeup_workday'],
    ['2026-06-19', 'holiday'], // 端午, Friday
    ['2026-09-20', 'makeup_workday'], // Sunday before 国庆
    ['2026-09-25', 'holiday'], // 中秋, Friday
    ['2026-10-07', 'holiday'],
    ['2026-10-08', 'workday'],
    ['2026-10-10', 'makeup_workday'], // Saturday after 国庆
    ['2026-03-07', 'weekend'],
    ['2026-03-09', 'workday'],
  ])('%s is a %s', (day, kind) => {
    expect(cal.dayKind(day)).toBe(kind);
  });
});

describe('the working-day rule', () => {
  it('N working days from a working day end at the same clock time on the Nth working day after', () => {
    expect(cal.addWorkingDays(bj('2026-03-02T15:00:00'), 7).toISOString()).toBe(iso('2026-03-11T15:00:00'));
    expect(cal.addWorkingDays(bj('2026-03-06T15:00:00'), 1).toISOString()).toBe(iso('2026-03-09T15:00:00'));
  });

  it('started on a day off, the clock starts with the next working day and ends at 24:00', () => {
    // Accepted Saturday afternoon: 1 working day = all of Monday.
    expect(cal.addWorkingDays(bj('2026-03-07T15:00:00'), 1).toISOString()).toBe(iso('2026-03-10T00:00:00'));
    // Accepted during 国庆: 1 working day = all of Thursday 8 October.
    expect(cal.addWorkingDays(bj('2026-10-03T15:00:00'), 1).toISOString()).toBe(iso('2026-10-09T00:00:00'));
  });

  it('counts a 调休 Saturday as a working day', () => {
    // Friday 13 Feb 10:00 + 1 working day = Saturday 14 Feb 10:00 (调休上班).
    expect(cal.addWorkingDays(bj('2026-02-13T10:00:00'), 1).toISOString()).toBe(iso('2026-02-14T10:00:00'));
    // Saturday 14 Feb 10:00 + 1 = Tuesday 24 Feb 10:00: the whole 春节 break (15–23 Feb) is skipped.
    expect(cal.addWorkingDays(bj('2026-02-14T10:00:00'), 1).toISOString()).toBe(iso('2026-02-24T10:00:00'));
    // A 调休 Sunday: Saturday 3 Jan (holiday) + 1 = end of Sunday 4 Jan.
    expect(cal.addWorkingDays(bj('2026-01-03T12:00:00'), 1).toISOString()).toBe(iso('2026-01-05T00:00:00'));
  });

  it('a holiday spanning the deadline pushes it past the holiday (dispatched the day before 国庆)', () => {
    // Wed 30 Sep 10:00 + 7: Oct 8, 9, 10 (Saturday 调休), 12, 13, 14, 15.
    expect(cal.addWorkingDays(bj('2026-09-30T10:00:00'), 7).toISOString()).toBe(iso('2026-10-15T10:00:00'));
    // 15 working days from the eve of 春节: Fri 13 Feb + 15 = Sat 14 (调休), Feb 24–27, Sat 28 (调休),
    // Mar 2–6, Mar 9–12 → Thursday 12 March.
    expect(cal.addWorkingDays(bj('2026-02-13T10:00:00'), 15).toISOString()).toBe(iso('2026-03-12T10:00:00'));
  });

  it('measures working time between instants, skipping days off', () => {
    expect(cal.workingTimeBetween(bj('2026-03-06T12:00:00'), bj('2026-03-09T12:00:00'))).toBe(24 * HOUR_MS);
    expect(cal.workingTimeBetween(bj('2026-09-30T10:00:00'), bj('2026-10-15T10:00:00'))).toBe(7 * DAY_MS);
    expect(cal.workingTimeBetween(bj('2026-03-09T12:00:00'), bj('2026-03-06T12:00:00'))).toBe(-24 * HOUR_MS);
    expect(cal.workingTimeBetween(bj('2026-10-02T00:00:00'), bj('2026-10-05T00:00:00'))).toBe(0);
  });

  it('adding zero returns the start itself, even on a day off or at a day end', () => {
    const endOfFriday = bj('2026-09-26T00:00:00'); // 24:00 of Friday 25 Sep, a holiday next
    expect(cal.addWorkingTime(endOfFriday, 0).toISOString()).toBe(endOfFriday.toISOString());
    expect(() => cal.addWorkingTime(endOfFriday, -1)).toThrow(RangeError);
  });

  it('adds working hours on whole days (no office hours)', () => {
    expect(cal.addWorkingHours(bj('2026-03-06T23:00:00'), 2).toISOString()).toBe(iso('2026-03-09T01:00:00'));
  });
});

describe('years without an arrangement', () => {
  it('fall back to weekends only by default, and say which years were guessed', () => {
    // Mon 28 Dec 2026 + 7: Dec 29, 30, 31, Fri 1 Jan 2027 (unknown, treated as a working day), Jan 4, 5, 6.
    expect(cal.addWorkingDays(bj('2026-12-28T10:00:00'), 7).toISOString()).toBe(iso('2027-01-06T10:00:00'));
    expect(cal.missingYears(bj('2026-12-28T10:00:00'), bj('2027-01-06T10:00:00'))).toEqual([2027]);
    expect(cal.missingYears(bj('2026-01-01T00:00:00'), bj('2026-12-31T23:00:00'))).toEqual([]);
  });

  it('throw a clear error with missingYear: "error"', () => {
    const strict = new WorkingCalendar({ missingYear: 'error' });
    expect(() => strict.addWorkingDays(bj('2026-12-28T10:00:00'), 7)).toThrow(CalendarYearMissingError);
    expect(() => strict.addWorkingDays(bj('2026-12-28T10:00:00'), 3)).not.toThrow();
  });

  it('take a city configuration for another year, replacing a built-in year as a whole', () => {
    const configured = new WorkingCalendar({ years: { '2027': { holidays: ['2027-01-01'], workdays: [] } } });
    expect(configured.addWorkingDays(bj('2026-12-28T10:00:00'), 7).toISOString()).toBe(iso('2027-01-07T10:00:00'));
    const corrected = new WorkingCalendar({ years: { '2026': { holidays: [], workdays: [] } } });
    expect(corrected.dayKind('2026-10-01')).toBe('workday');
    const bare = new WorkingCalendar({ builtIn: false });
    expect(bare.isConfigured(2026)).toBe(false);
  });

  it('reject a configuration that puts a day in the wrong year or both off and on', () => {
    expect(() => new WorkingCalendar({ years: { '2027': { holidays: ['2026-10-01'], workdays: [] } } })).toThrow(
      /not a valid date in 2027/,
    );
    expect(
      () => new WorkingCalendar({ years: { '2027': { holidays: ['2027-02-06'], workdays: ['2027-02-06'] } } }),
    ).toThrow(/both/);
  });
});

describe('time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    process.env.TZ = original;
  });

  it('uses the city offset, never the process time zone', () => {
    const start = bj('2026-09-30T23:30:00');
    const before = new WorkingCalendar().addWorkingDays(start, 1).toISOString();
    process.env.TZ = 'America/Los_Angeles';
    expect(new WorkingCalendar().addWorkingDays(start, 1).toISOString()).toBe(before);
    expect(before).toBe(iso('2026-10-08T23:30:00'));
    // 00:30 Beijing on 1 Oct is still 30 Sep in UTC: the city date decides.
    expect(new WorkingCalendar().localDate(bj('2026-10-01T00:30:00'))).toBe('2026-10-01');
  });

  it('supports another fixed offset when a deployment needs one', () => {
    const utc = new WorkingCalendar({ utcOffsetMinutes: 0 });
    expect(utc.localDate(bj('2026-10-01T00:30:00'))).toBe('2026-09-30');
  });
});
