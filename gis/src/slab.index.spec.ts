import { describe, expect, it } from 'vitest';
import type { Position, Ring } from './geojson.types';
import { partsContain, type Parts } from './polygon.geometry';
import { SlabIndex } from './slab.index';

function star(cx: number, cy: number, spikes: number, outer: number, inner: number): Ring {
  const ring: Ring = [];
  for (let i = 0; i < spikes * 2; i++) {
    const r = i % 2 ? inner : outer;
    const a = (Math.PI * i) / spikes;
    ring.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  ring.push(ring[0]);
  return ring;
}

describe('SlabIndex', () => {
  it('answers exactly like a plain ray cast on a spiky area with a hole and a second part', () => {
    const parts: Parts = [[star(0, 0, 50, 10, 4), star(0, 0, 7, 2, 1)], [star(30, 0, 9, 3, 1)]];
    const index = new SlabIndex(parts);
    let seed = 7;
    const rng = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    let inside = 0;
    const disagreements: Position[] = [];
    for (let i = 0; i < 20_000; i++) {
      const p: Position = [-12 + rng() * 48, -12 + rng() * 24];
      const expected = partsContain(parts, p[0], p[1]);
      if (expected) inside++;
      if (index.contains(p[0], p[1]) !== expected) disagreements.push(p);
    }
    expect(disagreements).toEqual([]);
    expect(inside).toBeGreaterThan(1000); // the sample really exercised both answers
  });

  it('says outside for points beyond the area and for NaN', () => {
    const index = new SlabIndex([[star(0, 0, 5, 2, 1)]]);
    expect(index.contains(0, 5)).toBe(false);
    expect(index.contains(Number.NaN, 0)).toBe(false);
    expect(index.contains(0, 0)).toBe(true);
  });
});
