import { describe, expect, it } from 'vitest';
import { loadDistrictBoundaries } from './boundary.source';
import { loadCityConfig } from './city-config.loader';
import { GisError } from './gis.errors';
import { bboxOf, partsContain, signedArea } from './polygon.geometry';

const config = loadCityConfig('haikou-xiuying');
const districts = loadDistrictBoundaries(config);
const byCode = new Map(districts.map((d) => [d.code, d]));
const districtAt = (lng: number, lat: number) =>
  districts.filter((d) => partsContain(d.parts, lng, lat)).map((d) => d.name);

describe('Haikou district boundaries', () => {
  it('has the four districts of Haikou with their GB/T 2260 codes', () => {
    expect(districts.map((d) => `${d.code} ${d.name}`)).toEqual([
      '460105 秀英区',
      '460106 龙华区',
      '460107 琼山区',
      '460108 美兰区',
    ]);
  });

  it('yields coordinates on the north coast of Hainan, not raw encoded numbers', () => {
    for (const { parts, name } of districts) {
      const [minLng, minLat, maxLng, maxLat] = bboxOf(parts);
      expect(minLng, name).toBeGreaterThan(109.9);
      expect(maxLng, name).toBeLessThan(110.8);
      expect(minLat, name).toBeGreaterThan(19.4);
      expect(maxLat, name).toBeLessThan(20.2);
      expect(parts.flat(2).length, name).toBeGreaterThan(300); // detailed outlines, not boxes
    }
  });

  it('puts 假日海滩 in 秀英区 and downtown 龙华 in 龙华区 only', () => {
    expect(districtAt(110.25, 20.04)).toEqual(['秀英区']);
    expect(districtAt(110.33, 20.03)).toEqual(['龙华区']);
    expect(districtAt(110.2, 19.95)).toEqual(['秀英区']); // 石山 volcanic area
    expect(districtAt(110.0, 20.0)).toEqual([]); // 澄迈县, outside Haikou
  });

  it('converts the AMap (GCJ-02) source to WGS-84: a few hundred metres west of the raw data', () => {
    const raw = loadDistrictBoundaries({ ...config, boundaries: { ...config.boundaries, crs: 'WGS84' } });
    const [rawLng, rawLat] = raw.find((d) => d.code === '460105')!.parts[0][0][0];
    const [lng, lat] = byCode.get('460105')!.parts[0][0][0];
    expect(rawLng - lng).toBeGreaterThan(0.003);
    expect(rawLng - lng).toBeLessThan(0.006);
    expect(lat - rawLat).toBeGreaterThan(0.001);
    expect(lat - rawLat).toBeLessThan(0.004);
  });

  it('winds outer rings counter-clockwise as RFC 7946 asks', () => {
    for (const { parts } of districts) for (const polygon of parts) expect(signedArea(polygon[0])).toBeGreaterThan(0);
  });

  it('refuses a city file that lacks the configured district', () => {
    const wrong = { ...config, district: { code: '460199', name: '无此区' } };
    expect(() => loadDistrictBoundaries(wrong)).toThrow(GisError);
    expect(() => loadDistrictBoundaries(wrong)).toThrow(/no district 460199/);
  });
});
