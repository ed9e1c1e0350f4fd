import { describe, expect, it } from 'vitest';
import type { Ring } from './geojson.types';
import { interiorPoint, orientRfc7946, partsContain, roundParts, signedArea, type Parts } from './polygon.geometry';

const square = (x: number, y: number, size: number): Ring => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

describe('polygon geometry', () => {
  const holed: Parts = [[square(0, 0, 10), square(4, 4, 2)]];
  const twoIslands: Parts = [[square(0, 0, 1)], [square(5, 5, 1)]];

  it('counts a point in the hole as outside and around the hole as inside', () => {
    expect(partsContain(holed, 1, 1)).toBe(true);
    expect(partsContain(holed, 5, 5)).toBe(false);
    expect(partsContain(holed, 7, 5)).toBe(true);
    expect(partsContain(holed, 11, 5)).toBe(false);
  });

  it('finds points in every part of a multipolygon and none between them', () => {
    expect(partsContain(twoIslands, 0.5, 0.5)).toBe(true);
    expect(partsContain(twoIslands, 5.5, 5.5)).toBe(true);
    expect(partsContain(twoIslands, 3, 3)).toBe(false);
  });

  it('winds outer rings counter-clockwise and holes clockwise (RFC 7946)', () => {
    const clockwise = [[[...square(0, 0, 10)].reverse(), [...square(4, 4, 2)]]];
    const [polygon] = orientRfc7946(clockwise);
    expect(signedArea(polygon[0])).toBeGreaterThan(0);
    expect(signedArea(polygon[1])).toBeLessThan(0);
  });

  it('puts the interior point of a U shape inside it, where the centroid is not', () => {
    const u: Parts = [
      [
        [
          [0, 0],
          [10, 0],
          [10, 10],
          [8, 10],
          [8, 2],
          [2, 2],
          [2, 10],
          [0, 10],
          [0, 0],
        ],
      ],
    ];
    expect(partsContain(u, 5, 212 / 52)).toBe(false); // the area-weighted centroid, in the gap
    const [x, y] = interiorPoint(u);
    expect(partsContain(u, x, y)).toBe(true);
  });

  it('rounds coordinates and drops rings rounding collapses', () => {
    const tiny = square(1, 1, 1e-9);
    const rounded = roundParts([[square(0.123456789, 0, 1), tiny], [tiny]], 6);
    expect(rounded).toHaveLength(1);
    expect(rounded[0]).toHaveLength(1);
    expect(rounded[0][0][0]).toEqual([0.123457, 0]);
  });
});
