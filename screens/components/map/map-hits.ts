import type { LiveEvent, LiveOrder } from '@zhongshu/stream/contracts';
import type { MapDevice } from '../../lib/map-api';
import type { ClusterFeature } from './cluster-protocol';
import type { MapSelection } from './map-detail-panel';
import { hitTest } from './map-hit-test';

export interface Sized<T> {
  item: T;
  lng: number;
  lat: number;
  /** Radius in container px. */
  size: number;
}

/**
 * What each data layer draws right now, kept beside the L7 layers so a click can be answered without a
 * picking pass. Work orders and devices sit above events, events above clusters: the most specific
 * symbol under a finger wins.
 */
export class MapHits {
  events: ReadonlyArray<Sized<LiveEvent>> = [];
  clusters: ReadonlyArray<Sized<ClusterFeature>> = [];
  orders: ReadonlyArray<Sized<LiveOrder>> = [];
  devices: ReadonlyArray<Sized<MapDevice>> = [];

  at(
    x: number,
    y: number,
    visible: { events: boolean; clusters: boolean; orders: boolean; devices: boolean },
    project: (lng: number, lat: number) => { x: number; y: number },
  ): MapSelection | null {
    const probe = <T>(rows: ReadonlyArray<Sized<T>>) =>
      hitTest({ rows, position: (row) => row, radius: (row) => row.size }, x, y, project)?.row.item;
    const order = visible.orders ? probe(this.orders) : undefined;
    if (order) return { type: 'order', order };
    const device = visible.devices ? probe(this.devices) : undefined;
    if (device) return { type: 'device', device };
    const event = visible.events ? probe(this.events) : undefined;
    if (event) return { type: 'event', id: event.id, live: event };
    const feature = visible.clusters ? probe(this.clusters) : undefined;
    if (feature?.clusterId !== undefined && feature.byKind) {
      return {
        type: 'cluster',
        lng: feature.lng,
        lat: feature.lat,
        count: feature.count,
        byKind: feature.byKind,
        clusterId: feature.clusterId,
      };
    }
    if (feature?.id) return { type: 'event', id: feature.id };
    return null;
  }
}
