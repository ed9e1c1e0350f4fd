'use client';

import type { LiveOrder, SourceKind } from '@zhongshu/stream/contracts';
import { useEffect } from 'react';
import { WARNING_COLORS } from '../../lib/map-palette';
import { listenToOrders } from '../../lib/map-orders';
import type { MapEngine, PointRow } from './map-engine';
import type { MapHits, Sized } from './map-hits';
import type { MapStats } from './map-stats';

/**
 * The layer takes new data at most this often: a busy intake (or the deadline scheduler turning a
 * thousand orders yellow at once) sends deltas every frame, and each update redraws the whole map.
 */
const ORDERS_MIN_MS = 1000;

/** Later deadline states draw bigger and on top: an overdue order must not hide under a calm one. */
const WARNING_RANK: Record<LiveOrder['warning'], number> = { none: 0, yellow: 1, orange: 2, red: 3, overdue: 4 };

/** Open work orders with a position, coloured by deadline state; empty until orders exist. */
export function useOrdersLayer(
  engine: MapEngine | null,
  kinds: readonly SourceKind[] | null,
  token: string | undefined,
  visible: boolean,
  hits: MapHits,
  stats: MapStats,
): void {
  useEffect(() => {
    if (!engine || !visible) return;
    const scale = engine.scale;
    let latest: readonly LiveOrder[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastPush = 0;
    const push = () => {
      timer = null;
      lastPush = performance.now();
      const placed = latest
        .filter((order) => Number.isFinite(order.lng) && Number.isFinite(order.lat))
        .filter((order) => !kinds || !order.source || kinds.includes(order.source))
        .sort((a, b) => WARNING_RANK[a.warning] - WARNING_RANK[b.warning]);
      const sized: Array<Sized<LiveOrder>> = [];
      const rows: PointRow[] = [];
      for (const order of placed) {
        const size = (6 + WARNING_RANK[order.warning]) * scale;
        sized.push({ item: order, lng: order.lng!, lat: order.lat!, size });
        rows.push({ lng: order.lng!, lat: order.lat!, size, color: WARNING_COLORS[order.warning] });
      }
      hits.orders = sized;
      stats.set('orders', rows.length);
      engine.setData('orders', rows);
    };
    const stop = listenToOrders((orders) => {
      latest = orders;
      if (!timer) timer = setTimeout(push, Math.max(0, lastPush + ORDERS_MIN_MS - performance.now()));
    }, token);
    return () => {
      stop();
      if (timer) clearTimeout(timer);
      hits.orders = [];
      engine.setData('orders', []);
    };
  }, [engine, kinds, token, visible, hits, stats]);
}
