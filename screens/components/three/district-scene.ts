import type { Feature, FeatureCollection, Position } from 'geojson';
import type * as Three from 'three';
import { KIND_COLORS } from '../../lib/palette';
import { KIND_ORDER } from '../map/cluster-protocol';
import { labelAnchor, type BBox } from '../map/map-geometry';
import { DistrictProjection } from './district-projection';

type ThreeModule = typeof Three;

export interface TownLabel {
  code: string;
  name: string;
  total: number;
  /** CSS px in the canvas, or null when behind the camera. */
  x: number;
  y: number;
  visible: boolean;
}

export interface DistrictSceneOptions {
  district: FeatureCollection;
  towns: FeatureCollection;
  bbox: BBox;
  /** Slow turn around the district; off, the scene renders only when counts change. */
  orbit: boolean;
  /** Called after each rendered frame with where the columns' tops are, for DOM labels. */
  onFrame: (labels: readonly TownLabel[], frames: number) => void;
}

/** One turn every two minutes: movement the eye reads as calm. */
const ORBIT_PERIOD_MS = 120_000;
/** An orbit this slow looks the same at 30 frames a second as at 60, at half the cost. */
const ORBIT_FPS = 30;
const GROW_MS = 900;
const DISTRICT_DEPTH_KM = 0.8;
/** The tallest column, as a share of the district's larger side. */
const MAX_COLUMN_SHARE = 0.32;
const COLUMN_WIDTH_SHARE = 0.035;

interface Column {
  code: string;
  name: string;
  x: number;
  z: number;
  /** Its first instance in the columns' InstancedMesh; one instance per kind follows. */
  first: number;
  /** Heights per kind now, and where they are going (km). */
  from: number[];
  to: number[];
  counts: number[];
  /** Height of the column's top now (km), for its label. */
  top?: number;
}

const easeOut = (t: number) => 1 - (1 - t) ** 3;

/**
 * The district as a three.js scene: extruded boundary, town outlines on top, and one column per town
 * stacked by source kind (the wall's palette) that grows when counts change. It draws only when
 * something moves — the orbit (throttled to ORBIT_FPS) or a growing column — and gives back every GPU
 * resource it made on dispose().
 */
export class DistrictScene {
  private readonly renderer: Three.WebGLRenderer;
  private readonly scene: Three.Scene;
  private readonly camera: Three.PerspectiveCamera;
  private readonly projection: DistrictProjection;
  private readonly columns = new Map<string, Column>();
  private readonly disposables: Array<{ dispose: () => void }> = [];
  private readonly vector: Three.Vector3;
  private readonly matrix: Three.Matrix4;
  private bars: Three.InstancedMesh | null = null;
  private frame = 0;
  private frames = 0;
  private lastRender = 0;
  private growStart = 0;
  private growing = false;
  private active = true;
  private dirty = true;
  private orbitAngle = -Math.PI / 2.6;
  private orbitClock = 0;
  private width = 1;
  private height = 1;

  constructor(
    private readonly three: ThreeModule,
    readonly canvas: HTMLCanvasElement,
    private readonly options: DistrictSceneOptions,
  ) {
    const T = three;
    this.projection = new DistrictProjection(options.bbox);
    this.vector = new T.Vector3();
    this.matrix = new T.Matrix4();
    // No antialiasing: on a software-rendered GPU it multiplies the cost of every frame.
    this.renderer = new T.WebGLRenderer({ canvas, antialias: false, alpha: true, powerPreference: 'high-performance' });
    this.renderer.setClearColor(0x000000, 0);
    this.scene = new T.Scene();
    this.camera = new T.PerspectiveCamera(34, 1, 0.1, this.projection.size * 20);
    this.scene.add(new T.HemisphereLight(0x9fd8ff, 0x06162e, 1.4));
    const sun = new T.DirectionalLight(0xffffff, 1.6);
    sun.position.set(-1, 2, 1.2);
    this.scene.add(sun);
    this.buildGround();
    this.buildDistrict(options.district);
    this.buildTowns(options.towns);
    this.placeCamera(0);
  }

  private keep<T extends { dispose: () => void }>(resource: T): T {
    this.disposables.push(resource);
    return resource;
  }

  /** Map plane (x east, y north, km) → scene (x east, y up, z south). */
  private toScene(lng: number, lat: number, up = 0): [number, number, number] {
    const [x, y] = this.projection.project(lng, lat);
    return [x, up, -y];
  }

  private buildGround(): void {
    const T = this.three;
    const size = this.projection.size;
    const grid = new T.PolarGridHelper(size * 1.1, 12, 6, 96, 0x123a66, 0x0c2848);
    this.keep(grid.geometry);
    this.keep(grid.material as Three.Material);
    grid.position.y = -0.05;
    this.scene.add(grid);
  }

