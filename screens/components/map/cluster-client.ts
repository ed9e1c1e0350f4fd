import type { ClusterFeature, FromWorker, ToWorker, WirePoint } from './cluster-protocol';

export interface ClusterLoad {
  day: string;
  points: number;
  total: number;
  truncated: boolean;
}

interface Handlers {
  onLoaded: (load: ClusterLoad) => void;
  /** The answer for the newest view asked: null for a part that was not asked for. */
  onView: (features: ClusterFeature[] | null, heat: Float32Array | null) => void;
  onFailed: (message: string) => void;
}

/**
 * The main thread's side of the clustering worker. Viewport queries carry a sequence number and only
 * the newest answer is drawn, so a burst of pans costs one layer update, not one per pan.
 */
export class ClusterClient {
  private readonly worker: Worker;
  private viewSeq = 0;
  private expandSeq = 0;
  private readonly expansions = new Map<number, (zoom: number) => void>();

  constructor(private readonly handlers: Handlers) {
    this.worker = new Worker(new URL('./cluster.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (event: MessageEvent<FromWorker>) => this.receive(event.data);
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.handlers.onFailed(event.message || 'cluster worker failed');
    };
  }

  load(url: string, token?: string): void {
    this.send({ type: 'load', url, token });
  }

  add(points: WirePoint[]): void {
    if (points.length > 0) this.send({ type: 'add', points });
  }

  view(bbox: [number, number, number, number], zoom: number, want: { clusters: boolean; heat: boolean }): void {
    this.send({ type: 'view', seq: ++this.viewSeq, bbox, zoom, ...want });
  }

  /** The zoom at which a cluster splits (supercluster's expansion zoom). */
  expansionZoom(clusterId: number): Promise<number> {
    const seq = ++this.expandSeq;
    return new Promise((resolve) => {
      this.expansions.set(seq, resolve);
      this.send({ type: 'expand', seq, clusterId });
    });
  }

  terminate(): void {
    this.worker.terminate();
    this.expansions.clear();
  }

  private send(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case 'loaded':
        this.handlers.onLoaded(message);
        break;
      case 'view':
        if (message.seq === this.viewSeq) this.handlers.onView(message.features, message.heat);
        break;
      case 'expansion': {
        const resolve = this.expansions.get(message.seq);
        this.expansions.delete(message.seq);
        resolve?.(message.zoom);
        break;
      }
      case 'failed':
        this.handlers.onFailed(message.message);
        break;
    }
  }
}
