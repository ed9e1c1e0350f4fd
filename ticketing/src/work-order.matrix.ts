import {
  capacitiesOf,
  CHILD_TRANSITIONS,
  PERMISSIONS,
  RESUME_TARGET,
  transitionsFor,
  UNIT_CAPACITIES,
} from './work-order.rules';
import { actorFor, newOrder, TOWN_A, type Profile } from './work-order.fixture';
import type { DecideContext } from './work-order.handler';
import type { CommandKey, WorkOrderCommandInput } from './work-order.command';
import type { Actor, JointChild, WorkOrder, WorkOrderStatus } from './work-order.model';
import type { DomainErrorCode } from './domain-error';

/**
 * Test support for the exhaustive matrices: one representative, valid command per command key, aimed at
 * a unit task the command applies to, and the outcome the tables predict for it.
 */

export interface MatrixCase {
  command: WorkOrderCommandInput;
  context: DecideContext;
  /** The unit the command is about (unit-bound actors are put in it to be in scope). */
  unit?: string;
}

const reason = '理由说明';
const rating = { satisfaction: 'satisfied', resolved: true } as const;

/** A task of the order that `key` can act on, preferring one in a status the task table allows. */
function pickChild(order: WorkOrder, key: CommandKey): JointChild | undefined {
  const allowed = CHILD_TRANSITIONS[key];
  const fits = (c: JointChild) =>
    (!allowed || allowed[c.status] !== undefined) &&
    (key !== 'evaluate.centre' || !c.rating) &&
    (key !== 'evaluate.unit' || !c.ratingOfInitiator);
  return order.children.find(fits) ?? order.children.find((c) => c.status !== 'released') ?? order.children[0];
}

export function matrixCase(order: WorkOrder, key: CommandKey): MatrixCase {
  const version = order.version;
  const child = order.kind === 'joint' ? pickChild(order, key) : undefined;
  const childId = child?.id ?? (order.kind === 'joint' ? 'no-such-task' : undefined);
  const unit = order.kind === 'joint' ? child?.unit : order.handler?.department;
  const c = (command: Record<string, unknown>, context: DecideContext = {}): MatrixCase => ({
    command: { ...command, version } as WorkOrderCommandInput,
    context,
    unit,
  });
  const forChild = childId ? { childId } : {};
  switch (key) {
    case 'accept':
      return c({ action: 'accept' });
    case 'dispatch':
      return c({ action: 'dispatch', units: [{ department: 'U9' }] });
    case 'sign':
      return c({ action: 'sign', ...forChild });
    case 'refuse':
      return c({ action: 'refuse', ...forChild, reason, basis: '三定方案' });
    case 'checkin':
      return c({ action: 'checkin', ...forChild, lng: 110.28, lat: 20.02 });
    case 'feedback':
      return c({ action: 'feedback', ...forChild, measures: '措施', result: '结果' });
    case 'approve.child_feedback':
      return c({ action: 'approve', subject: 'child_feedback', childId: childId ?? 'no-such-task' });
    case 'approve.refusal':
      return c({ action: 'approve', subject: 'refusal', childId: childId ?? 'no-such-task' });
    case 'verify':
      return c({ action: 'verify' });
    case 'close':
      return c({ action: 'close', note: '办结说明' });
    case 'evaluate.centre':
      return c({ action: 'evaluate', rater: 'centre', ...forChild, rating });
    case 'evaluate.unit':
      return c({ action: 'evaluate', rater: 'unit', childId: childId ?? 'no-such-task', rating });
    case 'return.order':
      return c({ action: 'return', subject: 'order', reason });
    case 'return.feedback':
      return c({ action: 'return', subject: 'feedback', reason });
    case 'return.child_feedback':
      return c({ action: 'return', subject: 'child_feedback', childId: childId ?? 'no-such-task', reason });
    case 'return.refusal':
      return c({ action: 'return', subject: 'refusal', childId: childId ?? 'no-such-task', reason });
    case 'extend.request':
      return c({ action: 'extend', decision: 'request', by: { amount: 2, unit: 'workingDays' }, reason });
    case 'extend.approve':
      return c({ action: 'extend', decision: 'approve' });
    case 'extend.deny':
      return c({ action: 'extend', decision: 'deny', reason });
    case 'suspend':
      return c({ action: 'suspend', reason });
    case 'resume':
      return c({ action: 'resume' });
    case 'invalidate':
      return c({ action: 'invalidate', reason });
    case 'reopen':
      return c({ action: 'reopen', reason });
    case 'merge': {
      const duplicate = newOrder({ townCode: TOWN_A });
      return c(
        { action: 'merge', duplicates: [{ id: duplicate.id, version: duplicate.version }] },
        { duplicates: [duplicate] },
      );
    }
    case 'urge':
      return c({ action: 'urge' });
    case 'supervise':
      return c({ action: 'supervise' });
    case 'rule':
      return c({ action: 'rule', childId: childId ?? 'no-such-task', decision: 'assign', note: '属于该单位职责' });
  }
}

export type Expectation = { ok: true; status: WorkOrderStatus } | { ok: false; code: DomainErrorCode };

/** In-scope actor of a profile for a case: unit-bound people belong to the unit the command is about. */
export function inScopeActor(profile: Profile, matrix: MatrixCase): Actor {
  return actorFor(profile, matrix.unit ?? 'U1');
}

/** What the tables say must happen, for an in-scope actor on a fixture built to meet the preconditions. */
export function expectedFromTables(order: WorkOrder, key: CommandKey, actor: Actor, matrix: MatrixCase): Expectation {
  const capacity = capacitiesOf(actor).find((cap) => PERMISSIONS[key].includes(cap));
  if (!capacity) return { ok: false, code: 'FORBIDDEN' };
  if (UNIT_CAPACITIES.includes(capacity) && !matrix.unit) return { ok: false, code: 'OUT_OF_SCOPE' };
  const target = transitionsFor(order.kind)[key][order.status];
  if (!target) return { ok: false, code: 'TRANSITION_NOT_ALLOWED' };
  return { ok: true, status: target === RESUME_TARGET ? order.suspension!.resumeTo : target };
}
