import type { LiveAlert } from '@zhongshu/stream';
import type { DomainEvent, WorkOrder } from '@zhongshu/ticketing';
import { HotStateError } from '../hot-state/hot-state.errors';
import { ApiError } from '../http/api-error';
import { deadlineAlert } from './deadline-alerts';
import type { OrderCodec } from './order-codec';
import type { OrderHotStore } from './order-hot.store';
import type { OrderLive } from './order-live';
import type { LogEntry, OrderLogRepository } from './order-log.repository';
import type { OrderLogWriter } from './order-log.writer';
import { summarize, type OrderSummary } from './order-summary';
import { hotStateUnavailable, orderLogUnavailable, versionConflict } from './work-order.errors';

/** An order as loaded, with the exact stored form and version a write must expect. */
export interface Loaded {
  order: WorkOrder;
  stored: { version: number; stored: string };
}

/** One order a decision changed: what it was (absent for a new order) and what it is now. */
export interface Change {
  previous?: Loaded['stored'];
  order: WorkOrder;
}

export interface OrderBookDeps {
  repository: OrderLogRepository;
  writer: OrderLogWriter;
  hot: OrderHotStore;
  codec: OrderCodec;
  live: OrderLive;
  alerts: { raise(alerts: LiveAlert[]): void };
  townName: (code: string | undefined) => string | undefined;
  now: () => Date;
  log: (message: string, error?: unknown) => void;
}

/**
 * Where orders live. A change is stored in three steps, in this order:
 * 1. compare-and-set each changed order in hot state at the version it was decided on — the step that
 *    lets exactly one of two conflicting actions through, on one node or many;
 * 2. append the versions to the durable order log (group commit) — the action is acknowledged only
 *    after this returned; if it fails, step 1 is undone and the caller gets 503 with nothing changed;
 * 3. project: summaries for lists and the wall, live deltas, deadline alerts. A failure here is logged,
 *    never reported as a failed action (the log has it; a rebuild restores the projection).
 * Orders not in hot state (after a restart, or evicted once finished) are read through from the log.
 */
export class OrderBook {
  /** Commits not yet finished, per order: a load waits for them, so this node never builds on a version
   * that may still be withdrawn (a failed log write undoes its compare-and-set). */
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(private readonly deps: OrderBookDeps) {}

  async load(id: string): Promise<Loaded | undefined> {
    return (await this.loadMany([id]))[0];
  }

  async loadMany(ids: readonly string[]): Promise<Array<Loaded | undefined>> {
    const { hot, repository, codec } = this.deps;
    const pending = ids.flatMap((id) => this.inFlight.get(id) ?? []);
    if (pending.length > 0) await Promise.allSettled(pending);
    const found = await this.hotCall(() => hot.read(ids));
    const missing = ids.filter((_, i) => !found[i]);
    if (missing.length > 0) {
      for (const row of await repository.current(missing)) {
        await this.hotCall(() => hot.putIfNewer(row.id, row.version, row.state));
      }
      const reread = await this.hotCall(() => hot.read(missing));
      missing.forEach((id, i) => (found[ids.indexOf(id)] = reread[i]));
    }
    return found.map((entry) => entry && { order: codec.open(entry.stored), stored: entry });
  }

  /** Stores the changes of one decision (see the class comment); throws ApiError 409 or 503 on failure. */
  commit(changes: readonly Change[], events: readonly DomainEvent[]): Promise<void> {
    const done = this.store(changes, events);
    for (const { order } of changes) {
      this.inFlight.set(order.id, done);
      const forget = () => {
        if (this.inFlight.get(order.id) === done) this.inFlight.delete(order.id);
      };
      done.then(forget, forget);
    }
    return done;
  }

  private async store(changes: readonly Change[], events: readonly DomainEvent[]): Promise<void> {
    const { hot, writer, codec } = this.deps;
    const sealed = changes.map((change) => codec.seal(change.order));
    const written: number[] = [];
    for (const [i, change] of changes.entries()) {
      const expected = change.previous?.version ?? 0;
      let result;
      try {
        result = await hot.compareAndSet(change.order.id, expected, change.order.version, sealed[i]);
      } catch (error) {
        await this.undo(changes, written);
        throw error instanceof HotStateError ? hotStateUnavailable(error) : error;
      }
      if (!result.ok) {
        await this.undo(changes, written);
        throw versionConflict(change.order.id, expected, result.currentVersion);
      }
      written.push(i);
    }
    const entries: LogEntry[] = changes.map((change, i) => ({
      order: change.order,
      sealed: sealed[i],
      events: events.filter((event) => event.orderId === change.order.id),
    }));
    try {
      await writer.write(entries);
    } catch (error) {
      await this.undo(changes, written);
      throw orderLogUnavailable(error);
    }
    await this.project(changes.map((change) => change.order));
  }

  /**
   * Stores a derived change at the same version (the warning colour the scheduler refreshes): no log
   * row, since the level follows from the logged deadline; false if the order moved on meanwhile.
   */
  async storeDerived(loaded: Loaded, order: WorkOrder): Promise<boolean> {
    const { hot, codec } = this.deps;
    const result = await hot.compareAndSet(order.id, loaded.stored.version, order.version, codec.seal(order));
    if (!result.ok) return false;
    const summary = summarize(order);
    await hot.replaceSummary(summary).catch((error: unknown) => this.deps.log('order summary not updated', error));
    this.announce([summary]);
    return true;
  }

  async project(orders: readonly WorkOrder[]): Promise<void> {
    const summaries = orders.map(summarize);
    for (const summary of summaries) {
      await this.deps.hot
        .putSummaryIfNewer(summary)
        .catch((error: unknown) => this.deps.log(`order summary ${summary.id} not projected`, error));
    }
    this.announce(summaries);
  }

  announce(summaries: readonly OrderSummary[]): void {
    const { live, alerts, townName, now } = this.deps;
    live.publish(summaries);
    const raised = summaries.flatMap((summary) => deadlineAlert(summary, now(), townName(summary.townCode)) ?? []);
    if (raised.length > 0) alerts.raise(raised);
  }

  /**
   * Withdraws this decision's compare-and-sets. One case cannot be withdrawn: another node read our version
   * from a shared Redis and committed a newer one on top before our log write failed. That version carries
   * our change (the order's state and timeline include it) and is in the log, so the change persists although
   * our caller is told 503; it is logged loudly here and described in docs/work-orders.md.
   */
  private async undo(changes: readonly Change[], written: readonly number[]): Promise<void> {
    for (const i of written) {
      const change = changes[i];
      const { id, version } = change.order;
      await this.deps.hot.restore(id, version, change.previous).then(
        (undone) => {
          if (!undone) this.deps.log(`order ${id}: version ${version} was not logged but a newer version built on it`);
        },
        (error: unknown) => this.deps.log(`could not undo hot-state write of ${id}`, error),
      );
    }
  }

  private async hotCall<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof HotStateError) throw hotStateUnavailable(error);
      throw error;
    }
  }
}

export function isApiError(error: unknown, code: string): error is ApiError {
  return error instanceof ApiError && error.code === code;
}
