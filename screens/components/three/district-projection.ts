import type { BBox } from '../map/map-geometry';

/** Kilometres per degree of latitude (and of longitude at the equator). */
const KM_PER_DEGREE = 111.32;

/**
 * A local plane around the district's centre, in kilometres: x east, y north. Equirectangular is exact
 * enough for a district (tens of km) and keeps the 3D scene in human units.
 */
export class DistrictProjection {
  private readonly lng0: number;
  private readonly lat0: number;
  private readonly cosLat: number;

  constructor(bbox: BBox) {
    this.lng0 = (bbox[0] + bbox[2]) / 2;
    this.lat0 = (bbox[1] + bbox[3]) / 2;
    this.cosLat = Math.cos((this.lat0 * Math.PI) / 180);
    const [x0, y0] = this.project(bbox[0], bbox[1]);
    const [x1, y1] = this.project(bbox[2], bbox[3]);
    this.size = Math.max(x1 - x0, y1 - y0);
  }

  /** The larger side of the district, km: the camera and the columns scale with it. */
  readonly size: number;

  project(lng: number, lat: number): [number, number] {
    return [(lng - this.lng0) * this.cosLat * KM_PER_DEGREE, (lat - this.lat0) * KM_PER_DEGREE];
  }
}
