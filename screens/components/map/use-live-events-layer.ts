'use client';

import type { LiveEvent, SourceKind } from '@zhongshu/stream/contracts';
import { useEffect, type RefObject } from 'react';
import { liveStore } from '../../lib/live-store';
import { KIND_COLORS } from '../../lib/palette';
import type { MapEngine, PointRow } from './map-engine';
import { isMappable } from './map-filters';
import type { MapHits, Sized } from './map-hits';
import type { MapStats } from './map-stats';

/**
 * The point layer's data is replaced at most this often, however fast events arrive: each replacement
 * re-encodes up to 2,000 points and redraws (~100 ms on a software-rendered GPU). The arrival ring is
 * DOM with a CSS animation, so the eye still sees an event the moment it lands.
 */
const EVENTS_MIN_MS = 1000;
/** Arrival rings running at once. */
const MAX_RINGS = 40;
const SEVERITY_SIZE: Record<LiveEvent['severity'], number> = { info: 4, minor: 4.5, major: 6, critical: 7.5 };

/** Live events as points coloured by source, with a pulse on arrival; straight from the live store. */
export function useLiveEventsLayer(
  engine: MapEngine | null,
  kinds: readonly SourceKind[] | null,
  visible: boolean,
  rings: RefObject<HTMLDivElement | null>,
  hits: MapHits,
  stats: MapStats,
): void {
  useEffect(() => {
    if (!engine) return;
    if (!visible) {
      hits.events = [];
      return;
    }
    const scale = engine.scale;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastPush = 0;
    let shown: readonly LiveEvent[] | null = null;

    const push = () => {
      timer = null;
      const events = liveStore().getState().events;
      if (events === shown) return;
      shown = events;
      lastPush = performance.now();
      const sized: Array<Sized<LiveEvent>> = [];
      const rows: PointRow[] = [];
      // Oldest first, so the newest are drawn on top.
      for (let i = events.length - 1; i >= 0; i--) {
        const event = events[i];
        if (!isMappable(event, kinds)) continue;
        const size = SEVERITY_SIZE[event.severity] * scale;
        sized.push({ item: event, lng: event.lng!, lat: event.lat!, size });
        rows.push({ lng: event.lng!, lat: event.lat!, size, color: KIND_COLORS[event.kind] ?? '#9ab' });
      }
      hits.events = sized;
      stats.set('eventPoints', rows.length);
      engine.setData('events', rows);
    };
    const schedule = () => {
      if (!timer) timer = setTimeout(push, Math.max(0, lastPush + EVENTS_MIN_MS - performance.now()));
    };
    const addRings = (arrivals: readonly LiveEvent[]) => {
      const layer = rings.current;
      if (!layer) return;
      let budget = MAX_RINGS - layer.childElementCount;
      for (const event of arrivals) {
        if (budget <= 0) break;
        if (!isMappable(event, kinds)) continue;
        const p = engine.project(event.lng!, event.lat!);
        const ring = document.createElement('span');
        ring.className = `cmap-ring sev-${event.severity}`;
        ring.style.cssText = `left:${p.x / scale}px;top:${p.y / scale}px;--kind:${KIND_COLORS[event.kind] ?? '#9ab'}`;
        ring.addEventListener('animationend', () => ring.remove(), { once: true });
        layer.appendChild(ring);
        budget--;
      }
    };

    push();
    const stop = liveStore().listen((state, previous) => {
      if (state.events !== previous.events) schedule();
      if (state.arrivals.length > 0 && state.arrivals !== previous.arrivals) addRings(state.arrivals);
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
      hits.events = [];
      engine.setData('events', []);
      stats.set('eventPoints', 0);
    };
  }, [engine, kinds, visible, rings, hits, stats]);
}
