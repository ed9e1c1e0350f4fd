import { describe, expect, it } from 'vitest';
import {
  addLimit,
  createTicketingPolicy,
  DEFAULT_DEADLINE_POLICY,
  escalationsDue,
  limitsFor,
  warningLevel,
} from './deadline.policy';
import { decide } from './work-order.machine';
import {
  at,
  bj,
  dispatcher,
  liaison,
  minutes,
  newOrder,
  orderIn,
  policy,
  scheduler,
  Script,
} from './work-order.fixture';
import type { WorkOrder } from './work-order.model';

/** An emergency order accepted at `start` and dispatched one minute later (2 h wall-clock limit). */
function emergencyAt(start: Date): Script {
  const s = new Script(newOrder({ urgency: 'emergency', categoryCode: '990101' }, start), at(start, minutes(-1)));
  s.do({ action: 'accept' }, dispatcher);
  s.do({ action: 'dispatch', units: [{ department: 'XF' }] }, dispatcher);
  s.do({ action: 'sign' }, liaison('XF'));
  return s;
}

describe('deadlines', () => {
  it('defaults: 2 h emergency and 24 h utilities on the wall clock, 7 / 15 working days, sign-for 30 min / 2 h', () => {
    expect(DEFAULT_DEADLINE_POLICY.handle).toEqual({
      emergency: { amount: 2, unit: 'hours' },
      utilities: { amount: 24, unit: 'hours' },
      general: { amount: 7, unit: 'workingDays' },
      complex: { amount: 15, unit: 'workingDays' },
    });
    expect(DEFAULT_DEADLINE_POLICY.sign.emergency).toEqual({ amount: 30, unit: 'minutes' });
    expect(DEFAULT_DEADLINE_POLICY.sign.general).toEqual({ amount: 2, unit: 'workingHours' });
  });

  it('a 2 h emergency runs across midnight and into a holiday on the wall clock', () => {
    const s = emergencyAt(bj('2026-09-30T23:00:00'));
    expect(s.order.deadlines.dueBy).toBe(bj('2026-10-01T01:00:00').toISOString());
    expect(s.order.deadlines.signBy).toBe(bj('2026-09-30T23:31:00').toISOString());
  });

  it('24 h utilities ignore the weekend; general matters do not', () => {
    const friday = bj('2026-03-06T18:00:00');
    const utilities = limitsFor(policy, '030101', 'utilities').handle;
    expect(addLimit(policy.calendar, friday, utilities).toISOString()).toBe(bj('2026-03-07T18:00:00').toISOString());
    // 2 working hours to sign from Friday 23:00: one hour on Friday, one on Monday.
    expect(addLimit(policy.calendar, bj('2026-03-06T23:00:00'), policy.deadlines.sign.general).toISOString()).toBe(
      bj('2026-03-09T01:00:00').toISOString(),
    );
  });

  it('per-category overrides: longest prefix wins, an urgency-specific rule beats a general one', () => {
    const city = createTicketingPolicy({
      deadlines: {
        overrides: [
          { categoryPrefix: '03', handle: { amount: 10, unit: 'workingDays' } },
          { categoryPrefix: '0301', handle: { amount: 12, unit: 'hours' }, sign: { amount: 15, unit: 'minutes' } },
          { categoryPrefix: '0301', urgency: 'emergency', handle: { amount: 1, unit: 'hours' } },
        ],
        handle: { complex: { amount: 20, unit: 'workingDays' } },
      },
    });
    expect(limitsFor(city, '030102', 'general')).toEqual({
      handle: { amount: 12, unit: 'hours' },
      sign: { amount: 15, unit: 'minutes' },
    });
    expect(limitsFor(city, '030102', 'emergency').handle).toEqual({ amount: 1, unit: 'hours' });
    expect(limitsFor(city, '030201', 'general').handle).toEqual({ amount: 10, unit: 'workingDays' });
    expect(limitsFor(city, '010101', 'complex').handle).toEqual({ amount: 20, unit: 'workingDays' });
    expect(limitsFor(city, '010101', 'general').handle).toEqual({ amount: 7, unit: 'workingDays' });
  });

  it('marks a deadline computed over an unconfigured year as provisional', () => {
    const s = new Script(newOrder({}, bj('2026-12-28T09:59:00')), bj('2026-12-28T09:59:00'));
    s.do({ action: 'accept' }, dispatcher);
    expect(s.order.deadlines).toMatchObject({ provisional: true, dueBy: bj('2027-01-06T10:00:00').toISOString() });
    expect(orderIn('single', 'accepted')!.deadlines.provisional).toBeUndefined();
  });

  it('rejects thresholds that do not rise', () => {
    expect(() => createTicketingPolicy({ deadlines: { warnings: { yellow: 0.8, orange: 0.75 } } })).toThrow(/rise/);
    expect(() => createTicketingPolicy({ deadlines: { escalation: { urge: 'red', supervise: 'orange' } } })).toThrow(
      /order/,
    );
  });
});

