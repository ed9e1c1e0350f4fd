import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

export type BBox = [number, number, number, number];

/** L7's own map (like Mapbox GL) uses 512-px tiles: zoom z shows the world 512·2^z px wide. */
const TILE_SIZE = 512;

const mercX = (lng: number) => (lng + 180) / 360;
const mercY = (lat: number) => {
  const s = Math.sin((lat * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
};
const latOf = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;

/**
 * Centre and zoom that fit the bbox into width × height px, computed before the scene exists: the map
 * starts where it should instead of animating a fitBounds after load, and a data refresh never moves it.
 */
export function fitView(bbox: BBox, width: number, height: number, padding: number) {
  const [minLng, minLat, maxLng, maxLat] = bbox;
  const x0 = mercX(minLng);
  const x1 = mercX(maxLng);
  const y0 = mercY(maxLat);
  const y1 = mercY(minLat);
  const zoom = Math.log2(
    Math.min((width - 2 * padding) / ((x1 - x0) * TILE_SIZE), (height - 2 * padding) / ((y1 - y0) * TILE_SIZE)),
  );
  const center: [number, number] = [((x0 + x1) / 2) * 360 - 180, latOf((y0 + y1) / 2)];
  return { center, zoom: Number.isFinite(zoom) ? zoom : 10 };
}

export function eachPosition(geometry: Geometry, visit: (p: Position) => void): void {
  switch (geometry.type) {
    case 'Point':
      visit(geometry.coordinates);
      break;
    case 'MultiPoint':
    case 'LineString':
      geometry.coordinates.forEach(visit);
      break;
    case 'MultiLineString':
    case 'Polygon':
      geometry.coordinates.forEach((ring) => ring.forEach(visit));
      break;
    case 'MultiPolygon':
      geometry.coordinates.forEach((poly) => poly.forEach((ring) => ring.forEach(visit)));
      break;
    case 'GeometryCollection':
      geometry.geometries.forEach((g) => eachPosition(g, visit));
      break;
  }
}

export function bboxOf(collection: FeatureCollection): BBox | null {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  for (const feature of collection.features) {
    if (!feature.geometry) continue;
    eachPosition(feature.geometry, ([lng, lat]) => {
      minLng = Math.min(minLng, lng);
      maxLng = Math.max(maxLng, lng);
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
    });
  }
  return Number.isFinite(minLng) ? [minLng, minLat, maxLng, maxLat] : null;
}

/** Area-weighted centroid of the feature's largest ring: good enough for a town name or a 3D column. */
export function labelAnchor(feature: Feature): { point: [number, number]; area: number } | null {
  const geometry = feature.geometry;
  if (!geometry) return null;
  const rings: Position[][] =
    geometry.type === 'Polygon'
      ? [geometry.coordinates[0]]
      : geometry.type === 'MultiPolygon'
        ? geometry.coordinates.map((p) => p[0])
        : [];
  let best: [number, number] | null = null;
  let bestArea = 0;
  for (const ring of rings) {
    let area = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const cross = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
      area += cross;
      cx += (ring[j][0] + ring[i][0]) * cross;
      cy += (ring[j][1] + ring[i][1]) * cross;
    }
    if (Math.abs(area) > bestArea && area !== 0) {
      bestArea = Math.abs(area);
      best = [cx / (3 * area), cy / (3 * area)];
    }
  }
  return best ? { point: best, area: bestArea } : null;
}

export interface PlacedLabel {
  code: string;
  name: string;
  x: number;
  y: number;
}

const LABEL_CHAR_PX = 14;
const LABEL_HEIGHT_PX = 18;

/**
 * Names without overlaps: larger areas first; a name that would collide tries a nudge above, below or to
 * the side, and is left out if none fits.
 */
export function placeLabels(candidates: Array<PlacedLabel & { area: number }>): PlacedLabel[] {
  const placed: Array<{ label: PlacedLabel; x0: number; x1: number; y0: number; y1: number }> = [];
  for (const c of [...candidates].sort((a, b) => b.area - a.area)) {
    const w = c.name.length * LABEL_CHAR_PX + 6;
    const h = LABEL_HEIGHT_PX;
    const offsets = [
      [0, 0],
      [0, -h],
      [0, h],
      [w * 0.6, 0],
      [-w * 0.6, 0],
    ];
    for (const [dx, dy] of offsets) {
      const x = c.x + dx;
      const y = c.y + dy;
      const box = { x0: x - w / 2, x1: x + w / 2, y0: y - h / 2, y1: y + h / 2 };
      if (placed.some((p) => box.x0 < p.x1 && box.x1 > p.x0 && box.y0 < p.y1 && box.y1 > p.y0)) continue;
      placed.push({ label: { code: c.code, name: c.name, x, y }, ...box });
      break;
    }
  }
  return placed.map((p) => p.label);
}
