/// <reference lib="webworker" />
import Supercluster from 'supercluster';
import {
  HEAT_CELL_PX,
  KIND_ORDER,
  SEVERITY_ORDER,
  type ClusterFeature,
  type FromWorker,
  type ToWorker,
  type WirePoint,
} from './cluster-protocol';

/**
 * Today's event points, off the main thread: download (one JSON of columns), index (supercluster),
 * heatmap bins, and viewport queries answered with a few hundred features. Live arrivals are folded in
 * with a re-index at most every REINDEX_MS: the clustered layer is "today", the live layer shows the
 * last seconds.
 */

declare const self: DedicatedWorkerGlobalScope;

const REINDEX_MS = 10_000;
/** Past this many heat cells the cells grow: the heatmap's cost on the GPU grows with their number. */
const MAX_HEAT_CELLS = 4000;
const CLUSTER_RADIUS_PX = 56;
const CLUSTER_MAX_ZOOM = 16;

interface Props {
  i: number;
}
interface ClusterProps {
  c0: number;
  c1: number;
  c2: number;
  c3: number;
  c4: number;
  c5: number;
  smax: number;
}

interface Loaded {
  day: string;
  total: number;
  truncated: boolean;
}

const ids: string[] = [];
const lngs: number[] = [];
const lats: number[] = [];
const kinds: number[] = [];
const severities: number[] = [];
const seen = new Set<string>();
let index: Supercluster<Props, ClusterProps> | null = null;
let loaded: Loaded | null = null;
let lastView: Extract<ToWorker, { type: 'view' }> | null = null;
let reindexTimer: ReturnType<typeof setTimeout> | null = null;
let loadGeneration = 0;

const post = (message: FromWorker, transfer: Transferable[] = []) => self.postMessage(message, transfer);

function clear(): void {
  ids.length = 0;
  lngs.length = 0;
  lats.length = 0;
  kinds.length = 0;
  severities.length = 0;
  seen.clear();
}

function push(id: string, lng: number, lat: number, k: number, s: number): void {
  if (seen.has(id) || !Number.isFinite(lng) || !Number.isFinite(lat)) return;
  seen.add(id);
  ids.push(id);
  lngs.push(lng);
  lats.push(lat);
  kinds.push(k >= 0 && k < KIND_ORDER.length ? k : 0);
  severities.push(s >= 0 && s < SEVERITY_ORDER.length ? s : 0);
}

function reindex(): void {
  const features: Array<Supercluster.PointFeature<Props>> = new Array<Supercluster.PointFeature<Props>>(ids.length);
  for (let i = 0; i < ids.length; i++) {
    features[i] = { type: 'Feature', properties: { i }, geometry: { type: 'Point', coordinates: [lngs[i], lats[i]] } };
  }
  const next = new Supercluster<Props, ClusterProps>({
    radius: CLUSTER_RADIUS_PX,
    maxZoom: CLUSTER_MAX_ZOOM,
    map: ({ i }) => {
      const props: ClusterProps = { c0: 0, c1: 0, c2: 0, c3: 0, c4: 0, c5: 0, smax: severities[i] };
      props[`c${kinds[i]}` as keyof ClusterProps] = 1;
      return props;
    },
    reduce: (acc, props) => {
      acc.c0 += props.c0;
      acc.c1 += props.c1;
      acc.c2 += props.c2;
      acc.c3 += props.c3;
      acc.c4 += props.c4;
      acc.c5 += props.c5;
      acc.smax = Math.max(acc.smax, props.smax);
    },
  });
  next.load(features);
  index = next;
}

/**
 * The points in view binned into square cells about HEAT_CELL_PX screen px wide, weighted by the square
 * root of their share of the busiest cell in view (quiet places stay visible, hot ones stand out): a few
 * thousand heat points instead of one per event.
 */
function heatCells(bbox: [number, number, number, number], zoom: number): Float32Array {
  const [w, s, e, n] = bbox;
  // Degrees of longitude per screen px at this zoom (512-px tiles); latitude cells use the same degrees.
  let cell = (HEAT_CELL_PX * 360) / (512 * 2 ** zoom);
  const cells = new Map<number, number>();
  for (;;) {
    cells.clear();
    const columns = Math.ceil((e - w) / cell) + 1;
    for (let i = 0; i < ids.length; i++) {
      const lng = lngs[i];
      const lat = lats[i];
      if (lng < w || lng > e || lat < s || lat > n) continue;
      const key = Math.floor((lat - s) / cell) * columns + Math.floor((lng - w) / cell);
      cells.set(key, (cells.get(key) ?? 0) + 1);
    }
    if (cells.size <= MAX_HEAT_CELLS) break;
    cell *= 1.5;
  }
  let max = 1;
  for (const count of cells.values()) max = Math.max(max, count);
  const columns = Math.ceil((e - w) / cell) + 1;
  const out = new Float32Array(cells.size * 3);
  let o = 0;
  for (const [key, count] of cells) {
    const row = Math.floor(key / columns);
    const column = key - row * columns;
    out[o++] = w + (column + 0.5) * cell;
    out[o++] = s + (row + 0.5) * cell;
    out[o++] = Math.sqrt(count / max);
  }
  return out;
}

