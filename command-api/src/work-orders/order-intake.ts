import type { CityEvent, HotState, StoredEvent } from '@zhongshu/stream';
import {
  createWorkOrder,
  workOrderInputFromEvent,
  type Actor,
  type CreateWorkOrderInput,
  type TicketingPolicy,
} from '@zhongshu/ticketing';
import { ApiError } from '../http/api-error';
import type { OrderBook } from './order-book';
import type { OrderConfigStore } from './order-config.store';
import type { OrderLogRepository } from './order-log.repository';
import { matchRule, orderKeyOf } from './order-rules';
import { newOrderId } from './work-order.service';

/** Automatic orders are made by the system, never by a person's account. */
export const INTAKE_ACTOR: Actor = { userId: 'auto-intake', role: 'system' };

const MAX_QUEUED = 20_000;
const BATCH = 500;

export interface IntakeStats {
  created: number;
  existing: number;
  skipped: number;
  failed: number;
  dropped: number;
}

/**
 * Turns accepted city events into work orders. It is a pipeline projector (it sees each event once it is
 * durable) that only queues: orders are made off the ingest path, in batches, so a slow order log never
 * slows ingestion. Idempotent: an event's order id is derived from its source (order-rules.ts) and
 * created with "only if absent", checked against hot state and the log, so replays and restarts create
 * nothing twice. `catchUp` re-reads recent events at start, for events stored just before a crash.
 */
export class OrderIntake {
  private queue: CityEvent[] = [];
  private running: Promise<void> | undefined;
  private closed = false;
  readonly stats: IntakeStats = { created: 0, existing: 0, skipped: 0, failed: 0, dropped: 0 };

  constructor(
    private readonly deps: {
      book: OrderBook;
      repository: OrderLogRepository;
      config: OrderConfigStore;
      policy: TicketingPolicy;
      districtCode: string;
      now: () => Date;
      log: (message: string, error?: unknown) => void;
    },
  ) {}

  /** The pipeline's projector hook: queue and return at once. */
  async project(stored: readonly StoredEvent[], _hotState: HotState): Promise<void> {
    this.offer(stored.map(inWgs84));
  }

  offer(events: readonly CityEvent[]): void {
    if (this.closed || events.length === 0) return;
    const room = MAX_QUEUED - this.queue.length;
    // Bounded: beyond this the events stay in the warehouse and the next start's catch-up finds them.
    if (events.length > room) this.stats.dropped += events.length - Math.max(room, 0);
    this.queue.push(...events.slice(0, Math.max(room, 0)));
    this.running ??= this.drain();
  }

  /** Everything queued so far has been turned into orders (or found to need none). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
  }

  private async drain(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, BATCH);
      try {
        await this.createFor(batch);
      } catch (error) {
        this.stats.failed += batch.length;
        this.deps.log(`automatic work orders for ${batch.length} events not created (a restart catches up)`, error);
      }
    }
    this.running = undefined;
  }

  /** Creates the orders a batch of events calls for; returns how many were new. */
  async createFor(events: readonly CityEvent[]): Promise<number> {
    const { config, policy, now, book, repository } = this.deps;
    const { value: rules } = await config.get('rules');
    const inputs = new Map<string, { event: CityEvent; input: CreateWorkOrderInput }>();
    for (const event of events) {
      const rule = matchRule(event, rules.rules);
      const id = rule && newOrderId(new Date(event.time), orderKeyOf(event, rule));
      if (!rule || !id || inputs.has(id)) {
        this.stats.skipped += 1;
        continue;
      }
      const made = workOrderInputFromEvent(event, {
        id,
        createdBy: INTAKE_ACTOR,
        regionCode: this.deps.districtCode,
        ...(rule.urgency ? { urgency: rule.urgency } : {}),
      });
      if (made.ok) inputs.set(id, { event, input: made.input });
      else this.stats.skipped += 1;
    }
    if (inputs.size === 0) return 0;
    const ids = [...inputs.keys()];
    // Already made: in hot state, or only in the log (finished orders leave hot state).
    const present = await book.loadMany(ids);
    const logged = await repository.existing(ids.filter((_, i) => !present[i]));
    const at = now();
    const commits: Array<Promise<void>> = [];
    for (const [i, id] of ids.entries()) {
      if (present[i] || logged.has(id)) {
        this.stats.existing += 1;
        continue;
      }
      const { event, input } = inputs.get(id)!;
      const decision = createWorkOrder(input, at, policy);
      if (!decision.ok) {
        this.stats.skipped += 1;
        this.deps.log(`event ${event.id} makes no valid order: ${decision.error.message.en}`);
        continue;
      }
      // Concurrent commits share one log insert (group commit).
      commits.push(book.commit([{ order: decision.order }], decision.events));
    }
    let created = 0;
    let failure: Error | undefined;
    for (const outcome of await Promise.allSettled(commits)) {
      if (outcome.status === 'fulfilled') created += 1;
      // Another node (or an earlier delivery) made it first.
      else if (outcome.reason instanceof ApiError && outcome.reason.code === 'VERSION_CONFLICT')
        this.stats.existing += 1;
      else failure = outcome.reason instanceof Error ? outcome.reason : new Error(String(outcome.reason));
    }
    this.stats.created += created;
    if (failure) throw failure;
    return created;
  }
}

/** Orders carry WGS-84 (the pipeline converted the point); the event keeps what the source sent. */
function inWgs84(stored: StoredEvent): CityEvent {
  const { event, wgs84 } = stored;
  if (!event.location || !wgs84) return event;
  return { ...event, location: { lng: wgs84.lng, lat: wgs84.lat, crs: 'WGS84' } };
}
