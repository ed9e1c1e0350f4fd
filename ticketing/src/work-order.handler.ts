import type { TicketingPolicy } from './deadline.policy';
import type { DomainError } from './domain-error';
import type { CommandKey, WorkOrderCommand } from './work-order.command';
import type { Actor, ActorRef, TimelineEntry, WorkOrder, WorkOrderStatus } from './work-order.model';
import type { Capacity } from './work-order.rules';

/** Published after a successful decision; the API writes them to the order log and fans them out live. */
export interface DomainEvent {
  /** `work-order.<fact>`, e.g. `work-order.dispatched`, `work-order.extension-approved`. */
  type: `work-order.${string}`;
  orderId: string;
  /** Order version after the decision. */
  version: number;
  at: string;
  actor: ActorRef;
  action: TimelineEntry['action'];
  key?: CommandKey;
  from: WorkOrderStatus | null;
  to: WorkOrderStatus;
  childId?: string;
  data: Record<string, unknown>;
}

/** Extra orders a command needs: the duplicates of a `merge`. */
export interface DecideContext {
  duplicates?: WorkOrder[];
}

export type Decision =
  { ok: true; order: WorkOrder; events: DomainEvent[]; related: WorkOrder[] } | { ok: false; error: DomainError };

/** What one action handler sees: a private copy of the order it may change in place. */
export interface HandlerContext<C extends WorkOrderCommand = WorkOrderCommand> {
  order: WorkOrder;
  before: Readonly<WorkOrder>;
  command: C;
  key: CommandKey;
  actor: Actor;
  by: ActorRef;
  capacity: Capacity;
  now: Date;
  at: string;
  policy: TicketingPolicy;
  context: DecideContext;
}

export interface HandlerOutcome {
  childId?: string;
  note?: string;
  data?: Record<string, unknown>;
  /** Other orders changed by the same decision (merged duplicates), already versioned and stamped. */
  related?: WorkOrder[];
  relatedEvents?: DomainEvent[];
}

export type ActionHandler<C extends WorkOrderCommand = WorkOrderCommand> = (ctx: HandlerContext<C>) => HandlerOutcome;

/**
 * Handlers stop with `fail(error)`; `decide` turns it back into `{ ok: false }`, so the package never throws
 * a domain outcome at its callers and handlers stay straight-line code.
 */
export class DomainFailure extends Error {
  constructor(readonly error: DomainError) {
    super(error.message.en);
    this.name = 'DomainFailure';
  }
}

export function fail(error: DomainError): never {
  throw new DomainFailure(error);
}

export const toActorRef = (actor: Actor): ActorRef => ({
  userId: actor.userId,
  role: actor.role,
  ...(actor.department ? { department: actor.department } : {}),
});
