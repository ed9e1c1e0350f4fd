import { childNotFound, childTransitionNotAllowed, preconditionFailed } from './domain-error';
import { signByFrom, startHandlingClock } from './order-clock.actions';
import { checkInFrom } from './single-order.actions';
import { commandChildId, targetChild } from './work-order.scope';
import { fail, type ActionHandler, type HandlerContext } from './work-order.handler';
import { CHILD_TRANSITIONS, RULING_TARGET, UNIT_CAPACITIES } from './work-order.rules';
import type { CommandOf } from './work-order.command';
import type { ChildStatus, JointChild, WorkOrder } from './work-order.model';

/**
 * 联办 joint orders: one unit task (child) per unit, one of them the lead (主办). Units sign for or refuse
 * their task; the initiator (the centre's side) accepts a refusal or sends it to a leader's 归属判定;
 * units check in on site, feed back, and their own leader approves. The parent closes by itself when every
 * task still on the order is done, or earlier by the initiator with a note. Ratings go both ways.
 */

/** Tasks still on the order: a released unit no longer counts for closing or rating. */
export const activeChildren = (order: WorkOrder): JointChild[] => order.children.filter((c) => c.status !== 'released');

/** Finds the task and checks the task-level transition; returns the status it moves to. */
function childStep(ctx: HandlerContext, rulingTarget?: ChildStatus): { child: JointChild; next: ChildStatus } {
  const { order, command, actor, capacity, key } = ctx;
  const childId = commandChildId(command);
  const child = targetChild(order, childId, UNIT_CAPACITIES.includes(capacity) ? actor.department : undefined);
  if (!child) fail(childNotFound(childId));
  const target = CHILD_TRANSITIONS[key]?.[child.status];
  if (!target) fail(childTransitionNotAllowed(command.action, child.id, child.status));
  return { child, next: target === RULING_TARGET ? (rulingTarget ?? child.status) : target };
}

const childData = (child: JointChild, extra: Record<string, unknown> = {}) => ({
  department: child.unit,
  childRole: child.role,
  ...extra,
});

export const dispatchJoint: ActionHandler<CommandOf<'dispatch'>> = ({
  order,
  before,
  command,
  now,
  at,
  by,
  policy,
}) => {
  const converting = before.kind === 'single';
  if (converting) {
    // A single order dispatched to several units becomes a joint order; an unsigned handler is superseded.
    order.kind = 'joint';
    order.handler = undefined;
    order.deadlines.signBy = undefined;
  }
  order.initiator ??= by;
  const active = activeChildren(order);
  for (const unit of command.units) {
    if (active.some((c) => c.unit === unit.department)) {
      fail(
        preconditionFailed({
          zh: `单位 ${unit.department} 已在联办中`,
          en: `${unit.department} already has a task on this order`,
        }),
      );
    }
  }
  const hasLead = active.some((c) => c.role === 'lead');
  const namedLead = command.units.find((u) => u.role === 'lead');
  if (hasLead && namedLead) {
    fail(preconditionFailed({ zh: '已有主办单位', en: 'the order already has a lead unit (主办)' }));
  }
  // With no lead on the order, the named lead or else the first unit leads: a 联办 never runs without 主办.
  const leadUnit = hasLead ? undefined : (namedLead ?? command.units[0]).department;
  const signBy = signByFrom(order, now, policy);
  const added = command.units.map((unit, i): JointChild => ({
    id: `${order.id}-u${order.children.length + i + 1}`,
    unit: unit.department,
    role: unit.department === leadUnit ? 'lead' : 'co',
    status: 'pending',
    dispatchedAt: at,
    signBy,
    checkIns: [],
    feedback: [],
  }));
  order.children.push(...added);
  if (leadUnit) order.ownerDepartment = leadUnit;
  return {
    note: command.note,
    data: {
      units: added.map((c) => ({ department: c.unit, childId: c.id, role: c.role, signBy: c.signBy })),
      converted: converting,
    },
  };
};

export const signJoint: ActionHandler<CommandOf<'sign'>> = (ctx) => {
  const { child, next } = childStep(ctx);
  child.status = next;
  child.signedAt = ctx.at;
  return {
    childId: child.id,
    note: ctx.command.note,
    data: childData(child, { signBy: child.signBy, onTime: ctx.at <= child.signBy }),
  };
};

