'use client';

import { createContext, useContext, useLayoutEffect, useState, type ReactNode } from 'react';

/** The design canvas every wall is drawn on; 拼接屏 walls of any size get it scaled to fit. */
export const DESIGN_WIDTH = 1920;
export const DESIGN_HEIGHT = 1080;

const ScaleContext = createContext(1);

/** Design px → screen px. Canvas widgets use it to render at the real resolution, not a blown-up bitmap. */
export function useCanvasScale(): number {
  return useContext(ScaleContext);
}

interface Fit {
  scale: number;
  x: number;
  y: number;
}

function fit(): Fit {
  const scale = Math.min(window.innerWidth / DESIGN_WIDTH, window.innerHeight / DESIGN_HEIGHT);
  return {
    scale,
    x: Math.round((window.innerWidth - DESIGN_WIDTH * scale) / 2),
    y: Math.round((window.innerHeight - DESIGN_HEIGHT * scale) / 2),
  };
}

/**
 * Lays the wall out on a fixed 1920×1080 canvas and fits it to the viewport with a CSS transform
 * (letterboxed, centred). Scaling the DOM keeps text as vectors, so it stays crisp on a 4K wall.
 */
export function ScaledCanvas({ children }: { children: ReactNode }) {
  const [state, setState] = useState<Fit | null>(null);

  useLayoutEffect(() => {
    let frame = 0;
    const update = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() =>
        setState((previous) => {
          const next = fit();
          return previous && previous.scale === next.scale && previous.x === next.x && previous.y === next.y
            ? previous
            : next;
        }),
      );
    };
    setState(fit());
    window.addEventListener('resize', update);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('resize', update);
    };
  }, []);

  return (
    <div className="wall-viewport">
      <div
        className="wall-canvas"
        style={{
          width: DESIGN_WIDTH,
          height: DESIGN_HEIGHT,
          transform: state ? `translate(${state.x}px, ${state.y}px) scale(${state.scale})` : undefined,
          visibility: state ? 'visible' : 'hidden',
        }}
      >
        {state ? <ScaleContext.Provider value={state.scale}>{children}</ScaleContext.Provider> : null}
      </div>
    </div>
  );
}
