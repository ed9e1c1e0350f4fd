import { describe, expect, it } from 'vitest';
import { createTicketingPolicy, escalationsDue, warningLevel } from './deadline.policy';
import { allowedCommands, createWorkOrder, decide, refreshWarning } from './work-order.machine';
import {
  at,
  bj,
  commander,
  dispatcher,
  districtLeader,
  jointHandling,
  liaison,
  minutes,
  newOrder,
  orderIn,
  policy,
  REGION,
  run,
  scheduler,
  Script,
  T0,
  TOWN_A,
  TOWN_B,
  unitLeader,
} from './work-order.fixture';
import { WORK_ORDER_STATUSES, workOrder, type WorkOrder } from './work-order.model';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('single order: the closed loop', () => {
  it('goes 接诉 → 受理/分类 → 派单 → 签收 → 处置 → 反馈 → 核查 → 办结 → 回访 with a timeline entry and a version per step', () => {
    const s = new Script(newOrder({ urgency: 'utilities', categoryCode: '030101' }));
    expect(s.order).toMatchObject({ status: 'received', version: 1, warning: 'none' });
    s.do({ action: 'accept', urgency: 'general', categoryCode: '010101' }, dispatcher);
    expect(s.order.urgency).toBe('general');
    // Accepted Monday 09:01 → 7 working days → the following Wednesday 09:01.
    expect(s.order.deadlines.dueBy).toBe(bj('2026-03-11T09:01:00').toISOString());
    s.do({ action: 'dispatch', units: [{ department: 'ZJJ', userId: 'zjj-wang' }] }, dispatcher);
    expect(s.order.handler).toMatchObject({ department: 'ZJJ', userId: 'zjj-wang' });
    expect(s.order.deadlines.signBy).toBe(bj('2026-03-02T11:02:00').toISOString());
    s.do({ action: 'sign' }, liaison('ZJJ'));
    s.do({ action: 'checkin', lng: 110.28, lat: 20.02 }, liaison('ZJJ'));
    s.do({ action: 'feedback', measures: '更换灯泡', result: '路灯已恢复' }, liaison('ZJJ'));
    s.do({ action: 'verify', note: '电话核实已修复' }, dispatcher);
    s.do({ action: 'close' }, dispatcher);
    s.do({ action: 'evaluate', rater: 'centre', rating: { satisfaction: 'satisfied', resolved: true } }, dispatcher);
    expect(s.order.status).toBe('evaluated');
    expect(s.order.version).toBe(9);
    expect(s.order.timeline.map((e) => `${e.action}:${e.to}`)).toEqual([
      'create:received',
      'accept:accepted',
      'dispatch:dispatched',
      'sign:handling',
      'checkin:handling',
      'feedback:verifying',
      'verify:verified',
      'close:closed',
      'evaluate:evaluated',
    ]);
    expect(s.order.timeline.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(s.order.closure).toMatchObject({ resolved: true, auto: false });
    expect(s.order.warning).toBe('none');
  });

  it('never changes the order it is given', () => {
    const order = orderIn('single', 'handling')!;
    const before = JSON.stringify(order);
    const result = decide(
      order,
      { action: 'feedback', version: order.version, measures: 'm', result: 'r' },
      liaison('U1'),
      at(T0, HOUR),
      policy,
    );
    expect(result.ok).toBe(true);
    expect(JSON.stringify(order)).toBe(before);
  });

  it('直接办结 needs a note', () => {
    const order = orderIn('single', 'accepted')!;
    const bare = decide(order, { action: 'close', version: order.version }, dispatcher, at(T0, HOUR), policy);
    expect(bare.ok || bare.error.code).toBe('PRECONDITION_FAILED');
    const noted = decide(
      order,
      { action: 'close', version: order.version, note: '已电话答复咨询' },
      dispatcher,
      at(T0, HOUR),
      policy,
    );
    expect(noted.ok && noted.order.completedAt).toBe(at(T0, HOUR).toISOString());
  });

  it('a refusal (拒签) and a return (退回) send the order back to the dispatcher, who re-dispatches (改派)', () => {
    const s = new Script(orderIn('single', 'dispatched')!);
    s.do({ action: 'refuse', reason: '不属于本单位职责', basis: '《海口市城市管理职责清单》第3条' }, liaison('U1'));
    expect(s.order).toMatchObject({ status: 'accepted', handler: undefined, ownerDepartment: undefined });
    expect(s.order.refusals[0]).toMatchObject({ department: 'U1', basis: '《海口市城市管理职责清单》第3条' });
    s.do({ action: 'dispatch', units: [{ department: 'U2' }] }, dispatcher);
    s.do({ action: 'dispatch', units: [{ department: 'U3' }] }, dispatcher);
    expect(s.order.timeline.at(-1)!.data).toMatchObject({ reassignedFrom: 'U2' });
    s.do({ action: 'sign' }, liaison('U3'));
    s.do({ action: 'return', subject: 'order', reason: '现场核实为供电局资产' }, liaison('U3'));
    expect(s.order.status).toBe('accepted');
  });

  it('rejects malformed bodies with INVALID_COMMAND and names the field', () => {
    const order = orderIn('single', 'dispatched')!;
    const noBasis = decide(
      order,
      { action: 'refuse', version: order.version, reason: 'x' } as never,
      liaison('U1'),
      T0,
      policy,
    );
    expect(noBasis.ok || noBasis.error.code).toBe('INVALID_COMMAND');
    expect(noBasis.ok || String(noBasis.error.details?.issues)).toContain('basis');
    const unknown = decide(order, { action: 'teleport', version: 1 } as never, liaison('U1'), T0, policy);
    expect(unknown.ok || unknown.error.code).toBe('INVALID_COMMAND');
    const handling = orderIn('single', 'handling')!;
    const makeUpWithoutRemark = decide(
      handling,
      { action: 'checkin', version: handling.version, lng: 110, lat: 20, makeUp: true, at: T0.toISOString() },
      liaison('U1'),
      T0,
      policy,
    );
    expect(makeUpWithoutRemark.ok || makeUpWithoutRemark.error.code).toBe('INVALID_COMMAND');
    const unsatisfiedWithoutReason = decide(
      orderIn('single', 'closed')!,
      { action: 'evaluate', rater: 'centre', version: 9, rating: { satisfaction: 'unsatisfied' } },
      dispatcher,
      T0,
      policy,
    );
    expect(unsatisfiedWithoutReason.ok || unsatisfiedWithoutReason.error.code).toBe('INVALID_COMMAND');
  });

  it('a single order dispatched to several units becomes a joint order', () => {
    const s = new Script(orderIn('single', 'accepted')!);
    s.do({ action: 'dispatch', units: [{ department: 'ZJJ' }, { department: 'ZFJ', role: 'lead' }] }, dispatcher);
    expect(s.order.kind).toBe('joint');
    expect(s.order.children.map((c) => [c.unit, c.role])).toEqual([
      ['ZJJ', 'co'],
      ['ZFJ', 'lead'],
    ]);
    expect(s.order.ownerDepartment).toBe('ZFJ');
  });
});

describe('version check (optimistic concurrency)', () => {
  it('of two conflicting commands sent with the same version, exactly one succeeds', () => {
    const order = orderIn('single', 'accepted')!;
    const first = decide(
      order,
      { action: 'dispatch', version: order.version, units: [{ department: 'U1' }] },
      dispatcher,
      at(T0, HOUR),
      policy,
    );
    expect(first.ok).toBe(true);
    const current = first.ok ? first.order : order;
    const second = decide(
      current,
      { action: 'dispatch', version: order.version, units: [{ department: 'U2' }] },
      commander,
      at(T0, HOUR),
      policy,
    );
    expect(second.ok || second.error).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { sentVersion: order.version, currentVersion: order.version + 1 },
    });
  });

  it('sign and refuse racing on the same version: the loser gets VERSION_CONFLICT, not a transition error', () => {
    const order = orderIn('single', 'dispatched')!;
    const sign = decide(order, { action: 'sign', version: order.version }, liaison('U1'), at(T0, HOUR), policy);
    if (!sign.ok) throw new Error('sign failed');
    const refuse = decide(
      sign.order,
      { action: 'refuse', version: order.version, reason: 'x', basis: 'y' },
      liaison('U1'),
      at(T0, HOUR),
      policy,
    );
    expect(refuse.ok || refuse.error.code).toBe('VERSION_CONFLICT');
  });
});

