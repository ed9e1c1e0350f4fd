import type { DomainEvent } from './work-order.handler';
import type { CommandKey } from './work-order.command';
import type { ActorRef, TimelineEntry, WorkOrder, WorkOrderStatus } from './work-order.model';

const EVENT_NAMES: Record<CommandKey, string> = {
  accept: 'accepted',
  dispatch: 'dispatched',
  sign: 'signed',
  refuse: 'refused',
  checkin: 'checked-in',
  feedback: 'feedback-submitted',
  'approve.child_feedback': 'feedback-approved',
  'approve.refusal': 'refusal-accepted',
  verify: 'verified',
  close: 'closed',
  'evaluate.centre': 'rated',
  'evaluate.unit': 'initiator-rated',
  'return.order': 'returned',
  'return.feedback': 'feedback-returned',
  'return.child_feedback': 'feedback-returned',
  'return.refusal': 'refusal-rejected',
  'extend.request': 'extension-requested',
  'extend.approve': 'extension-approved',
  'extend.deny': 'extension-denied',
  suspend: 'suspended',
  resume: 'resumed',
  invalidate: 'invalidated',
  reopen: 'reopened',
  merge: 'merged',
  urge: 'urged',
  supervise: 'supervised',
  rule: 'ruled',
};

export interface EntryFields {
  at: string;
  actor: ActorRef;
  action: TimelineEntry['action'];
  from: WorkOrderStatus | null;
  to: WorkOrderStatus;
  childId?: string;
  note?: string;
  data?: Record<string, unknown>;
}

/**
 * Appends one timeline entry (stamped with the order's current version) and returns the matching event,
 * so the order log, the timeline and the live feed cannot drift apart.
 */
export function record(order: WorkOrder, fields: EntryFields, key?: CommandKey, eventName?: string): DomainEvent {
  const entry: TimelineEntry = {
    version: order.version,
    at: fields.at,
    actor: fields.actor,
    action: fields.action,
    from: fields.from,
    to: fields.to,
    ...(fields.childId ? { childId: fields.childId } : {}),
    ...(fields.note ? { note: fields.note } : {}),
    // Copied so the stored entry and the published event never alias handler state or each other.
    data: structuredClone(fields.data ?? {}),
  };
  order.timeline.push(entry);
  const name = eventName ?? (key ? EVENT_NAMES[key] : fields.action);
  return {
    type: `work-order.${name}`,
    orderId: order.id,
    version: order.version,
    at: fields.at,
    actor: fields.actor,
    action: fields.action,
    ...(key ? { key } : {}),
    from: fields.from,
    to: fields.to,
    ...(fields.childId ? { childId: fields.childId } : {}),
    data: structuredClone(entry.data),
  };
}
