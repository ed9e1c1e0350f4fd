'use client';

import { useEffect, useState } from 'react';
import { fetchMapJson } from '../../lib/map-api';

/**
 * GETs `url` (with the wall token, if any) on mount and every `intervalMs` (0: once), retrying failures
 * every few seconds; the last good answer stays on screen meanwhile. `null` url: nothing is fetched.
 * `refreshKey` changing triggers a fetch now (e.g. a device changed status).
 */
export function useMapJson<T>(url: string | null, token?: string, intervalMs = 0, refreshKey = 0): T | null {
  const [data, setData] = useState<T | null>(null);
  useEffect(() => {
    if (!url) return;
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      let ok = false;
      try {
        const next = await fetchMapJson<T>(url, token, abort.signal);
        ok = true;
        setData(next);
      } catch {
        if (abort.signal.aborted) return;
      }
      const wait = ok ? intervalMs : 5000;
      if (wait > 0) timer = setTimeout(() => void run(), wait);
    };
    void run();
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [url, token, intervalMs, refreshKey]);
  return data;
}
