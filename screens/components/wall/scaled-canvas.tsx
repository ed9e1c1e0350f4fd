'use client';

import { createContext, useContext, useLayoutEffect, useState, type ReactNode } from 'react';

/** The design canvas every wall is drawn on; walls of any size get it scaled to fit. */
export const DESIGN_WIDTH = 1920;
export const DESIGN_HEIGHT = 1080;
/**
 * 拼接屏 strips such as 7680×2160 (32:9) would letterbox a 16:9 canvas into a third of their width.
 * From this aspect on the wall is laid out on a double-width canvas (3840×1080): more columns, a wider map.
 */
export const WIDE_WIDTH = 3840;
const WIDE_ASPECT = 2.4;

export interface CanvasSize {
  width: number;
  height: number;
  wide: boolean;
}

const ScaleContext = createContext(1);
const SizeContext = createContext<CanvasSize>({ width: DESIGN_WIDTH, height: DESIGN_HEIGHT, wide: false });

/** Design px → screen px. Canvas widgets use it to render at the real resolution, not a blown-up bitmap. */
export function useCanvasScale(): number {
  return useContext(ScaleContext);
}

/** The design canvas in use: 1920×1080, or 3840×1080 on very wide walls. */
export function useCanvasSize(): CanvasSize {
  return useContext(SizeContext);
}

interface Fit {
  scale: number;
  x: number;
  y: number;
  size: CanvasSize;
}

function fit(): Fit {
  const wide = window.innerWidth / window.innerHeight >= WIDE_ASPECT;
  const width = wide ? WIDE_WIDTH : DESIGN_WIDTH;
  const scale = Math.min(window.innerWidth / width, window.innerHeight / DESIGN_HEIGHT);
  return {
    scale,
    x: Math.round((window.innerWidth - width * scale) / 2),
    y: Math.round((window.innerHeight - DESIGN_HEIGHT * scale) / 2),
    size: { width, height: DESIGN_HEIGHT, wide },
  };
}

const same = (a: Fit, b: Fit) => a.scale === b.scale && a.x === b.x && a.y === b.y && a.size.width === b.size.width;

/**
 * Lays the wall out on a fixed design canvas and fits it to the viewport with a CSS transform
 * (letterboxed, centred). Scaling the DOM keeps text as vectors, so it stays crisp on a 4K or 8K wall;
 * canvases (map, charts) read the scale and render at real screen pixels.
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
          return previous && same(previous, next) ? previous : next;
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
        data-testid="wall-canvas"
        data-wide={state?.size.wide ? 'true' : 'false'}
        style={{
          width: state?.size.width ?? DESIGN_WIDTH,
          height: DESIGN_HEIGHT,
          transform: state ? `translate(${state.x}px, ${state.y}px) scale(${state.scale})` : undefined,
          visibility: state ? 'visible' : 'hidden',
        }}
      >
        {state ? (
          <SizeContext.Provider value={state.size}>
            <ScaleContext.Provider value={state.scale}>{children}</ScaleContext.Provider>
          </SizeContext.Provider>
        ) : null}
      </div>
    </div>
  );
}