describe('suspension (挂起) pauses the clock', () => {
  it('credits the paused working time to dueBy; a weekend inside the pause earns nothing', () => {
    const s = new Script(orderIn('single', 'handling')!);
    const dueBefore = Date.parse(s.order.deadlines.dueBy!);
    s.now = bj('2026-03-05T09:00:00'); // Thursday
    s.do({ action: 'suspend', reason: '等待第三方检测报告' }, dispatcher);
    const frozen = warningLevel(s.order, s.now, policy);
    s.now = bj('2026-03-09T09:00:00'); // Thu 09:01 → Mon 09:01 is 48 working hours: the weekend does not count
    expect(warningLevel(s.order, bj('2026-03-20T00:00:00'), policy)).toBe(frozen);
    s.do({ action: 'resume' }, dispatcher);
    expect(s.order.status).toBe('handling');
    expect(s.order.clock).toEqual({ pausedMs: 2 * DAY });
    // Wednesday 11 March 09:01 + 2 working days = Friday 13 March 09:01.
    expect(Date.parse(s.order.deadlines.dueBy!) - dueBefore).toBe(2 * DAY);
    expect(s.order.timeline.at(-1)!.data).toMatchObject({ creditMs: 2 * DAY });
  });

  it('credits wall-clock time to a 2 h emergency', () => {
    const s = new Script(newOrder({ urgency: 'emergency', categoryCode: '990101' }));
    s.do({ action: 'accept' }, dispatcher).do({ action: 'dispatch', units: [{ department: 'XF' }] }, dispatcher);
    const due = Date.parse(s.order.deadlines.dueBy!);
    const signBy = Date.parse(s.order.deadlines.signBy!);
    s.do({ action: 'suspend', reason: '现场封控' }, commander);
    s.now = at(s.now, minutes(29));
    s.do({ action: 'resume' }, commander);
    expect(s.order.status).toBe('dispatched');
    expect(Date.parse(s.order.deadlines.dueBy!) - due).toBe(minutes(30));
    // The unsigned dispatch's sign-for deadline moves too.
    expect(Date.parse(s.order.deadlines.signBy!) - signBy).toBe(minutes(30));
  });
});

