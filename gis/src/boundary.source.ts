import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CityConfig } from './city-config.schema';
import { convert } from './coordinate.converter';
import type { AreaGeometry } from './geojson.types';
import { GisError } from './gis.errors';
import { orientRfc7946, partsOf, type Parts } from './polygon.geometry';

export interface DistrictBoundary {
  code: string;
  name: string;
  /** WGS-84, RFC 7946 winding. */
  parts: Parts;
}

interface SourceFeature {
  id?: unknown;
  properties?: { name?: unknown } | null;
  geometry?: { type?: unknown; coordinates?: unknown } | null;
}

function packageRoot(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

function isAreaGeometry(geometry: SourceFeature['geometry']): geometry is AreaGeometry {
  return (
    !!geometry &&
    (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') &&
    Array.isArray(geometry.coordinates)
  );
}

/**
 * Reads the city's district boundaries. The package also ships echarts' compressed
 * ("UTF8Encoding") .js files; its .geojson files hold the same shapes already decoded,
 * so no decoder is needed.
 */
export function loadDistrictBoundaries(config: CityConfig): DistrictBoundary[] {
  const file = path.join(packageRoot(config.boundaries.source), config.boundaries.file);
  let collection: { features?: SourceFeature[] };
  try {
    collection = JSON.parse(readFileSync(file, 'utf8')) as { features?: SourceFeature[] };
  } catch (error) {
    throw new GisError('BOUNDARY_DATA_INVALID', `Cannot read boundaries ${file}: ${(error as Error).message}`);
  }
  const from = config.boundaries.crs;
  const toWgs84 = ([lng, lat]: [number, number]): [number, number] => {
    const point = convert({ lng, lat }, from, 'WGS84');
    return [point.lng, point.lat];
  };
  const districts: DistrictBoundary[] = [];
  for (const feature of collection.features ?? []) {
    const code = typeof feature.id === 'string' || typeof feature.id === 'number' ? String(feature.id) : '';
    const name = feature.properties?.name;
    if (!/^\d{6}$/.test(code) || typeof name !== 'string' || !isAreaGeometry(feature.geometry)) {
      throw new GisError(
        'BOUNDARY_DATA_INVALID',
        `Boundary file ${file} has a feature without a 6-digit id, name or polygon`,
      );
    }
    const parts = partsOf(feature.geometry).map((polygon) => polygon.map((ring) => ring.map(toWgs84)));
    districts.push({ code, name, parts: orientRfc7946(parts) });
  }
  if (!districts.some((d) => d.code === config.district.code)) {
    throw new GisError(
      'BOUNDARY_DATA_INVALID',
      `Boundary file ${file} has no district ${config.district.code} (${config.district.name})`,
    );
  }
  return districts.sort((a, b) => a.code.localeCompare(b.code));
}
