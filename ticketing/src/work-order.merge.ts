import { outOfScope, preconditionFailed, transitionNotAllowed, versionConflict } from './domain-error';
import { fail, type ActionHandler, type DomainEvent } from './work-order.handler';
import { record } from './work-order.timeline';
import type { CommandOf } from './work-order.command';
import type { Caller, WorkOrder, WorkOrderStatus } from './work-order.model';

/** Duplicates are merged at triage, before anyone has been sent to handle them. */
export const MERGEABLE_DUPLICATE_STATUSES: readonly WorkOrderStatus[] = ['received', 'accepted'];

const callerKey = (c: Caller) => `${c.sourceEventId ?? ''}|${c.phone ?? ''}|${c.receivedAt}`;

/**
 * 合并 (一事多诉): the survivor keeps every caller and source event of every duplicate, so the 回访 reaches
 * everyone who called; each duplicate ends `merged`, pointing at the survivor. All orders are checked
 * before any is changed, so a stale duplicate fails the whole merge.
 */
export const merge: ActionHandler<CommandOf<'merge'>> = ({ order, command, actor, at, by, context }) => {
  const duplicates = command.duplicates.map((ref) => {
    if (ref.id === order.id)
      fail(preconditionFailed({ zh: '不能与自身合并', en: 'an order cannot be merged into itself' }));
    const dup = context.duplicates?.find((d) => d.id === ref.id);
    if (!dup) {
      fail(
        preconditionFailed(
          { zh: `未找到待合并工单 ${ref.id}`, en: `duplicate ${ref.id} was not provided` },
          { duplicateId: ref.id },
        ),
      );
    }
    if (actor.townCode && dup.townCode !== actor.townCode) {
      fail(
        outOfScope({
          zh: `工单 ${dup.id} 不在本街道（乡镇）`,
          en: `order ${dup.id} is outside street ${actor.townCode}`,
        }),
      );
    }
    if (dup.version !== ref.version) fail(versionConflict(ref.version, dup.version, dup.id));
    if (!MERGEABLE_DUPLICATE_STATUSES.includes(dup.status)) {
      const error = transitionNotAllowed('merge', dup.status);
      fail({ ...error, details: { ...error.details, orderId: dup.id } });
    }
    return dup;
  });

  const related: WorkOrder[] = [];
  const relatedEvents: DomainEvent[] = [];
  const known = new Set(order.callers.map(callerKey));
  for (const dup of duplicates) {
    for (const c of dup.callers) {
      if (!known.has(callerKey(c))) order.callers.push(c);
      known.add(callerKey(c));
    }
    order.sourceEventIds = [...new Set([...order.sourceEventIds, ...dup.sourceEventIds])];
    order.mergedFrom = [...new Set([...order.mergedFrom, dup.id, ...dup.mergedFrom])];

    const merged: WorkOrder = structuredClone(dup);
    merged.status = 'merged';
    merged.mergedInto = order.id;
    merged.version += 1;
    merged.warning = 'none';
    relatedEvents.push(
      record(
        merged,
        {
          at,
          actor: by,
          action: 'merge',
          from: dup.status,
          to: 'merged',
          note: command.note,
          data: { into: order.id },
        },
        'merge',
        'merged-into',
      ),
    );
    related.push(merged);
  }
  return {
    note: command.note,
    data: { duplicates: duplicates.map((d) => d.id), callers: order.callers.length },
    related,
    relatedEvents,
  };
};