describe('extension (延期)', () => {
  it('request → approve moves dueBy by the granted working days; only one per cycle by default', () => {
    const s = new Script(orderIn('single', 'handling')!);
    const due = s.order.deadlines.dueBy!;
    s.do(
      { action: 'extend', decision: 'request', by: { amount: 5, unit: 'workingDays' }, reason: '需协调供电局停电作业' },
      liaison('U1'),
    );
    const again = decide(
      s.order,
      {
        action: 'extend',
        decision: 'request',
        version: s.order.version,
        by: { amount: 1, unit: 'workingDays' },
        reason: 'x',
      },
      liaison('U1'),
      s.now,
      policy,
    );
    expect(again.ok || again.error.code).toBe('PRECONDITION_FAILED');
    s.do(
      { action: 'extend', decision: 'approve', granted: { amount: 3, unit: 'workingDays' }, note: '同意延期3个工作日' },
      districtLeader,
    );
    // Wednesday 11 March 09:00 + 3 working days = Monday 16 March 09:00.
    expect(due).toBe(bj('2026-03-11T09:01:00').toISOString());
    expect(s.order.deadlines.dueBy).toBe(bj('2026-03-16T09:01:00').toISOString());
    expect(s.order.extensions[0]).toMatchObject({ status: 'approved', granted: { amount: 3 }, dueBefore: due });
    const third = decide(
      s.order,
      {
        action: 'extend',
        decision: 'request',
        version: s.order.version,
        by: { amount: 1, unit: 'workingDays' },
        reason: 'x',
      },
      liaison('U1'),
      s.now,
      policy,
    );
    expect(third.ok || third.error.code).toBe('PRECONDITION_FAILED');
  });

  it('deny leaves dueBy alone; approve without a pending request fails', () => {
    const s = new Script(orderIn('single', 'handling')!);
    const due = s.order.deadlines.dueBy;
    const nothing = decide(
      s.order,
      { action: 'extend', decision: 'approve', version: s.order.version },
      commander,
      s.now,
      policy,
    );
    expect(nothing.ok || nothing.error.code).toBe('PRECONDITION_FAILED');
    s.do(
      { action: 'extend', decision: 'request', by: { amount: 2, unit: 'workingDays' }, reason: '等待材料' },
      liaison('U1'),
    );
    s.do({ action: 'extend', decision: 'deny', reason: '理由不充分' }, commander);
    expect(s.order.deadlines.dueBy).toBe(due);
    expect(s.order.extensions[0]).toMatchObject({ status: 'denied', note: '理由不充分' });
  });
});

