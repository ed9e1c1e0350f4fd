'use client';

import type { LiveEvent } from '@zhongshu/stream/contracts';
import type { Feature, Geometry, Position } from 'geojson';
import { useEffect, useMemo, useRef, useState } from 'react';
import { API, usePolled, type AreaCollection, type AreaProperties, type CityInfo } from '../../lib/api';
import { liveStore, MAX_EVENTS, type LiveState } from '../../lib/live-store';
import { useT } from '../../lib/locale';
import { kindKey } from '../../lib/messages';
import { KIND_COLORS, KINDS } from '../../lib/palette';
import { useLive } from '../../lib/use-live';
import { Panel } from './panel';
import { useCanvasScale } from './scaled-canvas';

/**
 * Point-layer data is replaced at most this often, however fast events arrive. Each replacement is a
 * full WebGL frame (~100+ ms on SwiftShader); the arrival ring is DOM, so the eye still sees an event
 * the moment it lands.
 */
const POINT_UPDATE_MS = 1000;
/** Arrival rings are DOM + CSS animation (no WebGL redraw); cap how many run at once. */
const MAX_RINGS = 40;
const FIT_PADDING = 28;
const TILE_SIZE = 512;

type L7 = typeof import('@antv/l7-layers');
type Scene = InstanceType<typeof import('@antv/l7-scene').Scene>;
type Layer = ReturnType<Scene['getLayers']>[number];

interface Runtime {
  l7: L7;
  scene: Scene;
  points: Layer;
  towns: Layer | null;
  grids: Layer | null;
  scale: number;
}

interface Label {
  code: string;
  name: string;
  x: number;
  y: number;
}

interface MapPoint {
  lng: number;
  lat: number;
  kind: LiveEvent['kind'];
  severity: LiveEvent['severity'];
}

const SEVERITY_SIZE: Record<LiveEvent['severity'], number> = { info: 4, minor: 4.5, major: 6, critical: 7.5 };
/** Nothing on the wall is clicked: no picking pass, no pixel read-backs. */
const STATIC = { enablePicking: false } as const;

/**
 * The district map on AntV L7's own base-map-free engine: no tiles, no keys, nothing online.
 * The scene is built once per canvas scale; live data only ever replaces the point layer's data,
 * batched to a few updates a second, because on a software-rendered GPU every redraw is expensive.
 */
