import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_STATUS_KEY, DeviceStatusProjector } from '@zhongshu/hardware';
import { EVENT_TYPES, cityEvent, exampleEvent, kindOf, type CityEventInput, type StoredEvent } from '@zhongshu/stream';
import { MemoryHotState } from '../hot-state/memory.hot-state';
import { ChdbSqlClient } from '../warehouse/chdb.sql-client';
import { ClickHouseEventStore } from '../warehouse/clickhouse.event-store';
import { DevicePositionsRepository } from './device-positions.repository';
import { placeDevices } from './place-devices';

const TOWN = { code: '460105100', name: '长流镇' };
const NOW = new Date('2026-11-21T12:00:00+08:00');

function deviceEvent(
  id: string,
  type: typeof EVENT_TYPES.deviceTelemetry | typeof EVENT_TYPES.deviceStatus,
  device: { id: string; type: string; category: string },
  time: string,
  at: [number, number],
  status?: 'online' | 'offline' | 'fault',
): StoredEvent {
  const data =
    type === EVENT_TYPES.deviceStatus
      ? { deviceId: device.id, deviceType: device.type, status: status ?? 'online', reason: 'test' }
      : { deviceId: device.id, deviceType: device.type, metrics: { level: 1 } };
  const event = cityEvent.parse(
    exampleEvent(type, {
      id,
      time,
      subject: device.id,
      category: device.category,
      severity: type === EVENT_TYPES.deviceStatus && status !== 'online' ? 'major' : 'info',
      location: { lng: at[0], lat: at[1], crs: 'WGS84' },
      region: { code: '460105', town: TOWN },
      data,
    } as Partial<CityEventInput>),
  );
  return { event, kind: kindOf(type), wgs84: { lng: at[0], lat: at[1] }, ingestedAt: new Date() };
}

const GAUGE = { id: 'WL-001', type: 'sensor', category: 'water_level' };
const CAMERA = { id: 'CAM-007', type: 'camera', category: 'camera' };
const KIOSK = { id: 'KSK-002', type: 'kiosk', category: 'kiosk' };
const GONE = { id: 'SM-099', type: 'sensor', category: 'smoke' };

describe('device positions from the warehouse and status from hot state', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zs-device-positions-'));
  let sql: ChdbSqlClient;
  const hotState = new MemoryHotState();
  let repository: DevicePositionsRepository;

  beforeAll(async () => {
    sql = new ChdbSqlClient(dir);
    const store = new ClickHouseEventStore(sql, 'Asia/Shanghai');
    await store.migrate();
    repository = new DevicePositionsRepository(sql);
    const events = [
      // The gauge was moved: its latest report says where it is now.
      deviceEvent('e1', EVENT_TYPES.deviceTelemetry, GAUGE, '2026-11-21T09:00:00+08:00', [110.2, 20.0]),
      deviceEvent('e2', EVENT_TYPES.deviceTelemetry, GAUGE, '2026-11-21T11:55:00+08:00', [110.21, 20.01]),
      // The camera reported, then faulted.
      deviceEvent('e3', EVENT_TYPES.deviceTelemetry, CAMERA, '2026-11-21T10:00:00+08:00', [110.25, 20.02]),
      deviceEvent('e4', EVENT_TYPES.deviceStatus, CAMERA, '2026-11-21T10:30:00+08:00', [110.25, 20.02], 'fault'),
      // The kiosk has not reported for two hours and has no status on record.
      deviceEvent('e5', EVENT_TYPES.deviceTelemetry, KIOSK, '2026-11-21T10:00:00+08:00', [110.28, 20.03]),
      // Two days ago: outside a 24-hour window.
      deviceEvent('e6', EVENT_TYPES.deviceTelemetry, GONE, '2026-11-19T10:00:00+08:00', [110.3, 20.0]),
    ];
    await store.append(events, 'devices-1');
    await new DeviceStatusProjector().project(events, hotState);
  });

  afterAll(async () => {
    await hotState.close();
    await sql.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds each recently reporting device at its latest position', async () => {
    const sightings = await repository.sightings(new Date(NOW.getTime() - 24 * 3_600_000), 100);
    expect(sightings.map((s) => s.id)).toEqual(['CAM-007', 'KSK-002', 'WL-001']);
    expect(sightings[2]).toEqual({
      id: 'WL-001',
      category: 'water_level',
      townCode: TOWN.code,
      lng: 110.21,
      lat: 20.01,
      lastSeen: Date.parse('2026-11-21T11:55:00+08:00'),
    });
  });

  it('reaches further back when asked, and stops at the limit', async () => {
    const week = await repository.sightings(new Date(NOW.getTime() - 7 * 24 * 3_600_000), 100);
    expect(week.map((s) => s.id)).toContain('SM-099');
    expect(await repository.sightings(new Date(NOW.getTime() - 7 * 24 * 3_600_000), 2)).toHaveLength(2);
  });

  it('puts each device on the map with its status: recorded, recently heard, or silent', async () => {
    const sightings = await repository.sightings(new Date(NOW.getTime() - 24 * 3_600_000), 100);
    const fields = await hotState.readFields(DEVICE_STATUS_KEY);
    const placed = placeDevices(sightings, fields, NOW, (code) => (code === TOWN.code ? TOWN.name : undefined));
    const byId = new Map(placed.devices.map((device) => [device.id, device]));
    expect(byId.get('CAM-007')).toMatchObject({
      status: 'fault',
      type: 'camera',
      since: '2026-11-21T10:30:00+08:00',
      townName: '长流镇',
    });
    expect(byId.get('WL-001')).toMatchObject({ status: 'online', type: 'water_level', lng: 110.21 });
    expect(byId.get('KSK-002')?.status).toBe('silent');
    expect(placed.counts).toEqual({ online: 1, offline: 0, fault: 1, silent: 1 });
  });
});
