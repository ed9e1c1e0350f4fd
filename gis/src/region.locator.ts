import Flatbush from 'flatbush';
import { bboxOf, type Parts } from './polygon.geometry';
import { SlabIndex } from './slab.index';

export interface TownRef {
  code: string;
  name: string;
}

/** Structurally the event contract's `Region`: county-level code, then town and grid when known. */
export interface GisRegion {
  code: string;
  name: string;
  town?: TownRef;
  grid?: string;
}

export interface LocatableArea {
  parts: Parts;
  region: GisRegion;
}

export type RegionLocator = (lng: number, lat: number) => GisRegion | undefined;

interface Tier {
  index: Flatbush;
  areas: { shape: SlabIndex; region: GisRegion }[];
}

function freezeRegion(region: GisRegion): GisRegion {
  const town = region.town ? Object.freeze({ ...region.town }) : undefined;
  return Object.freeze({ ...region, ...(town ? { town } : {}) });
}

function buildTier(areas: readonly LocatableArea[]): Tier {
  const index = new Flatbush(areas.length);
  for (const area of areas) index.add(...bboxOf(area.parts));
  index.finish();
  return {
    index,
    areas: areas.map((area) => ({ shape: new SlabIndex(area.parts), region: freezeRegion(area.region) })),
  };
}

/**
 * `tiers` run from most to least specific (grids, towns, districts): the first tier with an area
 * containing the point answers, so the common case tests a few small grid polygons only.
 * Bounding boxes in a packed R-tree narrow each tier to a few candidates, then a slab-indexed
 * ray cast decides. Regions are frozen and shared between lookups, so a lookup allocates almost nothing.
 */
export function createRegionLocator(tiers: readonly (readonly LocatableArea[])[]): RegionLocator {
  const built = tiers.filter((areas) => areas.length > 0).map(buildTier);
  return (lng, lat) => {
    if (!Number.isFinite(lng) || !Number.isFinite(lat)) return undefined;
    for (const tier of built) {
      for (const i of tier.index.search(lng, lat, lng, lat)) {
        const area = tier.areas[i];
        if (area.shape.contains(lng, lat)) return area.region;
      }
    }
    return undefined;
  };
}
