import { describe, expect, it } from 'vitest';
import { placeDevices, SILENT_AFTER_MS } from './place-devices';

const NOW = new Date('2026-11-21T04:00:00Z');
const sighting = (id: string, agoMs: number) => ({
  id,
  category: 'camera',
  townCode: '460105001',
  lng: 110.29,
  lat: 20.02,
  lastSeen: NOW.getTime() - agoMs,
});

describe('placeDevices', () => {
  it('lets a recorded status win over how recently the device reported', () => {
    const fields = {
      A: JSON.stringify({ deviceType: 'camera', status: 'offline', since: '2026-11-21T11:00:00+08:00' }),
    };
    const { devices } = placeDevices([sighting('A', 1000)], fields, NOW, () => '秀英街道');
    expect(devices[0]).toMatchObject({ status: 'offline', since: '2026-11-21T11:00:00+08:00', townName: '秀英街道' });
  });

  it('calls a device without a status online while it reports, silent after a quiet spell', () => {
    const { devices, counts } = placeDevices(
      [sighting('A', SILENT_AFTER_MS - 1000), sighting('B', SILENT_AFTER_MS + 1000)],
      {},
      NOW,
      () => undefined,
    );
    expect(devices.map((device) => device.status)).toEqual(['online', 'silent']);
    expect(devices[0].townName).toBeUndefined();
    expect(counts).toEqual({ online: 1, offline: 0, fault: 0, silent: 1 });
  });

  it('ignores a malformed hot-state value instead of failing the whole map', () => {
    const fields = { A: '{not json', B: JSON.stringify({ status: 'exploded' }) };
    const { devices } = placeDevices([sighting('A', 0), sighting('B', 0)], fields, NOW, () => undefined);
    expect(devices.map((device) => device.status)).toEqual(['online', 'online']);
    expect(devices[0].type).toBe('camera');
  });
});
