'use client';

import { useEffect, useRef, useState } from 'react';
import { takePrefetched } from './kpi-prefetch';
import type { ThemeKpis } from './kpi-types';
import { liveStore } from './live-store';
import { wallGet } from './wall-api';
import { THEME_KINDS, type WallTheme } from './wall-themes';

/** However fast events arrive, a theme is asked again at most this often. */
const MIN_REFETCH_MS = 2000;
/** And at least this often, for numbers no event moves (host load, queue length, windows). */
const MAX_REFETCH_MS = 30_000;
const RETRY_MS = 3000;

export interface ThemeKpisState {
  data: ThemeKpis | null;
  /** The last request failed: what is shown is older than it should be. */
  error: boolean;
  /** Epoch ms of the last good answer. */
  fetchedAt: number | null;
}

/**
 * A theme's KPIs, always from the server. Live events are the signal, the API is the truth: an arrival
 * of a kind the theme counts schedules a refetch (throttled), so numbers move within seconds without
 * the browser ever adding anything up. Also refetched on reconnect and when the city's day changes.
 */
export function useThemeKpis(theme: WallTheme, cityDay: string | null): ThemeKpisState {
  const [state, setState] = useState<ThemeKpisState>({ data: null, error: false, fetchedAt: null });
  const refresh = useRef<() => void>(() => undefined);
  const today = useRef(cityDay);
  today.current = cityDay;

  useEffect(() => {
    let disposed = false;
    let inFlight: AbortController | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let dueAt = 0;
    let lastStart = 0;
    let again = false;
    const kinds = THEME_KINDS[theme];

    const schedule = (delay: number) => {
      if (disposed) return;
      if (timer) clearTimeout(timer);
      dueAt = Date.now() + Math.max(0, delay);
      timer = setTimeout(() => void run(), Math.max(0, delay));
    };
    const run = async () => {
      timer = null;
      if (inFlight) {
        again = true;
        return;
      }
      lastStart = Date.now();
      const abort = new AbortController();
      inFlight = abort;
      let ok = false;
      try {
        const data = await (takePrefetched(theme) ?? wallGet<ThemeKpis>(`/api/v1/kpis/${theme}`, abort.signal));
        if (disposed) return;
        // A server clock a little behind the display's answers for yesterday just after midnight: ask again soon.
        ok = today.current === null || data.day >= today.current;
        setState({ data, error: false, fetchedAt: Date.now() });
      } catch {
        if (disposed || abort.signal.aborted) return;
        setState((previous) => ({ ...previous, error: true }));
      } finally {
        inFlight = null;
      }
      if (again) {
        again = false;
        schedule(MIN_REFETCH_MS - (Date.now() - lastStart));
      } else {
        schedule(ok ? MAX_REFETCH_MS : RETRY_MS);
      }
    };
    /** Soon, but not sooner than MIN_REFETCH_MS after the previous request started. */
    const soon = () => {
      if (inFlight) {
        again = true;
        return;
      }
      const wait = Math.max(0, lastStart + MIN_REFETCH_MS - Date.now());
      if (timer && dueAt <= Date.now() + wait) return; // already due that soon
      schedule(wait);
    };

    setState({ data: null, error: false, fetchedAt: null });
    refresh.current = soon;
    void run();
    const store = liveStore();
    const release = store.retain('events');
    const stop = store.listen((next, previous) => {
      if (next.connection === 'online' && previous.connection !== 'online') soon();
      if (next.arrivals.length > 0 && next.arrivals !== previous.arrivals) {
        if (!kinds || next.arrivals.some((event) => kinds.includes(event.kind))) soon();
      }
    });
    return () => {
      disposed = true;
      inFlight?.abort();
      if (timer) clearTimeout(timer);
      stop();
      release();
    };
  }, [theme]);

  // The city's midnight: ask again at once, so "today" starts from the new day's numbers. Until the
  // answer is for the new day the screens show the old numbers as stale (data.day ≠ the clock's day).
  const lastDay = useRef(cityDay);
  useEffect(() => {
    if (cityDay && lastDay.current && cityDay !== lastDay.current) refresh.current();
    lastDay.current = cityDay;
  }, [cityDay]);

  return state;
}
