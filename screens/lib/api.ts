'use client';

import type { SourceKind } from '@zhongshu/stream/contracts';
import type { FeatureCollection, Geometry } from 'geojson';
import { useEffect, useState } from 'react';
import { apiHeaders } from './wall-params';

/** Same origin as the page: the command API serves the exported screens. */
export const API = {
  overview: (trendMinutes: number) => `/api/v1/kpis/overview?trendMinutes=${trendMinutes}`,
  city: '/api/v1/gis/city',
  layer: (name: 'district' | 'towns' | 'grids') => `/api/v1/gis/layers/${name}`,
} as const;

export type KindCounts = Partial<Record<SourceKind, number>>;

export interface Overview {
  day: string;
  totals: KindCounts;
  trend: Array<{ minute: string; counts: KindCounts }>;
}

export interface CityInfo {
  name: string;
  districtName: string;
  center: [number, number];
  bbox: [number, number, number, number];
}

export interface AreaProperties {
  code: string;
  name: string;
}
export type AreaCollection = FeatureCollection<Geometry, AreaProperties>;

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: apiHeaders() });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export interface Polled<T> {
  data: T | null;
  error: boolean;
}

/**
 * GETs `url` on mount and then every `intervalMs` (0: once, retrying failures). A failure keeps
 * the last good data on screen and retries sooner; a wall must recover by itself.
 */
export function usePolled<T>(url: string, intervalMs = 0, retryMs = 5000): Polled<T> {
  const [state, setState] = useState<Polled<T>>({ data: null, error: false });
  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      let ok = false;
      try {
        const data = await getJson<T>(url, abort.signal);
        ok = true;
        setState({ data, error: false });
      } catch {
        if (abort.signal.aborted) return;
        setState((previous) => ({ data: previous.data, error: true }));
      }
      const wait = ok ? intervalMs : retryMs;
      if (wait > 0) timer = setTimeout(() => void run(), wait);
    };
    void run();
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [url, intervalMs, retryMs]);
  return state;
}
