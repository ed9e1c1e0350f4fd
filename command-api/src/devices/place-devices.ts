import type { DeviceSighting } from './device-positions.repository';
import {
  MAP_DEVICE_STATUSES,
  type DevicePosition,
  type DevicePositions,
  type MapDeviceStatus,
} from './device-positions.dto';

/** A device with no status on record that has not reported for this long is shown as silent. */
export const SILENT_AFTER_MS = 15 * 60_000;

interface StatusEntry {
  deviceType?: unknown;
  status?: unknown;
  since?: unknown;
}

function readEntry(raw: string | undefined): StatusEntry | undefined {
  if (!raw) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined; // a malformed hot-state value must not take the map down
  }
}

const isStatus = (value: unknown): value is 'online' | 'offline' | 'fault' =>
  value === 'online' || value === 'offline' || value === 'fault';

/**
 * Joins where devices are (warehouse) with their latest status (hot state, field = device id, value =
 * DeviceStatusEntry JSON). A recorded status wins; without one, a device that reported recently is online.
 */
export function placeDevices(
  sightings: readonly DeviceSighting[],
  statusFields: Readonly<Record<string, string>>,
  now: Date,
  townName: (code: string) => string | undefined,
): DevicePositions {
  const counts = Object.fromEntries(MAP_DEVICE_STATUSES.map((status) => [status, 0])) as Record<
    MapDeviceStatus,
    number
  >;
  const devices = sightings.map((sighting): DevicePosition => {
    const entry = readEntry(statusFields[sighting.id]);
    const recorded = isStatus(entry?.status) ? entry.status : undefined;
    const status: MapDeviceStatus =
      recorded ?? (now.getTime() - sighting.lastSeen <= SILENT_AFTER_MS ? 'online' : 'silent');
    counts[status] += 1;
    const town = sighting.townCode ? townName(sighting.townCode) : undefined;
    return {
      id: sighting.id,
      type: typeof entry?.deviceType === 'string' ? entry.deviceType : sighting.category,
      category: sighting.category,
      status,
      ...(recorded && typeof entry?.since === 'string' ? { since: entry.since } : {}),
      lastSeen: new Date(sighting.lastSeen).toISOString(),
      ...(town ? { townName: town } : {}),
      lng: sighting.lng,
      lat: sighting.lat,
    };
  });
  return { devices, counts };
}
