import { windowParams, type DayWindow } from './day-window';

/**
 * Filters on merged `entity_state` rows (see KpiWarehouse.entities). Times bind through
 * `entityParams`, never spliced.
 */
const ms = (param: string) => `fromUnixTimestamp64Milli({${param}:Int64})`;

/** First seen today: a case reported today, an alarm raised today. */
export const FIRST_SEEN_TODAY = `first_at >= ${ms('startMs')} AND first_at < ${ms('endMs')}`;
/** Active at some point today. */
export const TOUCHED_TODAY = `last_at >= ${ms('startMs')} AND first_at < ${ms('endMs')}`;
/** Latest change today (e.g. closed today when the state is a closing one). */
export const LAST_CHANGE_TODAY = `last_at >= ${ms('startMs')} AND last_at < ${ms('endMs')}`;
/** Still open and heard of within `recentMs` (open cases are not open for ever: stale ones drop off). */
export const RECENT = `last_at >= ${ms('recentMs')}`;
/** An approval case's first 受理 today. */
export const STARTED_TODAY = `started_at >= ${ms('startMs')} AND started_at < ${ms('endMs')}`;

export const detail = (field: string) => `JSONExtractString(detail, '${field}')`;

const DAY_MS = 86_400_000;

export function entityParams(window: DayWindow, recentDays = 30, extra: Record<string, unknown> = {}) {
  return { ...windowParams(window), recentMs: window.now.getTime() - recentDays * DAY_MS, ...extra };
}

/** Sums entity counts per group value over all states. */
export function totalsByValue(rows: ReadonlyArray<{ value: string; count: number }>): Map<string, number> {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(row.value, (totals.get(row.value) ?? 0) + row.count);
  return totals;
}
