'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import type { KindCounts, Overview } from './api';
import { liveStore } from './live-store';

/** How often live arrivals are folded into the trend: the chart need not move every frame. */
const FOLD_MS = 5000;

/**
 * The per-minute trend comes from the warehouse every 30 s; in between, events arriving live are
 * counted into their minute so the chart and sparklines keep moving. Each refetch replaces the
 * local counts with the warehouse's, so any drift lasts one refresh at most.
 */
export function useLiveTrend(overview: Overview | null): Overview | null {
  const extra = useRef(new Map<number, KindCounts>());
  /** The overview the local counts are on top of; a new fetch starts them afresh. */
  const base = useRef<Overview | null>(null);
  const dirty = useRef(false);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const release = liveStore().retain('events');
    const stop = liveStore().listen((state, previous) => {
      if (state.arrivals.length === 0 || state.arrivals === previous.arrivals) return;
      for (const event of state.arrivals) {
        const ms = Date.parse(event.time);
        if (!Number.isFinite(ms)) continue;
        const minute = Math.floor(ms / 60_000) * 60_000;
        const counts = extra.current.get(minute) ?? {};
        counts[event.kind] = (counts[event.kind] ?? 0) + 1;
        extra.current.set(minute, counts);
        dirty.current = true;
      }
    });
    const timer = setInterval(() => {
      if (!dirty.current) return;
      dirty.current = false;
      setVersion((v) => v + 1);
    }, FOLD_MS);
    return () => {
      clearInterval(timer);
      stop();
      release();
    };
  }, []);

  return useMemo(() => {
    void version;
    if (base.current !== overview) {
      base.current = overview;
      extra.current = new Map();
    }
    if (!overview || extra.current.size === 0) return overview;
    const first = overview.trend.length > 0 ? Date.parse(overview.trend[0].minute) : -Infinity;
    const buckets = new Map<number, KindCounts>();
    for (const bucket of overview.trend) buckets.set(Date.parse(bucket.minute), { ...bucket.counts });
    for (const [minute, counts] of extra.current) {
      if (minute < first) continue;
      const target = buckets.get(minute) ?? {};
      for (const [kind, n] of Object.entries(counts) as Array<[keyof KindCounts, number]>)
        target[kind] = (target[kind] ?? 0) + n;
      buckets.set(minute, target);
    }
    const trend = [...buckets.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([minute, counts]) => ({ minute: new Date(minute).toISOString(), counts }));
    return { ...overview, trend };
  }, [overview, version]);
}
