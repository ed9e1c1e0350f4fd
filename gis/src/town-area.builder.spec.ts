import { describe, expect, it } from 'vitest';
import type { TownConfig } from './city-config.schema';
import { GisError } from './gis.errors';
import { areaOf, partsContain, type Parts } from './polygon.geometry';
import { buildTownAreas } from './town-area.builder';

const district: Parts = [
  [
    [
      [110.0, 20.0],
      [110.2, 20.0],
      [110.2, 20.1],
      [110.0, 20.1],
      [110.0, 20.0],
    ],
  ],
];
const town = (code: string, seat: [number, number]): TownConfig => ({ code, name: `镇${code}`, seat, roads: ['路'] });

describe('buildTownAreas', () => {
  it('splits the district half-way between two seats and covers it exactly', () => {
    const [west, east] = buildTownAreas(district, [
      town('460105100', [110.05, 20.05]),
      town('460105101', [110.15, 20.05]),
    ]);
    expect(partsContain(west.parts, 110.099, 20.05)).toBe(true);
    expect(partsContain(east.parts, 110.101, 20.05)).toBe(true);
    expect(partsContain(west.parts, 110.101, 20.05)).toBe(false);
    expect(areaOf(west.parts) + areaOf(east.parts)).toBeCloseTo(areaOf(district), 12);
  });

  it('measures "nearer" in metres, not degrees', () => {
    // A degree of longitude is only 0.94 of a degree of latitude at 20°N: this point is nearer b
    // in degrees (0.049 vs 0.050) but nearer a on the ground (about 5.2 km vs 5.4 km).
    const [a, b] = buildTownAreas(district, [town('460105100', [110.05, 20.02]), town('460105101', [110.1, 20.07])]);
    expect(partsContain(a.parts, 110.1, 20.021)).toBe(true);
    expect(partsContain(b.parts, 110.1, 20.021)).toBe(false);
  });

  it('refuses a seat outside the district', () => {
    expect(() => buildTownAreas(district, [town('460105100', [111, 20.05])])).toThrow(GisError);
  });
});
