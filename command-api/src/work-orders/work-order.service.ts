import { randomBytes } from 'node:crypto';
import {
  allowedCommands,
  createWorkOrder,
  decide,
  route,
  suggestDuplicates,
  warningLevel,
  type Actor,
  type CommandKey,
  type DomainEvent,
  type RoutingSuggestion,
  type TicketingPolicy,
  type WorkOrder,
  type WorkOrderAction,
  type WorkOrderCommandInput,
} from '@zhongshu/ticketing';
import { invalidRequest } from '../http/api-error';
import type { Change, Loaded, OrderBook } from './order-book';
import type { OrderConfigStore } from './order-config.store';
import type { OrderHotStore } from './order-hot.store';
import type { OrderLogRepository } from './order-log.repository';
import { FINISHED_STATUSES, summarize, type OrderSummary } from './order-summary';
import { viewOrder, type Viewer } from './order-view';
import { inScope, scopeOf, type OrderScope } from './order-visibility';
import { fromDomainError, noCasework, orderNotFound } from './work-order.errors';
import type { CreateOrderBody, ListOrdersQuery } from './work-orders.dto';

export interface WorkOrderServiceDeps {
  book: OrderBook;
  hot: OrderHotStore;
  repository: OrderLogRepository;
  config: OrderConfigStore;
  policy: TicketingPolicy;
  districtCode: string;
  /** Street and grid at a WGS-84 point, from gis. */
  locate: (lng: number, lat: number) => { townCode?: string; gridCode?: string } | undefined;
  now: () => Date;
}

export interface OrderDetail {
  order: WorkOrder;
  /** The commands this viewer could issue now (buttons); `decide` stays the authority. */
  allowedCommands: CommandKey[];
  /** Who should handle it, while it waits for dispatch. */
  routing?: RoutingSuggestion;
}

export interface ActionResult {
  order: WorkOrder;
  events: DomainEvent[];
}

export interface DuplicateCandidate {
  id: string;
  version: number;
  status: WorkOrder['status'];
  title: string;
  distanceMeters: number | null;
  hoursApart: number;
}

/** Order ids: `WO-<city day>-<12 hex>`; automatic orders derive the hex from their source (idempotent). */
export function newOrderId(at: Date, suffix = randomBytes(6).toString('hex')): string {
  const day = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
  return `WO-${day}-${suffix}`;
}

/**
 * The work-order use cases behind the API: load → `decide` (ticketing) → store through the OrderBook
 * (compare-and-set, durable log, projection) → answer. Data scope: someone who may not see an order gets
 * 404 for it, whatever they ask; someone who sees it gets the domain's answer (403 FORBIDDEN or
 * OUT_OF_SCOPE, 409, 422 …). Personal data is masked on the way out for roles that may not see it.
 */
export class WorkOrderService {
  constructor(private readonly deps: WorkOrderServiceDeps) {}

  async create(body: CreateOrderBody, viewer: Viewer): Promise<OrderDetail> {
    const now = this.deps.now();
    const located =
      body.location && !body.townCode ? this.deps.locate(body.location.lng, body.location.lat) : undefined;
    const decision = createWorkOrder(
      {
        id: newOrderId(now),
        kind: body.kind,
        title: body.title,
        description: body.description,
        categoryCode: body.categoryCode,
        urgency: body.urgency,
        regionCode: body.regionCode ?? this.deps.districtCode,
        townCode: body.townCode ?? located?.townCode,
        gridCode: body.gridCode ?? located?.gridCode,
        location: body.location,
        sourceEventIds: body.sourceEventIds,
        callers: body.callers.map((caller) => ({ ...caller })),
        createdBy: viewer.actor,
      },
      now,
      this.deps.policy,
    );
    if (!decision.ok) throw fromDomainError(decision.error);
    await this.deps.book.commit([{ order: decision.order }], decision.events);
    return this.detail(decision.order, viewer);
  }

  async get(id: string, viewer: Viewer): Promise<OrderDetail> {
    const loaded = await this.visible(id, viewer);
    return this.detail(loaded.order, viewer);
  }

