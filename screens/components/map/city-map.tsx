'use client';

/**
 * CityMap — the district map every wall shows, on AntV L7's own base-map-free engine: no tiles, no keys,
 * no fonts or scripts from outside (government networks are offline).
 *
 *   <CityMap theme="hotline" />                 defaults for the 12345 wall
 *   <CityMap theme="grid" token={wallToken} />  with a read-only wall token for the map's API calls
 *   <CityMap theme="home" layers={['towns', 'clusters']} toolbar={false} />
 *
 * Props
 *   theme    'home' | 'hotline' | 'urban' | 'grid' | 'safety' | 'approvals' | 'devices' (default 'home'):
 *            chooses the layers shown at first and which source kinds the event, heatmap, cluster and
 *            work-order layers show (map-themes.ts).
 *   token    optional bearer token (a wall token) for the map's API calls; live layers come from the
 *            page's live store (lib/live-store.ts), which subscribes with the URL's `?token=`.
 *   layers   optional layers shown at first, instead of the theme's.
 *   toolbar  layer switches and "whole district" (default true); legend  (default true).
 *
 * Layers: district boundary (always), towns with names, grids, live events (pulse on arrival, colour by
 * source), heatmap and clusters of today's events (from a worker: smooth with 100,000+ points), work
 * orders by deadline state (the `orders` live channel), devices by status. A click opens a detail panel.
 *
 * Cost rules (walls and CI render WebGL on the CPU):
 * - the scene and every layer are built once; data updates only replace a layer's data, queued and
 *   applied together on the next animation frame, so nothing redraws unless something changed;
 * - the camera belongs to the viewer: data refreshes never move it (no fitBounds after the first view);
 * - no picking pass: clicks are hit-tested on the CPU against what is drawn;
 * - today's points never reach the main thread: a worker clusters and bins them, the map draws its answer;
 * - arrival pulses and labels are DOM (CSS animation, no WebGL frame).
 *
 * Fills its parent (give the parent a size). Inside the wall's ScaledCanvas it renders at screen pixels.
 */

