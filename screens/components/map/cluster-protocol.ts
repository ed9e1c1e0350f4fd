import type { SourceKind } from '@zhongshu/stream/contracts';

/**
 * Messages between the map and its clustering worker (cluster.worker.ts). The worker owns today's
 * points (up to a few hundred thousand): it downloads and parses them, indexes them (supercluster),
 * bins them for the heatmap and answers viewport queries with a few hundred features, so the main
 * thread never touches the raw points.
 */

/** A live arrival to fold into today's points. */
export interface WirePoint {
  id: string;
  lng: number;
  lat: number;
  /** Index into KIND_ORDER. */
  k: number;
  /** Severity index: 0 info, 1 minor, 2 major, 3 critical. */
  s: number;
}

export type ToWorker =
  | { type: 'load'; url: string; token?: string }
  | { type: 'add'; points: WirePoint[] }
  | {
      type: 'view';
      seq: number;
      bbox: [number, number, number, number];
      zoom: number;
      /** What to answer: clusters for the clustered layer, cells for the heatmap. */
      clusters: boolean;
      heat: boolean;
    }
  | { type: 'expand'; seq: number; clusterId: number };

/** One drawable feature: a cluster (count > 1, clusterId set) or a single event (id set). */
export interface ClusterFeature {
  lng: number;
  lat: number;
  count: number;
  /** Dominant source kind (index into KIND_ORDER): the cluster's colour. */
  k: number;
  /** Highest severity index inside. */
  s: number;
  /** Counts per kind (KIND_ORDER), clusters only. */
  byKind?: number[];
  clusterId?: number;
  id?: string;
}

export type FromWorker =
  | {
      type: 'loaded';
      day: string;
      /** Points now indexed (today's, plus live arrivals since). */
      points: number;
      /** Today's mappable events on the server, whether or not all were sent. */
      total: number;
      truncated: boolean;
    }
  | {
      type: 'view';
      seq: number;
      features: ClusterFeature[] | null;
      /** Heatmap cells in view: lng, lat, weight (0–1) triples; each cell is about HEAT_CELL_PX wide. */
      heat: Float32Array | null;
    }
  | { type: 'expansion'; seq: number; clusterId: number; zoom: number }
  | { type: 'failed'; message: string };

/**
 * Heatmap cells are this many screen px wide at the asked zoom: the heatmap costs the same at any zoom
 * (a few thousand weighted points, never one per event), and it stays smooth when zoomed in.
 */
export const HEAT_CELL_PX = 10;

/** The order the worker numbers kinds in; the same as the server's `kinds` array. */
export const KIND_ORDER = [
  'hotline',
  'urban',
  'safety',
  'device',
  'approval',
  'hall',
] as const satisfies readonly SourceKind[];
export const SEVERITY_ORDER = ['info', 'minor', 'major', 'critical'] as const;
