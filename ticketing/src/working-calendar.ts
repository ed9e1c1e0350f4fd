import { z } from 'zod';
import { BUILT_IN_CN_CALENDAR, type CalendarConfig, type CalendarYear } from './china-holidays.data';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Beijing time. China has had no daylight saving since 1991, so a fixed offset is exact. */
export const CHINA_UTC_OFFSET_MINUTES = 480;

/**
 * What to do when a computation reaches a year with no arrangement (the State Council publishes the next
 * year's in November, and a deployment may not have been updated):
 * - `weekends` (default): treat Saturday and Sunday as the only days off and let the caller flag the
 *   result as provisional (see `missingYears`); a work order must never fail to open because of a calendar gap.
 * - `error`: throw `CalendarYearMissingError`, for cities that prefer a hard stop.
 */
export type MissingYearMode = 'weekends' | 'error';

export interface WorkingCalendarOptions {
  /** The city's years; each replaces the built-in year of the same number as a whole. */
  years?: CalendarConfig;
  /** Use the built-in national arrangements (2025, 2026). Default true. */
  builtIn?: boolean;
  /** City offset from UTC in minutes; default +08:00. Never the process time zone. */
  utcOffsetMinutes?: number;
  missingYear?: MissingYearMode;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

export class CalendarYearMissingError extends Error {
  readonly code = 'CALENDAR_YEAR_MISSING';
  constructor(readonly year: number) {
    super(`no working-day calendar configured for ${year}`);
    this.name = 'CalendarYearMissingError';
  }
}

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a YYYY-MM-DD date');
const calendarYearSchema = z.object({ holidays: z.array(isoDay), workdays: z.array(isoDay) });

/** Validates a city's calendar file: dates belong to their year and no day is both off and on. */
export const calendarConfigSchema = z
  .record(z.string().regex(/^\d{4}$/), calendarYearSchema)
  .superRefine((years, ctx) => {
    for (const [year, { holidays, workdays }] of Object.entries(years)) {
      for (const day of [...holidays, ...workdays]) {
        if (!day.startsWith(`${year}-`) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
          ctx.addIssue({ code: 'custom', path: [year], message: `${day} is not a valid date in ${year}` });
        }
      }
      const off = new Set(holidays);
      for (const day of workdays) {
        if (off.has(day))
          ctx.addIssue({ code: 'custom', path: [year], message: `${day} is both a holiday and a workday` });
      }
    }
  });

// A calendar that yields no working day for ten years is misconfigured; stop instead of looping.
const MAX_SCAN_DAYS = 3660;

/**
 * Working-day arithmetic on whole local days. The rule (README, "Calendar rule"): working time runs from
 * 00:00 to 24:00 of every working day and not at all on other days, so a limit of N working days is
 * N × 24 h of working time. Started at 15:00 on a working day, it ends at 15:00 on the Nth working day
 * after; started on a day off, it ends at 24:00 of the Nth working day. Office hours are deliberately not
 * modelled: 12345 centres run around the clock and units are judged on calendar days.
 */
export class WorkingCalendar {
  readonly utcOffsetMinutes: number;
  readonly missingYear: MissingYearMode;
  private readonly offsetMs: number;
  private readonly years = new Map<number, { off: Set<string>; on: Set<string> }>();
  private readonly dayCache = new Map<number, boolean>();

  constructor(options: WorkingCalendarOptions = {}) {
    this.utcOffsetMinutes = options.utcOffsetMinutes ?? CHINA_UTC_OFFSET_MINUTES;
    this.missingYear = options.missingYear ?? 'weekends';
    this.offsetMs = this.utcOffsetMinutes * MINUTE_MS;
    const configured = calendarConfigSchema.parse(options.years ?? {});
    const merged: CalendarConfig = { ...(options.builtIn === false ? {} : BUILT_IN_CN_CALENDAR), ...configured };
    for (const [year, days] of Object.entries(merged)) this.years.set(Number(year), toSets(days));
  }

