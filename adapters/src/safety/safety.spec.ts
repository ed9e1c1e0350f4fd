import { EVENT_TYPES, parseCityEvent } from '@zhongshu/stream';
import { describe, expect, it } from 'vitest';
import { buildFacilities } from '../simulators/city-facilities';
import { Rng } from '../simulators/prng';
import { SafetySimulator } from '../simulators/safety.simulator';
import { drive } from '../simulators/source-driver';
import { xiuyingTestProfile } from '../simulators/test-profile';
import { MemoryIngestSink } from '../shared/memory-ingest.sink';
import { normalise } from '../urban/push-kit';
import { clientMessage } from './alarm-stream.protocol';
import { safetyAlarmFromEvent, safetyAlarmToCityEvent, safetyCategory, safetyEventId } from './safety.mapping';
import { SafetyPushAdapter } from './safety.push-adapter';
import { safetyAlarmPush, type SafetyAlarmPushInput } from './safety.schema';

/** A gas alarm as a 城市安全 platform pushes it. */
export const GAS_ALARM: SafetyAlarmPushInput = {
  alarmId: 'GJ202611210001',
  alarmType: 'gas',
  alarmName: '可燃气体泄漏',
  level: 4,
  description: '永庄路18号餐饮店可燃气体浓度超标，LEL 32%',
  address: '海口市秀英区永庄路18号',
  deviceId: '460105-GS-003',
  lng: 110.2883,
  lat: 20.0197,
  raisedAt: '2026-11-21T09:31:07+08:00',
  status: 'raised',
};

/** What must survive the trip through the platform format: everything but id, source, subject and region. */
function comparable(event: object): unknown {
  const {
    id: _id,
    source: _source,
    subject: _subject,
    datacontenttype: _type,
    region: _region,
    ...rest
  } = JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
  return rest;
}

const toEvent = (raw: unknown) => normalise(safetyAlarmPush, (item) => safetyAlarmToCityEvent(item), raw);

