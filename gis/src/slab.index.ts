import type { Parts } from './polygon.geometry';

/**
 * Point-in-polygon in time proportional to the edges near the point's latitude, not to all
 * edges: the area's edges are bucketed into horizontal slabs, and the even-odd ray cast only
 * visits the slab the point falls in. Even-odd over every ring of every part equals "inside an
 * outer ring and outside its holes" for valid (non-overlapping) GeoJSON areas.
 */
export class SlabIndex {
  private readonly edges: Float64Array;
  private readonly offsets: Uint32Array;
  private readonly members: Uint32Array;
  private readonly minY: number;
  private readonly maxY: number;
  private readonly slabHeight: number;
  private readonly slabCount: number;

  constructor(parts: Parts) {
    const coords: number[] = [];
    let minY = Infinity;
    let maxY = -Infinity;
    for (const polygon of parts) {
      for (const ring of polygon) {
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          const [x0, y0] = ring[j];
          const [x1, y1] = ring[i];
          if (y0 === y1) continue; // horizontal edges never cross a horizontal ray
          coords.push(x0, y0, x1, y1);
          minY = Math.min(minY, y0, y1);
          maxY = Math.max(maxY, y0, y1);
        }
      }
    }
    const edgeCount = coords.length / 4;
    this.edges = Float64Array.from(coords);
    this.minY = minY;
    this.maxY = maxY;
    // About four edges per slab keeps buckets short without a memory cost worth naming.
    this.slabCount = Math.max(1, Math.min(4096, Math.ceil(edgeCount / 4)));
    this.slabHeight = edgeCount ? (maxY - minY) / this.slabCount || 1 : 1;

    const buckets: number[][] = Array.from({ length: this.slabCount }, () => []);
    for (let e = 0; e < edgeCount; e++) {
      const low = Math.min(this.edges[e * 4 + 1], this.edges[e * 4 + 3]);
      const high = Math.max(this.edges[e * 4 + 1], this.edges[e * 4 + 3]);
      for (let s = this.slabOf(low); s <= this.slabOf(high); s++) buckets[s].push(e);
    }
    this.offsets = new Uint32Array(this.slabCount + 1);
    buckets.forEach((bucket, s) => (this.offsets[s + 1] = this.offsets[s] + bucket.length));
    this.members = Uint32Array.from(buckets.flat());
  }

  private slabOf(y: number): number {
    return Math.min(this.slabCount - 1, Math.max(0, Math.floor((y - this.minY) / this.slabHeight)));
  }

  contains(x: number, y: number): boolean {
    if (!(y >= this.minY && y <= this.maxY)) return false;
    const s = this.slabOf(y);
    const edges = this.edges;
    let inside = false;
    for (let k = this.offsets[s], end = this.offsets[s + 1]; k < end; k++) {
      const e = this.members[k] * 4;
      const x0 = edges[e];
      const y0 = edges[e + 1];
      const x1 = edges[e + 2];
      const y1 = edges[e + 3];
      if (y0 > y !== y1 > y && x < ((x1 - x0) * (y - y0)) / (y1 - y0) + x0) inside = !inside;
    }
    return inside;
  }
}
