import type { AreaCollection, AreaFeature } from './geojson.types';
import { bboxOf, toGeometry, type Parts } from './polygon.geometry';

/** GeoJSON features keyed by their area code, with a bbox so maps can fit a feature without scanning it. */
export function boundaryFeatures<P extends { code: string }>(
  areas: readonly { parts: Parts; properties: P }[],
): AreaCollection<P> {
  const features: AreaFeature<P>[] = areas.map(({ parts, properties }) => ({
    type: 'Feature',
    id: properties.code,
    bbox: bboxOf(parts),
    properties,
    geometry: toGeometry(parts),
  }));
  return { type: 'FeatureCollection', features };
}
