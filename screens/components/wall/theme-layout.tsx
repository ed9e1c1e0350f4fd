'use client';

import type { ReactNode } from 'react';
import { useCanvasSize } from './scaled-canvas';

interface ThemeLayoutProps {
  left: ReactNode[];
  right: ReactNode[];
  /** Headline numbers above the map. */
  strip: ReactNode;
  map: ReactNode;
  /** Under the map: the day's trend. */
  bottom: ReactNode;
}

function split<T>(items: T[]): [T[], T[]] {
  const half = Math.ceil(items.length / 2);
  return [items.slice(0, half), items.slice(half)];
}

/**
 * The DataV-style frame every theme shares: panels left and right, headline numbers and the map in the
 * middle, the trend below. On a double-width canvas (32:9 拼接屏) each side gets two columns, so panels
 * grow taller instead of the wall being letterboxed.
 */
export function ThemeLayout({ left, right, strip, map, bottom }: ThemeLayoutProps) {
  const { wide } = useCanvasSize();
  const leftColumns = wide ? split(left) : [left];
  const rightColumns = wide ? split(right) : [right];
  return (
    <main className={`wall-body theme-grid${wide ? ' wide' : ''}`} data-testid="wall-body">
      {leftColumns.map((panels, index) => (
        <div key={`l${index}`} className="wall-col side">
          {panels}
        </div>
      ))}
      <div className="wall-col centre">
        {strip}
        {map}
        {bottom}
      </div>
      {rightColumns.map((panels, index) => (
        <div key={`r${index}`} className="wall-col side">
          {panels}
        </div>
      ))}
    </main>
  );
}
