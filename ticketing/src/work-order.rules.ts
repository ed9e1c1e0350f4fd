import type { CommandKey } from './work-order.command';
import type { Actor, ChildStatus, WorkOrderKind, WorkOrderStatus } from './work-order.model';

/**
 * The two tables the state machine is: who may issue each command (by capacity) and which status each
 * command moves an order (and a 联办 unit task) from and to. The machine reads them; the exhaustive test
 * generates its matrix from them and checks a hand-written list on top, so a wrong table cannot pass alone.
 */

/**
 * What an actor may do follows from role plus binding, not from role alone: a leader with a department is
 * that unit's leader (approves its feedback), a leader without one is a district leader (rules, supervises).
 * - centre: the command centre's desk (commander, dispatcher) — also the initiator side of joint orders
 * - command: commander-only authority (督办, extension decisions)
 * - unit: a unit's liaison or engineer acting for their unit
 * - unitLeader / districtLeader: the two kinds of leader
 * - system: the scheduler raising automatic escalations
 * `admin` holds none: system administration stays apart from casework (等保 三员分立).
 */
export type Capacity = 'centre' | 'command' | 'unit' | 'unitLeader' | 'districtLeader' | 'system';

export function capacitiesOf(actor: Pick<Actor, 'role' | 'department'>): Capacity[] {
  switch (actor.role) {
    case 'commander':
      return ['centre', 'command'];
    case 'dispatcher':
      return ['centre'];
    case 'liaison':
    case 'engineer':
      return actor.department ? ['unit'] : [];
    case 'leader':
      return actor.department ? ['unitLeader'] : ['districtLeader'];
    case 'system':
      return ['system'];
    case 'admin':
      return [];
  }
}

/** Capacities bound to one unit: their scope is "this unit's orders and tasks", not a region. */
export const UNIT_CAPACITIES: readonly Capacity[] = ['unit', 'unitLeader'];

export const PERMISSIONS: Record<CommandKey, readonly Capacity[]> = {
  accept: ['centre'],
  dispatch: ['centre'],
  sign: ['unit'],
  refuse: ['unit', 'unitLeader'],
  checkin: ['unit'],
  feedback: ['unit'],
  'approve.child_feedback': ['unitLeader'],
  'approve.refusal': ['centre'],
  verify: ['centre'],
  close: ['centre'],
  'evaluate.centre': ['centre'],
  'evaluate.unit': ['unit', 'unitLeader'],
  'return.order': ['unit', 'unitLeader'],
  'return.feedback': ['centre'],
  'return.child_feedback': ['unitLeader'],
  'return.refusal': ['centre'],
  'extend.request': ['unit', 'unitLeader'],
  'extend.approve': ['command', 'districtLeader'],
  'extend.deny': ['command', 'districtLeader'],
  suspend: ['centre'],
  resume: ['centre'],
  invalidate: ['centre'],
  reopen: ['centre'],
  merge: ['centre'],
  urge: ['centre', 'districtLeader', 'system'],
  supervise: ['command', 'districtLeader', 'system'],
  rule: ['districtLeader'],
};

/** `resume` returns to the status the order was suspended from. */
export const RESUME_TARGET = '$resumeTo' as const;
export type TransitionTarget = WorkOrderStatus | typeof RESUME_TARGET;
export type TransitionTable = Record<CommandKey, Partial<Record<WorkOrderStatus, TransitionTarget>>>;

const same = <S extends WorkOrderStatus>(...statuses: S[]) =>
  Object.fromEntries(statuses.map((s) => [s, s])) as Partial<Record<WorkOrderStatus, WorkOrderStatus>>;
const to = (target: TransitionTarget, ...statuses: WorkOrderStatus[]) =>
  Object.fromEntries(statuses.map((s) => [s, target])) as Partial<Record<WorkOrderStatus, TransitionTarget>>;

const OPEN_BEFORE_FEEDBACK: WorkOrderStatus[] = ['received', 'accepted', 'dispatched', 'handling', 'suspended'];

const COMMON = {
  accept: { received: 'accepted' },
  'extend.approve': same('handling', 'suspended'),
  'extend.deny': same('handling', 'suspended'),
  suspend: to('suspended', 'dispatched', 'handling'),
  resume: { suspended: RESUME_TARGET },
  invalidate: to('invalid', ...OPEN_BEFORE_FEEDBACK),
  merge: same(...OPEN_BEFORE_FEEDBACK),
  urge: same('dispatched', 'handling'),
  supervise: same('dispatched', 'handling'),
} satisfies Partial<TransitionTable>;

