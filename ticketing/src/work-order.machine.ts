import { z } from 'zod';
import { warningLevel, type TicketingPolicy } from './deadline.policy';
import {
  calendarYearMissing,
  domainError,
  forbidden,
  invalidCommand,
  outOfScope,
  transitionNotAllowed,
  versionConflict,
  type DomainError,
} from './domain-error';
import * as joint from './joint-order';
import * as clock from './order-clock.actions';
import * as single from './single-order.actions';
import {
  COMMAND_KEYS,
  commandKey,
  workOrderCommand,
  type CommandKey,
  type WorkOrderCommand,
  type WorkOrderCommandInput,
} from './work-order.command';
import {
  DomainFailure,
  toActorRef,
  type ActionHandler,
  type Decision,
  type DecideContext,
  type DomainEvent,
  type HandlerContext,
} from './work-order.handler';
import { merge } from './work-order.merge';
import { actor as actorSchema, caller, geoPoint, urgency, type Actor, type WorkOrder } from './work-order.model';
import {
  AUTO_CLOSING,
  capacitiesOf,
  CHILD_TRANSITIONS,
  PERMISSIONS,
  RESUME_TARGET,
  transitionsFor,
  UNIT_CAPACITIES,
} from './work-order.rules';
import { checkScope, commandChildId, targetChild } from './work-order.scope';
import { record } from './work-order.timeline';
import { CalendarYearMissingError } from './working-calendar';

/* eslint-disable @typescript-eslint/no-explicit-any -- the tables pair each key with its own command type */
type AnyHandler = ActionHandler<any>;

const SHARED: Partial<Record<CommandKey, AnyHandler>> = {
  accept: clock.accept,
  'extend.request': clock.requestExtension,
  'extend.approve': clock.approveExtension,
  'extend.deny': clock.denyExtension,
  suspend: clock.suspend,
  resume: clock.resume,
  invalidate: clock.invalidate,
  merge,
  urge: clock.urge,
  supervise: clock.supervise,
};

const SINGLE_HANDLERS: Partial<Record<CommandKey, AnyHandler>> = {
  ...SHARED,
  dispatch: single.dispatchSingle,
  sign: single.signSingle,
  refuse: single.refuseSingle,
  checkin: single.checkinSingle,
  feedback: single.feedbackSingle,
  verify: single.verifySingle,
  close: single.closeSingle,
  'evaluate.centre': single.evaluateSingle,
  'return.order': single.returnOrder,
  'return.feedback': single.returnFeedback,
  reopen: single.reopenSingle,
};

const JOINT_HANDLERS: Partial<Record<CommandKey, AnyHandler>> = {
  ...SHARED,
  dispatch: joint.dispatchJoint,
  sign: joint.signJoint,
  refuse: joint.refuseJoint,
  checkin: joint.checkinJoint,
  feedback: joint.feedbackJoint,
  'approve.child_feedback': joint.approveChildFeedback,
  'approve.refusal': joint.approveRefusal,
  close: joint.closeJoint,
  'evaluate.centre': joint.evaluateUnit,
  'evaluate.unit': joint.evaluateInitiator,
  'return.child_feedback': joint.returnChildFeedback,
  'return.refusal': joint.returnRefusal,
  reopen: joint.reopenJoint,
  rule: joint.rule,
};
/* eslint-enable @typescript-eslint/no-explicit-any */

function handlerFor(order: WorkOrder, key: CommandKey, command: WorkOrderCommand): AnyHandler | undefined {
  // Dispatching a single order to several units turns it into a joint order.
  const becomesJoint = key === 'dispatch' && command.action === 'dispatch' && command.units.length > 1;
  return (order.kind === 'joint' || becomesJoint ? JOINT_HANDLERS : SINGLE_HANDLERS)[key];
}

