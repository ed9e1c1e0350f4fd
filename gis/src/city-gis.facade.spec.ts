import { describe, expect, it } from 'vitest';
import { createCityGis } from './city-gis.facade';
import { convert } from './coordinate.converter';
import { GisError } from './gis.errors';
import { areaOf, bboxOf, interiorPoint, partsContain, partsOf, signedArea } from './polygon.geometry';

const gis = createCityGis('haikou-xiuying');
const { districts, district, towns, grids } = gis.layers;
const seeded = (seed: number) => () => (seed = (seed * 16807) % 2147483647) / 2147483647;

describe('createCityGis (Haikou 秀英区)', () => {
  it('offers the eight towns of 秀英区 with their road names', () => {
    expect(gis.towns.map((t) => t.name)).toEqual([
      '秀英街道',
      '海秀街道',
      '长流镇',
      '西秀镇',
      '海秀镇',
      '石山镇',
      '永兴镇',
      '东山镇',
    ]);
    expect(gis.towns.find((t) => t.name === '长流镇')!.roads).toContain('长滨路');
    expect(towns.features.map((f) => f.properties.code)).toEqual(gis.towns.map((t) => t.code));
  });

  it('serves the four districts of Haikou and the focus district as GeoJSON', () => {
    expect(districts.features.map((f) => f.properties.name)).toEqual(['秀英区', '龙华区', '琼山区', '美兰区']);
    expect(district.features.map((f) => f.id)).toEqual(['460105']);
    for (const layer of [districts, district, towns, grids]) {
      expect(layer.type).toBe('FeatureCollection');
      for (const feature of layer.features) {
        for (const polygon of partsOf(feature.geometry)) {
          expect(signedArea(polygon[0]), feature.id).toBeGreaterThan(0); // RFC 7946 winding
          for (const ring of polygon) expect(ring[0]).toEqual(ring[ring.length - 1]);
        }
      }
    }
  });

  it('gives every grid a town, a 12-digit code under that town and a readable name', () => {
    const townCodes = new Set(gis.towns.map((t) => t.code));
    expect(grids.features.length).toBeGreaterThan(150);
    expect(new Set(grids.features.map((f) => f.properties.code)).size).toBe(grids.features.length);
    for (const { properties: p } of grids.features) {
      expect(townCodes.has(p.townCode), p.code).toBe(true);
      expect(p.code).toMatch(new RegExp(`^${p.townCode}\\d{3}$`));
      const townName = gis.towns.find((t) => t.code === p.townCode)!.name;
      expect(p.name).toBe(`${townName}第${Number(p.code.slice(9))}网格`);
    }
    for (const town of gis.towns)
      expect(
        grids.features.some((f) => f.properties.townCode === town.code),
        town.name,
      ).toBe(true);
  });

  it('tiles the district with towns and grids: nothing missing, nothing counted twice', () => {
    const total = (layer: typeof towns) => layer.features.reduce((sum, f) => sum + areaOf(partsOf(f.geometry)), 0);
    const districtArea = areaOf(partsOf(district.features[0].geometry));
    expect(total(towns) / districtArea).toBeCloseTo(1, 6);
    expect(total(grids) / districtArea).toBeCloseTo(1, 6);
  });

  it('maps a point inside every grid to that grid, its town and the district', () => {
    const wrong: string[] = [];
    for (const feature of grids.features) {
      const [lng, lat] = interiorPoint(partsOf(feature.geometry));
      const region = gis.regionAt(lng, lat);
      const { code, townCode } = feature.properties;
      if (region?.grid !== code || region.town?.code !== townCode || region.code !== '460105') wrong.push(code);
    }
    expect(wrong).toEqual([]);
  });

  it('answers the district only in the rest of Haikou and nothing outside it', () => {
    expect(gis.regionAt(110.25, 20.04)).toMatchObject({
      code: '460105',
      name: '秀英区',
      town: { name: expect.any(String) as string },
    });
    expect(gis.regionAt(110.33, 20.03)).toEqual({ code: '460106', name: '龙华区' });
    expect(gis.regionAt(110.0, 20.0)).toBeUndefined(); // 澄迈县
    expect(gis.regionAt(116.4, 39.9)).toBeUndefined();
    expect(gis.regionAt(Number.NaN, 20)).toBeUndefined();
  });

  it('finds the region of a GCJ-02 position once converted, as the pipeline does', () => {
    const wgs = { lng: 110.25, lat: 20.04 };
    const fromAmap = gis.toWgs84({ ...convert(wgs, 'WGS84', 'GCJ02'), crs: 'GCJ02' });
    expect(gis.regionAt(fromAmap.lng, fromAmap.lat)).toEqual(gis.regionAt(wgs.lng, wgs.lat));
  });

  it('places random points inside the requested town, spread over it', () => {
    const rng = seeded(42);
    for (const town of gis.towns) {
      const parts = partsOf(towns.features.find((f) => f.id === town.code)!.geometry);
      const points = Array.from({ length: 200 }, () => gis.randomPoint(town.code, rng));
      for (const p of points) {
        expect(partsContain(parts, p.lng, p.lat), town.name).toBe(true);
        expect(gis.regionAt(p.lng, p.lat)?.town?.code, town.name).toBe(town.code);
      }
      const gridsHit = new Set(points.map((p) => gis.regionAt(p.lng, p.lat)?.grid)).size;
      const townGrids = grids.features.filter((f) => f.properties.townCode === town.code).length;
      expect(gridsHit, town.name).toBeGreaterThanOrEqual(Math.ceil(townGrids / 2));
    }
  });

  it('refuses a town that is not in the district', () => {
    expect(() => gis.randomPoint('460106001', Math.random)).toThrow(GisError);
  });

  it('centres on the district and bounds it', () => {
    const [minLng, minLat, maxLng, maxLat] = gis.bbox;
    expect(gis.bbox).toEqual(bboxOf(partsOf(district.features[0].geometry)));
    expect(gis.center[0]).toBeCloseTo((minLng + maxLng) / 2, 9);
    expect(gis.center[1]).toBeCloseTo((minLat + maxLat) / 2, 9);
    expect(gis.center[0]).toBeGreaterThan(110.1);
    expect(gis.center[0]).toBeLessThan(110.35);
  });

  it('builds the same grids from the same config', () => {
    expect(JSON.stringify(createCityGis('haikou-xiuying').layers.grids)).toBe(JSON.stringify(grids));
  });
});