  private rings(feature: Feature): Position[][][] {
    const geometry = feature.geometry;
    if (!geometry) return [];
    if (geometry.type === 'Polygon') return [geometry.coordinates];
    if (geometry.type === 'MultiPolygon') return geometry.coordinates;
    return [];
  }

  private buildDistrict(district: FeatureCollection): void {
    const T = this.three;
    const top = this.keep(new T.MeshLambertMaterial({ color: 0x0c3f80, emissive: 0x061d42 }));
    const sides = this.keep(new T.MeshLambertMaterial({ color: 0x2a8cff, emissive: 0x0b3f7a }));
    const outline = this.keep(new T.LineBasicMaterial({ color: 0x7fe9ff }));
    const base = this.keep(new T.LineBasicMaterial({ color: 0x2f7fd0, transparent: true, opacity: 0.6 }));
    for (const feature of district.features) {
      for (const polygon of this.rings(feature)) {
        const toShape = (ring: Position[]) =>
          ring.map(([lng, lat]) => new T.Vector2(...this.projection.project(lng, lat)));
        const shape = new T.Shape(toShape(polygon[0]));
        for (const hole of polygon.slice(1)) shape.holes.push(new T.Path(toShape(hole)));
        const geometry = this.keep(new T.ExtrudeGeometry(shape, { depth: DISTRICT_DEPTH_KM, bevelEnabled: false }));
        const mesh = new T.Mesh(geometry, [top, sides]);
        // Shape in the x/y plane, extruded along z: turn it so the map lies flat and the depth points up.
        mesh.rotation.x = -Math.PI / 2;
        this.scene.add(mesh);
        for (const [material, up] of [
          [outline, DISTRICT_DEPTH_KM + 0.02],
          [base, 0],
        ] as const) {
          const points = polygon[0].map(([lng, lat]) => new T.Vector3(...this.toScene(lng, lat, up)));
          const line = new T.LineLoop(this.keep(new T.BufferGeometry().setFromPoints(points)), material);
          this.scene.add(line);
        }
      }
    }
  }

  private buildTowns(towns: FeatureCollection): void {
    const T = this.three;
    const material = this.keep(new T.LineBasicMaterial({ color: 0x5ab4ff, transparent: true, opacity: 0.55 }));
    const up = DISTRICT_DEPTH_KM + 0.03;
    const anchors: Array<{ code: string; name: string; x: number; z: number }> = [];
    for (const feature of towns.features) {
      for (const polygon of this.rings(feature)) {
        const points = polygon[0].map(([lng, lat]) => new T.Vector3(...this.toScene(lng, lat, up)));
        this.scene.add(new T.LineLoop(this.keep(new T.BufferGeometry().setFromPoints(points)), material));
      }
      const props = (feature.properties ?? {}) as { code?: string; name?: string };
      const anchor = labelAnchor(feature);
      if (!anchor || !props.code || !props.name) continue;
      const [x, , z] = this.toScene(anchor.point[0], anchor.point[1]);
      anchors.push({ code: props.code, name: props.name, x, z });
    }
    // Every segment of every column is one instance of one box: a single draw call for all the columns.
    const box = this.keep(new T.BoxGeometry(1, 1, 1));
    box.translate(0, 0.5, 0); // grows upwards from its base
    const columnMaterial = this.keep(new T.MeshLambertMaterial({ color: 0xffffff, emissive: 0x18283a }));
    const mesh = new T.InstancedMesh(box, columnMaterial, Math.max(1, anchors.length * KIND_ORDER.length));
    this.keep(mesh);
    const colors = KIND_ORDER.map((kind) => new T.Color(KIND_COLORS[kind]));
    anchors.forEach((anchor, townIndex) => {
      KIND_ORDER.forEach((_, k) => mesh.setColorAt(townIndex * KIND_ORDER.length + k, colors[k]));
      const zero = () => KIND_ORDER.map(() => 0);
      this.columns.set(anchor.code, {
        ...anchor,
        first: townIndex * KIND_ORDER.length,
        from: zero(),
        to: zero(),
        counts: zero(),
      });
    });
    this.bars = mesh;
    this.scene.add(mesh);
    this.applyHeights(performance.now());
  }

