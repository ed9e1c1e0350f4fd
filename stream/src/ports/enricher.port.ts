import type { Location, Region } from '../contracts/city-event';

/** Fills in region/town/grid from a position; `gis` provides it, the pipeline only knows this shape. */
export interface Enricher {
  toWgs84(location: Location): { lng: number; lat: number };
  /** The region at a WGS-84 position, or undefined outside the configured city. */
  regionAt(lng: number, lat: number): Region | undefined;
}
