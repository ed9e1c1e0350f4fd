import { cityDay } from '@zhongshu/stream';

/** "Today" in the city: every KPI of a theme is computed over the same window. */
export interface DayWindow {
  day: string;
  timeZone: string;
  start: Date;
  end: Date;
  now: Date;
  /** Hour starts of the day, for hourly series. */
  hours: Date[];
  /** Start of the city's calendar month (月度 rates). */
  monthStart: Date;
}

export function dayWindow(now: Date, timeZone: string): DayWindow {
  const { day, start, end } = cityDay(now, timeZone);
  const hours: Date[] = [];
  for (let at = start.getTime(); at < end.getTime(); at += 3_600_000) hours.push(new Date(at));
  // Midday of the month's first day, then that day's start: safe whatever the zone's offset.
  const firstMidday = new Date(start.getTime() - (Number(day.slice(8, 10)) - 1) * 86_400_000 + 12 * 3_600_000);
  return { day, timeZone, start, end, now, hours, monthStart: cityDay(firstMidday, timeZone).start };
}

/** Bind parameters for the window: seconds for `DateTime` columns, milliseconds for `DateTime64`. */
export function windowParams(window: DayWindow): Record<string, number> {
  return {
    startS: Math.floor(window.start.getTime() / 1000),
    endS: Math.floor(window.end.getTime() / 1000),
    startMs: window.start.getTime(),
    endMs: window.end.getTime(),
    nowMs: window.now.getTime(),
  };
}
