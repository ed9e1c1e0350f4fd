import { describe, expect, it } from 'vitest';
import { COMMAND_KEYS, type CommandKey } from './work-order.command';
import { decide } from './work-order.machine';
import {
  CHILD_STATUSES,
  WORK_ORDER_STATUSES,
  type ChildStatus,
  type WorkOrderKind,
  type WorkOrderStatus,
} from './work-order.model';
import { CHILD_TRANSITIONS, JOINT_TRANSITIONS, RULING_TARGET, SINGLE_TRANSITIONS } from './work-order.rules';
import { jointHandling, orderIn, policy, PROFILES, T0, at, minutes, type Profile } from './work-order.fixture';
import { expectedFromTables, inScopeActor, matrixCase, type Expectation } from './work-order.matrix';

const KINDS: WorkOrderKind[] = ['single', 'joint'];
const NEEDS_PENDING_EXTENSION: CommandKey[] = ['extend.approve', 'extend.deny'];
const later = at(T0, minutes(600));

// `decide` never mutates its input, so one fixture per (kind, status, variant) serves every attempt.
const fixtures = new Map<string, ReturnType<typeof orderIn>>();
function fixture(kind: WorkOrderKind, status: WorkOrderStatus, key: CommandKey) {
  const pendingExtension = NEEDS_PENDING_EXTENSION.includes(key);
  const id = `${kind}|${status}|${pendingExtension}`;
  if (!fixtures.has(id)) fixtures.set(id, Object.freeze(orderIn(kind, status, { pendingExtension })));
  return fixtures.get(id);
}

function attempt(kind: WorkOrderKind, status: WorkOrderStatus, key: CommandKey, profile: Profile) {
  const order = fixture(kind, status, key);
  if (!order) throw new Error(`${kind} ${status} is unreachable`);
  const matrix = matrixCase(order, key);
  const actor = inScopeActor(profile, matrix);
  return { order, matrix, actor, result: decide(order, matrix.command, actor, later, policy, matrix.context) };
}

const outcome = (r: ReturnType<typeof attempt>['result']): Expectation =>
  r.ok ? { ok: true, status: r.order.status } : { ok: false, code: r.error.code };

describe('state machine: every status × command × actor, generated from the tables', () => {
  for (const kind of KINDS) {
    for (const status of WORK_ORDER_STATUSES) {
      if (!orderIn(kind, status)) continue;
      it(`${kind} order in ${status}`, () => {
        const mismatches: string[] = [];
        let successes = 0;
        for (const key of COMMAND_KEYS) {
          for (const profile of PROFILES) {
            const { order, matrix, actor, result } = attempt(kind, status, key, profile);
            const expected = expectedFromTables(order, key, actor, matrix);
            const got = outcome(result);
            if (JSON.stringify(got) !== JSON.stringify(expected)) {
              const detail = result.ok ? '' : ` (${result.error.message.en})`;
              mismatches.push(
                `${key} by ${profile}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}${detail}`,
              );
            }
            if (result.ok) {
              successes += 1;
              // Every success appends to the timeline and bumps the version by exactly one.
              expect(result.order.version).toBe(order.version + 1);
              expect(result.order.timeline.length).toBeGreaterThan(order.timeline.length);
              expect(result.order.timeline.at(-1)!.version).toBe(order.version + 1);
              expect(result.events.length).toBeGreaterThan(0);
            } else {
              expect(result.error.message.zh.length).toBeGreaterThan(0);
              expect(result.error.message.en.length).toBeGreaterThan(0);
            }
          }
        }
        expect(mismatches).toEqual([]);
        // Terminal statuses accept nothing; every other reachable status accepts something.
        if (status === 'invalid' || status === 'merged') expect(successes).toBe(0);
        else expect(successes).toBeGreaterThan(0);
      });
    }
  }

  it('joint orders never reach the 核查 statuses, which single orders do', () => {
    const reachable = (table: typeof SINGLE_TRANSITIONS) =>
      new Set(Object.values(table).flatMap((row) => Object.values(row)));
    expect(reachable(JOINT_TRANSITIONS).has('verifying')).toBe(false);
    expect(reachable(JOINT_TRANSITIONS).has('verified')).toBe(false);
    expect(reachable(SINGLE_TRANSITIONS).has('verifying')).toBe(true);
  });
});

