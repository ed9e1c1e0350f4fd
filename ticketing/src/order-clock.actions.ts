import {
  addLimit,
  escalationTarget,
  isProvisional,
  limitsFor,
  measure,
  shiftBy,
  warningLevel,
  type TicketingPolicy,
} from './deadline.policy';
import { preconditionFailed } from './domain-error';
import { fail, type ActionHandler } from './work-order.handler';
import type { CommandOf } from './work-order.command';
import type { EscalationStep, WorkOrder } from './work-order.model';

/** Handlers that work the same for single and joint orders: classification, the clock, escalation. */

/** Starts (or restarts, for 重办) the handling clock from `now`. */
export function startHandlingClock(order: WorkOrder, now: Date, policy: TicketingPolicy): void {
  const { handle, sign } = limitsFor(policy, order.categoryCode, order.urgency);
  const dueBy = addLimit(policy.calendar, now, handle);
  order.deadlines = {
    startedAt: now.toISOString(),
    handleLimit: handle,
    dueBy: dueBy.toISOString(),
    signLimit: sign,
    ...(isProvisional(policy.calendar, now, dueBy) ? { provisional: true } : {}),
  };
  order.clock = { pausedMs: 0 };
}

/** The sign-for deadline of a dispatch made at `now`. */
export function signByFrom(order: WorkOrder, now: Date, policy: TicketingPolicy): string {
  const limit = order.deadlines.signLimit ?? limitsFor(policy, order.categoryCode, order.urgency).sign;
  return addLimit(policy.calendar, now, limit).toISOString();
}

export const accept: ActionHandler<CommandOf<'accept'>> = ({ order, command, now, policy }) => {
  const { categoryCode, urgency, title, description, townCode, gridCode, location } = command;
  if (categoryCode) order.categoryCode = categoryCode;
  if (urgency) order.urgency = urgency;
  if (title) order.title = title;
  if (description !== undefined) order.description = description;
  if (townCode) order.townCode = townCode;
  if (gridCode) order.gridCode = gridCode;
  if (location) order.location = location;
  startHandlingClock(order, now, policy);
  return {
    note: command.note,
    data: { categoryCode: order.categoryCode, urgency: order.urgency, dueBy: order.deadlines.dueBy },
  };
};

export const requestExtension: ActionHandler<CommandOf<'extend'> & { decision: 'request' }> = ({
  order,
  command,
  at,
  by,
  policy,
}) => {
  if (order.extensions.some((x) => x.status === 'pending')) {
    fail(preconditionFailed({ zh: '已有待审批的延期申请', en: 'an extension request is already pending' }));
  }
  // The allowance is per handling cycle: a 重办 starts a new one.
  const cycleStart = Date.parse(order.deadlines.startedAt ?? order.createdAt);
  const approved = order.extensions.filter((x) => x.status === 'approved' && Date.parse(x.requestedAt) >= cycleStart);
  if (approved.length >= policy.deadlines.maxExtensions) {
    fail(
      preconditionFailed(
        {
          zh: `延期次数已达上限（${policy.deadlines.maxExtensions}次）`,
          en: `no more than ${policy.deadlines.maxExtensions} extension(s)`,
        },
        { maxExtensions: policy.deadlines.maxExtensions },
      ),
    );
  }
  const id = `${order.id}-x${order.extensions.length + 1}`;
  order.extensions.push({
    id,
    requestedAt: at,
    requestedBy: by,
    requested: command.by,
    reason: command.reason,
    status: 'pending',
  });
  return { note: command.reason, data: { extensionId: id, requested: command.by } };
};

function pendingExtension(order: WorkOrder) {
  const pending = order.extensions.find((x) => x.status === 'pending');
  if (!pending) fail(preconditionFailed({ zh: '没有待审批的延期申请', en: 'no extension request is pending' }));
  return pending;
}

