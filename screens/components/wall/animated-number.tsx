'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';

const DURATION_MS = 700;
/** ~24 steps a second reads as rolling; each step repaints glowing text, so not 60. */
const STEP_MS = 40;

/**
 * A count that rolls to its new value (ease-out) instead of jumping, so a change catches the eye
 * from across the room. The final frame is always the exact value.
 */
export function AnimatedNumber({ value, children }: { value: number; children: (shown: number) => ReactNode }) {
  const [shown, setShown] = useState(value);
  const shownRef = useRef(value);

  useEffect(() => {
    const from = shownRef.current;
    if (from === value) return;
    let frame = 0;
    const start = performance.now();
    let last = 0;
    const step = (now: number) => {
      const p = Math.min(1, (now - start) / DURATION_MS);
      if (p < 1 && now - last < STEP_MS) {
        frame = requestAnimationFrame(step);
        return;
      }
      last = now;
      const eased = 1 - (1 - p) ** 3;
      const next = p === 1 ? value : Math.round(from + (value - from) * eased);
      shownRef.current = next;
      setShown(next);
      if (p < 1) frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [value]);

  return <>{children(shown)}</>;
}
