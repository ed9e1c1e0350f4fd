import type { AreaGeometry, BBox, PolygonCoordinates, Position, Ring } from './geojson.types';

/**
 * Areas are handled internally as a list of polygons ("parts"), so Polygon and MultiPolygon
 * share one code path; `toGeometry` turns them back into the smallest GeoJSON type.
 */
export type Parts = PolygonCoordinates[];

export function partsOf(geometry: AreaGeometry): Parts {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

export function toGeometry(parts: Parts): AreaGeometry {
  return parts.length === 1 ? { type: 'Polygon', coordinates: parts[0] } : { type: 'MultiPolygon', coordinates: parts };
}

export function bboxOf(parts: Parts): BBox {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of parts) {
    // Holes lie inside their outer ring, so the outer rings bound the area.
    for (const [x, y] of polygon[0] ?? []) {
      if (x < box[0]) box[0] = x;
      if (y < box[1]) box[1] = y;
      if (x > box[2]) box[2] = x;
      if (y > box[3]) box[3] = y;
    }
  }
  return box;
}

/** Shoelace area in squared degrees; positive when the ring runs counter-clockwise. */
export function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return sum / 2;
}

/** RFC 7946 §3.1.6: outer rings counter-clockwise, holes clockwise. */
export function orientRfc7946(parts: Parts): Parts {
  return parts.map((polygon) =>
    polygon.map((ring, index) => {
      const counterClockwise = signedArea(ring) > 0;
      const wantCounterClockwise = index === 0;
      return counterClockwise === wantCounterClockwise ? ring : [...ring].reverse();
    }),
  );
}

/** Even-odd ray casting; a ring need not be closed, and a closing edge of zero length counts for nothing. */
export function ringContains(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function polygonContains(polygon: PolygonCoordinates, x: number, y: number): boolean {
  if (!polygon[0] || !ringContains(polygon[0], x, y)) return false;
  for (let h = 1; h < polygon.length; h++) if (ringContains(polygon[h], x, y)) return false;
  return true;
}

export function partsContain(parts: Parts, x: number, y: number): boolean {
  for (const polygon of parts) if (polygonContains(polygon, x, y)) return true;
  return false;
}

/** Area in squared degrees (holes subtracted); only meaningful for comparisons within one city. */
export function areaOf(parts: Parts): number {
  let area = 0;
  for (const polygon of parts) {
    polygon.forEach((ring, index) => {
      area += index === 0 ? Math.abs(signedArea(ring)) : -Math.abs(signedArea(ring));
    });
  }
  return area;
}

function centroidOf(polygon: PolygonCoordinates): Position {
  let cx = 0;
  let cy = 0;
  let twiceArea = 0;
  for (const [index, ring] of polygon.entries()) {
    // Holes must subtract whatever their winding, so orient every ring by its role.
    const sign = signedArea(ring) > 0 === (index === 0) ? 1 : -1;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [x0, y0] = ring[j];
      const [x1, y1] = ring[i];
      const cross = (x0 * y1 - x1 * y0) * sign;
      twiceArea += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    }
  }
  if (twiceArea === 0) return polygon[0][0];
  return [cx / (3 * twiceArea), cy / (3 * twiceArea)];
}

/** Midpoint of the widest stretch of a horizontal line that lies inside the polygon, if any. */
function widestInsideSpan(polygon: PolygonCoordinates, y: number): Position | undefined {
  const xs: number[] = [];
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
    }
  }
  xs.sort((a, b) => a - b);
  let best: Position | undefined;
  let bestWidth = 0;
  for (let k = 0; k + 1 < xs.length; k += 2) {
    const width = xs[k + 1] - xs[k];
    if (width > bestWidth) {
      bestWidth = width;
      best = [(xs[k] + xs[k + 1]) / 2, y];
    }
  }
  return best;
}

/**
 * A point guaranteed inside the area (for labels and tests): the centroid of the largest part
 * when it is inside (concave shapes can put it outside), otherwise the middle of the widest
 * inside span along a few horizontal lines.
 */
export function interiorPoint(parts: Parts): Position {
  const largest = [...parts].sort((a, b) => areaOf([b]) - areaOf([a]))[0];
  if (!largest) throw new Error('interiorPoint of an empty area');
  const centroid = centroidOf(largest);
  if (polygonContains(largest, centroid[0], centroid[1])) return centroid;
  const [, minY, , maxY] = bboxOf([largest]);
  // Odd fractions avoid lines running exactly through grid-aligned vertices.
  for (const fraction of [0.5013, 0.3347, 0.6673, 0.2011, 0.7989, 0.1009, 0.8991]) {
    const point = widestInsideSpan(largest, minY + (maxY - minY) * fraction);
    if (point && polygonContains(largest, point[0], point[1])) return point;
  }
  return largest[0][0];
}

/** Rounds to `decimals` places and drops the repeated and degenerate rings rounding can create. */
export function roundParts(parts: Parts, decimals = 7): Parts {
  const factor = 10 ** decimals;
  const round = (value: number) => Math.round(value * factor) / factor;
  const rounded: Parts = [];
  for (const polygon of parts) {
    const rings: Ring[] = [];
    for (const [index, ring] of polygon.entries()) {
      const out: Ring = [];
      for (const [x, y] of ring) {
        const point: Position = [round(x), round(y)];
        const last = out[out.length - 1];
        if (!last || last[0] !== point[0] || last[1] !== point[1]) out.push(point);
      }
      const first = out[0];
      const last = out[out.length - 1];
      if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0], first[1]]);
      const degenerate = out.length < 4 || signedArea(out) === 0;
      // A polygon whose outer ring collapsed goes away with its holes.
      if (degenerate && index === 0) break;
      if (!degenerate) rings.push(out);
    }
    if (rings.length) rounded.push(rings);
  }
  return rounded;
}