export const refuseJoint: ActionHandler<CommandOf<'refuse'>> = (ctx) => {
  const { child, next } = childStep(ctx);
  if (child.ruling?.decision === 'assign') {
    fail(
      preconditionFailed({
        zh: '归属判定为本单位负责，不能再拒签',
        en: 'the unit was ruled responsible and cannot refuse again',
      }),
    );
  }
  const { reason, basis } = ctx.command;
  child.status = next;
  child.refusal = { department: child.unit, reason, basis, at: ctx.at, by: ctx.by.userId };
  child.refusalReview = undefined;
  return { childId: child.id, note: reason, data: childData(child, { basis }) };
};

export const checkinJoint: ActionHandler<CommandOf<'checkin'>> = (ctx) => {
  const { child, next } = childStep(ctx);
  const entry = checkInFrom(ctx, child.dispatchedAt);
  child.status = next;
  child.checkIns.push(entry);
  return { childId: child.id, note: entry.remark, data: childData(child, { makeUp: entry.makeUp, at: entry.at }) };
};

export const feedbackJoint: ActionHandler<CommandOf<'feedback'>> = (ctx) => {
  const { child, next } = childStep(ctx);
  const { measures, result, nextPlan, attachments } = ctx.command;
  child.status = next;
  child.feedback.push({
    id: `${child.id}-f${child.feedback.length + 1}`,
    at: ctx.at,
    by: ctx.by.userId,
    measures,
    result,
    ...(nextPlan ? { nextPlan } : {}),
    attachments: attachments ?? [],
  });
  return { childId: child.id, data: childData(child) };
};

export const approveChildFeedback: ActionHandler<CommandOf<'approve'>> = (ctx) => {
  const { child, next } = childStep(ctx);
  const last = child.feedback.at(-1);
  if (last) Object.assign(last, { approvedBy: ctx.by.userId, approvedAt: ctx.at });
  child.status = next;
  child.doneAt = ctx.at;
  const dueBy = ctx.order.deadlines.dueBy;
  return {
    childId: child.id,
    note: ctx.command.note,
    data: childData(child, { subject: 'child_feedback', onTime: !dueBy || ctx.at <= dueBy }),
  };
};

export const returnChildFeedback: ActionHandler<CommandOf<'return'>> = (ctx) => {
  const { child, next } = childStep(ctx);
  const last = child.feedback.at(-1);
  if (last) Object.assign(last, { returnedBy: ctx.by.userId, returnedAt: ctx.at, returnReason: ctx.command.reason });
  child.status = next;
  return { childId: child.id, note: ctx.command.reason, data: childData(child, { subject: 'child_feedback' }) };
};

export const approveRefusal: ActionHandler<CommandOf<'approve'>> = (ctx) => {
  const { child, next } = childStep(ctx);
  child.status = next;
  child.refusalReview = {
    decision: 'accepted',
    at: ctx.at,
    by: ctx.by.userId,
    ...(ctx.command.note ? { note: ctx.command.note } : {}),
  };
  releaseLead(ctx.order, child);
  return { childId: child.id, note: ctx.command.note, data: childData(child, { subject: 'refusal' }) };
};

export const returnRefusal: ActionHandler<CommandOf<'return'>> = (ctx) => {
  const { child, next } = childStep(ctx);
  child.status = next;
  child.refusalReview = { decision: 'rejected', at: ctx.at, by: ctx.by.userId, note: ctx.command.reason };
  return { childId: child.id, note: ctx.command.reason, data: childData(child, { subject: 'refusal' }) };
};

/** 归属判定: 是 → the unit must handle (signs again, cannot refuse again); 否 → it leaves the order. */
export const rule: ActionHandler<CommandOf<'rule'>> = (ctx) => {
  const { command, at, by, now, policy, order } = ctx;
  const { child, next } = childStep(ctx, command.decision === 'assign' ? 'pending' : 'released');
  child.status = next;
  child.ruling = { decision: command.decision, note: command.note, at, by: by.userId };
  if (command.decision === 'assign') {
    // The dispute took time that was not the unit's; its sign-for clock restarts from the ruling.
    child.signBy = signByFrom(order, now, policy);
  } else {
    releaseLead(order, child);
  }
  return { childId: child.id, note: command.note, data: childData(child, { decision: command.decision }) };
};