describe('merge (合并, 一事多诉)', () => {
  const caller = (name: string, minute: number) => ({
    name,
    phone: '1380000000' + minute,
    sourceEventId: `evt-${name}`,
    receivedAt: at(T0, minutes(minute)).toISOString(),
  });

  it('the survivor keeps every caller and source event; the duplicates end merged', () => {
    const survivor = run(
      newOrder({ callers: [caller('a', 0)], sourceEventIds: ['evt-a'] }),
      { action: 'accept' },
      dispatcher,
      T0,
    );
    const dup1 = newOrder({ callers: [caller('b', 5)], sourceEventIds: ['evt-b'] });
    const dup2 = run(
      newOrder({ callers: [caller('c', 9), caller('a', 0)], sourceEventIds: ['evt-c', 'evt-a'] }),
      { action: 'accept' },
      dispatcher,
      T0,
    );
    const result = decide(
      survivor,
      {
        action: 'merge',
        version: survivor.version,
        duplicates: [
          { id: dup1.id, version: 1 },
          { id: dup2.id, version: 2 },
        ],
        note: '同一路灯',
      },
      dispatcher,
      at(T0, minutes(10)),
      policy,
      { duplicates: [dup1, dup2] },
    );
    if (!result.ok) throw new Error(result.error.message.en);
    expect(result.order.callers.map((c) => c.name)).toEqual(['a', 'b', 'c']);
    expect(result.order.sourceEventIds).toEqual(['evt-a', 'evt-b', 'evt-c']);
    expect(result.order.mergedFrom).toEqual([dup1.id, dup2.id]);
    expect(result.order.status).toBe('accepted');
    expect(result.related.map((o) => [o.id, o.status, o.mergedInto, o.version])).toEqual([
      [dup1.id, 'merged', survivor.id, 2],
      [dup2.id, 'merged', survivor.id, 3],
    ]);
    expect(result.events.map((e) => e.type)).toEqual([
      'work-order.merged',
      'work-order.merged-into',
      'work-order.merged-into',
    ]);
  });

  it('fails as a whole on a stale duplicate, a dispatched duplicate, a missing one, or one in another street', () => {
    const survivor = newOrder();
    const dup = newOrder();
    const attempt = (duplicates: WorkOrder[], version = 1) =>
      decide(survivor, { action: 'merge', version: 1, duplicates: [{ id: dup.id, version }] }, dispatcher, T0, policy, {
        duplicates,
      });
    const stale = attempt([dup], 7);
    expect(stale.ok || stale.error).toMatchObject({ code: 'VERSION_CONFLICT', details: { orderId: dup.id } });
    const missing = attempt([]);
    expect(missing.ok || missing.error.code).toBe('PRECONDITION_FAILED');
    const dispatched = orderIn('single', 'dispatched')!;
    const busy = decide(
      survivor,
      { action: 'merge', version: 1, duplicates: [{ id: dispatched.id, version: dispatched.version }] },
      dispatcher,
      T0,
      policy,
      { duplicates: [dispatched] },
    );
    expect(busy.ok || busy.error.code).toBe('TRANSITION_NOT_ALLOWED');
    const elsewhere = newOrder({ townCode: TOWN_B });
    const streetDispatcher = { ...dispatcher, townCode: TOWN_A };
    const cross = decide(
      survivor,
      { action: 'merge', version: 1, duplicates: [{ id: elsewhere.id, version: 1 }] },
      streetDispatcher,
      T0,
      policy,
      { duplicates: [elsewhere] },
    );
    expect(cross.ok || cross.error.code).toBe('OUT_OF_SCOPE');
  });
});

describe('reopen (重办) after an unsatisfied rating', () => {
  it('starts a new handling cycle: fresh deadline, escalation ladder from the bottom, old rating kept in the timeline', () => {
    const s = new Script(orderIn('single', 'handling')!);
    s.now = bj('2026-03-10T09:00:00');
    s.do({ action: 'urge', note: '请尽快处置' }, scheduler);
    s.do({ action: 'feedback', measures: 'm', result: 'r' }, liaison('U1'));
    s.do({ action: 'verify' }, dispatcher).do({ action: 'close' }, dispatcher);
    s.do(
      {
        action: 'evaluate',
        rater: 'centre',
        rating: { satisfaction: 'unsatisfied', resolved: false, reason: '问题未解决' },
      },
      dispatcher,
    );
    s.now = bj('2026-03-12T10:00:00');
    s.do({ action: 'reopen', reason: '市民不满意，重新办理' }, dispatcher);
    expect(s.order).toMatchObject({
      status: 'accepted',
      reopenCount: 1,
      rating: undefined,
      closure: undefined,
      handler: undefined,
    });
    expect(s.order.deadlines.startedAt).toBe(s.now.toISOString());
    expect(s.order.deadlines.dueBy).toBe(bj('2026-03-23T10:01:00').toISOString());
    expect(s.order.timeline.at(-1)!.data).toMatchObject({
      previousRating: { satisfaction: 'unsatisfied' },
      previousDepartment: 'U1',
    });
    s.do({ action: 'dispatch', units: [{ department: 'U1' }] }, dispatcher);
    // The urge of the first cycle does not count in the second.
    expect(escalationsDue(s.order, bj('2026-03-20T12:00:00'), policy)?.step).toBe('urge');
  });

  it('a satisfied order cannot be reopened', () => {
    const s = new Script(orderIn('single', 'closed')!);
    s.do({ action: 'evaluate', rater: 'centre', rating: { satisfaction: 'basically_satisfied' } }, dispatcher);
    const r = decide(s.order, { action: 'reopen', version: s.order.version, reason: 'x' }, dispatcher, s.now, policy);
    expect(r.ok || r.error.code).toBe('PRECONDITION_FAILED');
  });
});

