import { describe, expect, it } from 'vitest';
import { assess } from './assessment';
import { orderFacts } from './assessment.facts';
import {
  at,
  bj,
  dispatcher,
  liaison,
  minutes,
  newOrder,
  Script,
  TOWN_A,
  TOWN_B,
  unitLeader,
} from './work-order.fixture';
import type { Actor } from './work-order.model';

type Body = Parameters<Script['do']>[0];

/** Runs `body` at exactly Beijing time `local`. */
function act(s: Script, local: string, body: Body, actor: Actor): Script {
  s.now = at(bj(local), minutes(-1));
  return s.do(body, actor);
}

const A = 'A';
const B = 'B';
const fb = { action: 'feedback', measures: '措施', result: '结果' } as const;

/**
 * March 2026 (no holidays; 2 working hours to sign, 7 working days to handle). Hand-computed in the README
 * style: see the expectations below for each count.
 */
function fixture() {
  const orders = [];

  // O1 (street A): A signs in time, feeds back in time, closed resolved, caller satisfied.
  let s = new Script(newOrder({ townCode: TOWN_A }, bj('2026-03-02T08:50:00')));
  act(s, '2026-03-02T09:00:00', { action: 'accept' }, dispatcher);
  act(s, '2026-03-02T09:10:00', { action: 'dispatch', units: [{ department: A }] }, dispatcher);
  act(s, '2026-03-02T09:30:00', { action: 'sign' }, liaison(A));
  act(s, '2026-03-04T10:00:00', fb, liaison(A));
  act(s, '2026-03-04T11:00:00', { action: 'verify' }, dispatcher);
  act(s, '2026-03-04T12:00:00', { action: 'close' }, dispatcher);
  act(
    s,
    '2026-03-05T10:00:00',
    { action: 'evaluate', rater: 'centre', rating: { satisfaction: 'satisfied', resolved: true } },
    dispatcher,
  );
  orders.push(s.order);

  // O2 (street A): A signs late (due 11:10) and feeds back after dueBy (11 Mar 09:00); unsatisfied.
  s = new Script(newOrder({ townCode: TOWN_A }, bj('2026-03-02T08:50:00')));
  act(s, '2026-03-02T09:00:00', { action: 'accept' }, dispatcher);
  act(s, '2026-03-02T09:10:00', { action: 'dispatch', units: [{ department: A }] }, dispatcher);
  act(s, '2026-03-02T12:30:00', { action: 'sign' }, liaison(A));
  act(s, '2026-03-12T10:00:00', fb, liaison(A));
  act(s, '2026-03-12T11:00:00', { action: 'verify' }, dispatcher);
  act(s, '2026-03-12T12:00:00', { action: 'close' }, dispatcher);
  act(
    s,
    '2026-03-13T10:00:00',
    { action: 'evaluate', rater: 'centre', rating: { satisfaction: 'unsatisfied', reason: '处理太慢' } },
    dispatcher,
  );
  orders.push(s.order);

  // O3 (street B): B refuses (退回), A takes it in time, feedback returned once, closed unresolved, not rated.
  s = new Script(newOrder({ townCode: TOWN_B }, bj('2026-03-03T08:50:00')));
  act(s, '2026-03-03T09:00:00', { action: 'accept' }, dispatcher);
  act(s, '2026-03-03T09:10:00', { action: 'dispatch', units: [{ department: B }] }, dispatcher);
  act(s, '2026-03-03T09:20:00', { action: 'refuse', reason: '非本单位', basis: '三定方案' }, liaison(B));
  act(s, '2026-03-03T09:30:00', { action: 'dispatch', units: [{ department: A }] }, dispatcher);
  act(s, '2026-03-03T10:00:00', { action: 'sign' }, liaison(A));
  act(s, '2026-03-05T10:00:00', fb, liaison(A));
  act(s, '2026-03-05T11:00:00', { action: 'return', subject: 'feedback', reason: '缺少现场照片' }, dispatcher);
  act(s, '2026-03-06T10:00:00', fb, liaison(A));
  act(s, '2026-03-06T11:00:00', { action: 'verify' }, dispatcher);
  act(s, '2026-03-06T12:00:00', { action: 'close', resolved: false, note: '已解释说明' }, dispatcher);
  orders.push(s.order);

  // O4 (street B): B signs in time and is still handling on 1 April, ten days past its deadline.
  s = new Script(newOrder({ townCode: TOWN_B }, bj('2026-03-02T08:50:00')));
  act(s, '2026-03-02T09:00:00', { action: 'accept' }, dispatcher);
  act(s, '2026-03-02T09:10:00', { action: 'dispatch', units: [{ department: B }] }, dispatcher);
  act(s, '2026-03-02T09:20:00', { action: 'sign' }, liaison(B));
  orders.push(s.order);

  // O5 (street B): 直接办结 by the centre: no department.
  s = new Script(newOrder({ townCode: TOWN_B }, bj('2026-03-03T08:50:00')));
  act(s, '2026-03-03T09:00:00', { action: 'accept' }, dispatcher);
  act(s, '2026-03-03T09:30:00', { action: 'close', note: '已电话答复' }, dispatcher);
  orders.push(s.order);

  // O6 (street A): joint, A lead and B, both in time; auto-closed; A satisfied, B basically satisfied.
  s = new Script(newOrder({ townCode: TOWN_A, kind: 'joint' }, bj('2026-03-09T08:50:00')));
  act(s, '2026-03-09T09:00:00', { action: 'accept' }, dispatcher);
  act(
    s,
    '2026-03-09T09:10:00',
    { action: 'dispatch', units: [{ department: A, role: 'lead' }, { department: B }] },
    dispatcher,
  );
  act(s, '2026-03-09T09:20:00', { action: 'sign' }, liaison(A));
  act(s, '2026-03-09T09:30:00', { action: 'sign' }, liaison(B));
  act(s, '2026-03-09T10:00:00', { action: 'checkin', lng: 110.3, lat: 20 }, liaison(A));
  act(s, '2026-03-09T10:05:00', { action: 'checkin', lng: 110.3, lat: 20 }, liaison(B));
  act(s, '2026-03-10T10:00:00', fb, liaison(A));
  act(s, '2026-03-10T10:05:00', fb, liaison(B));
  act(s, '2026-03-10T11:00:00', { action: 'approve', subject: 'child_feedback', childId: s.child(A) }, unitLeader(A));
  act(s, '2026-03-10T11:05:00', { action: 'approve', subject: 'child_feedback', childId: s.child(B) }, unitLeader(B));
  act(
    s,
    '2026-03-11T09:00:00',
    { action: 'evaluate', rater: 'centre', childId: s.child(A), rating: { satisfaction: 'satisfied' } },
    dispatcher,
  );
  act(
    s,
    '2026-03-11T09:05:00',
    { action: 'evaluate', rater: 'centre', childId: s.child(B), rating: { satisfaction: 'basically_satisfied' } },
    dispatcher,
  );
  orders.push(s.order);

  // O7 (street A): dispatched in April: outside the period.
  s = new Script(newOrder({ townCode: TOWN_A }, bj('2026-04-02T08:50:00')));
  act(s, '2026-04-02T09:00:00', { action: 'accept' }, dispatcher);
  act(s, '2026-04-02T09:10:00', { action: 'dispatch', units: [{ department: A }] }, dispatcher);
  orders.push(s.order);

  // O8 (street B): dispatched in February (not a March dispatch), closed on time in March, satisfied.
  s = new Script(newOrder({ townCode: TOWN_B }, bj('2026-02-25T08:50:00')));
  act(s, '2026-02-25T09:00:00', { action: 'accept' }, dispatcher);
  act(s, '2026-02-25T09:10:00', { action: 'dispatch', units: [{ department: B }] }, dispatcher);
  act(s, '2026-02-25T09:20:00', { action: 'sign' }, liaison(B));
  act(s, '2026-03-02T10:00:00', fb, liaison(B));
  act(s, '2026-03-02T11:00:00', { action: 'verify' }, dispatcher);
  act(s, '2026-03-02T12:00:00', { action: 'close' }, dispatcher);
  act(
    s,
    '2026-03-02T15:00:00',
    { action: 'evaluate', rater: 'centre', rating: { satisfaction: 'satisfied' } },
    dispatcher,
  );
  orders.push(s.order);
  return orders;
}