  /** Today's counts per town code, by kind (KIND_ORDER); the columns grow (or shrink) to them. */
  setCounts(counts: ReadonlyMap<string, readonly number[]>): void {
    let max = 1;
    for (const byKind of counts.values())
      max = Math.max(
        max,
        byKind.reduce((a, b) => a + b, 0),
      );
    const perEvent = (this.projection.size * MAX_COLUMN_SHARE) / max;
    let changed = false;
    for (const column of this.columns.values()) {
      const byKind = counts.get(column.code) ?? KIND_ORDER.map(() => 0);
      const current = this.currentHeights(column, performance.now());
      column.from = current;
      column.to = byKind.map((n) => n * perEvent);
      if (column.to.some((h, i) => Math.abs(h - current[i]) > 1e-6)) changed = true;
      column.counts = [...byKind];
    }
    if (!changed) return;
    this.growStart = performance.now();
    this.growing = true;
    this.invalidate();
  }

  private currentHeights(column: Column, now: number): number[] {
    if (!this.growing) return [...column.to];
    const t = easeOut(Math.min(1, (now - this.growStart) / GROW_MS));
    return column.from.map((from, i) => from + (column.to[i] - from) * t);
  }

  private applyHeights(now: number): void {
    const bars = this.bars;
    if (!bars) return;
    const up = DISTRICT_DEPTH_KM + 0.03;
    const width = this.projection.size * COLUMN_WIDTH_SHARE;
    for (const column of this.columns.values()) {
      const heights = this.currentHeights(column, now);
      let base = up;
      heights.forEach((h, k) => {
        // An empty segment is scaled to nothing rather than hidden: instances have no visibility.
        this.matrix.makeScale(h > 0.001 ? width : 0, Math.max(h, 0), h > 0.001 ? width : 0);
        this.matrix.setPosition(column.x, base, column.z);
        bars.setMatrixAt(column.first + k, this.matrix);
        base += h;
      });
      column.top = base;
    }
    bars.instanceMatrix.needsUpdate = true;
    if (this.growing && now - this.growStart >= GROW_MS) this.growing = false;
  }

  private placeCamera(angle: number): void {
    const size = this.projection.size;
    const radius = size * 1.55;
    this.camera.position.set(Math.cos(angle) * radius, size * 1.05, -Math.sin(angle) * radius);
    this.camera.lookAt(0, size * 0.04, 0);
  }

  resize(width: number, height: number, pixelRatio: number): void {
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
    this.renderer.setPixelRatio(Math.min(pixelRatio, 2));
    this.renderer.setSize(this.width, this.height, false);
    this.camera.aspect = this.width / this.height;
    this.camera.updateProjectionMatrix();
    this.invalidate();
  }

  /** Off-screen or hidden: no frames at all. */
  setActive(active: boolean): void {
    this.active = active;
    if (active) this.invalidate();
    else {
      cancelAnimationFrame(this.frame);
      this.frame = 0;
    }
  }

  private invalidate(): void {
    this.dirty = true;
    if (this.active && !this.frame) this.frame = requestAnimationFrame(this.tick);
  }

  private readonly tick = (now: number): void => {
    this.frame = 0;
    if (!this.active) return;
    const orbiting = this.options.orbit;
    const due = this.dirty || this.growing || (orbiting && now - this.lastRender >= 1000 / ORBIT_FPS - 2);
    if (due) {
      if (orbiting) {
        if (this.orbitClock) this.orbitAngle += ((now - this.orbitClock) / ORBIT_PERIOD_MS) * Math.PI * 2;
        this.orbitClock = now;
        this.placeCamera(this.orbitAngle);
      }
      this.applyHeights(now);
      this.renderer.render(this.scene, this.camera);
      this.dirty = false;
      this.lastRender = now;
      this.frames += 1;
      this.options.onFrame(this.labels(), this.frames);
    }
    if (orbiting || this.growing) this.frame = requestAnimationFrame(this.tick);
  };

  private labels(): TownLabel[] {
    const out: TownLabel[] = [];
    for (const column of this.columns.values()) {
      const top = column.top ?? DISTRICT_DEPTH_KM;
      this.vector.set(column.x, top + this.projection.size * 0.012, column.z);
      this.vector.project(this.camera);
      out.push({
        code: column.code,
        name: column.name,
        total: column.counts.reduce((a, b) => a + b, 0),
        x: ((this.vector.x + 1) / 2) * this.width,
        y: ((1 - this.vector.y) / 2) * this.height,
        visible: this.vector.z < 1,
      });
    }
    return out;
  }

  dispose(): void {
    this.active = false;
    cancelAnimationFrame(this.frame);
    for (const resource of this.disposables) resource.dispose();
    this.disposables.length = 0;
    this.scene.clear();
    this.renderer.dispose();
    // Walls mount and unmount views for hours: hand the context back now, not whenever GC runs.
    this.renderer.forceContextLoss();
  }
}
