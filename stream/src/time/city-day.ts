/**
 * "Today" on a wall is the city's calendar day, not the server's or UTC's: a Beijing-time wall
 * must roll over at local midnight even when the server runs in UTC.
 */
export interface CityDay {
  /** YYYY-MM-DD in the city's time zone. */
  day: string;
  start: Date;
  end: Date;
}

// Building an Intl.DateTimeFormat costs far more than using one; the pipeline asks per event.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

// Offsets change only at whole-hour instants in practice, so one lookup per zone and UTC hour serves
// every event in that hour.
const offsetCache = new Map<string, number>();
function offsetMinutes(at: Date, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(at.getTime() / 3_600_000)}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  if (offsetCache.size > 10_000) offsetCache.clear();
  const offset = computeOffsetMinutes(at, timeZone);
  offsetCache.set(key, offset);
  return offset;
}

function computeOffsetMinutes(at: Date, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(at);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

export function cityDay(at: Date, timeZone: string): CityDay {
  const offset = offsetMinutes(at, timeZone);
  const local = new Date(at.getTime() + offset * 60_000);
  const day = local.toISOString().slice(0, 10);
  const startLocalAsUtc = Date.parse(`${day}T00:00:00Z`);
  const start = new Date(
    startLocalAsUtc - offsetMinutes(new Date(startLocalAsUtc - offset * 60_000), timeZone) * 60_000,
  );
  const nextDay = new Date(startLocalAsUtc + 36 * 3_600_000).toISOString().slice(0, 10);
  const nextLocalAsUtc = Date.parse(`${nextDay}T00:00:00Z`);
  const end = new Date(nextLocalAsUtc - offsetMinutes(new Date(nextLocalAsUtc - offset * 60_000), timeZone) * 60_000);
  return { day, start, end };
}

/** `2026-11-21 08:05:03.120` in UTC: the DateTime64 text ClickHouse reads without extra settings. */
export function toClickHouseTime(at: Date): string {
  return at.toISOString().replace('T', ' ').replace('Z', '');
}

/** Just the YYYY-MM-DD of `at` in the city: the per-event hot path of the pipeline. */
export function cityDayOf(at: Date, timeZone: string): string {
  return new Date(at.getTime() + offsetMinutes(at, timeZone) * 60_000).toISOString().slice(0, 10);
}
