import { EVENT_TYPES, parseCityEvent, type CityEventInput } from '@zhongshu/stream';
import { describe, expect, it } from 'vitest';
import { ApprovalSimulator } from '../simulators/approval.simulator';
import { buildFacilities } from '../simulators/city-facilities';
import { HallSimulator } from '../simulators/hall.simulator';
import { Rng } from '../simulators/prng';
import { drive } from '../simulators/source-driver';
import { xiuyingTestProfile } from '../simulators/test-profile';
import { MemoryIngestSink } from '../shared/memory-ingest.sink';
import { normalise, StageRounds } from '../urban/push-kit';
import { approvalsPushFromEvent, approvalsToCityEvent, hallQueueEventId } from './approvals.mapping';
import { ApprovalsPushAdapter } from './approvals.push-adapter';
import { approvalsPush, type ApprovalsPushInput } from './approvals.schema';

export const APPROVAL_CASE: ApprovalsPushInput = {
  kind: 'case',
  caseNo: 'SP202611210001',
  itemName: '食品经营许可（新办）',
  itemCode: '11460105MB1234567X4000117001',
  department: '区市场监管局',
  stage: '受理',
  statutoryDays: 20,
  committedDays: 5,
  onlineAvailable: true,
  applicantType: '企业',
  at: '2026-11-21 09:40:12',
};

export const HALL_CALL: ApprovalsPushInput = {
  kind: 'queue',
  hallId: '460105-HALL-01',
  action: '叫号',
  ticketNo: 'A012',
  windowNo: '07',
  windowState: '正在办理',
  businessType: '综合受理',
  waitingCount: 12,
  waitSeconds: 480,
  at: '2026-11-21T09:41:00+08:00',
};