const rejected = (error: DomainError): Decision => ({ ok: false, error });

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/**
 * The whole lifecycle as one pure function. Checks run in a fixed order, each answering a question the
 * caller can act on: is the command well-formed (INVALID_COMMAND) → may this role do it at all
 * (FORBIDDEN) → is the order (or unit task) theirs (OUT_OF_SCOPE) → did they see the current version
 * (VERSION_CONFLICT: a stale view of the status is not worth judging) → does the status allow it
 * (TRANSITION_NOT_ALLOWED) → task lookup, task status and business preconditions. Nothing is changed on
 * failure; on success the order comes back with version + 1, a timeline entry per fact and the events.
 */
export function decide(
  order: WorkOrder,
  input: WorkOrderCommandInput,
  actor: Actor,
  now: Date,
  policy: TicketingPolicy,
  context: DecideContext = {},
): Decision {
  const parsed = workOrderCommand.safeParse(input);
  if (!parsed.success) return rejected(invalidCommand(describe(parsed.error)));
  const who = actorSchema.safeParse(actor);
  if (!who.success) return rejected(invalidCommand(`actor: ${describe(who.error)}`));
  if (Number.isNaN(now.getTime())) return rejected(invalidCommand('now: not a valid instant'));
  const command = parsed.data;
  const key = commandKey(command);

  const capacity = capacitiesOf(who.data).find((c) => PERMISSIONS[key].includes(c));
  if (!capacity) return rejected(forbidden(command.action, actor.role));
  const scopeError = checkScope(order, commandChildId(command), who.data, capacity);
  if (scopeError) return rejected(scopeError);
  if (command.version !== order.version) return rejected(versionConflict(command.version, order.version, order.id));
  const target = transitionsFor(order.kind)[key][order.status];
  const handler = handlerFor(order, key, command);
  if (!target || !handler) return rejected(transitionNotAllowed(command.action, order.status));

  const draft = structuredClone(order);
  draft.status = target === RESUME_TARGET ? (order.suspension?.resumeTo ?? 'handling') : target;
  const by = toActorRef(who.data);
  const at = now.toISOString();
  const ctx: HandlerContext = {
    order: draft,
    before: order,
    command,
    key,
    actor: who.data,
    by,
    capacity,
    now,
    at,
    policy,
    context,
  };
  try {
    const outcome = handler(ctx);
    draft.version = order.version + 1;
    const events: DomainEvent[] = [
      record(
        draft,
        {
          at,
          actor: by,
          action: command.action,
          from: order.status,
          to: draft.status,
          childId: outcome.childId,
          note: outcome.note,
          data: outcome.data,
        },
        key,
      ),
    ];
    if (AUTO_CLOSING.includes(key) && joint.readyToAutoClose(draft)) events.push(autoClose(draft, by, at));
    draft.warning = warningLevel(draft, now, policy);
    return {
      ok: true,
      order: draft,
      events: [...events, ...(outcome.relatedEvents ?? [])],
      related: outcome.related ?? [],
    };
  } catch (error) {
    if (error instanceof DomainFailure) return rejected(error.error);
    if (error instanceof CalendarYearMissingError) return rejected(calendarYearMissing(error.year));
    throw error;
  }
}

function autoClose(order: WorkOrder, by: WorkOrder['createdBy'], at: string): DomainEvent {
  const from = order.status;
  order.status = 'closed';
  order.completedAt = at;
  order.closure = { at, by, resolved: true, auto: true };
  return record(
    order,
    {
      at,
      actor: by,
      action: 'auto_close',
      from,
      to: 'closed',
      data: { units: joint.activeChildren(order).map((c) => c.unit), resolved: true },
    },
    undefined,
    'auto-closed',
  );
}

