import { Delaunay } from 'd3-delaunay';
import { intersection } from 'polygon-clipping';
import type { TownConfig } from './city-config.schema';
import type { Position } from './geojson.types';
import { GisError } from './gis.errors';
import { bboxOf, orientRfc7946, partsContain, type Parts } from './polygon.geometry';

export interface TownArea {
  code: string;
  name: string;
  parts: Parts;
}

/**
 * No open data set has town (乡镇街道) polygons, so each town gets the part of the district
 * nearer to its seat than to any other seat: Voronoi cells clipped to the district. The cells
 * are computed with longitude scaled by cos(latitude) so "nearer" means metres, not degrees.
 */
export function buildTownAreas(district: Parts, towns: readonly TownConfig[]): TownArea[] {
  for (const town of towns) {
    if (!partsContain(district, town.seat[0], town.seat[1])) {
      throw new GisError(
        'CITY_CONFIG_INVALID',
        `Seat of ${town.name} (${town.code}) at ${town.seat.join(',')} lies outside the district`,
      );
    }
  }
  const [minX, minY, maxX, maxY] = bboxOf(district);
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const margin = Math.max(maxX - minX, maxY - minY);
  const voronoi = Delaunay.from(towns.map((t): Position => [t.seat[0] * k, t.seat[1]])).voronoi([
    (minX - margin) * k,
    minY - margin,
    (maxX + margin) * k,
    maxY + margin,
  ]);
  return towns.map((town, index) => {
    const cell = voronoi.cellPolygon(index) as Position[] | null;
    if (!cell) throw new GisError('CITY_CONFIG_INVALID', `Seat of ${town.name} coincides with another seat`);
    const ring = cell.map(([x, y]): Position => [x / k, y]);
    const parts = orientRfc7946(intersection(district, [ring]));
    return { code: town.code, name: town.name, parts };
  });
}