  async act(id: string, action: WorkOrderAction, body: unknown, viewer: Viewer): Promise<ActionResult> {
    const loaded = await this.visible(id, viewer);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw invalidRequest('the body must be a JSON object with the version you saw');
    }
    const command = { ...body, action } as WorkOrderCommandInput;
    return this.apply(loaded, command, viewer.actor, viewer);
  }

  /** The scheduler's path: a system actor, no visibility check, no masking concerns. */
  async applyAsSystem(loaded: Loaded, command: WorkOrderCommandInput, actor: Actor): Promise<ActionResult> {
    return this.apply(loaded, command, actor, { actor, seesPersonalData: false });
  }

  async list(query: ListOrdersQuery, viewer: Viewer) {
    const scope = this.scope(viewer);
    const now = this.deps.now();
    const { total, states } = await this.deps.repository.list(
      {
        status: query.status,
        kind: query.kind,
        categoryPrefix: query.category,
        urgency: query.urgency,
        townCode: query.townCode,
        department: query.department,
        overdue: query.overdue,
        text: query.q,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        limit: query.limit,
        offset: query.offset,
      },
      scope,
      now,
    );
    const items = states.map((state) => {
      // Summaries hold no personal data, so the sealed fields need not be opened.
      const order = JSON.parse(state) as WorkOrder;
      const summary = summarize({ ...order, warning: warningLevel(order, now, this.deps.policy) });
      return viewer.seesPersonalData ? summary : { ...summary, title: viewOrder(order, viewer).title };
    });
    return { total, limit: query.limit, offset: query.offset, items };
  }

  async duplicates(id: string, viewer: Viewer): Promise<{ orderId: string; candidates: DuplicateCandidate[] }> {
    const { order } = await this.visible(id, viewer);
    const scope = this.scope(viewer);
    const { value: rules } = await this.deps.config.get('rules');
    const near = (await this.deps.hot.summaries()).filter(
      (s) =>
        s.id !== id &&
        s.categoryCode === order.categoryCode &&
        !FINISHED_STATUSES.includes(s.status) &&
        inScope(scope, s),
    );
    const loaded = (await this.deps.book.loadMany(near.map((s) => s.id))).flatMap((l) => (l ? [l.order] : []));
    const byId = new Map(loaded.map((o) => [o.id, o]));
    const candidates = suggestDuplicates(order, loaded, rules.duplicates).map((found) => {
      const other = byId.get(found.id)!;
      return {
        id: found.id,
        version: other.version,
        status: found.status,
        title: viewOrder(other, viewer).title,
        distanceMeters: found.distanceMeters === null ? null : Math.round(found.distanceMeters),
        hoursApart: Math.round(found.hoursApart * 10) / 10,
      };
    });
    return { orderId: id, candidates };
  }

  /** The open orders hot state holds, as summaries (the scheduler and the wall read these). */
  openSummaries(): Promise<OrderSummary[]> {
    return this.deps.hot.summaries();
  }

  private async apply(
    loaded: Loaded,
    command: WorkOrderCommandInput,
    actor: Actor,
    viewer: Viewer,
  ): Promise<ActionResult> {
    const context: { duplicates?: WorkOrder[] } = {};
    const duplicates = new Map<string, Loaded>();
    if (command.action === 'merge' && Array.isArray(command.duplicates)) {
      const ids = command.duplicates.flatMap((d) => (typeof d?.id === 'string' ? [d.id] : [])).slice(0, 50);
      const found = await this.deps.book.loadMany(ids);
      const scope = scopeOf(actor);
      found.forEach((entry) => {
        // Only duplicates the merger may see take part; the others stay "not provided" (422).
        if (entry && scope && inScope(scope, summarize(entry.order))) duplicates.set(entry.order.id, entry);
      });
      context.duplicates = [...duplicates.values()].map((entry) => entry.order);
    }
    const decision = decide(loaded.order, command, actor, this.deps.now(), this.deps.policy, context);
    if (!decision.ok) throw fromDomainError(decision.error);
    const changes: Change[] = [
      { previous: loaded.stored, order: decision.order },
      ...decision.related.map((order) => ({ previous: duplicates.get(order.id)?.stored, order })),
    ];
    await this.deps.book.commit(changes, decision.events);
    return { order: viewOrder(decision.order, viewer), events: decision.events };
  }

  private scope(viewer: Viewer): OrderScope {
    const scope = scopeOf(viewer.actor);
    if (!scope) throw noCasework();
    return scope;
  }

  private async visible(id: string, viewer: Viewer): Promise<Loaded> {
    const scope = this.scope(viewer);
    const loaded = await this.deps.book.load(id);
    if (!loaded || !inScope(scope, summarize(loaded.order))) throw orderNotFound(id);
    return loaded;
  }

  private async detail(order: WorkOrder, viewer: Viewer): Promise<OrderDetail> {
    const waiting = order.status === 'received' || order.status === 'accepted';
    let routing: RoutingSuggestion | undefined;
    if (waiting) {
      const { value } = await this.deps.config.get('routing');
      routing = route(value.table, {
        categoryCode: order.categoryCode,
        regionCode: order.regionCode,
        townCode: order.townCode,
      });
    }
    return {
      order: viewOrder(order, viewer),
      allowedCommands: allowedCommands(order, viewer.actor),
      ...(routing ? { routing } : {}),
    };
  }
}
