import { EVENT_TYPES, type HotState, type StoredEvent } from '@zhongshu/stream';

export const DEVICE_STATUS_KEY = 'devices:status';

export type DeviceStatus = 'online' | 'offline' | 'fault';

export interface DeviceStatusEntry {
  deviceType: string;
  status: DeviceStatus;
  /** Event time of the last status change. */
  since: string;
  townName?: string;
}

/** Keeps the latest status per device in hot state: one hash, field = device id. */
export class DeviceStatusProjector {
  async project(stored: readonly StoredEvent[], hotState: HotState): Promise<void> {
    const updates: Record<string, string> = {};
    for (const { event } of stored) {
      if (event.type !== EVENT_TYPES.deviceStatus) continue;
      const entry: DeviceStatusEntry = {
        deviceType: event.data.deviceType,
        status: event.data.status,
        since: event.time,
        townName: event.region?.town?.name,
      };
      updates[event.data.deviceId] = JSON.stringify(entry);
    }
    if (Object.keys(updates).length > 0) await hotState.putFields(DEVICE_STATUS_KEY, updates);
  }
}

/** Online / offline / fault counts per device type, for device-health tiles. */
export function summarizeFleet(entries: Iterable<DeviceStatusEntry>): Record<string, Record<DeviceStatus, number>> {
  const summary: Record<string, Record<DeviceStatus, number>> = {};
  for (const { deviceType, status } of entries) {
    summary[deviceType] ??= { online: 0, offline: 0, fault: 0 };
    summary[deviceType][status] += 1;
  }
  return summary;
}