/** A released lead leaves the order without a 主办 until the initiator dispatches a new one. */
function releaseLead(order: WorkOrder, child: JointChild): void {
  if (child.role === 'lead' && order.ownerDepartment === child.unit) order.ownerDepartment = undefined;
}

export const closeJoint: ActionHandler<CommandOf<'close'>> = ({ order, command, at, by }) => {
  const active = activeChildren(order);
  const allDone = active.length > 0 && active.every((c) => c.status === 'done');
  if (!allDone && !command.note) {
    fail(
      preconditionFailed({
        zh: '尚有单位未完成，提前办结须填写说明',
        en: 'closing before every unit is done needs a note',
      }),
    );
  }
  order.completedAt = at;
  order.closure = { at, by, ...(command.note ? { note: command.note } : {}), resolved: command.resolved, auto: false };
  return {
    note: command.note,
    data: {
      resolved: command.resolved,
      early: !allDone,
      openUnits: active.filter((c) => c.status !== 'done').map((c) => c.unit),
    },
  };
};

function ratedChild(ctx: HandlerContext<CommandOf<'evaluate'>>): JointChild {
  if (!ctx.command.childId && !UNIT_CAPACITIES.includes(ctx.capacity)) {
    fail(preconditionFailed({ zh: '请指定被评价的联办单位', en: 'name the unit task (childId) to rate' }));
  }
  return childStep(ctx).child;
}

export const evaluateUnit: ActionHandler<CommandOf<'evaluate'>> = (ctx) => {
  const child = ratedChild(ctx);
  if (child.rating) fail(preconditionFailed({ zh: '该单位已评价', en: 'this unit has already been rated' }));
  child.rating = { ...ctx.command.rating, at: ctx.at, by: ctx.by };
  // 双向评价 is complete from the initiator's side once every unit still on the order is rated.
  if (activeChildren(ctx.order).every((c) => c.rating)) ctx.order.status = 'evaluated';
  return {
    childId: child.id,
    note: ctx.command.rating.reason,
    data: childData(child, { rater: 'centre', ...ctx.command.rating }),
  };
};

export const evaluateInitiator: ActionHandler<CommandOf<'evaluate'>> = (ctx) => {
  const child = ratedChild(ctx);
  if (child.ratingOfInitiator)
    fail(preconditionFailed({ zh: '本单位已评价发起方', en: 'this unit has already rated the initiator' }));
  child.ratingOfInitiator = { ...ctx.command.rating, at: ctx.at, by: ctx.by };
  return {
    childId: child.id,
    note: ctx.command.rating.reason,
    data: childData(child, { rater: 'unit', ...ctx.command.rating }),
  };
};

/** 重办: units rated unsatisfied go back to work (check in and feed back again); the others stay done. */
export const reopenJoint: ActionHandler<CommandOf<'reopen'>> = ({ order, command, now, policy }) => {
  const unsatisfied = activeChildren(order).filter((c) => c.rating?.satisfaction === 'unsatisfied');
  if (unsatisfied.length === 0) {
    fail(preconditionFailed({ zh: '没有评价为不满意的单位', en: 'no unit was rated unsatisfied' }));
  }
  for (const child of unsatisfied) {
    child.status = 'signed';
    child.rating = undefined;
    child.doneAt = undefined;
  }
  order.reopenCount += 1;
  order.closure = undefined;
  order.completedAt = undefined;
  startHandlingClock(order, now, policy);
  return { note: command.reason, data: { units: unsatisfied.map((c) => c.unit), dueBy: order.deadlines.dueBy } };
};

/** True when the parent should close by itself: at least one task, and every task still on it done. */
export function readyToAutoClose(order: WorkOrder): boolean {
  if (order.kind !== 'joint' || (order.status !== 'dispatched' && order.status !== 'handling')) return false;
  const active = activeChildren(order);
  return active.length > 0 && active.every((c) => c.status === 'done');
}
