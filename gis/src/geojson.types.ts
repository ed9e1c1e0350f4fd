/** The slice of GeoJSON (RFC 7946) this package produces: areas only, WGS-84 [lng, lat]. */
export type Position = [number, number];
/** A closed ring: the first and last positions are equal. */
export type Ring = Position[];
/** An outer ring followed by its holes. */
export type PolygonCoordinates = Ring[];
/** [minLng, minLat, maxLng, maxLat] */
export type BBox = [number, number, number, number];

export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: PolygonCoordinates;
}

export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: PolygonCoordinates[];
}

export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

export interface AreaFeature<P> {
  type: 'Feature';
  id: string;
  bbox: BBox;
  properties: P;
  geometry: AreaGeometry;
}

export interface AreaCollection<P> {
  type: 'FeatureCollection';
  features: AreaFeature<P>[];
}