import { useCallback, useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import { useLocale, useT } from '../../lib/locale';
import { MAP_API, type CityGisInfo } from '../../lib/map-api';
import type { AreaCollection } from '../../lib/api';
import { useLive } from '../../lib/use-live';
import { useCanvasScale } from '../wall/scaled-canvas';
import { MapBadge, MapLegend, MapToolbar } from './map-controls';
import { MapDetailPanel, type MapSelection } from './map-detail-panel';
import { bboxOf } from './map-geometry';
import { MapHits } from './map-hits';
import { MapStats } from './map-stats';
import { MAP_LAYERS, THEME_CONFIG, type MapLayerId, type MapTheme } from './map-themes';
import { useClusterLayers } from './use-cluster-layers';
import { useDevicesLayer } from './use-devices-layer';
import { useLiveEventsLayer } from './use-live-events-layer';
import { useMapEngine } from './use-map-engine';
import { useMapJson } from './use-map-json';
import { useOrdersLayer } from './use-orders-layer';
import { useTownLabels } from './use-town-labels';
import './city-map.css';

export interface CityMapProps {
  theme?: MapTheme;
  token?: string;
  layers?: readonly MapLayerId[];
  toolbar?: boolean;
  legend?: boolean;
  className?: string;
}

/** A press that moves less than this is a click; more is a pan. */
const CLICK_SLOP_PX = 5;

export function CityMap({ theme = 'home', token, layers, toolbar = true, legend = true, className }: CityMapProps) {
  const t = useT();
  const locale = useLocale();
  const scale = useCanvasScale();
  const config = THEME_CONFIG[theme];
  const kinds = config.kinds;
  const [visible, setVisible] = useState<ReadonlySet<MapLayerId>>(() => new Set(layers ?? config.layers));
  const [selection, setSelection] = useState<MapSelection | null>(null);

  const city = useMapJson<CityGisInfo>(MAP_API.city, token);
  const district = useMapJson<AreaCollection>(MAP_API.layer('district'), token);
  const towns = useMapJson<AreaCollection>(MAP_API.layer('towns'), token);
  const grids = useMapJson<AreaCollection>(MAP_API.layer('grids'), token);
  // Keeps the events channel subscribed for every layer that reads the live store.
  useLive(['events'], (state) => state.connection);

  const root = useRef<HTMLDivElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const labels = useRef<HTMLDivElement>(null);
  const rings = useRef<HTMLDivElement>(null);
  const hits = useMemo(() => new MapHits(), []);
  const stats = useMemo(() => new MapStats(), []);

  const bbox = useMemo(() => city?.bbox ?? (district ? bboxOf(district) : null), [city, district]);
  const { engine, failed, home } = useMapEngine(host, district, bbox, scale);

  useEffect(() => {
    stats.attach(root.current);
    return () => stats.attach(null);
  }, [stats]);

  useEffect(() => {
    if (!engine) return;
    if (towns) engine.addAreas('towns', towns, visible.has('towns'));
    if (grids) engine.addAreas('grids', grids, visible.has('grids'));
  }, [engine, towns, grids, visible]);

  useEffect(() => {
    if (!engine) return;
    for (const layer of MAP_LAYERS) engine.setVisible(layer, visible.has(layer));
    stats.set('layers', [...visible].sort().join(','));
  }, [engine, visible, stats]);

  // The view, for tests and for a wall that must come back where it was: written when the camera stops.
  useEffect(() => {
    if (!engine) return;
    const record = () => {
      const { center, zoom } = engine.view();
      stats.set(
        'view',
        JSON.stringify({ center: center.map((v) => Number(v.toFixed(5))), zoom: Number(zoom.toFixed(3)) }),
      );
    };
    record();
    stats.set('ready', 'true');
    engine.on('moveend', record);
    return () => {
      engine.off('moveend', record);
      stats.set('ready', 'false');
    };
  }, [engine, stats]);

  useTownLabels(engine, towns, labels, visible.has('towns'));
  useLiveEventsLayer(engine, kinds, visible.has('events'), rings, hits, stats);
  const { client: clusters, today } = useClusterLayers(
    engine,
    kinds,
    token,
    visible.has('clusters'),
    visible.has('heat'),
    hits,
    stats,
    locale,
  );
  useOrdersLayer(engine, kinds, visible.has('orders'), hits, stats);
  useDevicesLayer(engine, token, visible.has('devices'), hits, stats);

  const toggle = useCallback((layer: MapLayerId) => {
    setVisible((previous) => {
      const next = new Set(previous);
      if (next.has(layer)) next.delete(layer);
      else next.add(layer);
      return next;
    });
  }, []);

  const resetView = useCallback(() => {
    if (engine && home) engine.setView(home.center, home.zoom);
  }, [engine, home]);

  const close = useCallback(() => setSelection(null), []);

  const zoomIntoCluster = useCallback(
    (cluster: Extract<MapSelection, { type: 'cluster' }>) => {
      if (!engine || !clusters) return;
      void clusters.expansionZoom(cluster.clusterId).then((zoom) => {
        engine.setView([cluster.lng, cluster.lat], Math.max(zoom, engine.view().zoom + 1));
        setSelection(null);
      });
    },
    [engine, clusters],
  );

  // Click vs pan: remember where the press started; a release close by is a click on the map.
  const press = useRef<{ x: number; y: number } | null>(null);
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    press.current = { x: event.clientX, y: event.clientY };
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    const start = press.current;
    press.current = null;
    const element = host.current;
    if (!start || !engine || !element) return;
    if (Math.hypot(event.clientX - start.x, event.clientY - start.y) > CLICK_SLOP_PX) return;
    const rect = element.getBoundingClientRect();
    // Client px → the host's CSS px (= L7 container px); the ratio undoes any CSS scaling in between.
    const x = (event.clientX - rect.left) * (element.offsetWidth / rect.width);
    const y = (event.clientY - rect.top) * (element.offsetHeight / rect.height);
    const found = hits.at(
      x,
      y,
      {
        events: visible.has('events'),
        clusters: visible.has('clusters'),
        orders: visible.has('orders'),
        devices: visible.has('devices'),
      },
      (lng, lat) => engine.project(lng, lat),
    );
    setSelection(found);
  };

  return (
    <div
      ref={root}
      className={`cmap ${className ?? ''}`}
      data-testid="city-map"
      data-theme={theme}
      data-locale={locale}
    >
      <div className="cmap-backdrop" data-map-decor aria-hidden />
      {/* Counter-scaled so WebGL renders at real screen pixels, then drawn back at design size. */}
      <div
        className="cmap-gl"
        style={{ width: `${100 * scale}%`, height: `${100 * scale}%`, transform: `scale(${1 / scale})` }}
        onPointerDown={onPointerDown}
        onPointerUp={onPointerUp}
      >
        <div ref={host} className="cmap-gl-host" data-testid="map-canvas-host" />
      </div>
      {/* Names over the canvas (a heatmap would hide them underneath); they take no pointer events. */}
      <div ref={labels} className="cmap-labels" data-map-decor data-testid="map-labels" />
      <div ref={rings} className="cmap-rings" data-map-decor />
      {toolbar ? <MapToolbar visible={visible} onToggle={toggle} onReset={resetView} /> : null}
      {legend ? <MapLegend visible={visible} kinds={kinds} /> : null}
      <MapBadge districtName={city?.districtName} kinds={kinds} today={today} />
      {selection ? (
        <MapDetailPanel
          selection={selection}
          token={token}
          timeZone={city?.timeZone}
          onClose={close}
          onZoomIn={zoomIntoCluster}
        />
      ) : null}
      {failed ? <div className="cmap-failed">{t('map.unavailable')}</div> : null}
    </div>
  );
}
