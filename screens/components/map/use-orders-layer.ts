'use client';

import type { LiveOrder, SourceKind } from '@zhongshu/stream/contracts';
import { useEffect } from 'react';
import { WARNING_COLORS } from '../../lib/map-palette';
import { liveStore } from '../../lib/live-store';
import { WARNING_RANK } from '../../lib/open-orders';
import type { MapEngine, PointRow } from './map-engine';
import type { MapHits, Sized } from './map-hits';
import type { MapStats } from './map-stats';

/**
 * The layer takes new data at most this often: a busy intake (or the deadline scheduler turning a
 * thousand orders yellow at once) sends deltas every frame, and each update redraws the whole map.
 */
const ORDERS_MIN_MS = 1000;

/**
 * Open work orders with a position, coloured by deadline state; empty until orders exist. The orders
 * come from the page's live store (the `orders` channel, capped to the most urgent), retained only
 * while the layer is shown.
 */
export function useOrdersLayer(
  engine: MapEngine | null,
  kinds: readonly SourceKind[] | null,
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
        // Later deadline states draw bigger and on top: an overdue order must not hide under a calm one.
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
    const store = liveStore();
    const take = (orders: readonly LiveOrder[]) => {
      latest = orders;
      if (!timer) timer = setTimeout(push, Math.max(0, lastPush + ORDERS_MIN_MS - performance.now()));
    };
    const release = store.retain('orders');
    const stopListening = store.listen((state, previous) => {
      if (state.orders !== previous.orders) take(state.orders);
    });
    take(store.getState().orders);
    return () => {
      stopListening();
      release();
      if (timer) clearTimeout(timer);
      hits.orders = [];
      engine.setData('orders', []);
    };
  }, [engine, kinds, visible, hits, stats]);
}
