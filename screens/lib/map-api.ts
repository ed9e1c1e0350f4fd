import type { LiveEvent, Severity, SourceKind } from '@zhongshu/stream/contracts';

/**
 * The map's own reads from the command API (same origin). Walls may carry a read-only wall token; every
 * call sends it as a bearer token when given. Types mirror command-api/src/gis/map-data.dto.ts and
 * command-api/src/devices/device-positions.dto.ts (the browser bundle does not import zod schemas).
 */
export const MAP_API = {
  city: '/api/v1/gis/city',
  layer: (name: 'district' | 'towns' | 'grids') => `/api/v1/gis/layers/${name}`,
  eventPoints: (kinds: readonly SourceKind[] | null, limit?: number) => {
    const query = new URLSearchParams();
    if (kinds && kinds.length > 0) query.set('kinds', kinds.join(','));
    if (limit) query.set('limit', String(limit));
    const text = query.toString();
    return `/api/v1/gis/event-points${text ? `?${text}` : ''}`;
  },
  event: (id: string) => `/api/v1/gis/events/${encodeURIComponent(id)}`,
  townCounts: '/api/v1/gis/town-counts',
  devices: '/api/v1/devices/positions',
} as const;

export function authHeaders(token?: string): Record<string, string> {
  return token ? { accept: 'application/json', authorization: `Bearer ${token}` } : { accept: 'application/json' };
}

/** `GET /api/v1/gis/city`. */
export interface CityGisInfo {
  name: string;
  districtName: string;
  districtCode: string;
  timeZone: string;
  center: [number, number];
  bbox: [number, number, number, number];
  towns: Array<{ code: string; name: string }>;
}

export async function fetchMapJson<T>(url: string, token?: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: authHeaders(token) });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export interface EventPointsResponse {
  day: string;
  total: number;
  truncated: boolean;
  kinds: SourceKind[];
  severities: Severity[];
  points: { id: string[]; lng: number[]; lat: number[]; k: number[]; s: number[]; t: number[] };
}

export interface EventDetailResponse extends LiveEvent {
  grid?: string;
  address?: string;
}

export type SourceKindCounts = Record<SourceKind, number>;

export interface TownCountsResponse {
  day: string;
  towns: Array<{ code: string; name: string; total: number; byKind: SourceKindCounts }>;
}

export type MapDeviceStatus = 'online' | 'offline' | 'fault' | 'silent';

export interface MapDevice {
  id: string;
  type: string;
  category: string;
  status: MapDeviceStatus;
  since?: string;
  lastSeen: string;
  townName?: string;
  lng: number;
  lat: number;
}

export interface DevicePositionsResponse {
  devices: MapDevice[];
  counts: Record<MapDeviceStatus, number>;
}
