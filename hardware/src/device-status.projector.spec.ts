import { describe, expect, it } from 'vitest';
import { summarizeFleet, type DeviceStatusEntry } from './device-status.projector';

const at = '2026-11-21T09:00:00+08:00';

describe('summarizeFleet', () => {
  it('counts devices per type and status', () => {
    const entries: DeviceStatusEntry[] = [
      { deviceType: 'camera', status: 'online', since: at },
      { deviceType: 'camera', status: 'offline', since: at },
      { deviceType: 'camera', status: 'online', since: at },
      { deviceType: 'sensor', status: 'fault', since: at },
    ];
    expect(summarizeFleet(entries)).toEqual({
      camera: { online: 2, offline: 1, fault: 0 },
      sensor: { online: 0, offline: 0, fault: 1 },
    });
  });

  it('is empty for an empty fleet', () => {
    expect(summarizeFleet([])).toEqual({});
  });
});
