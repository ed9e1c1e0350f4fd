import { childNotFound, preconditionFailed } from './domain-error';
import { signByFrom, startHandlingClock } from './order-clock.actions';
import { fail, type ActionHandler, type HandlerContext } from './work-order.handler';
import type { CommandOf, WorkOrderCommand } from './work-order.command';
import type { CheckIn, WorkOrder } from './work-order.model';

/** Handlers of a single order (one unit at a time); joint orders go through `joint-order.ts`. */

function handlerOf(order: WorkOrder) {
  if (!order.handler) fail(preconditionFailed({ zh: '工单未派发', en: 'the order has no handling unit' }));
  return order.handler;
}

/** A child id on a single order is a client mistake worth reporting, not something to ignore. */
function noChild(command: WorkOrderCommand): void {
  if ('childId' in command && command.childId) fail(childNotFound(command.childId));
}

export const dispatchSingle: ActionHandler<CommandOf<'dispatch'>> = ({ order, before, command, now, at, policy }) => {
  const [unit] = command.units;
  const previous = before.status === 'dispatched' ? before.handler?.department : undefined;
  order.handler = { department: unit.department, ...(unit.userId ? { userId: unit.userId } : {}), dispatchedAt: at };
  order.ownerDepartment = unit.department;
  order.deadlines.signBy = signByFrom(order, now, policy);
  return {
    note: command.note,
    data: {
      units: [{ department: unit.department, signBy: order.deadlines.signBy }],
      ...(previous ? { reassignedFrom: previous } : {}),
    },
  };
};

export const signSingle: ActionHandler<CommandOf<'sign'>> = ({ order, command, at }) => {
  noChild(command);
  const handler = handlerOf(order);
  handler.signedAt = at;
  const signBy = order.deadlines.signBy;
  return { note: command.note, data: { department: handler.department, signBy, onTime: !signBy || at <= signBy } };
};

export const refuseSingle: ActionHandler<CommandOf<'refuse'>> = ({ order, command, at, by }) => {
  noChild(command);
  const handler = handlerOf(order);
  order.refusals.push({
    department: handler.department,
    reason: command.reason,
    basis: command.basis,
    at,
    by: by.userId,
  });
  releaseHandler(order);
  return { note: command.reason, data: { department: handler.department, basis: command.basis } };
};

function releaseHandler(order: WorkOrder): void {
  order.handler = undefined;
  order.ownerDepartment = undefined;
  order.deadlines.signBy = undefined;
}

export function checkInFrom(ctx: HandlerContext<CommandOf<'checkin'>>, notBefore: string): CheckIn {
  const { command, at, now } = ctx;
  const claimed = command.makeUp && command.at ? command.at : at;
  const claimedMs = Date.parse(claimed);
  if (claimedMs > now.getTime()) {
    fail(preconditionFailed({ zh: '补卡时间不能晚于当前时间', en: 'a make-up check-in cannot be in the future' }));
  }
  if (claimedMs < Date.parse(notBefore)) {
    fail(preconditionFailed({ zh: '补卡时间早于派单时间', en: 'a make-up check-in cannot predate the dispatch' }));
  }
  return {
    at: new Date(claimedMs).toISOString(),
    lng: command.lng,
    lat: command.lat,
    makeUp: command.makeUp,
    ...(command.remark ? { remark: command.remark } : {}),
    recordedAt: at,
    by: ctx.by.userId,
  };
}

export const checkinSingle: ActionHandler<CommandOf<'checkin'>> = (ctx) => {
  noChild(ctx.command);
  const handler = handlerOf(ctx.order);
  const entry = checkInFrom(ctx, handler.dispatchedAt);
  ctx.order.checkIns.push(entry);
  return { note: entry.remark, data: { department: handler.department, makeUp: entry.makeUp, at: entry.at } };
};

export const feedbackSingle: ActionHandler<CommandOf<'feedback'>> = ({ order, command, at, by }) => {
  noChild(command);
  const handler = handlerOf(order);
  order.feedback.push({
    id: `${order.id}-f${order.feedback.length + 1}`,
    at,
    by: by.userId,
    measures: command.measures,
    result: command.result,
    ...(command.nextPlan ? { nextPlan: command.nextPlan } : {}),
    attachments: command.attachments ?? [],
  });
  // The unit's part ends here; the centre's 核查 time is not charged to it (按时办结 reads this).
  order.completedAt = at;
  return {
    data: {
      department: handler.department,
      dueBy: order.deadlines.dueBy,
      onTime: !order.deadlines.dueBy || at <= order.deadlines.dueBy,
    },
  };
};

export const verifySingle: ActionHandler<CommandOf<'verify'>> = ({ command }) => ({ note: command.note });

export const closeSingle: ActionHandler<CommandOf<'close'>> = ({ order, before, command, at, by }) => {
  if (before.status === 'accepted') {
    if (!command.note)
      fail(preconditionFailed({ zh: '直接办结须填写办结说明', en: 'closing without dispatch needs a note' }));
    order.completedAt = at;
  }
  order.closure = { at, by, ...(command.note ? { note: command.note } : {}), resolved: command.resolved, auto: false };
  return {
    note: command.note,
    data: { resolved: command.resolved, direct: before.status === 'accepted', department: order.handler?.department },
  };
};

export const evaluateSingle: ActionHandler<CommandOf<'evaluate'>> = ({ order, command, at, by }) => {
  noChild(command);
  order.rating = { ...command.rating, at, by };
  return {
    note: command.rating.reason,
    data: { rater: 'centre', ...command.rating, department: order.handler?.department },
  };
};

export const returnOrder: ActionHandler<CommandOf<'return'>> = ({ order, command }) => {
  const handler = handlerOf(order);
  releaseHandler(order);
  return { note: command.reason, data: { subject: 'order', department: handler.department } };
};

export const returnFeedback: ActionHandler<CommandOf<'return'>> = ({ order, command, at, by }) => {
  const last = order.feedback.at(-1);
  if (last) Object.assign(last, { returnedBy: by.userId, returnedAt: at, returnReason: command.reason });
  order.completedAt = undefined;
  return { note: command.reason, data: { subject: 'feedback', department: order.handler?.department } };
};

/**
 * 重办 after an unsatisfied 回访: a new handling cycle (fresh deadline, escalation ladder restarts), back to
 * the centre's queue. The old rating stays in the timeline.
 */
export const reopenSingle: ActionHandler<CommandOf<'reopen'>> = ({ order, command, now, policy }) => {
  const previous = order.rating;
  if (previous?.satisfaction !== 'unsatisfied') {
    fail(preconditionFailed({ zh: '仅不满意的工单可重办', en: 'only an order rated unsatisfied can be reopened' }));
  }
  const department = order.handler?.department;
  order.reopenCount += 1;
  order.rating = undefined;
  order.closure = undefined;
  order.completedAt = undefined;
  releaseHandler(order);
  startHandlingClock(order, now, policy);
  return {
    note: command.reason,
    data: { previousRating: previous, previousDepartment: department, dueBy: order.deadlines.dueBy },
  };
};
