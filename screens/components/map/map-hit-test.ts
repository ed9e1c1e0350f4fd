/**
 * Which drawn symbol is under a click, found on the CPU: project the few thousand rows on screen and take
 * the nearest within its radius. It replaces L7's picking pass, which renders every layer again into an
 * offscreen buffer and reads pixels back on every pointer move — a stall on a software-rendered GPU.
 */
export interface HitCandidate<T> {
  rows: readonly T[];
  position: (row: T) => { lng: number; lat: number };
  /** Symbol radius in container px. */
  radius: (row: T) => number;
}

/** Extra px around a symbol that still count as a hit: fingers on a touch wall are not precise. */
const SLOP_PX = 6;

export function hitTest<T>(
  candidates: HitCandidate<T>,
  x: number,
  y: number,
  project: (lng: number, lat: number) => { x: number; y: number },
): { row: T; distance: number } | null {
  let best: { row: T; distance: number } | null = null;
  for (const row of candidates.rows) {
    const { lng, lat } = candidates.position(row);
    const p = project(lng, lat);
    const distance = Math.hypot(p.x - x, p.y - y);
    if (distance > candidates.radius(row) + SLOP_PX) continue;
    if (!best || distance < best.distance) best = { row, distance };
  }
  return best;
}
