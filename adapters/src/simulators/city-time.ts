/**
 * City-local time for Chinese cities: Asia/Shanghai has been a fixed UTC+8 since 1991 (no daylight
 * saving), so a constant offset is exact and keeps the simulators free of Intl/time-zone data.
 */
export const CITY_UTC_OFFSET_MS = 8 * 3_600_000;

const local = (at: Date | number): Date => new Date((typeof at === 'number' ? at : at.getTime()) + CITY_UTC_OFFSET_MS);

/** Hour of day (0–23) on the city's clock. */
export function cityHour(at: Date | number): number {
  return local(at).getUTCHours();
}

/** Fractional hour of day (e.g. 9.5 for 09:30) on the city's clock. */
export function cityHourOfDay(at: Date | number): number {
  const date = local(at);
  return date.getUTCHours() + date.getUTCMinutes() / 60 + date.getUTCSeconds() / 3600;
}

/** ISO 8601 with the city's offset, e.g. `2026-06-01T09:15:03.120+08:00` — what Chinese platforms send. */
export function formatCityTime(at: Date | number): string {
  return local(at).toISOString().replace('Z', '+08:00');
}

/** `20260601` — the date part of Chinese case numbers. */
export function cityDateStamp(at: Date | number): string {
  return local(at).toISOString().slice(0, 10).replaceAll('-', '');
}

/** `20260601091503` — date and time, as many platforms build ticket numbers. */
export function cityTimeStamp(at: Date | number): string {
  return local(at).toISOString().slice(0, 19).replace(/[-T:]/g, '');
}
