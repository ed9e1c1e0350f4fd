'use client';

import { useEffect, useState } from 'react';
import { liveStore } from '../../lib/live-store';
import { MAP_API, type DevicePositionsResponse, type MapDevice } from '../../lib/map-api';
import { DEVICE_STATUS_COLORS } from '../../lib/map-palette';
import type { MapEngine, PointRow } from './map-engine';
import type { MapHits, Sized } from './map-hits';
import type { MapStats } from './map-stats';
import { useMapJson } from './use-map-json';

const POLL_MS = 30_000;
/** A status change on the live channel refreshes the layer this soon (one fetch for a burst of changes). */
const STATUS_REFRESH_MS = 2_000;
const DEVICE_STATUS_TYPE = 'cn.zhongshu.device.status.v1';
/** Faults on top, then offline, then the quiet majority. */
const STATUS_RANK: Record<MapDevice['status'], number> = { silent: 0, online: 1, offline: 2, fault: 3 };

/** Devices at their last reported position, coloured by status; refreshed on a status change. */
export function useDevicesLayer(
  engine: MapEngine | null,
  token: string | undefined,
  visible: boolean,
  hits: MapHits,
  stats: MapStats,
): void {
  const [refreshKey, setRefreshKey] = useState(0);
  const data = useMapJson<DevicePositionsResponse>(visible ? MAP_API.devices : null, token, POLL_MS, refreshKey);

  useEffect(() => {
    if (!visible) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const stop = liveStore().listen((state, previous) => {
      if (timer || state.arrivals === previous.arrivals) return;
      if (state.arrivals.some((event) => event.type === DEVICE_STATUS_TYPE)) {
        timer = setTimeout(() => {
          timer = null;
          setRefreshKey((key) => key + 1);
        }, STATUS_REFRESH_MS);
      }
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, [visible]);

  useEffect(() => {
    if (!engine || !visible || !data) return;
    const scale = engine.scale;
    const devices = [...data.devices].sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status]);
    const sized: Array<Sized<MapDevice>> = [];
    const rows: PointRow[] = [];
    for (const device of devices) {
      const size = (device.status === 'fault' ? 5.5 : 4) * scale;
      sized.push({ item: device, lng: device.lng, lat: device.lat, size });
      rows.push({ lng: device.lng, lat: device.lat, size, color: DEVICE_STATUS_COLORS[device.status] });
    }
    hits.devices = sized;
    stats.set('devices', rows.length);
    engine.setData('devices', rows);
    return () => {
      hits.devices = [];
      engine.setData('devices', []);
    };
  }, [engine, visible, data, hits, stats]);
}
