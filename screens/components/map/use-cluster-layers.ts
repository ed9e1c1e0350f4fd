'use client';

import type { SourceKind } from '@zhongshu/stream/contracts';
import { useEffect, useRef, useState } from 'react';
import { liveStore } from '../../lib/live-store';
import { MAP_API } from '../../lib/map-api';
import type { Locale } from '../../lib/messages';
import { KIND_COLORS } from '../../lib/palette';
import { ClusterClient } from './cluster-client';
import { KIND_ORDER, SEVERITY_ORDER, type ClusterFeature, type WirePoint } from './cluster-protocol';
import type { HeatRow, LabelRow, MapEngine, PointRow } from './map-engine';
import { isMappable } from './map-filters';
import type { MapHits, Sized } from './map-hits';
import type { MapStats } from './map-stats';

/** Today's points are fetched again this often (and the worker re-indexes live arrivals in between). */
const RELOAD_MS = 10 * 60_000;
/** Viewport queries cover a margin around the screen, so a short pan needs no new answer to look right. */
const VIEW_MARGIN = 0.25;
const LEAF_SIZE = [3.5, 4, 5, 6.5];

/** What the worker holds: today's points it indexed, and how many the server has. */
export interface TodayPoints {
  points: number;
  total: number;
  truncated: boolean;
}

export function clusterRadius(count: number, scale: number): number {
  return (count <= 1 ? 4 : 8 + 5 * Math.log10(count)) * scale;
}

export function formatCount(count: number, locale: Locale): string {
  if (count < 10_000) return String(count);
  return locale === 'zh' ? `${(count / 10_000).toFixed(count < 100_000 ? 1 : 0)}万` : `${Math.round(count / 1000)}k`;
}

/**
 * Today's events as a heatmap and as clusters that stay smooth at hundreds of thousands of points: the
 * points live in a worker (cluster.worker.ts), the main thread draws only what the worker answers for the
 * current view (a few hundred features) and asks again when the camera stops.
 */
export function useClusterLayers(
  engine: MapEngine | null,
  kinds: readonly SourceKind[] | null,
  token: string | undefined,
  showClusters: boolean,
  showHeat: boolean,
  hits: MapHits,
  stats: MapStats,
  locale: Locale,
): { client: ClusterClient | null; today: TodayPoints | null } {
  const [client, setClient] = useState<ClusterClient | null>(null);
  const [today, setToday] = useState<TodayPoints | null>(null);
  // The worker is created the first time either layer is shown and kept while the map lives: hiding both
  // layers and showing one again must not download and index the day once more.
  const [wanted, setWanted] = useState(false);
  if ((showClusters || showHeat) && !wanted) setWanted(true);
  const localeRef = useRef(locale);
  useEffect(() => {
    localeRef.current = locale;
  }, [locale]);
  const kindsKey = kinds ? kinds.join(',') : '';
  /** The (integer) zoom of the newest view asked: the clusters drawn are for this zoom. */
  const askedZoom = useRef<number | null>(null);

  useEffect(() => {
    if (!engine || !wanted) return;
    const only = kindsKey ? (kindsKey.split(',') as SourceKind[]) : null;
    let latest: ClusterFeature[] = [];
    const created = new ClusterClient({
      onLoaded: (load) => {
        stats.set('clusterPoints', load.points);
        stats.set('clusterTotal', load.total);
        setToday({ points: load.points, total: load.total, truncated: load.truncated });
      },
      onView: (features, cells) => {
        if (features) {
          latest = features;
          draw();
          if (askedZoom.current !== null) stats.set('clusterZoom', askedZoom.current);
        }
        if (cells) {
          const heat: HeatRow[] = [];
          for (let i = 0; i < cells.length; i += 3) heat.push({ lng: cells[i], lat: cells[i + 1], w: cells[i + 2] });
          stats.set('heatCells', heat.length);
          engine.setData('heat', heat);
        }
      },
      onFailed: (message) => console.warn('clustered layer:', message),
    });
    const draw = () => {
      const scale = engine.scale;
      const sized: Array<Sized<ClusterFeature>> = [];
      const rows: PointRow[] = [];
      const labels: LabelRow[] = [];
      for (const feature of latest) {
        const size = feature.count > 1 ? clusterRadius(feature.count, scale) : LEAF_SIZE[feature.s] * scale;
        sized.push({ item: feature, lng: feature.lng, lat: feature.lat, size });
        rows.push({ lng: feature.lng, lat: feature.lat, size, color: KIND_COLORS[KIND_ORDER[feature.k]] ?? '#9ab' });
        if (feature.count > 1)
          labels.push({ lng: feature.lng, lat: feature.lat, label: formatCount(feature.count, localeRef.current) });
      }
      hits.clusters = sized;
      stats.set('clusterFeatures', rows.length);
      engine.setData('clusters', rows);
      engine.setData('clusterLabels', labels);
    };
    const url = MAP_API.eventPoints(only);
    created.load(url, token);
    const reload = setInterval(() => created.load(url, token), RELOAD_MS);
    const stop = liveStore().listen((state, previous) => {
      if (state.arrivals.length === 0 || state.arrivals === previous.arrivals) return;
      const points: WirePoint[] = [];
      for (const event of state.arrivals) {
        if (!isMappable(event, only)) continue;
        points.push({
          id: event.id,
          lng: event.lng!,
          lat: event.lat!,
          k: KIND_ORDER.indexOf(event.kind),
          s: SEVERITY_ORDER.indexOf(event.severity),
        });
      }
      created.add(points);
    });
    setClient(created);
    return () => {
      stop();
      clearInterval(reload);
      created.terminate();
      setClient(null);
      setToday(null);
      hits.clusters = [];
      engine.setData('clusters', []);
      engine.setData('clusterLabels', []);
      engine.setData('heat', []);
    };
  }, [engine, kindsKey, token, wanted, hits, stats]);

  // Viewport queries while either layer is shown: when the camera stops, not on every frame.
  useEffect(() => {
    if (!engine || !client || !(showClusters || showHeat)) return;
    const ask = () => {
      const { bbox, zoom } = engine.view();
      const [w, s, e, n] = bbox;
      const mx = (e - w) * VIEW_MARGIN;
      const my = (n - s) * VIEW_MARGIN;
      client.view([w - mx, s - my, e + mx, n + my], zoom, { clusters: showClusters, heat: showHeat });
      askedZoom.current = Math.floor(zoom);
    };
    ask();
    engine.on('moveend', ask);
    return () => engine.off('moveend', ask);
  }, [engine, client, showClusters, showHeat]);

  return { client, today };
}