const march = { from: bj('2026-03-01T00:00:00'), to: bj('2026-04-01T00:00:00') };

describe('assessment: the six rates on a hand-computed fixture', () => {
  const result = assess(fixture(), march);
  const row = (rows: typeof result.departments, key: string) => rows.find((r) => r.key === key)!;

  it('department A', () => {
    const a = row(result.departments, A);
    // Dispatched in March: O1 (in time), O2 (late), O3 (in time), O6 (in time).
    expect(a.counts).toMatchObject({ dispatched: 4, respondedInTime: 3, returned: 0 });
    // Closed in March: O1, O2 (late), O3 (unresolved, reworked), O6.
    expect(a.counts).toMatchObject({
      closed: 4,
      resolved: 3,
      rated: 3,
      satisfied: 2,
      onTime: 3,
      overdueClosed: 1,
      overdueOpen: 0,
      reworked: 1,
    });
    expect(a.rates).toEqual({
      responseRate: 0.75,
      resolutionRate: 0.75,
      satisfactionRate: 2 / 3,
      onTimeRate: 0.75,
      overdueRate: 0.25,
      returnRate: 0,
      reworkRate: 0.25,
    });
    // 15·0.75 + 25·0.75 + 30·⅔ + 15·0.75 + 10·(1−0.25) + 5·(1−0) = 73.75
    expect(a.score).toBeCloseTo(73.75, 10);
  });

  it('department B', () => {
    const b = row(result.departments, B);
    // Dispatched in March: O3 (refused: 退回), O4 (in time), O6 (in time). O8 was dispatched in February.
    expect(b.counts).toMatchObject({ dispatched: 3, respondedInTime: 2, returned: 1 });
    // Closed in March: O6, O8; O4 open and overdue at the period end.
    expect(b.counts).toMatchObject({
      closed: 2,
      resolved: 2,
      rated: 2,
      satisfied: 2,
      onTime: 2,
      overdueClosed: 0,
      overdueOpen: 1,
    });
    expect(b.rates).toMatchObject({
      responseRate: 2 / 3,
      resolutionRate: 1,
      satisfactionRate: 1,
      onTimeRate: 1,
      overdueRate: 1 / 3,
      returnRate: 1 / 3,
    });
    // 15·⅔ + 25 + 30 + 15 + 10·⅔ + 5·⅔ = 90
    expect(b.score).toBeCloseTo(90, 10);
  });

  it('rankings: overall by score, per rate with less-is-better for 超期率 and 退回率', () => {
    expect(result.departments.map((r) => [r.key, r.rank])).toEqual([
      [B, 1],
      [A, 2],
    ]);
    expect(row(result.departments, A).ranks).toEqual({
      responseRate: 1,
      resolutionRate: 2,
      satisfactionRate: 2,
      onTimeRate: 2,
      overdueRate: 1,
      returnRate: 1,
    });
  });

  it('streets, including an order with no department (直接办结)', () => {
    const a = row(result.streets, TOWN_A);
    expect(a.counts).toMatchObject({
      dispatched: 4,
      respondedInTime: 3,
      returned: 0,
      closed: 4,
      resolved: 4,
      rated: 4,
      satisfied: 3,
      onTime: 3,
      overdueClosed: 1,
      overdueOpen: 0,
    });
    const b = row(result.streets, TOWN_B);
    // O3 (B refused, A in time), O4; closures O3, O5, O8; O4 open overdue.
    expect(b.counts).toMatchObject({
      dispatched: 3,
      respondedInTime: 2,
      returned: 1,
      closed: 3,
      resolved: 2,
      rated: 1,
      satisfied: 1,
      onTime: 3,
      overdueOpen: 1,
    });
    expect(b.rates).toMatchObject({ resolutionRate: 2 / 3, satisfactionRate: 1, overdueRate: 0.25, reworkRate: 1 / 3 });
  });

  it('total counts every record once', () => {
    expect(result.total.counts).toMatchObject({
      dispatched: 7,
      respondedInTime: 5,
      returned: 1,
      closed: 7,
      resolved: 6,
      rated: 5,
      satisfied: 4,
      onTime: 6,
      overdueClosed: 1,
      overdueOpen: 1,
    });
    expect(result.total.rates.overdueRate).toBe(0.25);
  });

  it('an empty period has no rates rather than 0 % or 100 %', () => {
    const empty = assess(fixture(), { from: bj('2025-01-01T00:00:00'), to: bj('2025-02-01T00:00:00') });
    expect(empty.departments).toEqual([]);
    expect(empty.total.rates.responseRate).toBeNull();
    expect(empty.total.score).toBeNull();
  });

  it('minSample keeps thin rows out of a rate ranking', () => {
    const strict = assess(fixture(), march, { minSample: 3 });
    expect(strict.departments.find((r) => r.key === B)!.ranks.satisfactionRate).toBeNull();
    expect(strict.departments.find((r) => r.key === A)!.ranks.satisfactionRate).toBe(1);
  });
});