export const createWorkOrderInput = z.object({
  id: z.string().min(1).max(64),
  kind: z.enum(['single', 'joint']).default('single'),
  title: z.string().trim().min(1).max(200),
  description: z.string().max(4000).default(''),
  categoryCode: z.string().trim().min(1).max(32),
  urgency,
  sourceEventIds: z.array(z.string().max(128)).default([]),
  callers: z.array(caller).default([]),
  regionCode: z.string().regex(/^\d{6}$/, 'a 6-digit GB/T 2260 area code'),
  townCode: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
  gridCode: z.string().max(64).optional(),
  location: geoPoint.optional(),
  createdBy: actorSchema,
});
export type CreateWorkOrderInput = z.input<typeof createWorkOrderInput>;

/**
 * 接诉: a new order in `received`, version 1. Anyone doing casework may report a matter (a unit's
 * 自主发现, an engineer's alarm, the scheduler's automatic order); the clock starts at `accept`.
 */
export function createWorkOrder(input: CreateWorkOrderInput, now: Date, policy: TicketingPolicy): Decision {
  const parsed = createWorkOrderInput.safeParse(input);
  if (!parsed.success) return rejected(invalidCommand(describe(parsed.error)));
  if (Number.isNaN(now.getTime())) return rejected(invalidCommand('now: not a valid instant'));
  const { createdBy, ...fields } = parsed.data;
  if (createdBy.role === 'admin') {
    return rejected(
      domainError(
        'FORBIDDEN',
        { zh: '系统管理员不能新建工单', en: 'the admin role does not do casework' },
        { action: 'create', role: 'admin' },
      ),
    );
  }
  if (createdBy.townCode && fields.townCode !== createdBy.townCode) {
    return rejected(
      outOfScope({
        zh: '只能在本街道（乡镇）新建工单',
        en: `orders may only be created in street ${createdBy.townCode}`,
      }),
    );
  }
  const at = now.toISOString();
  const by = toActorRef(createdBy);
  const order: WorkOrder = {
    ...fields,
    status: 'received',
    version: 1,
    createdAt: at,
    createdBy: by,
    deadlines: {},
    clock: { pausedMs: 0 },
    warning: 'none',
    escalations: [],
    extensions: [],
    refusals: [],
    feedback: [],
    checkIns: [],
    children: [],
    mergedFrom: [],
    reopenCount: 0,
    timeline: [],
  };
  const event = record(
    order,
    {
      at,
      actor: by,
      action: 'create',
      from: null,
      to: 'received',
      data: { categoryCode: order.categoryCode, urgency: order.urgency },
    },
    undefined,
    'created',
  );
  order.warning = warningLevel(order, now, policy);
  return { ok: true, order, events: [event], related: [] };
}

/**
 * Recomputes the stored warning level. Derived data, so no version bump and no timeline entry: a
 * scheduler refreshing colours must not make a person's next action fail with VERSION_CONFLICT.
 */
export function refreshWarning(
  order: WorkOrder,
  now: Date,
  policy: TicketingPolicy,
): { order: WorkOrder; changed: boolean } {
  const level = warningLevel(order, now, policy);
  return level === order.warning ? { order, changed: false } : { order: { ...order, warning: level }, changed: true };
}

/**
 * The commands this person could issue on this order now, judged by role, scope, order status and (for
 * their own unit task) task status — what a UI shows as buttons. Business preconditions (a pending
 * extension, a note) are left to `decide`, which stays the only authority.
 */
export function allowedCommands(order: WorkOrder, actor: Actor): CommandKey[] {
  const capacities = capacitiesOf(actor);
  return COMMAND_KEYS.filter((key) => {
    const capacity = capacities.find((c) => PERMISSIONS[key].includes(c));
    if (!capacity || checkScope(order, undefined, actor, capacity)) return false;
    if (!transitionsFor(order.kind)[key][order.status]) return false;
    const childRow = order.kind === 'joint' ? CHILD_TRANSITIONS[key] : undefined;
    if (!childRow) return true;
    if (UNIT_CAPACITIES.includes(capacity)) {
      const mine = targetChild(order, undefined, actor.department);
      return mine !== undefined && childRow[mine.status] !== undefined;
    }
    return order.children.some((c) => childRow[c.status] !== undefined);
  });
}
