import { describe, expect, it } from 'vitest';
import type { Ring } from './geojson.types';
import { buildGrids } from './grid.builder';
import { areaOf, bboxOf, type Parts } from './polygon.geometry';
import type { TownArea } from './town-area.builder';

const CELL = 1000;
const dy = CELL / 111_195;
const dx = dy / Math.cos((20.0125 * Math.PI) / 180);

function rectangle(widthCells: number, heightCells: number): Parts {
  const [w, s, e, n] = [110, 20, 110 + widthCells * dx, 20 + heightCells * dy];
  const ring: Ring = [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ];
  return [[ring]];
}

const oneTown = (parts: Parts): TownArea[] => [{ code: '460105100', name: '长流镇', parts }];

describe('buildGrids', () => {
  it('numbers grids in reading order from the north-west corner', () => {
    const district = rectangle(2.5, 2.5);
    const grids = buildGrids(district, oneTown(district), CELL);
    expect(grids.map((g) => g.code)).toEqual(
      Array.from({ length: 9 }, (_, i) => `460105100${String(i + 1).padStart(3, '0')}`),
    );
    expect(grids[0].name).toBe('长流镇第1网格');
    const [west, , , north] = bboxOf(grids[0].parts);
    const [dWest, , , dNorth] = bboxOf(district);
    expect(west).toBeCloseTo(dWest, 9);
    expect(north).toBeCloseTo(dNorth, 9);
    // Second grid lies east of the first, in the same row.
    expect(bboxOf(grids[1].parts)[0]).toBeGreaterThan(west);
  });

  it('folds slivers into neighbours without losing area', () => {
    const district = rectangle(2.1, 2); // the third column would be 10 % wide
    const grids = buildGrids(district, oneTown(district), CELL);
    expect(grids).toHaveLength(4);
    expect(grids.reduce((sum, g) => sum + areaOf(g.parts), 0)).toBeCloseTo(areaOf(district), 14);
  });

  it('keeps every grid inside one town when a town boundary cuts a square', () => {
    const district = rectangle(2, 1);
    const mid = 110 + 0.5 * dx; // cuts the first square in half
    const west: Parts = [
      [
        [
          [110, 20],
          [mid, 20],
          [mid, 20 + dy],
          [110, 20 + dy],
          [110, 20],
        ],
      ],
    ];
    const east: Parts = [
      [
        [
          [mid, 20],
          [110 + 2 * dx, 20],
          [110 + 2 * dx, 20 + dy],
          [mid, 20 + dy],
          [mid, 20],
        ],
      ],
    ];
    const grids = buildGrids(
      district,
      [
        { code: '460105100', name: '甲镇', parts: west },
        { code: '460105101', name: '乙镇', parts: east },
      ],
      CELL,
    );
    expect(grids.map((g) => `${g.code}:${g.townCode}`)).toEqual([
      '460105100001:460105100',
      '460105101001:460105101',
      '460105101002:460105101',
    ]);
    expect(bboxOf(grids[0].parts)[2]).toBeCloseTo(mid, 12);
  });
});
