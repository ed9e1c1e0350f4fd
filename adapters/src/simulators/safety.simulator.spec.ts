import { EVENT_TYPES, type CityEventInput } from '@zhongshu/stream';
import { describe, expect, it } from 'vitest';
import { buildFacilities } from './city-facilities';
import { Rng } from './prng';
import { SafetySimulator, severityOfLevel } from './safety.simulator';
import { drive } from './source-driver';
import { xiuyingTestProfile } from './test-profile';

type Alarm = Extract<CityEventInput, { type: typeof EVENT_TYPES.safetyAlarm }>;

const facilities = buildFacilities(xiuyingTestProfile, new Rng(1));

function alarms(scenario: 'normal' | 'typhoon') {
  const from = new Date('2026-06-01T08:00:00+08:00');
  const events = drive(new SafetySimulator(xiuyingTestProfile, new Rng(3), facilities), {
    from,
    to: new Date(from.getTime() + 6 * 3_600_000),
    perMinute: 10,
    scenario,
  });
  return { alarms: events.filter((event): event is Alarm => event.type === EVENT_TYPES.safetyAlarm) };
}

const normal = alarms('normal');
const raised = (list: Alarm[]) => list.filter((alarm) => alarm.data.status === 'raised');
const levelShare = (list: Alarm[], level: number) =>
  raised(list).filter((alarm) => alarm.data.level === level).length / raised(list).length;

describe('SafetySimulator', () => {
  it('covers video AI, fire, gas, disputes, traffic and public order', () => {
    expect(normal.alarms.length).toBeGreaterThan(2_000);
    expect(new Set(normal.alarms.map((alarm) => alarm.data.alarmType))).toEqual(
      new Set(['video_ai', 'fire', 'gas', 'dispute', 'traffic', 'public_order']),
    );
    const names = normal.alarms.map((alarm) => alarm.data.description);
    for (const name of ['人员聚集', '烟火检测', '占道', '纠纷', '交通事故']) {
      expect(names.some((description) => description.includes(name))).toBe(true);
    }
  });

  it('maps level to severity and keeps level 4 rare, rarer than in a typhoon', () => {
    expect([1, 2, 3, 4].map(severityOfLevel)).toEqual(['info', 'minor', 'major', 'critical']);
    for (const alarm of normal.alarms) expect(alarm.severity).toBe(severityOfLevel(alarm.data.level));
    expect(levelShare(normal.alarms, 4)).toBeGreaterThan(0);
    expect(levelShare(normal.alarms, 4)).toBeLessThan(0.06);
    expect(levelShare(alarms('typhoon').alarms, 4)).toBeGreaterThan(levelShare(normal.alarms, 4));
  });

  it('places device alarms at the device that raised them', () => {
    const devices = new Map(facilities.devices.map((device) => [device.id, device]));
    const fromDevices = normal.alarms.filter((alarm) => alarm.data.deviceId);
    expect(fromDevices.length).toBeGreaterThan(100);
    for (const alarm of fromDevices) {
      const device = devices.get(alarm.data.deviceId ?? '');
      expect(device).toBeDefined();
      expect(alarm.location?.lng).toBeCloseTo(device?.lng ?? 0, 5);
      expect(alarm.location?.lat).toBeCloseTo(device?.lat ?? 0, 5);
      if (alarm.data.alarmType === 'video_ai') expect(device?.type).toBe('camera');
    }
  });

  it('moves an alarm from raised to acknowledged to cleared, never back', () => {
    const order = ['raised', 'acknowledged', 'cleared'];
    const byAlarm = new Map<string, string[]>();
    for (const alarm of normal.alarms) {
      byAlarm.set(alarm.data.alarmId, [...(byAlarm.get(alarm.data.alarmId) ?? []), alarm.data.status ?? 'raised']);
    }
    const histories = [...byAlarm.values()];
    expect(histories.filter((history) => history.length > 1).length).toBeGreaterThan(100);
    for (const history of histories) {
      expect(history[0]).toBe('raised');
      const ranks = history.map((status) => order.indexOf(status));
      expect(ranks).toEqual([...ranks].sort());
      expect(new Set(ranks).size).toBe(ranks.length);
    }
  });
});
