import { describe, expect, it } from 'vitest';
import { convert, toWgs84, type LngLat } from './coordinate.converter';

/** Haversine distance in metres. */
function metresBetween(a: LngLat, b: LngLat): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

const places: LngLat[] = [
  { lng: 110.25, lat: 20.04 }, // 假日海滩, Haikou
  { lng: 110.33, lat: 20.03 }, // downtown 龙华区
  { lng: 116.3975, lat: 39.9087 }, // Tian'anmen, Beijing
  { lng: 121.4737, lat: 31.2304 }, // Shanghai
];

describe('coordinate conversion', () => {
  it.each(places)('round-trips WGS-84 → GCJ-02 → WGS-84 and → BD-09 → WGS-84 within 1e-5° at %o', (wgs) => {
    for (const via of ['GCJ02', 'BD09'] as const) {
      const back = convert(convert(wgs, 'WGS84', via), via, 'WGS84');
      expect(Math.abs(back.lng - wgs.lng)).toBeLessThan(1e-5);
      expect(Math.abs(back.lat - wgs.lat)).toBeLessThan(1e-5);
    }
  });

  it('moves a Haikou GCJ-02 position by a few hundred metres, as the AMap offset does', () => {
    const gcj = { lng: 110.3, lat: 20.0 };
    const wgs = toWgs84({ ...gcj, crs: 'GCJ02' });
    const shift = metresBetween(gcj, wgs);
    expect(shift).toBeGreaterThan(200);
    expect(shift).toBeLessThan(800);
    expect(wgs.lng).toBeLessThan(gcj.lng); // GCJ-02 pushes Haikou east; WGS-84 lies west of it
  });

  it('puts Baidu BD-09 further from WGS-84 than GCJ-02', () => {
    const wgs = places[0];
    expect(metresBetween(wgs, convert(wgs, 'WGS84', 'BD09'))).toBeGreaterThan(
      metresBetween(wgs, convert(wgs, 'WGS84', 'GCJ02')),
    );
  });

  it('treats a location without crs as WGS-84 and leaves it unchanged', () => {
    expect(toWgs84({ lng: 110.3, lat: 20 })).toEqual({ lng: 110.3, lat: 20 });
    expect(toWgs84({ lng: 110.3, lat: 20, crs: 'WGS84' })).toEqual({ lng: 110.3, lat: 20 });
  });

  it('leaves positions outside China unchanged, where GCJ-02 is not defined', () => {
    const london = { lng: -0.1276, lat: 51.5072 };
    expect(toWgs84({ ...london, crs: 'GCJ02' })).toEqual(london);
  });
});
