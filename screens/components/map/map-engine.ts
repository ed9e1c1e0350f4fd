import type { FeatureCollection } from 'geojson';
import { BASE_COLORS, HEAT_RAMP } from '../../lib/map-palette';
import { HEAT_CELL_PX } from './cluster-protocol';
import type { BBox } from './map-geometry';
import type { MapLayerId } from './map-themes';

type L7Layers = typeof import('@antv/l7-layers');
type Scene = InstanceType<typeof import('@antv/l7-scene').Scene>;
type Layer = ReturnType<Scene['getLayers']>[number];

/** Rows the data layers draw; `size` and `color` are precomputed so L7 maps them 1:1. */
export interface PointRow {
  lng: number;
  lat: number;
  size: number;
  color: string;
}
export interface LabelRow {
  lng: number;
  lat: number;
  label: string;
}
export interface HeatRow {
  lng: number;
  lat: number;
  w: number;
}

export type DataLayer = 'events' | 'heat' | 'clusters' | 'clusterLabels' | 'orders' | 'devices';
type RowsOf<L extends DataLayer> = L extends 'heat' ? HeatRow : L extends 'clusterLabels' ? LabelRow : PointRow;

/** Which L7 layers a toggle shows or hides. */
const TOGGLED: Record<MapLayerId, readonly (DataLayer | 'towns' | 'grids')[]> = {
  towns: ['towns'],
  grids: ['grids'],
  events: ['events'],
  heat: ['heat'],
  clusters: ['clusters', 'clusterLabels'],
  orders: ['orders'],
  devices: ['devices'],
};

const JSON_POINTS = { parser: { type: 'json', x: 'lng', y: 'lat' } } as const;
/** No picking pass and no read-backs on any layer: clicks are hit-tested on the CPU (map-hit-test.ts). */
const NO_PICK = { enablePicking: false, enableHighlight: false } as const;

export interface EngineOptions {
  host: HTMLDivElement;
  district: FeatureCollection;
  /** Design px → screen px: line widths and symbol sizes are multiplied by it. */
  scale: number;
  center: [number, number];
  zoom: number;
  /** The camera may not wander far from the district. */
  bounds: BBox;
  minZoom: number;
}

/**
 * One L7 scene on the base-map-free engine (`@antv/l7-maps/simple`): no tiles, no keys. Every layer is
 * built once; afterwards only data and visibility change. Data updates are queued and applied together on
 * the next animation frame, so any number of updates in a frame costs one encode per layer and one redraw.
 */
export class MapEngine {
  private readonly layers = new Map<string, Layer>();
  private readonly pending = new Map<DataLayer, unknown[]>();
  private frame = 0;
  private destroyed = false;
  /** Rows each data layer draws now, for hit-testing clicks. */
  readonly shown = new Map<DataLayer, readonly unknown[]>();

  private constructor(
    readonly scene: Scene,
    private readonly l7: L7Layers,
    readonly scale: number,
  ) {}

  static async create(options: EngineOptions): Promise<MapEngine> {
    const [{ Scene }, l7, maps] = await Promise.all([
      import('@antv/l7-scene'),
      import('@antv/l7-layers'),
      import('@antv/l7-maps/simple'),
    ]);
    const [w, s, e, n] = options.bounds;
    const scene = new Scene({
      id: options.host,
      map: new maps.Map({
        center: options.center,
        zoom: options.zoom,
        minZoom: options.minZoom,
        maxZoom: 18,
        maxBounds: [
          [w, s],
          [e, n],
        ],
        // A wall map pans and zooms; it does not tilt or turn.
        dragRotate: false,
        pitchWithRotate: false,
        touchPitch: false,
        keyboard: false,
        boxZoom: false,
      }),
      logoVisible: false,
      antialias: false,
    });
    scene.setBgColor('rgba(0,0,0,0)');
    const engine = new MapEngine(scene, l7, options.scale);
    await new Promise<void>((resolve) => scene.on('loaded', () => resolve()));
    engine.buildLayers(options.district);
    return engine;
  }

  private add(name: string, layer: Layer, visible = true): void {
    if (!visible) layer.hide();
    this.layers.set(name, layer);
    this.scene.addLayer(layer);
  }

