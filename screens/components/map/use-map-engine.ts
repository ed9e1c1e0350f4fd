'use client';

import type { FeatureCollection } from 'geojson';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { MapEngine } from './map-engine';
import { fitView, type BBox } from './map-geometry';

const FIT_PADDING = 28;
/**
 * How far past the district the camera may pan, in multiples of the district's larger side. L7's camera
 * keeps the whole viewport inside these bounds, so they must hold the viewport at the lowest zoom, or the
 * map would be forced to zoom in.
 */
const BOUNDS_MARGIN = 2;
/** How far out a viewer may zoom past the whole-district view. */
const ZOOM_OUT_LEVELS = 1;

/**
 * Builds the scene once per canvas scale, after the boundary has arrived. The camera the viewer left is
 * kept across a rebuild (a wall resized); data updates never touch it.
 */
export function useMapEngine(
  host: RefObject<HTMLDivElement | null>,
  district: FeatureCollection | null,
  bbox: BBox | null,
  scale: number,
): { engine: MapEngine | null; failed: boolean; home: { center: [number, number]; zoom: number } | null } {
  const [engine, setEngine] = useState<MapEngine | null>(null);
  const [failed, setFailed] = useState(false);
  const [home, setHome] = useState<{ center: [number, number]; zoom: number } | null>(null);
  const lastView = useRef<{ center: [number, number]; zoom: number } | null>(null);

  useEffect(() => {
    const element = host.current;
    if (!element || !district || !bbox) return;
    let cancelled = false;
    let built: MapEngine | null = null;
    const fit = fitView(bbox, element.clientWidth, element.clientHeight, FIT_PADDING * scale);
    setHome(fit);
    const start = lastView.current ?? fit;
    const [w, s, e, n] = bbox;
    const margin = Math.max(e - w, n - s) * BOUNDS_MARGIN;
    MapEngine.create({
      host: element,
      district,
      scale,
      center: start.center,
      zoom: start.zoom,
      bounds: [w - margin, s - margin, e + margin, n + margin],
      minZoom: Math.max(3, fit.zoom - ZOOM_OUT_LEVELS),
    })
      .then((created) => {
        if (cancelled) {
          created.destroy();
          return;
        }
        built = created;
        setEngine(created);
      })
      .catch((error: unknown) => {
        console.warn('map unavailable:', error);
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
      if (built) {
        const { center, zoom } = built.view();
        lastView.current = { center, zoom };
        built.destroy();
      }
      setEngine(null);
      while (element.firstChild) element.removeChild(element.firstChild);
    };
  }, [host, district, bbox, scale]);

  return { engine, failed, home };
}