export const HALL_RATING: ApprovalsPushInput = {
  kind: 'evaluation',
  hallId: '460105-HALL-01',
  windowNo: '07',
  rating: 2,
  channel: '评价器',
  comment: '等候时间太长，只开了一个窗口',
  at: '2026-11-21T09:52:30+08:00',
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
  normalise(approvalsPush, (item) => approvalsToCityEvent(item, { areaCode: '460105' }), raw);
const ok = (raw: unknown) => {
  const result = toEvent(raw);
  if (!result.ok) throw new Error(result.reason);
  return result.event;
};
const reasonOf = (raw: unknown) => {
  const result = toEvent(raw);
  return result.ok ? 'accepted' : result.reason;
};

describe('approval case push', () => {
  it('maps a lifecycle step with its time limits to cn.zhongshu.approval.case.v1', () => {
    expect(ok(APPROVAL_CASE)).toMatchObject({
      id: 'approval:SP202611210001:accept',
      type: EVENT_TYPES.approvalCase,
      source: '/approvals/push',
      time: '2026-11-21T09:40:12+08:00',
      severity: 'info',
      category: '11460105MB1234567X4000117001',
      region: { code: '460105' },
      data: {
        stage: 'accept',
        statutoryDays: 20,
        committedDays: 5,
        onlineAvailable: true,
        applicantType: 'enterprise',
      },
    });
    const { itemCode: _code, ...noCode } = APPROVAL_CASE;
    expect(ok({ ...noCode, stage: '不予受理' })).toMatchObject({
      id: 'approval:SP202611210001:reject',
      severity: 'minor',
      category: '食品经营许可（新办）',
    });
  });

  it('numbers a stage entered again (受理 after 补齐补正) and refuses a promise beyond the statutory limit', () => {
    expect(ok({ ...APPROVAL_CASE, round: 2 }).id).toBe('approval:SP202611210001:accept:2');
    expect(reasonOf({ ...APPROVAL_CASE, committedDays: 30 })).toMatch(/^committedDays: /);
    expect(reasonOf({ ...APPROVAL_CASE, stage: '审查' })).toMatch(/^stage: /);
    expect(reasonOf({ ...APPROVAL_CASE, kind: 'licence' })).toMatch(/^kind: /);
    expect(reasonOf({ ...APPROVAL_CASE, kind: undefined })).toMatch(/^kind: /);
  });
});

describe('hall queue push', () => {
  it('maps 叫号 with id hall:{hallId}:{action}:{ticketNo}:{at}, the same for both spellings of one instant', () => {
    expect(ok(HALL_CALL)).toMatchObject({
      id: 'hall:460105-HALL-01:call:A012:20261121T014100Z',
      type: EVENT_TYPES.hallQueue,
      source: '/hall/push',
      subject: 'A012',
      category: 'queue.call',
      data: { action: 'call', windowState: 'serving', waitSeconds: 480, waitingCount: 12 },
    });
    expect(ok({ ...HALL_CALL, at: '2026-11-21T01:41:00Z' }).id).toBe(ok(HALL_CALL).id);
  });

  it('keys a window-state change by window and needs the fields each action implies', () => {
    const paused = {
      kind: 'queue',
      hallId: 'H1',
      action: 'window_state',
      windowNo: '03',
      windowState: '暂停办理',
      waitingCount: 4,
      at: '2026-11-21 10:00:00',
    };
    expect(ok(paused)).toMatchObject({ id: 'hall:H1:window_state:03:20261121T020000Z', subject: 'H1-W03' });
    expect(
      hallQueueEventId({ hallId: 'H1', action: 'take_number', ticketNo: 'B007', at: '2026-11-21T02:00:00Z' }),
    ).toBe('hall:H1:take_number:B007:20261121T020000Z');
    expect(reasonOf({ ...paused, windowState: undefined })).toBe('windowState: required for window_state');
    expect(reasonOf({ ...HALL_CALL, ticketNo: undefined })).toBe('ticketNo: required for call');
    expect(reasonOf({ ...HALL_CALL, waitingCount: -1 })).toMatch(/^waitingCount: /);
  });
});

describe('好差评 push', () => {
  it('maps a bad rating to a minor evaluation.bad event keyed by window and time', () => {
    expect(ok(HALL_RATING)).toMatchObject({
      id: 'evaluation:460105-HALL-01:07:20261121T015230Z',
      type: EVENT_TYPES.hallEvaluation,
      severity: 'minor',
      category: 'evaluation.bad',
      data: { rating: 2, channel: 'pad', comment: '等候时间太长，只开了一个窗口' },
    });
    expect(ok({ ...HALL_RATING, rating: 5, caseNo: 'SP202611210001', channel: 'sms' })).toMatchObject({
      id: 'evaluation:460105-HALL-01:SP202611210001:20261121T015230Z',
      severity: 'info',
      category: 'evaluation.good',
    });
  });

  it('needs a rating from 1 to 5 and a case or a window', () => {
    expect(reasonOf({ ...HALL_RATING, rating: 6 })).toMatch(/^rating: /);
    expect(reasonOf({ ...HALL_RATING, windowNo: undefined })).toBe('caseNo: a rating names its caseNo or its windowNo');
  });
});

describe('approvals and hall simulator feeds', () => {
  it('pass through the adapter unchanged apart from the id, with no two events on one id', () => {
    const from = new Date('2026-06-01T08:30:00+08:00');
    const to = new Date(from.getTime() + 1.5 * 3_600_000);
    const facilities = buildFacilities(xiuyingTestProfile, new Rng(1));
    const simulated: CityEventInput[] = [
      ...drive(new ApprovalSimulator(xiuyingTestProfile, new Rng(21)), { from, to, perMinute: 4 }),
      ...drive(new HallSimulator(xiuyingTestProfile, new Rng(22), facilities, 3), { from, to, perMinute: 3 }),
    ];
    const kinds = new Set(simulated.map((event) => event.type));
    expect(kinds).toEqual(new Set([EVENT_TYPES.approvalCase, EVENT_TYPES.hallQueue, EVENT_TYPES.hallEvaluation]));
    const rounds = new StageRounds();
    const ids = new Set<string>();
    const got: unknown[] = [];
    const want: unknown[] = [];
    for (const original of simulated) {
      const round =
        original.type === EVENT_TYPES.approvalCase ? rounds.next(original.data.caseNo, original.data.stage) : 1;
      const event = ok(JSON.parse(JSON.stringify(approvalsPushFromEvent(original, round))));
      const expected = parseCityEvent(original);
      if (!expected.ok) throw new Error(expected.reason);
      got.push(comparable(event));
      want.push(comparable(expected.event));
      ids.add(event.id);
    }
    expect(got).toEqual(want);
    expect(ids.size).toBe(simulated.length);
    expect([...ids].some((id) => /^approval:.*:accept:2$/.test(id))).toBe(true);
  }, 20_000);
});

describe('ApprovalsPushAdapter', () => {
  it('takes the three kinds in one batch, counted as approvals', async () => {
    const sink = new MemoryIngestSink();
    const adapter = new ApprovalsPushAdapter({ sink, areaCode: '460105' });
    const response = await adapter.ingest(
      [APPROVAL_CASE, HALL_CALL, HALL_RATING, { kind: 'queue' }, HALL_CALL],
      'http:/test',
    );
    expect(response.items.map((item) => item.status)).toEqual(['stored', 'stored', 'stored', 'rejected', 'duplicate']);
    expect(sink.stored.map((event) => event.type)).toEqual([
      EVENT_TYPES.approvalCase,
      EVENT_TYPES.hallQueue,
      EVENT_TYPES.hallEvaluation,
    ]);
    expect(adapter.counters.stats()).toMatchObject({ adapter: 'approvals', accepted: 3, rejected: 1, duplicates: 1 });
  });
});
