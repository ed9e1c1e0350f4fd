import type { SourceKind } from '@zhongshu/stream';
import { cityHour } from './city-time';

/**
 * How busy a city is at each local hour, relative to its daily mean: quiet after midnight, a
 * morning peak 09–11 when offices open and people call about what broke overnight, an afternoon
 * plateau, a small evening bump (noise, street vending, traffic). Shape from typical 12345 intake curves.
 */
const CITY_DAY = [
  0.22, 0.15, 0.12, 0.1, 0.1, 0.16, 0.35, 0.7, 1.25, 1.85, 1.95, 1.7, 1.15, 1.1, 1.45, 1.5, 1.45, 1.3, 1.05, 1.1, 1.15,
  0.9, 0.6, 0.35,
];

/** Service-hall opening hours (city time): 09:00–12:00 and 14:00–17:00. */
const HALL_HOURS = new Set([9, 10, 11, 14, 15, 16]);
export const HALL_OPEN_HOURS_PER_DAY = HALL_HOURS.size;

const normalise = (values: number[]): number[] => {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return values.map((value) => value / mean);
};

const CITY = normalise(CITY_DAY);
const HALL = normalise(CITY_DAY.map((value, hour) => (HALL_HOURS.has(hour) ? value : 0)));
/** Window intake in opening hours, plus online applications (网上办) around the clock. */
const APPROVAL = normalise(CITY.map((value, hour) => 0.3 * value + 0.7 * (HALL[hour] ?? 0)));

const wrap = (hour: number): number => ((Math.floor(hour) % 24) + 24) % 24;

/** Rate multiplier for a city-local hour (0–23); the 24 values average exactly 1. */
export function hourlyMultiplier(hour: number): number {
  return CITY[wrap(hour)] ?? 1;
}

export function isHallOpen(at: Date | number): boolean {
  return HALL_HOURS.has(cityHour(at));
}

/**
 * Per-source multiplier at an instant; every curve averages 1 over a day, so a source's share of the
 * daily total holds. Devices report on a timer, halls follow opening hours, people follow the city's day.
 */
export function sourceMultiplier(source: SourceKind, at: Date | number): number {
  const hour = cityHour(at);
  switch (source) {
    case 'device':
      return 1;
    case 'hall':
      return HALL[hour] ?? 0;
    case 'approval':
      return APPROVAL[hour] ?? 0;
    default:
      return CITY[hour] ?? 1;
  }
}
