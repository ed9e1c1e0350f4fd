import type { Actor, WorkOrder } from '@zhongshu/ticketing';
import { actorOf, type Principal } from '../auth/principal';
import { maskIdNumber, maskName, maskPhone, maskText } from '../pii/pii-masking';
import { seesPersonalData } from '../pii/pii-policy';

/** Who is reading or acting, and whether they may see callers' personal data (pii-policy.ts). */
export interface Viewer {
  actor: Actor;
  seesPersonalData: boolean;
}

export function viewerOf(principal: Principal): Viewer {
  return { actor: actorOf(principal), seesPersonalData: principal.kind === 'user' && seesPersonalData(principal.role) };
}

/** The order as this viewer may see it: callers and free text masked unless they may see personal data. */
export function viewOrder(order: WorkOrder, viewer: Viewer): WorkOrder {
  if (viewer.seesPersonalData) return order;
  return {
    ...order,
    title: maskText(order.title),
    description: maskText(order.description),
    callers: order.callers.map((caller) => ({
      ...caller,
      ...(caller.name ? { name: maskName(caller.name) } : {}),
      ...(caller.phone ? { phone: maskPhone(caller.phone) } : {}),
      ...(caller.idNumber ? { idNumber: maskIdNumber(caller.idNumber) } : {}),
    })),
    timeline: order.timeline.map((entry) => (entry.note ? { ...entry, note: maskText(entry.note) } : entry)),
  };
}
