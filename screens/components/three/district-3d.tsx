'use client';

/**
 * District3D — the district in three.js: the boundary extruded, town outlines on top, and one column per
 * town, stacked by source kind in the wall's palette, that grows as today's events arrive.
 *
 *   <District3D />                          full size of its parent, slow orbit
 *   <District3D token={wallToken} orbit={false} labels={false} />
 *
 * Props: `token` (bearer token for the API), `orbit` (slow turn, default true; off, it renders only when
 * counts change), `labels` (town names and totals over the columns, default true), `className`.
 *
 * Data: boundaries from /api/v1/gis/{city,layers/district,layers/towns}; counts from
 * /api/v1/gis/town-counts (every minute) plus live arrivals on the `events` channel in between.
 * Cost: frames only while something moves (orbit at 30 fps, growing columns), none while hidden or
 * scrolled away; every geometry, material and the WebGL context are released on unmount.
 */

import { useEffect, useRef, useState } from 'react';
import { useT } from '../../lib/locale';
import { MAP_API, type CityGisInfo } from '../../lib/map-api';
import type { AreaCollection } from '../../lib/api';
import { useMapJson } from '../map/use-map-json';
import { useCanvasScale } from '../wall/scaled-canvas';
import type { DistrictScene, TownLabel } from './district-scene';
import { useTownCounts } from './use-town-counts';
import './district-3d.css';

export interface District3DProps {
  token?: string;
  orbit?: boolean;
  labels?: boolean;
  className?: string;
}

export function District3D({ token, orbit = true, labels = true, className }: District3DProps) {
  const t = useT();
  const scale = useCanvasScale();
  const city = useMapJson<CityGisInfo>(MAP_API.city, token);
  const district = useMapJson<AreaCollection>(MAP_API.layer('district'), token);
  const towns = useMapJson<AreaCollection>(MAP_API.layer('towns'), token);
  const counts = useTownCounts(token);

  const root = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const overlay = useRef<HTMLDivElement>(null);
  const [scene, setScene] = useState<DistrictScene | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const element = canvas.current;
    const box = root.current;
    if (!element || !box || !city || !district || !towns) return;
    let disposed = false;
    let built: DistrictScene | null = null;
    let stopWatching = () => {};
    const spans = new Map<string, HTMLSpanElement>();
    const drawLabels = (placed: readonly TownLabel[], frames: number) => {
      box.dataset.frames = String(frames);
      const layer = overlay.current;
      if (!layer || !labels) return;
      for (const label of placed) {
        let span = spans.get(label.code);
        if (!span) {
          span = document.createElement('span');
          span.className = 'd3-label';
          span.append(document.createElement('b'), document.createElement('em'));
          spans.set(label.code, span);
          layer.appendChild(span);
        }
        span.hidden = !label.visible;
        span.style.transform = `translate(${label.x.toFixed(1)}px, ${label.y.toFixed(1)}px) translate(-50%, -100%)`;
        (span.firstChild as HTMLElement).textContent = label.name;
        (span.lastChild as HTMLElement).textContent = String(label.total);
      }
    };
    void Promise.all([import('three'), import('./district-scene')])
      .then(([three, { DistrictScene }]) => {
        if (disposed) return;
        built = new DistrictScene(three, element, { district, towns, bbox: city.bbox, orbit, onFrame: drawLabels });
        const fit = () => built?.resize(box.clientWidth, box.clientHeight, window.devicePixelRatio * scale);
        fit();
        const resize = new ResizeObserver(fit);
        resize.observe(box);
        // Nothing to draw for a view nobody sees: scrolled away, or the tab in the background.
        let onScreen = true;
        const update = () => built?.setActive(onScreen && !document.hidden);
        const seen = new IntersectionObserver(([entry]) => {
          onScreen = entry?.isIntersecting ?? true;
          update();
        });
        seen.observe(box);
        document.addEventListener('visibilitychange', update);
        stopWatching = () => {
          resize.disconnect();
          seen.disconnect();
          document.removeEventListener('visibilitychange', update);
        };
        box.dataset.ready = 'true';
        setScene(built);
      })
      .catch((error: unknown) => {
        console.warn('3D view unavailable:', error);
        if (!disposed) setFailed(true);
      });
    return () => {
      disposed = true;
      stopWatching();
      built?.dispose();
      setScene(null);
      box.dataset.ready = 'false';
      spans.forEach((span) => span.remove());
    };
  }, [city, district, towns, orbit, labels, scale]);

  useEffect(() => {
    if (!scene || !counts) return;
    scene.setCounts(counts.byTown);
    if (root.current) root.current.dataset.total = String(counts.total);
  }, [scene, counts]);

  return (
    <div ref={root} className={`d3 ${className ?? ''}`} data-testid="district-3d">
      <canvas ref={canvas} className="d3-canvas" data-testid="district-3d-canvas" />
      <div ref={overlay} className="d3-labels" aria-hidden />
      {failed ? <div className="d3-failed">{t('three.unavailable')}</div> : null}
    </div>
  );
}