export function DistrictMap() {
  const t = useT();
  const scale = useCanvasScale();
  const city = usePolled<CityInfo>(API.city).data;
  const district = usePolled<AreaCollection>(API.layer('district')).data;
  const towns = usePolled<AreaCollection>(API.layer('towns')).data;
  const grids = usePolled<AreaCollection>(API.layer('grids')).data;
  const pointCount = useLive(['events'], (s) => s.events.length);

  const host = useRef<HTMLDivElement>(null);
  const rings = useRef<HTMLDivElement>(null);
  const runtime = useRef<Runtime | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const [labels, setLabels] = useState<Label[]>([]);

  const bbox = useMemo(() => city?.bbox ?? (district ? bboxOf(district) : null), [city, district]);

  // Build the scene: once per scale, after the boundary has arrived.
  useEffect(() => {
    const element = host.current;
    if (!element || !district || !bbox) return;
    let cancelled = false;
    let built: Runtime | null = null;
    const width = element.clientWidth;
    const height = element.clientHeight;
    const view = fitView(bbox, width, height, FIT_PADDING * scale);

    void Promise.all([import('@antv/l7-scene'), import('@antv/l7-layers'), import('@antv/l7-maps/simple')])
      .then(([{ Scene }, l7, maps]) => {
        if (cancelled) return;
        const scene = new Scene({
          id: element,
          map: new maps.Map({ center: view.center, zoom: view.zoom, interactive: false, minZoom: 3, maxZoom: 18 }),
          logoVisible: false,
          antialias: false,
        });
        scene.setBgColor('rgba(0,0,0,0)');
        const points = new l7.PointLayer({ ...STATIC, zIndex: 10, blend: 'additive' })
          .source([] as MapPoint[], { parser: { type: 'json', x: 'lng', y: 'lat' } })
          .shape('circle')
          .size('severity', (severity: LiveEvent['severity']) => SEVERITY_SIZE[severity] * scale)
          .color('kind', (kind: LiveEvent['kind']) => KIND_COLORS[kind] ?? '#9ab')
          .style({ opacity: 0.95, stroke: '#ffffff', strokeWidth: 0.8 * scale, strokeOpacity: 0.45 });
        built = { l7, scene, points, towns: null, grids: null, scale };
        scene.on('loaded', () => {
          if (cancelled) return;
          scene.addLayer(
            new l7.PolygonLayer({ ...STATIC, zIndex: 0 })
              .source(district)
              .shape('fill')
              .color('#0d4a8c')
              .style({ opacity: 0.32 }),
          );
          scene.addLayer(
            new l7.PolygonLayer({ ...STATIC, zIndex: 3 })
              .source(district)
              .shape('line')
              .size(7 * scale)
              .color('#38c8ff')
              .style({ opacity: 0.16 }),
          );
          scene.addLayer(
            new l7.PolygonLayer({ ...STATIC, zIndex: 4 })
              .source(district)
              .shape('line')
              .size(2 * scale)
              .color('#7fe9ff')
              .style({ opacity: 0.95 }),
          );
          scene.addLayer(points);
          runtime.current = built;
          setReady(true);
        });
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });

    return () => {
      cancelled = true;
      runtime.current = null;
      setReady(false);
      built?.scene.destroy();
      while (element.firstChild) element.removeChild(element.firstChild);
    };
  }, [district, bbox, scale]);

  // Towns and grids come when they come; they are added to the live scene, never rebuilding it.
  useEffect(() => {
    const rt = runtime.current;
    if (!ready || !rt) return;
    if (grids && !rt.grids) {
      const layer = new rt.l7.PolygonLayer({ ...STATIC, zIndex: 1 })
        .source(grids)
        .shape('line')
        .size(0.6 * rt.scale)
        .color('#4f8fe0')
        .style({ opacity: 0.14 });
      rt.grids = layer;
      rt.scene.addLayer(layer);
    }
    if (towns && !rt.towns) {
      const layer = new rt.l7.PolygonLayer({ ...STATIC, zIndex: 2 })
        .source(towns)
        .shape('line')
        .size(1 * rt.scale)
        .color('#5ab4ff')
        .style({ opacity: 0.5 });
      rt.towns = layer;
      rt.scene.addLayer(layer);
    }
    if (towns) {
      const candidates = towns.features.flatMap((feature) => {
        const anchor = labelAnchor(feature);
        if (!anchor) return [];
        const p = rt.scene.lngLatToContainer(anchor.point);
        return [
          {
            code: feature.properties.code,
            name: feature.properties.name,
            x: p.x / rt.scale,
            y: p.y / rt.scale,
            area: anchor.area,
          },
        ];
      });
      setLabels(placeLabels(candidates));
    }
  }, [ready, towns, grids]);

  // Live points and arrival rings: straight from the store, outside React's render.
  useEffect(() => {
    const rt = runtime.current;
    if (!ready || !rt) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastPush = 0;
    let shown: LiveState['events'] | null = null;

    const push = () => {
      timer = null;
      const events = liveStore().getState().events;
      if (events === shown) return;
      shown = events;
      lastPush = performance.now();
      rt.points.setData(toPoints(events));
    };
    const schedule = () => {
      if (timer) return;
      timer = setTimeout(push, Math.max(0, lastPush + POINT_UPDATE_MS - performance.now()));
    };
    const addRings = (arrivals: readonly LiveEvent[]) => {
      const layer = rings.current;
      if (!layer) return;
      let budget = MAX_RINGS - layer.childElementCount;
      for (const event of arrivals) {
        if (budget <= 0) break;
        if (!Number.isFinite(event.lng) || !Number.isFinite(event.lat)) continue;
        const p = rt.scene.lngLatToContainer([event.lng!, event.lat!]);
        const ring = document.createElement('span');
        ring.className = `map-ring sev-${event.severity}`;
        ring.style.cssText = `left:${p.x / rt.scale}px;top:${p.y / rt.scale}px;--kind:${KIND_COLORS[event.kind] ?? '#9ab'}`;
        ring.addEventListener('animationend', () => ring.remove(), { once: true });
        layer.appendChild(ring);
        budget--;
      }
    };

    push();
    const stop = liveStore().listen((state, previous) => {
      if (state.events !== previous.events) schedule();
      if (state.arrivals.length > 0 && state.arrivals !== previous.arrivals) addRings(state.arrivals);
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, [ready]);

  return (
    <Panel
      title={t('map.title')}
      className="map-panel"
      testId="district-map"
      extra={
        <div className="map-legend">
          {KINDS.map((kind) => (
            <span key={kind} className="legend-item" style={{ ['--kind' as string]: KIND_COLORS[kind] }}>
              <i />
              {t(kindKey(kind))}
            </span>
          ))}
        </div>
      }
    >
      <div className="map-stage">
        <div className="map-backdrop" aria-hidden />
        {/* Town names sit under the transparent WebGL canvas, so live points are drawn over them. */}
        <div className="map-labels" data-testid="map-labels">
          {labels.map((label) => (
            <span key={label.code} className="map-label" style={{ left: label.x, top: label.y }}>
              {label.name}
            </span>
          ))}
        </div>
        {/* Counter-scaled so WebGL renders at real screen pixels, then drawn back at design size. */}
        <div
          className="map-gl"
          style={{ width: `${100 * scale}%`, height: `${100 * scale}%`, transform: `scale(${1 / scale})` }}
        >
          <div ref={host} className="map-gl-host" data-testid="map-canvas-host" />
        </div>
        <div className="map-overlay" data-testid="map-overlay">
          <div ref={rings} className="map-rings" />
        </div>
        <HotTowns />
        <div className="map-badge">
          <span>{city?.districtName ?? ''}</span>
          <b>{t('map.points')}</b>
          <em data-testid="map-point-count">{Math.min(pointCount, MAX_EVENTS)}</em>
        </div>
        {failed ? <div className="map-failed">{t('map.unavailable')}</div> : null}
      </div>
    </Panel>
  );
}

const HOT_TOWNS = 5;

/** Where the recent events cluster, by town: what a commander asks first after "how many". */
function HotTowns() {
  const t = useT();
  const events = useLive(['events'], (s) => s.events);
  const top = useMemo(() => {
    const counts = new Map<string, number>();
    for (const event of events) if (event.townName) counts.set(event.townName, (counts.get(event.townName) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, HOT_TOWNS);
  }, [events]);
  if (top.length === 0) return null;
  const max = top[0][1];
  return (
    <div className="map-hot" data-testid="hot-towns">
      <div className="map-hot-head">
        <span>{t('map.hotTowns')}</span>
        <small>{t('map.hotTownsHint', { n: events.length })}</small>
      </div>
      <ol>
        {top.map(([name, count], i) => (
          <li key={name}>
            <span className={`map-hot-rank r${i + 1}`}>{i + 1}</span>
            <span className="map-hot-name">{name}</span>
            <span className="map-hot-bar">
              <i style={{ width: `${(count / max) * 100}%` }} />
            </span>
            <b>{count}</b>
          </li>
        ))}
      </ol>
    </div>
  );
}

function toPoints(events: readonly LiveEvent[]): MapPoint[] {
  const out: MapPoint[] = [];
  // Oldest first so the newest are drawn on top.
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (Number.isFinite(e.lng) && Number.isFinite(e.lat))
      out.push({ lng: e.lng!, lat: e.lat!, kind: e.kind, severity: e.severity });
  }
  return out;
}

const mercX = (lng: number) => (lng + 180) / 360;
const mercY = (lat: number) => {
  const s = Math.sin((lat * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
};
const latOf = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;

/**
 * Centre and zoom that fit the bbox, computed up front: the wall's map never moves, so the scene
 * starts where it stays instead of animating a fitBounds after load.
 */
function fitView(bbox: [number, number, number, number], width: number, height: number, padding: number) {
  const [minLng, minLat, maxLng, maxLat] = bbox;
  const x0 = mercX(minLng);
  const x1 = mercX(maxLng);
  const y0 = mercY(maxLat);
  const y1 = mercY(minLat);
  const zoom = Math.log2(
    Math.min((width - 2 * padding) / ((x1 - x0) * TILE_SIZE), (height - 2 * padding) / ((y1 - y0) * TILE_SIZE)),
  );
  const center: [number, number] = [((x0 + x1) / 2) * 360 - 180, latOf((y0 + y1) / 2)];
  return { center, zoom: Number.isFinite(zoom) ? zoom : 10 };
}

function eachPosition(geometry: Geometry, visit: (p: Position) => void): void {
  switch (geometry.type) {
    case 'Point':
      visit(geometry.coordinates);
      break;
    case 'MultiPoint':
    case 'LineString':
      geometry.coordinates.forEach(visit);
      break;
    case 'MultiLineString':
    case 'Polygon':
      geometry.coordinates.forEach((ring) => ring.forEach(visit));
      break;
    case 'MultiPolygon':
      geometry.coordinates.forEach((poly) => poly.forEach((ring) => ring.forEach(visit)));
      break;
    case 'GeometryCollection':
      geometry.geometries.forEach((g) => eachPosition(g, visit));
      break;
  }
}

function bboxOf(collection: AreaCollection): [number, number, number, number] | null {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  for (const feature of collection.features) {
    if (!feature.geometry) continue;
    eachPosition(feature.geometry, ([lng, lat]) => {
      minLng = Math.min(minLng, lng);
      maxLng = Math.max(maxLng, lng);
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
    });
  }
  return Number.isFinite(minLng) ? [minLng, minLat, maxLng, maxLat] : null;
}

/** Area-weighted centroid of the feature's largest ring: good enough for a town name. */
function labelAnchor(feature: Feature<Geometry, AreaProperties>): { point: [number, number]; area: number } | null {
  const geometry = feature.geometry;
  if (!geometry) return null;
  const rings: Position[][] =
    geometry.type === 'Polygon'
      ? [geometry.coordinates[0]]
      : geometry.type === 'MultiPolygon'
        ? geometry.coordinates.map((p) => p[0])
        : [];
  let best: [number, number] | null = null;
  let bestArea = 0;
  for (const ring of rings) {
    let area = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const cross = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
      area += cross;
      cx += (ring[j][0] + ring[i][0]) * cross;
      cy += (ring[j][1] + ring[i][1]) * cross;
    }
    if (Math.abs(area) > bestArea && area !== 0) {
      bestArea = Math.abs(area);
      best = [cx / (3 * area), cy / (3 * area)];
    }
  }
  return best ? { point: best, area: bestArea } : null;
}

const LABEL_CHAR_PX = 14;
const LABEL_HEIGHT_PX = 18;

/**
 * Town names without overlaps: larger towns first; a name that would collide tries a nudge above,
 * below or to the side, and is left out if none fits (the busiest-towns list still names it).
 */
function placeLabels(candidates: Array<Label & { area: number }>): Label[] {
  const placed: Array<{ label: Label; x0: number; x1: number; y0: number; y1: number }> = [];
  for (const c of [...candidates].sort((a, b) => b.area - a.area)) {
    const w = c.name.length * LABEL_CHAR_PX + 6;
    const h = LABEL_HEIGHT_PX;
    const offsets = [
      [0, 0],
      [0, -h],
      [0, h],
      [w * 0.6, 0],
      [-w * 0.6, 0],
    ];
    for (const [dx, dy] of offsets) {
      const x = c.x + dx;
      const y = c.y + dy;
      const box = { x0: x - w / 2, x1: x + w / 2, y0: y - h / 2, y1: y + h / 2 };
      if (placed.some((p) => box.x0 < p.x1 && box.x1 > p.x0 && box.y0 < p.y1 && box.y1 > p.y0)) continue;
      placed.push({ label: { code: c.code, name: c.name, x, y }, ...box });
      break;
    }
  }
  return placed.map((p) => p.label);
}