/** Written by hand from the product rules, not from the tables: the tables must agree with these. */
/** The last column is the status landed in, or the error code. */
const KEY_EXPECTATIONS: Array<[WorkOrderKind, WorkOrderStatus, CommandKey, Profile, string]> = [
  ['single', 'received', 'accept', 'dispatcher', 'accepted'],
  ['single', 'received', 'accept', 'admin', 'FORBIDDEN'],
  ['single', 'received', 'dispatch', 'dispatcher', 'TRANSITION_NOT_ALLOWED'],
  ['single', 'accepted', 'dispatch', 'dispatcher', 'dispatched'],
  ['single', 'accepted', 'dispatch', 'liaison', 'FORBIDDEN'],
  ['single', 'accepted', 'close', 'dispatcher', 'closed'],
  ['single', 'accepted', 'sign', 'liaison', 'OUT_OF_SCOPE'],
  ['single', 'dispatched', 'dispatch', 'commander', 'dispatched'],
  ['single', 'dispatched', 'sign', 'liaison', 'handling'],
  ['single', 'dispatched', 'sign', 'engineer', 'handling'],
  ['single', 'dispatched', 'sign', 'dispatcher', 'FORBIDDEN'],
  ['single', 'dispatched', 'refuse', 'liaison', 'accepted'],
  ['single', 'dispatched', 'refuse', 'unitLeader', 'accepted'],
  ['single', 'dispatched', 'feedback', 'liaison', 'TRANSITION_NOT_ALLOWED'],
  ['single', 'dispatched', 'urge', 'system', 'dispatched'],
  ['single', 'handling', 'checkin', 'liaison', 'handling'],
  ['single', 'handling', 'feedback', 'liaison', 'verifying'],
  ['single', 'handling', 'return.order', 'liaison', 'accepted'],
  ['single', 'handling', 'suspend', 'dispatcher', 'suspended'],
  ['single', 'handling', 'suspend', 'liaison', 'FORBIDDEN'],
  ['single', 'handling', 'extend.request', 'liaison', 'handling'],
  ['single', 'handling', 'extend.approve', 'commander', 'handling'],
  ['single', 'handling', 'extend.approve', 'districtLeader', 'handling'],
  ['single', 'handling', 'extend.approve', 'dispatcher', 'FORBIDDEN'],
  ['single', 'handling', 'extend.approve', 'unitLeader', 'FORBIDDEN'],
  ['single', 'handling', 'urge', 'dispatcher', 'handling'],
  ['single', 'handling', 'urge', 'liaison', 'FORBIDDEN'],
  ['single', 'handling', 'supervise', 'dispatcher', 'FORBIDDEN'],
  ['single', 'handling', 'supervise', 'commander', 'handling'],
  ['single', 'handling', 'supervise', 'system', 'handling'],
  ['single', 'handling', 'verify', 'dispatcher', 'TRANSITION_NOT_ALLOWED'],
  ['single', 'handling', 'rule', 'districtLeader', 'TRANSITION_NOT_ALLOWED'],
  ['single', 'suspended', 'resume', 'commander', 'handling'],
  ['single', 'suspended', 'feedback', 'liaison', 'TRANSITION_NOT_ALLOWED'],
  ['single', 'suspended', 'invalidate', 'dispatcher', 'invalid'],
  ['single', 'verifying', 'verify', 'dispatcher', 'verified'],
  ['single', 'verifying', 'return.feedback', 'dispatcher', 'handling'],
  ['single', 'verifying', 'close', 'dispatcher', 'TRANSITION_NOT_ALLOWED'],
  ['single', 'verified', 'close', 'dispatcher', 'closed'],
  ['single', 'verified', 'invalidate', 'dispatcher', 'TRANSITION_NOT_ALLOWED'],
  ['single', 'closed', 'evaluate.centre', 'dispatcher', 'evaluated'],
  ['single', 'closed', 'reopen', 'dispatcher', 'TRANSITION_NOT_ALLOWED'],
  ['single', 'closed', 'dispatch', 'dispatcher', 'TRANSITION_NOT_ALLOWED'],
  ['single', 'evaluated', 'reopen', 'dispatcher', 'accepted'],
  ['single', 'evaluated', 'reopen', 'districtLeader', 'FORBIDDEN'],
  ['single', 'invalid', 'accept', 'dispatcher', 'TRANSITION_NOT_ALLOWED'],
  ['single', 'merged', 'dispatch', 'dispatcher', 'TRANSITION_NOT_ALLOWED'],
  ['joint', 'accepted', 'dispatch', 'dispatcher', 'dispatched'],
  ['joint', 'dispatched', 'sign', 'liaison', 'handling'],
  ['joint', 'dispatched', 'approve.refusal', 'dispatcher', 'dispatched'],
  ['joint', 'dispatched', 'rule', 'districtLeader', 'dispatched'],
  ['joint', 'handling', 'dispatch', 'dispatcher', 'handling'],
  ['joint', 'handling', 'approve.child_feedback', 'unitLeader', 'handling'],
  ['joint', 'handling', 'approve.child_feedback', 'liaison', 'FORBIDDEN'],
  ['joint', 'handling', 'approve.child_feedback', 'dispatcher', 'FORBIDDEN'],
  ['joint', 'handling', 'return.refusal', 'dispatcher', 'handling'],
  ['joint', 'handling', 'rule', 'districtLeader', 'handling'],
  ['joint', 'handling', 'rule', 'unitLeader', 'FORBIDDEN'],
  ['joint', 'handling', 'rule', 'commander', 'FORBIDDEN'],
  ['joint', 'handling', 'verify', 'dispatcher', 'TRANSITION_NOT_ALLOWED'],
  ['joint', 'handling', 'return.order', 'liaison', 'TRANSITION_NOT_ALLOWED'],
  ['joint', 'handling', 'close', 'dispatcher', 'closed'],
  ['joint', 'closed', 'evaluate.centre', 'dispatcher', 'closed'],
  ['joint', 'closed', 'evaluate.unit', 'liaison', 'closed'],
  ['joint', 'closed', 'evaluate.unit', 'unitLeader', 'closed'],
  ['joint', 'closed', 'reopen', 'dispatcher', 'handling'],
  ['joint', 'evaluated', 'reopen', 'dispatcher', 'handling'],
  ['joint', 'evaluated', 'evaluate.centre', 'dispatcher', 'TRANSITION_NOT_ALLOWED'],
  ['joint', 'merged', 'merge', 'dispatcher', 'TRANSITION_NOT_ALLOWED'],
];