function announce(): void {
  if (!loaded) return;
  post({ type: 'loaded', ...loaded, points: ids.length });
  if (lastView) answer(lastView);
}

function answer(view: Extract<ToWorker, { type: 'view' }>): void {
  if (!index) return;
  const heat = view.heat ? heatCells(view.bbox, view.zoom) : null;
  const features = view.clusters ? clustersIn(view) : null;
  post({ type: 'view', seq: view.seq, features, heat }, heat ? [heat.buffer] : []);
}

function clustersIn(view: Extract<ToWorker, { type: 'view' }>): ClusterFeature[] {
  const raw = index!.getClusters(view.bbox, Math.max(0, Math.min(CLUSTER_MAX_ZOOM + 1, Math.floor(view.zoom))));
  return raw.map((feature) => {
    const [lng, lat] = feature.geometry.coordinates;
    const props = feature.properties as Partial<ClusterProps & Supercluster.ClusterProperties> & Partial<Props>;
    if (props.cluster) {
      const byKind = [props.c0 ?? 0, props.c1 ?? 0, props.c2 ?? 0, props.c3 ?? 0, props.c4 ?? 0, props.c5 ?? 0];
      let k = 0;
      for (let i = 1; i < byKind.length; i++) if (byKind[i] > byKind[k]) k = i;
      return { lng, lat, count: props.point_count ?? 0, k, s: props.smax ?? 0, byKind, clusterId: props.cluster_id };
    }
    const i = props.i ?? 0;
    return { lng, lat, count: 1, k: kinds[i], s: severities[i], id: ids[i] };
  });
}

async function load(url: string, token: string | undefined): Promise<void> {
  const generation = ++loadGeneration;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(new URL(url, self.location.origin), { headers });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const body = (await response.json()) as {
    day: string;
    total: number;
    truncated: boolean;
    kinds: string[];
    points: { id: string[]; lng: number[]; lat: number[]; k: number[]; s: number[] };
  };
  if (generation !== loadGeneration) return; // a newer load started meanwhile
  // The server names its kinds; map its indices onto ours so a reordering there cannot recolour points.
  const kindMap = body.kinds.map((kind) => KIND_ORDER.indexOf(kind as (typeof KIND_ORDER)[number]));
  const live = ids.map((id, i) => ({ id, lng: lngs[i], lat: lats[i], k: kinds[i], s: severities[i] }));
  clear();
  const { id, lng, lat, k, s } = body.points;
  for (let i = 0; i < id.length; i++) push(id[i], lng[i], lat[i], kindMap[k[i]] ?? 0, s[i]);
  // Arrivals since the previous load that the new answer does not hold yet stay on the map.
  if (loaded && loaded.day === body.day) for (const p of live) push(p.id, p.lng, p.lat, p.k, p.s);
  loaded = { day: body.day, total: body.total, truncated: body.truncated };
  reindex();
  announce();
}

function add(points: readonly WirePoint[]): void {
  for (const p of points) push(p.id, p.lng, p.lat, p.k, p.s);
  if (!loaded || reindexTimer) return;
  reindexTimer = setTimeout(() => {
    reindexTimer = null;
    reindex();
    announce();
  }, REINDEX_MS);
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'load':
      load(message.url, message.token).catch((error: unknown) =>
        post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
      );
      break;
    case 'add':
      add(message.points);
      break;
    case 'view':
      lastView = message;
      answer(message);
      break;
    case 'expand':
      if (index) {
        let zoom = CLUSTER_MAX_ZOOM + 1;
        try {
          zoom = index.getClusterExpansionZoom(message.clusterId);
        } catch {
          // the cluster belonged to an index replaced since; zoom in one step past clustering
        }
        post({ type: 'expansion', seq: message.seq, clusterId: message.clusterId, zoom });
      }
      break;
  }
};