  private buildLayers(district: FeatureCollection): void {
    const { l7, scale } = this;
    this.add(
      'districtFill',
      new l7.PolygonLayer({ ...NO_PICK, zIndex: 0 })
        .source(district)
        .shape('fill')
        .color(BASE_COLORS.districtFill)
        .style({ opacity: 0.3 }),
    );
    this.add(
      'districtGlow',
      new l7.PolygonLayer({ ...NO_PICK, zIndex: 3 })
        .source(district)
        .shape('line')
        .size(7 * scale)
        .color(BASE_COLORS.districtGlow)
        .style({ opacity: 0.16 }),
    );
    this.add(
      'districtLine',
      new l7.PolygonLayer({ ...NO_PICK, zIndex: 4 })
        .source(district)
        .shape('line')
        .size(2 * scale)
        .color(BASE_COLORS.districtLine)
        .style({ opacity: 0.95 }),
    );
    this.add(
      'heat',
      new l7.HeatmapLayer({ ...NO_PICK, zIndex: 5 })
        .source([] as HeatRow[], JSON_POINTS)
        .shape('heatmap')
        .size('w', [0, 1])
        .style({
          // L7's kernel is a Gaussian with σ = radius / 3 and cells are HEAT_CELL_PX apart: at this
          // intensity the busiest few cells in view reach the top of the ramp, quiet streets stay blue.
          intensity: 1.6,
          radius: HEAT_CELL_PX * 1.5 * scale,
          opacity: 0.72,
          rampColors: HEAT_RAMP,
        }),
      false,
    );
    const points = (zIndex: number, shape: string, style: Record<string, unknown>) =>
      new l7.PointLayer({ ...NO_PICK, zIndex })
        .source([] as PointRow[], JSON_POINTS)
        .shape(shape)
        .size('size', (size: number) => size)
        .color('color', (color: string) => color)
        .style(style);
    this.add(
      'clusters',
      points(6, 'circle', { opacity: 0.78, stroke: '#e8f6ff', strokeWidth: 1 * scale, strokeOpacity: 0.55 }),
      false,
    );
    this.add(
      'clusterLabels',
      new l7.PointLayer({ ...NO_PICK, zIndex: 7 })
        .source([] as LabelRow[], JSON_POINTS)
        .shape('label', 'text')
        .size(11 * scale)
        .color(BASE_COLORS.clusterText)
        .style({
          textAnchor: 'center',
          textAllowOverlap: true,
          fontWeight: '600',
          stroke: '#04162e',
          strokeWidth: 1.5 * scale,
        }),
      false,
    );
    this.add(
      'devices',
      points(8, 'square', { opacity: 0.9, stroke: '#031024', strokeWidth: 1 * scale, strokeOpacity: 0.8 }),
      false,
    );
    this.add(
      'orders',
      points(9, 'triangle', { opacity: 0.95, stroke: '#ffffff', strokeWidth: 1 * scale, strokeOpacity: 0.6 }),
      false,
    );
    this.add(
      'events',
      points(10, 'circle', { opacity: 0.95, stroke: '#ffffff', strokeWidth: 0.8 * scale, strokeOpacity: 0.45 }),
      false,
    );
  }

  /** Towns and grids arrive after the boundary; they join the live scene without rebuilding it. */
  addAreas(name: 'towns' | 'grids', areas: FeatureCollection, visible: boolean): void {
    if (this.destroyed || this.layers.has(name)) return;
    const { l7, scale } = this;
    const layer =
      name === 'towns'
        ? new l7.PolygonLayer({ ...NO_PICK, zIndex: 2 })
            .source(areas)
            .shape('line')
            .size(1 * scale)
            .color(BASE_COLORS.towns)
            .style({ opacity: 0.5 })
        : new l7.PolygonLayer({ ...NO_PICK, zIndex: 1 })
            .source(areas)
            .shape('line')
            .size(0.6 * scale)
            .color(BASE_COLORS.grids)
            .style({ opacity: 0.16 });
    this.add(name, layer, visible);
  }

  /** Queues new rows for a data layer; applied with every other queued update on the next frame. */
  setData<L extends DataLayer>(name: L, rows: readonly RowsOf<L>[]): void {
    if (this.destroyed) return;
    this.pending.set(name, rows as unknown[]);
    if (!this.frame) this.frame = requestAnimationFrame(this.flush);
  }

  private readonly flush = (): void => {
    this.frame = 0;
    if (this.destroyed) return;
    for (const [name, rows] of this.pending) {
      this.shown.set(name, rows);
      this.layers.get(name)?.setData(rows);
    }
    this.pending.clear();
  };

  setVisible(id: MapLayerId, visible: boolean): void {
    for (const name of TOGGLED[id]) {
      const layer = this.layers.get(name);
      if (!layer || layer.isVisible() === visible) continue;
      if (visible) layer.show();
      else layer.hide();
    }
  }

  /** Container px of a WGS-84 position (the host's CSS px = screen px: the host is counter-scaled). */
  project(lng: number, lat: number): { x: number; y: number } {
    return this.scene.lngLatToContainer([lng, lat]);
  }

  view(): { center: [number, number]; zoom: number; bbox: BBox } {
    const { lng, lat } = this.scene.getCenter();
    const [[w, s], [e, n]] = this.scene.getBounds();
    return { center: [lng, lat], zoom: this.scene.getZoom(), bbox: [w, s, e, n] };
  }

  /** Only ever called on a viewer's action (reset, zoom into a cluster), never on a data update. */
  setView(center: [number, number], zoom: number): void {
    this.scene.setZoomAndCenter(zoom, center);
  }

  on(event: 'mapmove' | 'moveend' | 'zoomend', handler: () => void): void {
    this.scene.on(event, handler);
  }

  off(event: 'mapmove' | 'moveend' | 'zoomend', handler: () => void): void {
    this.scene.off(event, handler);
  }

  destroy(): void {
    this.destroyed = true;
    cancelAnimationFrame(this.frame);
    this.pending.clear();
    this.layers.clear();
    this.scene.destroy();
  }
}
