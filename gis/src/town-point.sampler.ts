import type { LngLat } from './coordinate.converter';
import { bboxOf, interiorPoint, partsContain, type Parts } from './polygon.geometry';

const MAX_TRIES = 1000;

/**
 * Uniform over the area by rejection sampling in its bounding box. Generated town areas fill a
 * good share of their box, so a hit takes a few tries; the cap only guards a degenerate area.
 */
export function samplePointIn(parts: Parts, rng: () => number): LngLat {
  const [minX, minY, maxX, maxY] = bboxOf(parts);
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    const lng = minX + rng() * (maxX - minX);
    const lat = minY + rng() * (maxY - minY);
    if (partsContain(parts, lng, lat)) return { lng, lat };
  }
  const [lng, lat] = interiorPoint(parts);
  return { lng, lat };
}