  isConfigured(year: number): boolean {
    return this.years.has(year);
  }

  /** The city-local calendar date of an instant. */
  localDate(at: Date): string {
    return new Date(at.getTime() + this.offsetMs).toISOString().slice(0, 10);
  }

  dayKind(day: string): DayKind {
    const dayStart = Date.parse(`${day}T00:00:00Z`);
    if (Number.isNaN(dayStart)) throw new RangeError(`not a date: ${day}`);
    const weekend = [0, 6].includes(new Date(dayStart).getUTCDay());
    const year = this.years.get(Number(day.slice(0, 4)));
    if (!year && this.missingYear === 'error') throw new CalendarYearMissingError(Number(day.slice(0, 4)));
    if (year?.on.has(day)) return 'makeup_workday';
    if (year?.off.has(day)) return 'holiday';
    return weekend ? 'weekend' : 'workday';
  }

  isWorkingDay(day: string): boolean {
    const kind = this.dayKind(day);
    return kind === 'workday' || kind === 'makeup_workday';
  }

  /** The instant `ms` of working time after `start`. Zero returns `start` itself, even on a day off. */
  addWorkingTime(start: Date, ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`working time must be a finite non-negative number`);
    if (ms === 0) return new Date(start.getTime());
    let local = start.getTime() + this.offsetMs;
    let remaining = ms;
    for (let scanned = 0; scanned <= MAX_SCAN_DAYS; scanned++) {
      const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
      const dayEnd = dayStart + DAY_MS;
      if (this.isWorkingLocalDay(dayStart)) {
        const available = dayEnd - local;
        // `<=` keeps an end exactly at 24:00 on that day instead of sliding to the next working morning.
        if (remaining <= available) return new Date(local + remaining - this.offsetMs);
        remaining -= available;
      }
      local = dayEnd;
    }
    throw new RangeError('no working day found within ten years; check the calendar configuration');
  }

  addWorkingDays(start: Date, days: number): Date {
    return this.addWorkingTime(start, days * DAY_MS);
  }

  addWorkingHours(start: Date, hours: number): Date {
    return this.addWorkingTime(start, hours * HOUR_MS);
  }

  /** Working time in milliseconds between two instants; negative when `to` is before `from`. */
  workingTimeBetween(from: Date, to: Date): number {
    if (to.getTime() < from.getTime()) return -this.workingTimeBetween(to, from);
    let local = from.getTime() + this.offsetMs;
    const end = to.getTime() + this.offsetMs;
    let total = 0;
    while (local < end) {
      const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
      const segmentEnd = Math.min(dayStart + DAY_MS, end);
      if (this.isWorkingLocalDay(dayStart)) total += segmentEnd - local;
      local = segmentEnd;
    }
    return total;
  }

  /** Years touched by [from, to] that have no arrangement; non-empty means results there are provisional. */
  missingYears(from: Date, to: Date): number[] {
    const first = Number(this.localDate(from).slice(0, 4));
    const last = Number(this.localDate(to).slice(0, 4));
    const missing: number[] = [];
    for (let year = Math.min(first, last); year <= Math.max(first, last); year++) {
      if (!this.years.has(year)) missing.push(year);
    }
    return missing;
  }

  private isWorkingLocalDay(localDayStart: number): boolean {
    const cached = this.dayCache.get(localDayStart);
    if (cached !== undefined) return cached;
    const working = this.isWorkingDay(new Date(localDayStart).toISOString().slice(0, 10));
    if (this.dayCache.size > 20_000) this.dayCache.clear();
    this.dayCache.set(localDayStart, working);
    return working;
  }
}

function toSets(year: CalendarYear): { off: Set<string>; on: Set<string> } {
  return { off: new Set(year.holidays), on: new Set(year.workdays) };
}

export function createWorkingCalendar(options: WorkingCalendarOptions = {}): WorkingCalendar {
  return new WorkingCalendar(options);
}
