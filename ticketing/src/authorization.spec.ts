import { describe, expect, it } from 'vitest';
import { COMMAND_KEYS, type CommandKey } from './work-order.command';
import { decide } from './work-order.machine';
import { WORK_ORDER_STATUSES, type WorkOrder, type WorkOrderKind } from './work-order.model';
import { transitionsFor } from './work-order.rules';
import { actorFor, orderIn, policy, PROFILES, T0, TOWN_A, TOWN_B, at, type Profile } from './work-order.fixture';
import { matrixCase } from './work-order.matrix';

/**
 * Who may do what, written out by hand from the product rules (not read from PERMISSIONS), tried for every
 * role × command, in scope and out of scope.
 */
const CENTRE: CommandKey[] = [
  'accept',
  'dispatch',
  'approve.refusal',
  'verify',
  'close',
  'evaluate.centre',
  'return.feedback',
  'return.refusal',
  'suspend',
  'resume',
  'invalidate',
  'reopen',
  'merge',
  'urge',
];
const UNIT: CommandKey[] = ['sign', 'refuse', 'checkin', 'feedback', 'evaluate.unit', 'return.order', 'extend.request'];
const ALLOWED: Record<Profile, CommandKey[]> = {
  commander: [...CENTRE, 'extend.approve', 'extend.deny', 'supervise'],
  dispatcher: CENTRE,
  liaison: UNIT,
  engineer: UNIT,
  unitLeader: [
    'refuse',
    'approve.child_feedback',
    'evaluate.unit',
    'return.order',
    'return.child_feedback',
    'extend.request',
  ],
  districtLeader: ['extend.approve', 'extend.deny', 'urge', 'supervise', 'rule'],
  admin: [],
  system: ['urge', 'supervise'],
};

/** The first reachable fixture in which the command is allowed at all, so only people decide the outcome. */
function fixtureFor(key: CommandKey): WorkOrder {
  const kinds: WorkOrderKind[] = ['single', 'joint'];
  for (const kind of kinds) {
    for (const status of WORK_ORDER_STATUSES) {
      if (!transitionsFor(kind)[key][status]) continue;
      const order = orderIn(kind, status, { pendingExtension: key === 'extend.approve' || key === 'extend.deny' });
      if (order) return order;
    }
  }
  throw new Error(`no fixture allows ${key}`);
}

const REGION_BOUND: Profile[] = ['commander', 'dispatcher', 'districtLeader'];
const UNIT_BOUND: Profile[] = ['liaison', 'engineer', 'unitLeader'];

describe('authorisation matrix: every role × command × in/out of scope', () => {
  for (const key of COMMAND_KEYS) {
    it(key, () => {
      const order = fixtureFor(key);
      expect(order.townCode).toBe(TOWN_A);
      const rows: string[] = [];
      for (const profile of PROFILES) {
        const allowed = ALLOWED[profile].includes(key);
        const matrix = matrixCase(order, key);
        const unit = matrix.unit ?? 'U1';
        const tries: Array<[string, ReturnType<typeof actorFor>, string]> = [
          ['district-wide / own unit', actorFor(profile, unit), allowed ? 'ok' : 'FORBIDDEN'],
        ];
        if (REGION_BOUND.includes(profile)) {
          tries.push(['own street', actorFor(profile, unit, TOWN_A), allowed ? 'ok' : 'FORBIDDEN']);
          tries.push(['other street', actorFor(profile, unit, TOWN_B), allowed ? 'OUT_OF_SCOPE' : 'FORBIDDEN']);
        }
        if (UNIT_BOUND.includes(profile)) {
          tries.push(['other unit', actorFor(profile, 'OTHER-UNIT'), allowed ? 'OUT_OF_SCOPE' : 'FORBIDDEN']);
        }
        for (const [scope, actor, expected] of tries) {
          const result = decide(order, matrix.command, actor, at(T0, 36_000_000), policy, matrix.context);
          const got = result.ok ? 'ok' : result.error.code;
          rows.push(`${profile} (${scope}): ${got}${got === expected ? '' : ` ≠ expected ${expected}`}`);
        }
      }
      expect(rows.filter((r) => r.includes('≠'))).toEqual([]);
    });
  }

  it('a liaison without a unit, and an unknown role, get nothing', () => {
    const order = fixtureFor('sign');
    const command = matrixCase(order, 'sign').command;
    const noUnit = decide(order, command, { userId: 'x', role: 'liaison' }, T0, policy);
    expect(noUnit.ok || noUnit.error.code).toBe('FORBIDDEN');
    const bogus = decide(order, command, { userId: 'x', role: 'superuser' } as never, T0, policy);
    expect(bogus.ok || bogus.error.code).toBe('INVALID_COMMAND');
  });
});
