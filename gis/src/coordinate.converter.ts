import gcoord from 'gcoord';

/** The systems positions arrive in: GPS (WGS-84), AMap/Tencent (GCJ-02), Baidu (BD-09). */
export const COORDINATE_SYSTEMS = ['WGS84', 'GCJ02', 'BD09'] as const;
export type CoordinateSystem = (typeof COORDINATE_SYSTEMS)[number];

export interface LngLat {
  lng: number;
  lat: number;
}

/** Same shape as the event contract's `location`; `crs` defaults to WGS-84 as it does there. */
export interface LocatedPoint extends LngLat {
  crs?: CoordinateSystem;
}

const GCOORD_CRS = { WGS84: gcoord.WGS84, GCJ02: gcoord.GCJ02, BD09: gcoord.BD09 } as const;

/**
 * GCJ-02 and BD-09 are obfuscated offsets defined only inside mainland China; gcoord returns
 * positions outside China unchanged, which is the behaviour every Chinese map SDK shares.
 */
export function convert(point: LngLat, from: CoordinateSystem, to: CoordinateSystem): LngLat {
  if (from === to) return { lng: point.lng, lat: point.lat };
  const [lng, lat] = gcoord.transform([point.lng, point.lat], GCOORD_CRS[from], GCOORD_CRS[to]);
  return { lng, lat };
}

export function toWgs84(location: LocatedPoint): LngLat {
  return convert(location, location.crs ?? 'WGS84', 'WGS84');
}
