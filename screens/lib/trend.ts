import type { SourceKind } from '@zhongshu/stream/contracts';
import type { Overview } from './api';
import { KINDS } from './palette';

export interface TrendSeries {
  /** Epoch ms of each minute, oldest first. */
  minutes: number[];
  values: Record<SourceKind, number[]>;
}

/** A full axis of `length` minutes ending at the newest bucket: missing minutes are zeros, not gaps. */
export function trendSeries(overview: Overview | null, length: number): TrendSeries {
  const byMinute = new Map<number, Overview['trend'][number]['counts']>();
  for (const bucket of overview?.trend ?? []) {
    const ms = Date.parse(bucket.minute);
    if (Number.isFinite(ms)) byMinute.set(ms, bucket.counts);
  }
  const last = byMinute.size > 0 ? Math.max(...byMinute.keys()) : Math.floor(Date.now() / 60_000) * 60_000;
  const minutes: number[] = [];
  const values = Object.fromEntries(KINDS.map((kind) => [kind, [] as number[]])) as Record<SourceKind, number[]>;
  for (let i = length - 1; i >= 0; i--) {
    const minute = last - i * 60_000;
    minutes.push(minute);
    const counts = byMinute.get(minute);
    for (const kind of KINDS) values[kind].push(counts?.[kind] ?? 0);
  }
  return { minutes, values };
}
