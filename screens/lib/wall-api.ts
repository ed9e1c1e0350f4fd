'use client';

import { useEffect, useState } from 'react';
import { apiHeaders } from './wall-params';

/** `GET /api/v1/gis/city`: what the wall needs of the city. */
export interface WallCity {
  name: string;
  districtName: string;
  districtCode: string;
  timeZone: string;
  center: [number, number];
  bbox: [number, number, number, number];
}

export async function wallGet<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: apiHeaders(), cache: 'no-store' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

let cityPromise: Promise<WallCity> | null = null;

function loadCity(): Promise<WallCity> {
  cityPromise ??= wallGet<WallCity>('/api/v1/gis/city').catch((error: unknown) => {
    cityPromise = null;
    throw error;
  });
  return cityPromise;
}

// Asked for as soon as the code loads, before the page hydrates (see kpi-prefetch.ts).
if (typeof window !== 'undefined') loadCity().catch(() => undefined);

/** The configured city, fetched once per page and retried until it comes. */
export function useCity(): WallCity | null {
  const [city, setCity] = useState<WallCity | null>(null);
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = () => {
      loadCity().then(
        (value) => {
          if (!cancelled) setCity(value);
        },
        () => {
          if (!cancelled) timer = setTimeout(attempt, 3000);
        },
      );
    };
    attempt();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, []);
  return city;
}