describe('safety alarm push', () => {
  it('maps an alarm to cn.zhongshu.safety.alarm.v1 with id safety:{alarmId}:{status}', () => {
    const result = toEvent(GAS_ALARM);
    if (!result.ok) throw new Error(result.reason);
    expect(result.event).toMatchObject({
      id: 'safety:GJ202611210001:raised',
      type: EVENT_TYPES.safetyAlarm,
      source: '/safety/push',
      subject: 'GJ202611210001',
      time: '2026-11-21T09:31:07+08:00',
      severity: 'critical',
      category: 'gas.leak',
      location: { lng: 110.2883, lat: 20.0197, crs: 'WGS84' },
      data: { alarmId: 'GJ202611210001', alarmType: 'gas', level: 4, deviceId: '460105-GS-003', status: 'raised' },
    });
  });

  it('maps level 1→info, 2→minor, 3→major, 4→critical', () => {
    const severities = [1, 2, 3, 4].map((level) => {
      const result = toEvent({ ...GAS_ALARM, level });
      return result.ok ? result.event.severity : result.reason;
    });
    expect(severities).toEqual(['info', 'minor', 'major', 'critical']);
    expect(toEvent({ ...GAS_ALARM, level: 5 }).ok).toBe(false);
    expect(toEvent({ ...GAS_ALARM, level: 0 }).ok).toBe(false);
  });

  it('keeps raised, acknowledged and cleared apart, each at its own time; a redelivery has the same id', () => {
    const cleared = toEvent({ ...GAS_ALARM, status: '已消除', updatedAt: '2026-11-21 10:02:00' });
    if (!cleared.ok) throw new Error(cleared.reason);
    expect(cleared.event).toMatchObject({ id: 'safety:GJ202611210001:cleared', time: '2026-11-21T10:02:00+08:00' });
    expect(safetyEventId({ alarmId: 'GJ1', status: 'acknowledged' })).toBe('safety:GJ1:acknowledged');
    const again = toEvent(GAS_ALARM);
    expect(again.ok && again.event.id).toBe('safety:GJ202611210001:raised');
    // status defaults to raised.
    const { status: _status, ...noStatus } = GAS_ALARM;
    expect(toEvent(noStatus)).toMatchObject({ ok: true, event: { id: 'safety:GJ202611210001:raised' } });
  });

  it('uses the catalogue code when it knows the alarm name, else the alarm type; takes Chinese type labels', () => {
    expect(safetyCategory({ alarmType: 'video_ai', alarmName: '人员聚集' })).toBe('video_ai.crowd');
    expect(safetyCategory({ alarmType: 'video_ai', alarmName: '高空抛物' })).toBe('video_ai');
    expect(safetyCategory({ alarmType: 'fire' })).toBe('fire');
    const labelled = toEvent({ ...GAS_ALARM, alarmType: '矛盾纠纷', alarmName: '邻里纠纷' });
    expect(labelled).toMatchObject({
      ok: true,
      event: { category: 'dispute.neighbour', data: { alarmType: 'dispute' } },
    });
  });

  it('rejects an unknown type, a missing description and a position given by half', () => {
    const result = toEvent({ ...GAS_ALARM, alarmType: 'earthquake', description: '' });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(/alarmType: .*description: /);
    expect(toEvent({ ...GAS_ALARM, lng: undefined })).toEqual({ ok: false, reason: 'lng: lng and lat go together' });
  });

  it('carries the simulator feed unchanged apart from the id', () => {
    const from = new Date('2026-06-01T08:00:00+08:00');
    const facilities = buildFacilities(xiuyingTestProfile, new Rng(1));
    const simulated = drive(new SafetySimulator(xiuyingTestProfile, new Rng(5), facilities), {
      from,
      to: new Date(from.getTime() + 4 * 3_600_000),
      perMinute: 3,
    });
    expect(simulated.length).toBeGreaterThan(300);
    const ids = new Set<string>();
    const got: unknown[] = [];
    const want: unknown[] = [];
    for (const original of simulated) {
      const result = toEvent(JSON.parse(JSON.stringify(safetyAlarmFromEvent(original))));
      if (!result.ok) throw new Error(result.reason);
      const expected = parseCityEvent(original);
      if (!expected.ok) throw new Error(expected.reason);
      got.push(comparable(result.event));
      want.push(comparable(expected.event));
      ids.add(result.event.id);
    }
    expect(got).toEqual(want);
    expect(ids.size).toBe(simulated.length);
  }, 20_000);
});

describe('alarm stream protocol', () => {
  it('reads resume and ack, ids as strings whether sent as strings or integers', () => {
    expect(clientMessage.parse({ type: 'resume', after: 42 })).toEqual({ type: 'resume', after: '42' });
    expect(clientMessage.parse({ type: 'resume', after: null })).toEqual({ type: 'resume', after: null });
    expect(clientMessage.parse({ type: 'resume' })).toEqual({ type: 'resume', after: null });
    expect(clientMessage.parse({ type: 'ack', id: '17' })).toEqual({ type: 'ack', id: '17' });
    expect(clientMessage.safeParse({ type: 'ack' }).success).toBe(false);
  });
});

describe('SafetyPushAdapter', () => {
  it('stores valid alarms, dead-letters the rest, stores a redelivery once', async () => {
    const sink = new MemoryIngestSink();
    const adapter = new SafetyPushAdapter({ sink, areaCode: '460105' });
    const response = await adapter.ingest([GAS_ALARM, { ...GAS_ALARM, level: 9 }, GAS_ALARM], 'http:/test');
    expect(response).toMatchObject({ errors: true, stored: 1, duplicates: 1, rejected: 1 });
    // With a position the map decides the district; without one the adapter's district is assumed.
    expect(sink.stored[0]?.region).toBeUndefined();
    const { lng: _lng, lat: _lat, ...unplaced } = GAS_ALARM;
    await adapter.ingest([{ ...unplaced, alarmId: 'GJ202611210009' }], 'http:/test');
    expect(sink.stored[1]?.region).toEqual({ code: '460105' });
    expect(sink.deadLetters[0]?.reason).toMatch(/^level: /);
    expect(adapter.counters.stats().adapter).toBe('safety');
  });
});
