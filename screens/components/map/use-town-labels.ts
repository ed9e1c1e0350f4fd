'use client';

import type { FeatureCollection } from 'geojson';
import { useEffect, type RefObject } from 'react';
import type { MapEngine } from './map-engine';
import { labelAnchor, placeLabels } from './map-geometry';

/**
 * Town names as DOM text under the transparent WebGL canvas (crisp system fonts, no glyph atlas, and the
 * live points draw over them). Positions follow the camera: one placement per animation frame while the
 * map moves, written straight to the spans, no React render.
 */
export function useTownLabels(
  engine: MapEngine | null,
  towns: FeatureCollection | null,
  container: RefObject<HTMLDivElement | null>,
  visible: boolean,
): void {
  useEffect(() => {
    const layer = container.current;
    if (!engine || !towns || !layer) return;
    if (!visible) {
      layer.replaceChildren();
      return;
    }
    const anchors = towns.features.flatMap((feature) => {
      const anchor = labelAnchor(feature);
      const props = (feature.properties ?? {}) as { code?: string; name?: string };
      return anchor && props.code && props.name ? [{ code: props.code, name: props.name, ...anchor }] : [];
    });
    const spans = new Map<string, HTMLSpanElement>();
    for (const anchor of anchors) {
      const span = document.createElement('span');
      span.className = 'cmap-label';
      span.textContent = anchor.name;
      spans.set(anchor.code, span);
    }
    layer.replaceChildren(...spans.values());
    let frame = 0;
    const place = () => {
      frame = 0;
      const placed = placeLabels(
        anchors.map((anchor) => {
          const p = engine.project(anchor.point[0], anchor.point[1]);
          return {
            code: anchor.code,
            name: anchor.name,
            x: p.x / engine.scale,
            y: p.y / engine.scale,
            area: anchor.area,
          };
        }),
      );
      const shown = new Set<string>();
      for (const label of placed) {
        const span = spans.get(label.code);
        if (!span) continue;
        shown.add(label.code);
        span.style.transform = `translate(${label.x.toFixed(1)}px, ${label.y.toFixed(1)}px) translate(-50%, -50%)`;
        span.hidden = false;
      }
      for (const [code, span] of spans) if (!shown.has(code)) span.hidden = true;
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(place);
    };
    place();
    engine.on('mapmove', schedule);
    engine.on('moveend', schedule);
    return () => {
      cancelAnimationFrame(frame);
      engine.off('mapmove', schedule);
      engine.off('moveend', schedule);
      layer.replaceChildren();
    };
  }, [engine, towns, container, visible]);
}