describe('allowedCommands (what a UI offers)', () => {
  it("follows role, scope, status and the caller's own unit task", () => {
    expect(allowedCommands(orderIn('single', 'accepted')!, dispatcher)).toEqual([
      'dispatch',
      'close',
      'invalidate',
      'merge',
    ]);
    expect(allowedCommands(orderIn('single', 'dispatched')!, liaison('U1'))).toEqual(['sign', 'refuse']);
    expect(allowedCommands(orderIn('single', 'dispatched')!, liaison('U2'))).toEqual([]);
    expect(allowedCommands(orderIn('single', 'handling')!, liaison('U1'))).toEqual([
      'checkin',
      'feedback',
      'return.order',
      'extend.request',
    ]);
    const joint = jointHandling().order;
    expect(allowedCommands(joint, liaison('U2'))).toEqual(['sign', 'refuse', 'extend.request']);
    expect(allowedCommands(joint, unitLeader('U7'))).toEqual([
      'approve.child_feedback',
      'return.child_feedback',
      'extend.request',
    ]);
    expect(allowedCommands(joint, districtLeader)).toEqual([
      'extend.approve',
      'extend.deny',
      'urge',
      'supervise',
      'rule',
    ]);
    expect(allowedCommands(joint, { userId: 'a', role: 'admin' })).toEqual([]);
    expect(allowedCommands(joint, { ...dispatcher, townCode: TOWN_B })).toEqual([]);
  });
});

describe('the stored shape', () => {
  it('every order the machine produces matches the WorkOrder schema, also after a JSON round trip', () => {
    for (const kind of ['single', 'joint'] as const) {
      for (const status of WORK_ORDER_STATUSES) {
        const order = orderIn(kind, status, { pendingExtension: true }) ?? orderIn(kind, status);
        if (!order) continue;
        const stored: unknown = JSON.parse(JSON.stringify(order));
        const parsed = workOrder.safeParse(stored);
        expect([kind, status, parsed.success ? 'ok' : parsed.error.issues]).toEqual([kind, status, 'ok']);
        // Parsing strips unknown keys: equality proves the schema names every field the machine writes.
        expect(parsed.data).toEqual(stored);
      }
    }
  });
});

describe('creation and derived state', () => {
  it('creates a received order at version 1; admins and other streets cannot create', () => {
    const input = {
      id: 'WO-X',
      title: 't',
      categoryCode: '010101',
      urgency: 'general' as const,
      regionCode: REGION,
      townCode: TOWN_A,
    };
    const ok = createWorkOrder({ ...input, createdBy: dispatcher }, T0, policy);
    expect(ok.ok && ok.order).toMatchObject({
      status: 'received',
      version: 1,
      kind: 'single',
      timeline: [{ action: 'create', version: 1 }],
    });
    const byAdmin = createWorkOrder({ ...input, createdBy: { userId: 'a', role: 'admin' } }, T0, policy);
    expect(byAdmin.ok || byAdmin.error.code).toBe('FORBIDDEN');
    const otherStreet = createWorkOrder({ ...input, createdBy: { ...dispatcher, townCode: TOWN_B } }, T0, policy);
    expect(otherStreet.ok || otherStreet.error.code).toBe('OUT_OF_SCOPE');
  });

  it('refreshWarning updates the stored colour without a version bump', () => {
    const order = orderIn('single', 'handling')!;
    const { order: next, changed } = refreshWarning(order, bj('2026-03-10T20:00:00'), policy);
    expect(changed).toBe(true);
    expect(next).toMatchObject({ warning: 'red', version: order.version });
  });

  it('returns CALENDAR_YEAR_MISSING instead of throwing when a strict calendar lacks the year', () => {
    const strict = createTicketingPolicy({ calendar: { missingYear: 'error' } });
    const order = newOrder({}, bj('2026-12-30T10:00:00'));
    const r = decide(order, { action: 'accept', version: 1 }, dispatcher, bj('2026-12-30T10:00:00'), strict);
    expect(r.ok || r.error).toMatchObject({ code: 'CALENDAR_YEAR_MISSING', details: { year: 2027 } });
  });
});