describe('state machine: hand-written key expectations', () => {
  it.each(KEY_EXPECTATIONS)('%s %s: %s by %s → %s', (kind, status, key, profile, expected) => {
    const got = outcome(attempt(kind, status, key, profile).result);
    expect(got.ok ? got.status : got.code).toBe(expected);
  });
});

describe('unit tasks of a joint order: every task status × task command', () => {
  const CHILD_KEYS = [
    'sign',
    'refuse',
    'checkin',
    'feedback',
    'approve.child_feedback',
    'return.child_feedback',
    'approve.refusal',
    'return.refusal',
    'rule',
  ] as const;
  const actorProfile: Record<(typeof CHILD_KEYS)[number], Profile> = {
    sign: 'liaison',
    refuse: 'liaison',
    checkin: 'liaison',
    feedback: 'liaison',
    'approve.child_feedback': 'unitLeader',
    'return.child_feedback': 'unitLeader',
    'approve.refusal': 'dispatcher',
    'return.refusal': 'dispatcher',
    rule: 'districtLeader',
  };

  function tryOnChild(key: (typeof CHILD_KEYS)[number], status: ChildStatus) {
    const order = jointHandling().order;
    const child = order.children.find((c) => c.status === status)!;
    const base = matrixCase(order, key);
    const command = { ...base.command, childId: child.id } as typeof base.command;
    const result = decide(
      order,
      command,
      inScopeActor(actorProfile[key], { ...base, unit: child.unit }),
      later,
      policy,
    );
    return result.ok ? result.order.children.find((c) => c.id === child.id)!.status : result.error.code;
  }

  it('the joint handling fixture holds one task in every task status', () => {
    expect(new Set(jointHandling().order.children.map((c) => c.status))).toEqual(new Set(CHILD_STATUSES));
  });

  for (const key of CHILD_KEYS) {
    it(`${key} on a task in each status`, () => {
      for (const status of CHILD_STATUSES) {
        const target = CHILD_TRANSITIONS[key]?.[status];
        const expected =
          target === undefined ? 'TRANSITION_NOT_ALLOWED' : target === RULING_TARGET ? 'pending' : target;
        expect([status, tryOnChild(key, status)]).toEqual([status, expected]);
      }
    });
  }

  it.each([
    ['sign', 'pending', 'signed'],
    ['sign', 'released', 'TRANSITION_NOT_ALLOWED'],
    ['refuse', 'signed', 'TRANSITION_NOT_ALLOWED'],
    ['checkin', 'signed', 'checked_in'],
    ['checkin', 'checked_in', 'checked_in'],
    ['checkin', 'pending', 'TRANSITION_NOT_ALLOWED'],
    ['feedback', 'signed', 'TRANSITION_NOT_ALLOWED'],
    ['feedback', 'checked_in', 'feedback_submitted'],
    ['approve.child_feedback', 'feedback_submitted', 'done'],
    ['approve.child_feedback', 'checked_in', 'TRANSITION_NOT_ALLOWED'],
    ['return.child_feedback', 'feedback_submitted', 'checked_in'],
    ['approve.refusal', 'refused', 'released'],
    ['return.refusal', 'refused', 'disputed'],
    ['rule', 'disputed', 'pending'],
    ['rule', 'refused', 'TRANSITION_NOT_ALLOWED'],
  ] as const)('hand-written: %s on %s → %s', (key, status, expected) => {
    expect(tryOnChild(key, status)).toBe(expected);
  });
});