/** A single order: one unit at a time, checked (核查) and closed by the centre. */
export const SINGLE_TRANSITIONS: TransitionTable = {
  ...COMMON,
  // Re-dispatching a dispatched order before it is signed is 改派 (reassignment).
  dispatch: { accepted: 'dispatched', dispatched: 'dispatched' },
  sign: { dispatched: 'handling' },
  refuse: { dispatched: 'accepted' },
  checkin: same('handling'),
  feedback: { handling: 'verifying' },
  'approve.child_feedback': {},
  'approve.refusal': {},
  verify: { verifying: 'verified' },
  // From `accepted` it is 直接办结 (answered without dispatch), which needs a note.
  close: { accepted: 'closed', verified: 'closed' },
  'evaluate.centre': { closed: 'evaluated' },
  'evaluate.unit': {},
  'return.order': { handling: 'accepted' },
  'return.feedback': { verifying: 'handling', verified: 'handling' },
  'return.child_feedback': {},
  'return.refusal': {},
  'extend.request': same('handling'),
  // 重办 goes back to the centre's queue, which re-dispatches (by default to the same unit).
  reopen: { evaluated: 'accepted' },
  rule: {},
};

/**
 * A joint order (联办): the parent moves on unit-task events. `approve.*` and `rule` may also close the
 * parent when the last open task is done or released (see `AUTO_CLOSING`); the table lists where the
 * command itself lands. No 核查 step: the unit leaders approve each unit's feedback instead.
 */
export const JOINT_TRANSITIONS: TransitionTable = {
  ...COMMON,
  dispatch: { accepted: 'dispatched', dispatched: 'dispatched', handling: 'handling' },
  sign: { dispatched: 'handling', handling: 'handling' },
  refuse: same('dispatched', 'handling'),
  checkin: same('handling'),
  feedback: same('handling'),
  'approve.child_feedback': same('handling'),
  'approve.refusal': same('dispatched', 'handling'),
  verify: {},
  close: to('closed', 'accepted', 'dispatched', 'handling'),
  // Lands in `evaluated` once the initiator has rated every unit still on the order.
  'evaluate.centre': same('closed'),
  'evaluate.unit': same('closed', 'evaluated'),
  'return.order': {},
  'return.feedback': {},
  'return.child_feedback': same('handling'),
  'return.refusal': same('dispatched', 'handling'),
  'extend.request': same('handling'),
  reopen: to('handling', 'closed', 'evaluated'),
  rule: same('dispatched', 'handling'),
};

export const AUTO_CLOSING: readonly CommandKey[] = ['approve.child_feedback', 'approve.refusal', 'rule'];

export function transitionsFor(kind: WorkOrderKind): TransitionTable {
  return kind === 'joint' ? JOINT_TRANSITIONS : SINGLE_TRANSITIONS;
}

/** `rule` lands on `pending` (是: the unit must handle) or `released` (否: removed). */
export const RULING_TARGET = '$ruling' as const;
export type ChildTarget = ChildStatus | typeof RULING_TARGET;

const ALL_BUT_RELEASED: ChildStatus[] = [
  'pending',
  'signed',
  'refused',
  'disputed',
  'checked_in',
  'feedback_submitted',
  'done',
];

/** Unit-task transitions of a joint order, for the commands that target one task. */
export const CHILD_TRANSITIONS: Partial<Record<CommandKey, Partial<Record<ChildStatus, ChildTarget>>>> = {
  sign: { pending: 'signed' },
  refuse: { pending: 'refused' },
  // Several check-ins are normal: a unit may be on site more than once.
  checkin: { signed: 'checked_in', checked_in: 'checked_in' },
  feedback: { checked_in: 'feedback_submitted' },
  'approve.child_feedback': { feedback_submitted: 'done' },
  'return.child_feedback': { feedback_submitted: 'checked_in' },
  'approve.refusal': { refused: 'released' },
  'return.refusal': { refused: 'disputed' },
  rule: { disputed: RULING_TARGET },
  // Ratings do not move the task; a unit that never responded can still be rated.
  'evaluate.centre': Object.fromEntries(ALL_BUT_RELEASED.map((s) => [s, s])),
  'evaluate.unit': Object.fromEntries(ALL_BUT_RELEASED.map((s) => [s, s])),
};
