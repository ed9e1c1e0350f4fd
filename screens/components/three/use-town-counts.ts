'use client';

import { useEffect, useState } from 'react';
import { liveStore } from '../../lib/live-store';
import { MAP_API, type TownCountsResponse } from '../../lib/map-api';
import { useLive } from '../../lib/use-live';
import { KIND_ORDER } from '../map/cluster-protocol';
import { isRoutine } from '../map/map-filters';
import { useMapJson } from '../map/use-map-json';

/** The warehouse's counts are read again this often; live arrivals are added in between. */
const RESYNC_MS = 60_000;

export interface TownCounts {
  /** Town code → counts by kind (KIND_ORDER). */
  byTown: ReadonlyMap<string, readonly number[]>;
  total: number;
}

/**
 * Today's events per town: the per-minute view's totals (GET /api/v1/gis/town-counts), plus every live
 * arrival since, by town name. Each resync replaces the sum, so an arrival counted twice around a
 * resync is corrected within a minute.
 */
export function useTownCounts(token?: string): TownCounts | null {
  const base = useMapJson<TownCountsResponse>(MAP_API.townCounts, token, RESYNC_MS);
  const [counts, setCounts] = useState<TownCounts | null>(null);
  useLive(['events'], (state) => state.connection);

  useEffect(() => {
    if (!base) return;
    const byTown = new Map(base.towns.map((town) => [town.code, KIND_ORDER.map((kind) => town.byKind[kind] ?? 0)]));
    const codeByName = new Map(base.towns.map((town) => [town.name, town.code]));
    const publish = () =>
      setCounts({
        byTown: new Map(byTown),
        total: [...byTown.values()].reduce((sum, byKind) => sum + byKind.reduce((a, b) => a + b, 0), 0),
      });
    publish();
    return liveStore().listen((state, previous) => {
      if (state.arrivals.length === 0 || state.arrivals === previous.arrivals) return;
      let changed = false;
      for (const event of state.arrivals) {
        const code = event.townName ? codeByName.get(event.townName) : undefined;
        if (!code || isRoutine(event)) continue;
        const byKind = byTown.get(code);
        const k = KIND_ORDER.indexOf(event.kind);
        if (!byKind || k < 0) continue;
        byTown.set(
          code,
          byKind.map((n, i) => (i === k ? n + 1 : n)),
        );
        changed = true;
      }
      if (changed) publish();
    });
  }, [base]);

  return counts;
}
