import { describe, expect, it } from 'vitest';
import { Rng, hashSeed } from './prng';

const draw = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.next());

describe('Rng', () => {
  it('replays the same stream for the same seed and a different one for another seed', () => {
    expect(draw(new Rng(42), 20)).toEqual(draw(new Rng(42), 20));
    expect(draw(new Rng(42), 20)).not.toEqual(draw(new Rng(43), 20));
  });

  it('derives independent streams per label', () => {
    expect(hashSeed(1, 'hotline')).not.toBe(hashSeed(1, 'urban'));
    expect(draw(Rng.derive(1, 'hotline'), 5)).not.toEqual(draw(Rng.derive(1, 'urban'), 5));
  });

  it('stays in [0, 1) and in integer bounds', () => {
    const rng = new Rng(7);
    const values = draw(rng, 10_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const ints = new Set(Array.from({ length: 1_000 }, () => rng.int(3, 5)));
    expect([...ints].sort()).toEqual([3, 4, 5]);
  });

  it('draws Poisson counts with the requested mean, small and large', () => {
    const rng = new Rng(9);
    for (const mean of [0.3, 4, 120]) {
      const samples = Array.from({ length: 5_000 }, () => rng.poisson(mean));
      const average = samples.reduce((sum, value) => sum + value, 0) / samples.length;
      expect(average).toBeGreaterThan(mean * 0.93);
      expect(average).toBeLessThan(mean * 1.07);
      expect(Math.min(...samples)).toBeGreaterThanOrEqual(0);
    }
    expect(rng.poisson(0)).toBe(0);
  });

  it('picks by weight', () => {
    const rng = new Rng(11);
    const picks = Array.from({ length: 10_000 }, () =>
      rng.weighted([
        ['a', 3],
        ['b', 1],
      ]),
    );
    const share = picks.filter((pick) => pick === 'a').length / picks.length;
    expect(share).toBeGreaterThan(0.72);
    expect(share).toBeLessThan(0.78);
  });
});
