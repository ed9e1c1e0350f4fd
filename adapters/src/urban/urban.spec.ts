import { EVENT_TYPES, parseCityEvent } from '@zhongshu/stream';
import { describe, expect, it } from 'vitest';
import { Rng } from '../simulators/prng';
import { drive } from '../simulators/source-driver';
import { xiuyingTestProfile } from '../simulators/test-profile';
import { UrbanSimulator } from '../simulators/urban.simulator';
import { MemoryIngestSink } from '../shared/memory-ingest.sink';
import { normalise, StageRounds } from './push-kit';
import { urbanCaseToCityEvent, urbanEventId, urbanPushFromEvent, urbanSeverity } from './urban.mapping';
import { UrbanPushAdapter } from './urban.push-adapter';
import { urbanCasePush, type UrbanCasePushInput } from './urban.schema';

/** What a 数字城管 platform pushes when a case is registered (立案). */
export const URBAN_CASE: UrbanCasePushInput = {
  caseNo: 'CG202611210001',
  classType: '部件',
  classCode: '0103',
  className: '雨水井盖',
  gridCode: '460105001001',
  reporterType: 'video_ai',
  stage: 'register',
  description: '视频AI识别：海秀西路88号附近雨水井盖缺失，存在安全隐患。',
  address: '海口市秀英区海秀西路88号',
  lng: 110.2921,
  lat: 20.0215,
  crs: 'GCJ02',
  occurredAt: '2026-11-21 09:12:40',
  stageAt: '2026-11-21 09:20:05',
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

const toEvent = (raw: unknown) =>
  normalise(urbanCasePush, (item) => urbanCaseToCityEvent(item, { areaCode: '460105' }), raw);

describe('urban case push', () => {
  it('maps a case update to cn.zhongshu.urban.case.v1 with a deterministic id, class category and stage time', () => {
    const result = toEvent(URBAN_CASE);
    if (!result.ok) throw new Error(result.reason);
    expect(result.event).toMatchObject({
      id: 'urban:CG202611210001:register',
      type: EVENT_TYPES.urbanCase,
      source: '/urban/push',
      subject: 'CG202611210001',
      time: '2026-11-21T09:20:05+08:00',
      category: 'component.0103',
      severity: 'minor',
      location: { lng: 110.2921, lat: 20.0215, crs: 'GCJ02' },
      data: { classType: 'component', reporterType: 'video_ai', stage: 'register', gridCode: '460105001001' },
    });
    expect(result.event.data).not.toHaveProperty('department');
    // The map decides the district of a point (the pipeline fills district, town and grid)…
    expect(result.event.region).toBeUndefined();
    // …unless the platform names it.
    expect(toEvent({ ...URBAN_CASE, areaCode: '460106' })).toMatchObject({
      ok: true,
      event: { region: { code: '460106' } },
    });
  });

  it('takes Chinese labels, defaults the time to occurredAt and leaves place out when the platform has none', () => {
    const { lng: _lng, lat: _lat, crs: _crs, stageAt: _stageAt, ...rest } = URBAN_CASE;
    const result = normalise(urbanCasePush, (item) => urbanCaseToCityEvent(item), {
      ...rest,
      classType: '事件',
      classCode: '0402',
      className: '店外经营',
      reporterType: '监督员',
      stage: '派遣',
      department: '区综合行政执法局',
    });
    if (!result.ok) throw new Error(result.reason);
    expect(result.event).toMatchObject({
      id: 'urban:CG202611210001:dispatch',
      time: '2026-11-21T09:12:40+08:00',
      category: 'event.0402',
      data: { classType: 'event', reporterType: 'inspector', stage: 'dispatch', department: '区综合行政执法局' },
    });
    expect(result.event.location).toBeUndefined();
    expect(result.event.region).toBeUndefined();
    // Without a point, the adapter's district (the deployment's) is the best there is.
    expect(toEvent(rest)).toMatchObject({ ok: true, event: { region: { code: '460105' } } });
  });

  it('gives each stage its own id, the same id to a redelivery, and a new one to a re-entered stage', () => {
    const id = (stage: string, round?: number) => {
      const result = toEvent({ ...URBAN_CASE, stage, ...(round ? { round } : {}) });
      return result.ok ? result.event.id : result.reason;
    };
    expect(id('register')).toBe(id('register'));
    expect(
      new Set(['collect', 'register', 'dispatch', 'dispose', 'feedback', 'verify', 'close'].map((s) => id(s))).size,
    ).toBe(7);
    // 核查不通过: back to 处置 a second time.
    expect(id('dispose', 2)).toBe('urban:CG202611210001:dispose:2');
    expect(urbanEventId({ caseNo: 'CG1', stage: 'dispose', round: 1 })).toBe('urban:CG1:dispose');
  });

  it('rates severity by class from the catalogue', () => {
    expect(urbanSeverity({ classType: 'event', classCode: '0501' })).toBe('major'); // 路面塌陷
    expect(urbanSeverity({ classType: 'component', classCode: '0101' })).toBe('minor'); // 上水井盖
    expect(urbanSeverity({ classType: 'event', classCode: '0102' })).toBe('info'); // 暴露垃圾
    expect(urbanSeverity({ classType: 'event', classCode: '9999' })).toBe('info');
  });

  it('rejects what the platform got wrong, naming each field', () => {
    const result = toEvent({
      ...URBAN_CASE,
      classCode: '103',
      classType: '设施',
      stage: 'closed',
      occurredAt: '21/11/2026',
    });
    expect(result.ok).toBe(false);
    const reason = result.ok ? '' : result.reason;
    for (const field of ['classCode', 'classType', 'stage', 'occurredAt']) expect(reason).toContain(`${field}:`);
    expect(toEvent({ ...URBAN_CASE, lat: undefined })).toEqual({ ok: false, reason: 'lat: lng and lat go together' });
  });

  it('carries the simulator feed unchanged apart from the id, re-entries numbered', () => {
    const from = new Date('2026-06-01T08:00:00+08:00');
    const simulated = drive(new UrbanSimulator(xiuyingTestProfile, new Rng(11)), {
      from,
      to: new Date(from.getTime() + 4 * 3_600_000),
      perMinute: 4,
    });
    expect(simulated.length).toBeGreaterThan(500);
    const rounds = new StageRounds();
    const ids = new Set<string>();
    const got: unknown[] = [];
    const want: unknown[] = [];
    for (const original of simulated) {
      if (original.type !== EVENT_TYPES.urbanCase) continue;
      const pushed = urbanPushFromEvent(original, rounds.next(original.data.caseNo, original.data.stage));
      const result = toEvent(JSON.parse(JSON.stringify(pushed)));
      if (!result.ok) throw new Error(result.reason);
      const expected = parseCityEvent(original);
      if (!expected.ok) throw new Error(expected.reason);
      got.push(comparable(result.event));
      want.push(comparable(expected.event));
      ids.add(result.event.id);
    }
    expect(got).toEqual(want);
    expect(ids.size).toBe(simulated.length);
    expect([...ids].some((id) => /:dispose:2$/.test(id))).toBe(true);
  }, 20_000);
});

describe('UrbanPushAdapter', () => {
  it('stores a batch, keeps a redelivery once and dead-letters the invalid item with its reason', async () => {
    const sink = new MemoryIngestSink();
    const adapter = new UrbanPushAdapter({ sink, areaCode: '460105' });
    const bad = { ...URBAN_CASE, caseNo: 'CG202611210002', classCode: 'ABCD' };
    const response = await adapter.ingest([URBAN_CASE, bad, URBAN_CASE], 'http:/api/v1/ingest/urban');
    expect(response.items.map((item) => item.status)).toEqual(['stored', 'rejected', 'duplicate']);
    expect(response.items[1]?.reason).toMatch(/classCode/);
    expect(sink.stored.map((event) => event.id)).toEqual(['urban:CG202611210001:register']);
    expect(sink.deadLetters).toHaveLength(1);
    expect(JSON.parse(String(sink.deadLetters[0]?.raw))).toEqual(bad);
    expect(adapter.counters.stats()).toMatchObject({
      adapter: 'urban',
      received: 3,
      accepted: 1,
      duplicates: 1,
      rejected: 1,
    });
  });
});