export const approveExtension: ActionHandler<CommandOf<'extend'> & { decision: 'approve' }> = ({
  order,
  command,
  at,
  by,
  policy,
}) => {
  const request = pendingExtension(order);
  const granted = command.granted ?? request.requested;
  const before = order.deadlines.dueBy;
  if (!before) fail(preconditionFailed({ zh: '工单尚无办理时限', en: 'the order has no deadline to extend' }));
  const dueBy = addLimit(policy.calendar, new Date(before), granted);
  Object.assign(request, {
    status: 'approved',
    decidedAt: at,
    decidedBy: by,
    granted,
    note: command.note,
    dueBefore: before,
    dueAfter: dueBy.toISOString(),
  });
  order.deadlines.dueBy = dueBy.toISOString();
  if (isProvisional(policy.calendar, new Date(before), dueBy)) order.deadlines.provisional = true;
  return {
    note: command.note,
    data: { extensionId: request.id, granted, dueBefore: before, dueBy: order.deadlines.dueBy },
  };
};

export const denyExtension: ActionHandler<CommandOf<'extend'> & { decision: 'deny' }> = ({
  order,
  command,
  at,
  by,
}) => {
  const request = pendingExtension(order);
  Object.assign(request, { status: 'denied', decidedAt: at, decidedBy: by, note: command.reason });
  return { note: command.reason, data: { extensionId: request.id } };
};

export const suspend: ActionHandler<CommandOf<'suspend'>> = ({ order, before, command, at, by }) => {
  order.suspension = { at, by: by.userId, reason: command.reason, resumeTo: before.status };
  order.clock = { ...order.clock, pausedAt: at };
  return { note: command.reason, data: { resumeTo: before.status } };
};

/**
 * Resuming credits the paused time to every running deadline, measured the way each limit counts, so a
 * working-day order paused over a weekend gets nothing back for the weekend it would not have used anyway.
 */
export const resume: ActionHandler<CommandOf<'resume'>> = ({ order, command, now, policy }) => {
  const pausedAt = order.clock.pausedAt ? new Date(order.clock.pausedAt) : now;
  const cal = policy.calendar;
  const { handleLimit, signLimit, dueBy, signBy } = order.deadlines;
  let credit = 0;
  if (handleLimit && dueBy) {
    credit = Math.max(0, measure(cal, handleLimit, pausedAt, now));
    order.deadlines.dueBy = shiftBy(cal, new Date(dueBy), handleLimit, credit).toISOString();
  }
  if (signLimit) {
    const signCredit = Math.max(0, measure(cal, signLimit, pausedAt, now));
    const shift = (instant: string) => shiftBy(cal, new Date(instant), signLimit, signCredit).toISOString();
    if (signBy && order.handler && !order.handler.signedAt) order.deadlines.signBy = shift(signBy);
    for (const child of order.children) if (child.status === 'pending') child.signBy = shift(child.signBy);
  }
  order.clock = { pausedMs: order.clock.pausedMs + credit };
  order.suspension = undefined;
  return {
    note: command.note,
    data: { pausedFrom: pausedAt.toISOString(), creditMs: credit, dueBy: order.deadlines.dueBy },
  };
};

export const invalidate: ActionHandler<CommandOf<'invalidate'>> = ({ order, command, at, by }) => {
  order.invalidation = { at, by: by.userId, reason: command.reason };
  order.suspension = undefined;
  order.clock = { pausedMs: order.clock.pausedMs };
  return { note: command.reason };
};

function escalate(step: EscalationStep): ActionHandler<CommandOf<'urge'> | CommandOf<'supervise'>> {
  return ({ order, before, command, now, by, at, actor, policy }) => {
    const level = warningLevel(before, now, policy);
    const to = escalationTarget(order, step);
    order.escalations.push({ step, at, by, to, note: command.note, auto: actor.role === 'system', level });
    return { note: command.note, data: { step, level, to } };
  };
}

export const urge = escalate('urge');
export const supervise: ActionHandler<CommandOf<'supervise'>> = (ctx) =>
  escalate(ctx.command.level === 'district_leader' ? 'district' : 'supervise')(ctx);