describe('warnings 黄/橙/红 and overdue', () => {
  const start = bj('2026-03-03T10:00:00');
  const s = emergencyAt(start);
  const order = s.order;

  it.each([
    [59, 'none'],
    [60, 'yellow'], // 50 % of 2 h
    [89, 'yellow'],
    [90, 'orange'], // 75 %
    [107, 'orange'],
    [108, 'red'], // 90 %
    [120, 'red'], // exactly at dueBy: not yet overdue
    [121, 'overdue'],
  ])('%i minutes after acceptance: %s', (elapsed, level) => {
    expect(warningLevel(order, at(start, minutes(elapsed)), policy)).toBe(level);
  });

  it('on working days, the fractions count working time only', () => {
    // Accepted Monday 09:01, due Wednesday 11 March 09:01 (7 × 24 working hours).
    const general = orderIn('single', 'handling')!;
    expect(warningLevel(general, bj('2026-03-05T21:00:00'), policy)).toBe('none');
    expect(warningLevel(general, bj('2026-03-05T21:01:00'), policy)).toBe('yellow'); // 84 h
    expect(warningLevel(general, bj('2026-03-07T12:00:00'), policy)).toBe('yellow'); // the weekend adds nothing
    expect(warningLevel(general, bj('2026-03-09T15:01:00'), policy)).toBe('orange'); // 126 h
    expect(warningLevel(general, bj('2026-03-10T16:13:00'), policy)).toBe('red'); // ≥ 151.2 h
    expect(warningLevel(general, bj('2026-03-11T09:02:00'), policy)).toBe('overdue');
  });

  it('uses the configured fractions', () => {
    const early = createTicketingPolicy({ deadlines: { warnings: { yellow: 0.25, orange: 0.5, red: 0.6 } } });
    expect(warningLevel(order, at(start, minutes(30)), early)).toBe('yellow');
    expect(warningLevel(order, at(start, minutes(72)), early)).toBe('red');
  });

  it('after delivery: overdue only if the feedback came late', () => {
    const late = new Script(order, at(start, minutes(130))).do(
      { action: 'feedback', measures: 'm', result: 'r' },
      liaison('XF'),
    ).order;
    expect(late.status).toBe('verifying');
    expect(warningLevel(late, at(start, minutes(500)), policy)).toBe('overdue');
    const onTime = new Script(order, at(start, minutes(30))).do(
      { action: 'feedback', measures: 'm', result: 'r' },
      liaison('XF'),
    ).order;
    expect(warningLevel(onTime, at(start, minutes(500)), policy)).toBe('none');
  });
});

describe('escalation ladder 催办 → 督办 → 领导督办', () => {
  const start = bj('2026-03-03T10:00:00');
  const record = (
    o: WorkOrder,
    body: { action: 'urge' } | { action: 'supervise'; level?: 'department_head' | 'district_leader' },
    minute: number,
  ) => {
    const r = decide(o, { ...body, version: o.version }, scheduler, at(start, minutes(minute)), policy);
    if (!r.ok) throw new Error(r.error.message.en);
    return r.order;
  };

  it('raises each step at its level, once per cycle, never skipping one', () => {
    let o = emergencyAt(start).order;
    expect(escalationsDue(o, at(start, minutes(80)), policy)).toBeNull(); // yellow: nothing yet
    expect(escalationsDue(o, at(start, minutes(90)), policy)).toMatchObject({
      step: 'urge',
      level: 'orange',
      to: { role: 'handler', departments: ['XF'] },
    });
    o = record(o, { action: 'urge' }, 90);
    expect(o.escalations[0]).toMatchObject({ step: 'urge', auto: true, level: 'orange' });
    expect(escalationsDue(o, at(start, minutes(100)), policy)).toBeNull();
    expect(escalationsDue(o, at(start, minutes(108)), policy)).toMatchObject({
      step: 'supervise',
      to: { role: 'department_head' },
    });
    o = record(o, { action: 'supervise' }, 108);
    expect(escalationsDue(o, at(start, minutes(120)), policy)).toBeNull();
    expect(escalationsDue(o, at(start, minutes(121)), policy)).toMatchObject({
      step: 'district',
      level: 'overdue',
      to: { role: 'district_leader' },
    });
    o = record(o, { action: 'supervise', level: 'district_leader' }, 121);
    expect(escalationsDue(o, at(start, minutes(600)), policy)).toBeNull();
    expect(o.escalations.map((e) => e.step)).toEqual(['urge', 'supervise', 'district']);
    expect(o.timeline.filter((e) => e.action === 'urge' || e.action === 'supervise')).toHaveLength(3);
  });

  it('an order found already overdue is urged first', () => {
    const o = emergencyAt(start).order;
    expect(escalationsDue(o, at(start, minutes(300)), policy)).toMatchObject({ step: 'urge', level: 'overdue' });
  });

  it('a manual 催办 counts as the step; suspended and delivered orders do not escalate', () => {
    const o = new Script(emergencyAt(start).order, at(start, minutes(10))).do(
      { action: 'urge', note: '请尽快到场' },
      dispatcher,
    ).order;
    expect(escalationsDue(o, at(start, minutes(95)), policy)).toBeNull();
    const suspended = new Script(emergencyAt(start).order, at(start, minutes(10))).do(
      { action: 'suspend', reason: '封控' },
      dispatcher,
    ).order;
    expect(escalationsDue(suspended, at(start, minutes(500)), policy)).toBeNull();
  });
});
