import { outOfScope, type DomainError } from './domain-error';
import type { Actor, JointChild, WorkOrder } from './work-order.model';
import { UNIT_CAPACITIES, type Capacity } from './work-order.rules';

/**
 * Data scope (数据权限). Unit-bound people act only on their unit's order or unit task, wherever it is:
 * a unit assigned a matter must be able to handle it. District-level people (the centre, district leaders)
 * are limited by place instead: with a `townCode` they see and act only in that street (乡镇街道).
 */
export function checkScope(
  order: WorkOrder,
  childId: string | undefined,
  actor: Actor,
  capacity: Capacity,
): DomainError | null {
  if (capacity === 'system') return null;
  if (UNIT_CAPACITIES.includes(capacity)) {
    const unit = actor.department;
    if (order.kind === 'joint') {
      const child = targetChild(order, childId, unit);
      if (!child || child.unit !== unit) {
        return outOfScope({ zh: '非本单位的联办任务', en: `no unit task of ${unit} on this order` });
      }
      return null;
    }
    if (!order.handler || order.handler.department !== unit) {
      return outOfScope({ zh: '工单未派发给本单位', en: `the order is not assigned to ${unit}` });
    }
    return null;
  }
  if (actor.townCode && order.townCode !== actor.townCode) {
    return outOfScope({ zh: '工单不在本街道（乡镇）', en: `the order is outside street ${actor.townCode}` });
  }
  return null;
}

/** The task id a command names, if any. */
export const commandChildId = (command: object): string | undefined =>
  'childId' in command && typeof command.childId === 'string' ? command.childId : undefined;

/**
 * The unit task a command is about: the one it names, else the caller's own unit's task (a liaison need
 * not know task ids). A released task is only chosen when the unit has no other.
 */
export function targetChild(
  order: WorkOrder,
  childId: string | undefined,
  department?: string,
): JointChild | undefined {
  if (childId) return order.children.find((c) => c.id === childId);
  if (!department) return undefined;
  const mine = order.children.filter((c) => c.unit === department);
  return mine.find((c) => c.status !== 'released') ?? mine[0];
}
