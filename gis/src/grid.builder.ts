import Flatbush from 'flatbush';
import { intersection, union } from 'polygon-clipping';
import type { BBox, Position, Ring } from './geojson.types';
import { GisError } from './gis.errors';
import { areaOf, bboxOf, orientRfc7946, partsContain, type Parts } from './polygon.geometry';
import type { TownArea } from './town-area.builder';

export interface GridCell {
  /** `<9-digit town code><3-digit sequence>`, e.g. 460105100012. */
  code: string;
  name: string;
  townCode: string;
  parts: Parts;
}

/** Metres per degree of latitude on the IUGG mean-radius sphere; good to 0.5 % for grid sizing. */
const METRES_PER_DEGREE = 111_195;

interface Piece {
  row: number;
  col: number;
  parts: Parts;
}

/** An index of a town's edges: a square no edge comes near is wholly inside or wholly outside the town. */
function edgeIndex(parts: Parts): Flatbush {
  const edges: BBox[] = [];
  for (const polygon of parts) {
    for (const ring of polygon) {
      for (let i = 1; i < ring.length; i++) {
        const [x0, y0] = ring[i - 1];
        const [x1, y1] = ring[i];
        edges.push([Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)]);
      }
    }
  }
  const index = new Flatbush(Math.max(edges.length, 1));
  for (const box of edges) index.add(...box);
  if (!edges.length) index.add(0, 0, 0, 0);
  index.finish();
  return index;
}

function piecesOfTown(town: TownArea, origin: Position, step: Position): Piece[] {
  const [minX, minY, maxX, maxY] = bboxOf(town.parts);
  const [x0, y0] = origin;
  const [dx, dy] = step;
  const edges = edgeIndex(town.parts);
  const pieces: Piece[] = [];
  // Rows count down from the north edge so sequence numbers read like a page: north-west first.
  for (let row = Math.floor((y0 - maxY) / dy); row <= Math.floor((y0 - minY) / dy); row++) {
    const north = y0 - row * dy;
    const south = north - dy;
    // Clipping cost grows with the subject's vertex count: cut the town into a row strip once,
    // then cut each square from the much smaller strip.
    let strip: Parts | undefined;
    for (let col = Math.floor((minX - x0) / dx); col <= Math.floor((maxX - x0) / dx); col++) {
      const west = x0 + col * dx;
      const east = west + dx;
      const square: Ring = [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ];
      let parts: Parts;
      if (edges.search(west, south, east, north).length === 0) {
        // Only squares a boundary passes through need clipping, the slow step.
        parts = partsContain(town.parts, (west + east) / 2, (south + north) / 2) ? [[square]] : [];
      } else {
        strip ??= intersection(town.parts, [
          [
            [minX - dx, south],
            [maxX + dx, south],
            [maxX + dx, north],
            [minX - dx, north],
            [minX - dx, south],
          ],
        ]);
        parts = orientRfc7946(intersection(strip, [square]));
      }
      if (parts.length && areaOf(parts) > 0) pieces.push({ row, col, parts });
    }
  }
  return pieces;
}

/** Grids smaller than this share of a full square are merged into a neighbour of the same town. */
const SLIVER_SHARE = 0.2;

const NEIGHBOURS: Position[] = [
  [0, 1],
  [0, -1],
  [1, 0],
  [-1, 0],
  [1, 1],
  [1, -1],
  [-1, 1],
  [-1, -1],
];

/**
 * Where a town or the coast cuts a square, tiny leftovers appear that no one would patrol as a
 * grid of their own; each joins the largest neighbouring piece of the same town it touches.
 */
function absorbSlivers(pieces: Piece[], minArea: number): Piece[] {
  const byCell = new Map(pieces.map((piece) => [`${piece.row}:${piece.col}`, piece]));
  const slivers = pieces.filter((p) => areaOf(p.parts) < minArea).sort((a, b) => areaOf(a.parts) - areaOf(b.parts));
  for (const sliver of slivers) {
    const neighbours = NEIGHBOURS.map(([dr, dc]) => byCell.get(`${sliver.row + dr}:${sliver.col + dc}`))
      .filter((p): p is Piece => !!p)
      .sort((a, b) => areaOf(b.parts) - areaOf(a.parts));
    for (const neighbour of neighbours) {
      const merged = union(neighbour.parts, sliver.parts);
      // Pieces that only touch at a corner would make a grid in two places: try the next one.
      if (merged.length > neighbour.parts.length) continue;
      neighbour.parts = orientRfc7946(merged);
      byCell.delete(`${sliver.row}:${sliver.col}`);
      break;
    }
  }
  return [...byCell.values()];
}

/**
 * Unit grids (网格): a square lattice of `cellSizeMeters`, anchored at the district's north-west
 * corner and cut by town areas, so every grid lies in exactly one town and a town is exactly the
 * union of its grids. Slivers are merged into neighbours, so border grids vary in shape and size.
 * Same inputs, same grids and codes.
 */
export function buildGrids(district: Parts, towns: readonly TownArea[], cellSizeMeters: number): GridCell[] {
  const [minX, minY, , maxY] = bboxOf(district);
  const dy = cellSizeMeters / METRES_PER_DEGREE;
  const dx = dy / Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const grids: GridCell[] = [];
  for (const town of towns) {
    const pieces = absorbSlivers(piecesOfTown(town, [minX, maxY], [dx, dy]), dx * dy * SLIVER_SHARE).sort(
      (a, b) => a.row - b.row || a.col - b.col,
    );
    if (pieces.length > 999) {
      throw new GisError(
        'CITY_CONFIG_INVALID',
        `${town.name} would have ${pieces.length} grids; the code allows 999: use a larger grid.cellSizeMeters`,
      );
    }
    pieces.forEach((piece, index) => {
      const seq = index + 1;
      grids.push({
        code: `${town.code}${String(seq).padStart(3, '0')}`,
        name: `${town.name}第${seq}网格`,
        townCode: town.code,
        parts: piece.parts,
      });
    });
  }
  return grids;
}
