import { describe, expect, it } from 'vitest';
import { decide } from './work-order.machine';
import {
  at,
  bj,
  dispatcher,
  districtLeader,
  jointClosed,
  jointHandling,
  liaison,
  minutes,
  newOrder,
  policy,
  Script,
  unitLeader,
} from './work-order.fixture';
import type { WorkOrderCommandInput } from './work-order.command';
import type { Actor } from './work-order.model';

const here = { lng: 110.2851, lat: 20.0247 };
const feedback = (measures: string) =>
  ({ action: 'feedback', measures, result: '已处置', nextPlan: '每周巡查' }) as const;

/** Tries a command that must fail and returns the error code. */
function refusedCode(s: Script, body: Record<string, unknown>, actor: Actor): string {
  const r = decide(
    s.order,
    { ...body, version: s.order.version } as WorkOrderCommandInput,
    actor,
    at(s.now, minutes(1)),
    policy,
  );
  if (r.ok) throw new Error(`${String(body.action)} unexpectedly succeeded`);
  return r.error.code;
}

describe('联办: a joint order from dispatch to two-way rating', () => {
  it('runs dispatch → refusal → ruling → re-dispatch → check-in → feedback → approval → auto-close → ratings', () => {
    const s = new Script(
      newOrder({ kind: 'joint', title: '永庄路夜市占道经营及油烟扰民联合整治', categoryCode: '020301' }),
      bj('2026-03-02T09:00:00'),
    );
    s.do({ action: 'accept' }, dispatcher);
    s.do(
      {
        action: 'dispatch',
        units: [
          { department: 'ZFJ', role: 'lead' },
          { department: 'SCJ' },
          { department: 'ZJJ' },
          { department: 'JD' },
        ],
        note: '请各单位于今晚19:00到永庄路夜市报到',
      },
      dispatcher,
    );
    expect(s.order).toMatchObject({
      status: 'dispatched',
      ownerDepartment: 'ZFJ',
      initiator: { userId: dispatcher.userId },
    });
    expect(s.order.children.map((c) => [c.unit, c.role, c.status])).toEqual([
      ['ZFJ', 'lead', 'pending'],
      ['SCJ', 'co', 'pending'],
      ['ZJJ', 'co', 'pending'],
      ['JD', 'co', 'pending'],
    ]);

    s.do({ action: 'sign' }, liaison('SCJ'));
    expect(s.order.status).toBe('handling');

    // ZJJ refuses with reason and basis; the initiator disagrees; the district leader rules it responsible.
    s.do(
      { action: 'refuse', reason: '油烟扰民不属于住建职责', basis: '《海口市餐饮油烟管理办法》第5条' },
      liaison('ZJJ'),
    );
    expect(s.order.children[2]).toMatchObject({
      status: 'refused',
      refusal: { basis: '《海口市餐饮油烟管理办法》第5条' },
    });
    s.do(
      { action: 'return', subject: 'refusal', childId: s.child('ZJJ'), reason: '涉及违规搭建，属住建职责' },
      dispatcher,
    );
    expect(s.order.children[2].status).toBe('disputed');
    expect(
      refusedCode(s, { action: 'rule', childId: s.child('ZJJ'), decision: 'assign', note: '是' }, unitLeader('ZFJ')),
    ).toBe('FORBIDDEN');
    s.do(
      { action: 'rule', childId: s.child('ZJJ'), decision: 'assign', note: '违规搭建部分由区住建局负责' },
      districtLeader,
    );
    expect(s.order.children[2]).toMatchObject({ status: 'pending', ruling: { decision: 'assign' } });
    expect(refusedCode(s, { action: 'refuse', reason: '再次拒绝', basis: '无' }, liaison('ZJJ'))).toBe(
      'PRECONDITION_FAILED',
    );
    s.do({ action: 'sign' }, liaison('ZJJ'));

    // JD refuses; the initiator accepts, and re-dispatches the street's part to 环卫.
    s.do({ action: 'refuse', reason: '夜市管理已移交', basis: '区政府会议纪要〔2025〕12号' }, liaison('JD'));
    s.do({ action: 'approve', subject: 'refusal', childId: s.child('JD'), note: '同意' }, dispatcher);
    expect(s.order.children[3].status).toBe('released');
    s.do({ action: 'dispatch', units: [{ department: 'HWJ' }] }, dispatcher);
    expect(s.order.children[4]).toMatchObject({ unit: 'HWJ', role: 'co', status: 'pending' });
    s.do({ action: 'sign' }, liaison('HWJ'));
    s.do({ action: 'sign' }, liaison('ZFJ'));

    // Check-ins: normal ones are stamped now; a make-up (补卡) claims an earlier time with a remark.
    expect(refusedCode(s, feedback('先反馈'), liaison('ZFJ'))).toBe('TRANSITION_NOT_ALLOWED');
    s.do({ action: 'checkin', ...here }, liaison('ZFJ'));
    const claimed = at(s.now, minutes(-2)).toISOString();
    s.do({ action: 'checkin', ...here, makeUp: true, at: claimed, remark: '手机没电，现场已到' }, liaison('SCJ'));
    expect(s.order.children[1].checkIns[0]).toMatchObject({
      at: claimed,
      makeUp: true,
      remark: '手机没电，现场已到',
      recordedAt: s.now.toISOString(),
    });
    expect(
      refusedCode(
        s,
        { action: 'checkin', ...here, makeUp: true, at: at(s.now, minutes(60)).toISOString(), remark: '未来' },
        liaison('ZJJ'),
      ),
    ).toBe('PRECONDITION_FAILED');
    expect(
      refusedCode(
        s,
        { action: 'checkin', ...here, makeUp: true, at: bj('2026-03-01T09:00:00').toISOString(), remark: '派单前' },
        liaison('ZJJ'),
      ),
    ).toBe('PRECONDITION_FAILED');
    s.do({ action: 'checkin', ...here }, liaison('ZJJ'));
    s.do({ action: 'checkin', ...here }, liaison('HWJ'));

    // Feedback (措施, 结果, 下一步计划) and the unit leader's approval; one round of rework for SCJ.
    for (const unit of ['ZFJ', 'SCJ', 'ZJJ', 'HWJ']) s.do(feedback(`${unit} 措施`), liaison(unit));
    expect(s.order.children[1].feedback[0]).toMatchObject({
      measures: 'SCJ 措施',
      result: '已处置',
      nextPlan: '每周巡查',
    });
    expect(
      refusedCode(s, { action: 'approve', subject: 'child_feedback', childId: s.child('SCJ') }, unitLeader('ZJJ')),
    ).toBe('OUT_OF_SCOPE');
    s.do(
      { action: 'return', subject: 'child_feedback', childId: s.child('SCJ'), reason: '缺少检查记录' },
      unitLeader('SCJ'),
    );
    expect(s.order.children[1].status).toBe('checked_in');
    s.do(feedback('补充检查记录'), liaison('SCJ'));
    for (const unit of ['ZFJ', 'SCJ', 'ZJJ'])
      s.do({ action: 'approve', subject: 'child_feedback', childId: s.child(unit) }, unitLeader(unit));
    expect(s.order.status).toBe('handling');
    s.do({ action: 'approve', subject: 'child_feedback', childId: s.child('HWJ') }, unitLeader('HWJ'));

    // The last approval closes the parent by itself.
    expect(s.order).toMatchObject({ status: 'closed', closure: { auto: true, resolved: true } });
    expect(s.order.timeline.slice(-2).map((e) => `${e.action}:${e.from}→${e.to}`)).toEqual([
      'approve:handling→handling',
      'auto_close:handling→closed',
    ]);

    // Two-way rating: the initiator rates each unit still on the order; units rate the initiator.
    expect(
      refusedCode(
        s,
        { action: 'evaluate', rater: 'centre', childId: s.child('JD'), rating: { satisfaction: 'satisfied' } },
        dispatcher,
      ),
    ).toBe('TRANSITION_NOT_ALLOWED');
    s.do(
      { action: 'evaluate', rater: 'unit', childId: s.child('ZFJ'), rating: { satisfaction: 'satisfied' } },
      liaison('ZFJ'),
    );
    for (const unit of ['ZFJ', 'SCJ', 'ZJJ']) {
      s.do(
        { action: 'evaluate', rater: 'centre', childId: s.child(unit), rating: { satisfaction: 'satisfied' } },
        dispatcher,
      );
      expect(s.order.status).toBe('closed');
    }
    s.do(
      { action: 'evaluate', rater: 'centre', childId: s.child('HWJ'), rating: { satisfaction: 'basically_satisfied' } },
      dispatcher,
    );
    expect(s.order.status).toBe('evaluated');
    s.do(
      {
        action: 'evaluate',
        rater: 'unit',
        childId: s.child('HWJ'),
        rating: { satisfaction: 'unsatisfied', reason: '通知时间太晚' },
      },
      unitLeader('HWJ'),
    );
    expect(
      refusedCode(
        s,
        { action: 'evaluate', rater: 'unit', childId: s.child('HWJ'), rating: { satisfaction: 'satisfied' } },
        liaison('HWJ'),
      ),
    ).toBe('PRECONDITION_FAILED');
    expect(s.order.children[4].ratingOfInitiator).toMatchObject({
      satisfaction: 'unsatisfied',
      reason: '通知时间太晚',
    });
    expect(s.order.timeline.every((e, i, all) => i === 0 || e.version >= all[i - 1].version)).toBe(true);
  });

  it('the initiator may close before every unit is done, but only with a note', () => {
    const s = jointHandling();
    const openUnits = s.order.children.filter((c) => !['done', 'released'].includes(c.status)).map((c) => c.unit);
    expect(refusedCode(s, { action: 'close' }, dispatcher)).toBe('PRECONDITION_FAILED');
    s.do({ action: 'close', note: '经协调会议，问题已整体解决', resolved: true }, dispatcher);
    expect(s.order).toMatchObject({ status: 'closed', closure: { auto: false, note: '经协调会议，问题已整体解决' } });
    expect(s.order.timeline.at(-1)!.data).toMatchObject({ early: true, openUnits });
  });

  it('a ruling that frees the last open unit closes the order', () => {
    const s = new Script(newOrder({ kind: 'joint' }));
    s.do({ action: 'accept' }, dispatcher).do(
      { action: 'dispatch', units: [{ department: 'A' }, { department: 'B' }] },
      dispatcher,
    );
    s.do({ action: 'sign' }, liaison('A'))
      .do({ action: 'checkin', ...here }, liaison('A'))
      .do(feedback('A'), liaison('A'));
    s.do({ action: 'approve', subject: 'child_feedback', childId: s.child('A') }, unitLeader('A'));
    s.do({ action: 'refuse', reason: '非本单位', basis: '三定方案' }, liaison('B'));
    s.do({ action: 'return', subject: 'refusal', childId: s.child('B'), reason: '请领导判定' }, dispatcher);
    s.do({ action: 'rule', childId: s.child('B'), decision: 'release', note: '否：不属于B单位职责' }, districtLeader);
    expect(s.order.children[1]).toMatchObject({ status: 'released', ruling: { decision: 'release' } });
    expect(s.order.status).toBe('closed');
  });

  it('a released lead leaves the order without 主办 until a new lead is dispatched', () => {
    const s = new Script(newOrder({ kind: 'joint' }));
    s.do({ action: 'accept' }, dispatcher).do(
      { action: 'dispatch', units: [{ department: 'A', role: 'lead' }, { department: 'B' }] },
      dispatcher,
    );
    expect(refusedCode(s, { action: 'dispatch', units: [{ department: 'C', role: 'lead' }] }, dispatcher)).toBe(
      'PRECONDITION_FAILED',
    );
    expect(refusedCode(s, { action: 'dispatch', units: [{ department: 'B' }] }, dispatcher)).toBe(
      'PRECONDITION_FAILED',
    );
    s.do({ action: 'refuse', reason: '非本单位', basis: '三定方案' }, liaison('A'));
    s.do({ action: 'approve', subject: 'refusal', childId: s.child('A') }, dispatcher);
    expect(s.order.ownerDepartment).toBeUndefined();
    s.do({ action: 'dispatch', units: [{ department: 'C' }] }, dispatcher);
    expect(s.order).toMatchObject({ ownerDepartment: 'C' });
    expect(s.order.children.find((c) => c.unit === 'C')!.role).toBe('lead');
  });

  it('重办: units rated unsatisfied go back to work; the others stay done', () => {
    const s = jointClosed();
    s.do({ action: 'reopen', reason: '群众反映仍有积水' }, dispatcher);
    expect(s.order.status).toBe('handling');
    expect(s.order.children.map((c) => [c.unit, c.status])).toEqual([
      ['U1', 'signed'],
      ['U2', 'done'],
      ['U3', 'done'],
    ]);
    expect(s.order.reopenCount).toBe(1);
    s.do({ action: 'checkin', ...here }, liaison('U1')).do(feedback('疏通排水口'), liaison('U1'));
    s.do({ action: 'approve', subject: 'child_feedback', childId: s.child('U1') }, unitLeader('U1'));
    expect(s.order.status).toBe('closed');
  });

  it('keeps units to their own tasks and reports unknown tasks', () => {
    const s = jointHandling();
    expect(refusedCode(s, { action: 'sign' }, liaison('NOT-ON-ORDER'))).toBe('OUT_OF_SCOPE');
    expect(refusedCode(s, { action: 'sign', childId: s.child('U2') }, liaison('U6'))).toBe('OUT_OF_SCOPE');
    expect(refusedCode(s, { action: 'approve', subject: 'refusal', childId: 'nope' }, dispatcher)).toBe(
      'CHILD_NOT_FOUND',
    );
    // A liaison need not know task ids: their unit's task is found for them.
    s.do({ action: 'sign' }, liaison('U2'));
    expect(s.order.children[1].status).toBe('signed');
  });

  it('urge and supervise target the units that still owe work', () => {
    const s = jointHandling();
    s.do({ action: 'urge', note: '请加快进度' }, dispatcher);
    expect(s.order.escalations[0]).toMatchObject({
      step: 'urge',
      to: { role: 'handler', departments: ['U1', 'U2', 'U3', 'U4', 'U6', 'U7'] },
      auto: false,
    });
    s.do({ action: 'supervise', level: 'district_leader' }, districtLeader);
    expect(s.order.escalations[1]).toMatchObject({ step: 'district', to: { role: 'district_leader' } });
  });
});