describe('assessment reads history, not the current state', () => {
  it('a reopened order keeps its first closure (and rating) in the period it happened', () => {
    const s = new Script(newOrder({}, bj('2026-03-02T08:50:00')));
    act(s, '2026-03-02T09:00:00', { action: 'accept' }, dispatcher);
    act(s, '2026-03-02T09:10:00', { action: 'dispatch', units: [{ department: A }] }, dispatcher);
    act(s, '2026-03-02T09:20:00', { action: 'sign' }, liaison(A));
    act(s, '2026-03-03T10:00:00', fb, liaison(A));
    act(s, '2026-03-03T11:00:00', { action: 'verify' }, dispatcher);
    act(s, '2026-03-03T12:00:00', { action: 'close' }, dispatcher);
    act(
      s,
      '2026-03-04T10:00:00',
      {
        action: 'evaluate',
        rater: 'centre',
        rating: { satisfaction: 'unsatisfied', resolved: false, reason: '未解决' },
      },
      dispatcher,
    );
    act(s, '2026-04-01T10:00:00', { action: 'reopen', reason: '重办' }, dispatcher);
    act(s, '2026-04-01T10:10:00', { action: 'dispatch', units: [{ department: A }] }, dispatcher);
    const facts = orderFacts(s.order, bj('2026-05-01T00:00:00').getTime());
    expect(facts.closures).toHaveLength(1);
    expect(facts.closures[0]).toMatchObject({ cycle: 0, department: A, satisfaction: 'unsatisfied', resolved: false });
    expect(facts.episodes).toHaveLength(2);
    const m = assess([s.order], march).departments[0];
    expect(m.counts).toMatchObject({ closed: 1, resolved: 0, rated: 1, satisfied: 0 });
    // April: the second cycle is open; its deadline (7 working days after 1 April, with 清明) has not passed.
    const april = assess([s.order], { from: bj('2026-04-01T00:00:00'), to: bj('2026-04-10T00:00:00') }).departments[0];
    expect(april.counts).toMatchObject({ dispatched: 1, closed: 0, overdueOpen: 0 });
  });
});
