import { boundaryFeatures } from './area.layers';
import { loadDistrictBoundaries } from './boundary.source';
import { loadCityConfig } from './city-config.loader';
import type { CityConfig } from './city-config.schema';
import { toWgs84, type LngLat, type LocatedPoint } from './coordinate.converter';
import type { AreaCollection, BBox, Position } from './geojson.types';
import { GisError } from './gis.errors';
import { buildGrids } from './grid.builder';
import { bboxOf, orientRfc7946, roundParts, type Parts } from './polygon.geometry';
import { createRegionLocator, type GisRegion } from './region.locator';
import { buildTownAreas } from './town-area.builder';
import { samplePointIn } from './town-point.sampler';

export interface AreaProperties {
  code: string;
  name: string;
}

export interface GridProperties extends AreaProperties {
  townCode: string;
}

export interface TownSummary {
  code: string;
  name: string;
  roads: readonly string[];
}

export interface CityGis {
  readonly config: CityConfig;
  /** Converts a position in any supported system to WGS-84 (the Enricher port). */
  toWgs84(location: LocatedPoint): LngLat;
  /** District, town and grid at a WGS-84 position; only the district in the city's other districts; undefined outside the city (the Enricher port). */
  regionAt(lng: number, lat: number): GisRegion | undefined;
  /** RFC 7946 GeoJSON in WGS-84; treat as read-only, they are shared. */
  readonly layers: {
    districts: AreaCollection<AreaProperties>;
    district: AreaCollection<AreaProperties>;
    towns: AreaCollection<AreaProperties>;
    grids: AreaCollection<GridProperties>;
  };
  /** Centre of the focus district's bounding box, [lng, lat]. */
  readonly center: Position;
  /** Bounding box of the focus district, [minLng, minLat, maxLng, maxLat]. */
  readonly bbox: BBox;
  readonly towns: readonly TownSummary[];
  /** A uniformly random WGS-84 point inside the town's area; `rng` returns [0, 1) like Math.random. */
  randomPoint(townCode: string, rng: () => number): LngLat;
}

/** Six decimals are about 10 cm: finer than the sources, and it keeps the layers small. */
const tidy = (parts: Parts): Parts => orientRfc7946(roundParts(parts, 6));

/** Builds everything once; lookups afterwards touch only prepared indexes. */
export function createCityGis(configName = 'haikou-xiuying'): CityGis {
  return createCityGisFromConfig(loadCityConfig(configName));
}

export function createCityGisFromConfig(config: CityConfig): CityGis {
  const districts = loadDistrictBoundaries(config).map((d) => ({ ...d, parts: tidy(d.parts) }));
  const focus = districts.find((d) => d.code === config.district.code)!;
  const towns = buildTownAreas(focus.parts, config.towns).map((t) => ({ ...t, parts: tidy(t.parts) }));
  const grids = buildGrids(focus.parts, towns, config.grid.cellSizeMeters).map((g) => ({ ...g, parts: tidy(g.parts) }));

  const townRef = new Map(towns.map((t) => [t.code, { code: t.code, name: t.name }]));
  const districtRegion = { code: focus.code, name: focus.name };
  const regionAt = createRegionLocator([
    grids.map((g) => ({ parts: g.parts, region: { ...districtRegion, town: townRef.get(g.townCode)!, grid: g.code } })),
    // Grids tile the towns exactly; this tier only catches points on sub-centimetre seams.
    towns.map((t) => ({ parts: t.parts, region: { ...districtRegion, town: townRef.get(t.code)! } })),
    districts.map((d) => ({ parts: d.parts, region: { code: d.code, name: d.name } })),
  ]);

  const townParts = new Map(towns.map((t) => [t.code, t.parts]));
  const bbox = bboxOf(focus.parts);
  return {
    config,
    toWgs84,
    regionAt,
    layers: {
      districts: boundaryFeatures(
        districts.map((d) => ({ parts: d.parts, properties: { code: d.code, name: d.name } })),
      ),
      district: boundaryFeatures([{ parts: focus.parts, properties: { code: focus.code, name: focus.name } }]),
      towns: boundaryFeatures(towns.map((t) => ({ parts: t.parts, properties: { code: t.code, name: t.name } }))),
      grids: boundaryFeatures(
        grids.map((g) => ({ parts: g.parts, properties: { code: g.code, name: g.name, townCode: g.townCode } })),
      ),
    },
    center: [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2],
    bbox,
    towns: config.towns.map((t) => Object.freeze({ code: t.code, name: t.name, roads: Object.freeze([...t.roads]) })),
    randomPoint(townCode, rng) {
      const parts = townParts.get(townCode);
      if (!parts) throw new GisError('UNKNOWN_TOWN', `No town ${townCode} in ${config.district.name} (${config.id})`);
      return samplePointIn(parts, rng);
    },
  };
}
