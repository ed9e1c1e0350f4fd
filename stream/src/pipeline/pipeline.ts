import { createHash, randomUUID } from 'node:crypto';
import { kindOf, parseCityEvent, type CityEvent, type SourceKind } from '../contracts/city-event';
import type { LiveEvent } from '../contracts/live';
import type { Enricher } from '../ports/enricher.port';
import type { DeadLetterStore, EventStore, StoredEvent } from '../ports/event-store.port';
import type { HotState } from '../ports/hot-state.port';
import type { LivePublisher } from '../ports/live-publisher.port';
import { cityDay, cityDayOf } from '../time/city-day';
import { BoundedQueue } from './bounded-queue';
import { isFeedWorthy, toLiveEvent } from './live-event';
import { withRetry } from './retry';

export type ItemStatus = 'stored' | 'duplicate' | 'rejected';
export interface ItemResult {
  index: number;
  id?: string;
  status: ItemStatus;
  reason?: string;
}

/** Thrown when the pipeline is saturated: the caller must slow its source down (HTTP 503 + Retry-After). */
export class BackpressureError extends Error {
  readonly code = 'PIPELINE_SATURATED';
  constructor(readonly retryAfterSeconds: number) {
    super('the ingest pipeline is saturated; retry later');
  }
}

export interface PipelineOptions {
  /** Events queued between validation and the warehouse; beyond this, submit() is refused. */
  capacity: number;
  maxBatch: number;
  /** How long a batch waits to fill; the floor of ingest latency. */
  lingerMs: number;
  dedupeTtlSeconds: number;
  feedLength: number;
  timeZone: string;
}

export const DEFAULT_PIPELINE_OPTIONS: PipelineOptions = {
  capacity: 100_000,
  maxBatch: 5_000,
  lingerMs: 50,
  dedupeTtlSeconds: 24 * 3600,
  feedLength: 100,
  timeZone: 'Asia/Shanghai',
};

export interface PipelineDeps {
  store: EventStore;
  deadLetters: DeadLetterStore;
  hotState: HotState;
  publisher: LivePublisher;
  enricher?: Enricher;
  /** Extra hot-state projections of stored events (e.g. latest device status from `hardware`). */
  projectors?: ReadonlyArray<{ project(stored: readonly StoredEvent[], hotState: HotState): Promise<void> }>;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
}

interface Pending {
  event: CityEvent;
  enqueuedAt: number;
  settle: (status: ItemStatus) => void;
  fail: (error: Error) => void;
}

export interface PipelineStats {
  queued: number;
  /** Age of the oldest event still waiting for the warehouse. */
  lagMs: number;
  stored: number;
  duplicates: number;
  rejected: number;
  failedBatches: number;
  running: boolean;
}

export const FEED_KEY = 'feed:events';
export const dayCountersKey = (day: string) => `kpi:day:${day}`;

/**
 * validate → dedupe by id → enrich → batch write → hot-state projection → live publish.
 * submit() resolves only after the warehouse write returned: that is the durability promise an
 * acknowledgement to a source stands on.
 */
export class Pipeline {
  private readonly options: PipelineOptions;
  private readonly queue: BoundedQueue<Pending>;
  private readonly now: () => Date;
  private readonly log: (message: string, error?: unknown) => void;
  private stopping = new AbortController();
  private loop: Promise<void> | undefined;
  private readonly counts = { stored: 0, duplicates: 0, rejected: 0, failedBatches: 0 };

  constructor(
    private readonly deps: PipelineDeps,
    options: Partial<PipelineOptions> = {},
  ) {
    this.options = { ...DEFAULT_PIPELINE_OPTIONS, ...options };
    this.queue = new BoundedQueue(this.options.capacity);
    this.now = deps.now ?? (() => new Date());
    this.log = deps.log ?? ((message, error) => console.error(message, error ?? ''));
  }

  start(): void {
    if (this.loop) return;
    this.stopping = new AbortController();
    this.loop = this.run();
  }

  /** Drains what is queued, writes it, then stops. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    this.loop = undefined;
  }

  stats(): PipelineStats {
    const oldest = this.queue.peek();
    return {
      queued: this.queue.size,
      lagMs: oldest ? Date.now() - oldest.enqueuedAt : 0,
      ...this.counts,
      running: this.loop !== undefined,
    };
  }

  /**
   * Validates untrusted items; invalid ones go to the dead-letter store with their raw bytes, valid
   * ones are queued. Resolves per item once stored (or found duplicate).
   */
  async submit(
    raws: readonly unknown[],
    origin: string,
    options: { deadLetterInvalid?: boolean } = {},
  ): Promise<ItemResult[]> {
    const results: ItemResult[] = new Array<ItemResult>(raws.length);
    const accepted: Array<{ index: number; event: CityEvent }> = [];
    const rejected: Array<{ index: number; raw: unknown; reason: string }> = [];
    raws.forEach((raw, index) => {
      const parsed = parseCityEvent(raw);
      if (parsed.ok) accepted.push({ index, event: parsed.event });
      else rejected.push({ index, raw, reason: parsed.reason });
    });

    if (rejected.length > 0 && options.deadLetterInvalid !== false) {
      const receivedAt = this.now();
      await this.deps.deadLetters.put(
        rejected.map(({ raw, reason }) => ({
          id: randomUUID(),
          receivedAt,
          origin,
          reason,
          raw: typeof raw === 'string' ? raw : JSON.stringify(raw),
          encoding: 'utf8' as const,
        })),
      );
    }
    if (rejected.length > 0) {
      this.counts.rejected += rejected.length;
      for (const { index, raw, reason } of rejected) {
        const id = typeof raw === 'object' && raw !== null && 'id' in raw ? String(raw.id) : undefined;
        results[index] = { index, id, status: 'rejected', reason };
      }
    }

    const settled = this.enqueue(accepted.map(({ event }) => event));
    const statuses = await Promise.all(settled);
    accepted.forEach(({ index, event }, i) => {
      results[index] = { index, id: event.id, status: statuses[i] };
    });
    return results;
  }

  /** Keeps input that never became an item (undecodable bytes, bad signature…) with its reason. */
  async deadLetter(raw: Buffer | string, reason: string, origin: string): Promise<void> {
    const binary = typeof raw !== 'string';
    await this.deps.deadLetters.put([
      {
        id: randomUUID(),
        receivedAt: this.now(),
        origin,
        reason,
        raw: binary ? raw.toString('base64') : raw,
        encoding: binary ? 'base64' : 'utf8',
      },
    ]);
    this.counts.rejected += 1;
  }

  /** Queues already-validated events (adapters that parsed them at their own boundary). */
  enqueue(events: readonly CityEvent[]): Array<Promise<ItemStatus>> {
    const enqueuedAt = Date.now();
    const promises: Array<Promise<ItemStatus>> = [];
    const pending: Pending[] = events.map((event) => {
      let settle!: (status: ItemStatus) => void;
      let fail!: (error: Error) => void;
      promises.push(
        new Promise<ItemStatus>((resolve, reject) => {
          settle = resolve;
          fail = reject;
        }),
      );
      return { event, enqueuedAt, settle, fail };
    });
    if (pending.length > 0 && !this.queue.offer(pending)) throw new BackpressureError(1);
    return promises;
  }

  /**
   * One batch at a time: two concurrent inserts on one chDB session measured slower than one
   * (docs/benchmarks.md), and events keep arriving into the queue while a batch is written.
   */
  private async run(): Promise<void> {
    const signal = this.stopping.signal;
    for (;;) {
      const batch = await this.queue.take(this.options.maxBatch, signal.aborted ? 0 : this.options.lingerMs, signal);
      if (batch.length === 0) {
        if (signal.aborted) return;
        continue;
      }
      await this.process(batch);
    }
  }

  private async process(batch: Pending[]): Promise<void> {
    let fresh: Pending[];
    try {
      const isNew = await this.deps.hotState.markSeen(
        batch.map((item) => item.event.id),
        this.options.dedupeTtlSeconds,
      );
      fresh = batch.filter((item, i) => {
        if (isNew[i]) return true;
        this.counts.duplicates += 1;
        item.settle('duplicate');
        return false;
      });
    } catch (error) {
      this.failBatch(batch, error);
      return;
    }
    if (fresh.length === 0) return;

    const ingestedAt = this.now();
    const stored = fresh.map((item) => this.enrich(item.event, ingestedAt));
    try {
      const token = createHash('sha1')
        .update(stored.map((s) => s.event.id).join('\n'))
        .digest('hex');
      await withRetry(() => this.deps.store.append(stored, token), { attempts: 4, baseDelayMs: 100 });
    } catch (error) {
      // Not durable, so not acknowledged: let the source redeliver and the dedupe window forget.
      await this.deps.hotState.forgetSeen(fresh.map((item) => item.event.id)).catch(() => undefined);
      this.failBatch(fresh, error);
      return;
    }

    this.counts.stored += fresh.length;
    for (const item of fresh) item.settle('stored');
    await this.project(stored).catch((error: unknown) =>
      this.log('hot-state projection failed (rebuilt on restart)', error),
    );
  }

  private failBatch(batch: Pending[], error: unknown): void {
    this.counts.failedBatches += 1;
    this.log('pipeline batch failed', error);
    const cause = error instanceof Error ? error : new Error(String(error));
    for (const item of batch) item.fail(cause);
  }

  private enrich(event: CityEvent, ingestedAt: Date): StoredEvent {
    const { enricher } = this.deps;
    if (!event.location || !enricher) return { event, kind: kindOf(event.type), ingestedAt };
    const wgs84 = enricher.toWgs84(event.location);
    const found = enricher.regionAt(wgs84.lng, wgs84.lat);
    // What the source said wins; the map only fills what it left out.
    const region = found
      ? { ...found, ...event.region, town: event.region?.town ?? found.town, grid: event.region?.grid ?? found.grid }
      : event.region;
    return { event: region ? { ...event, region } : event, kind: kindOf(event.type), wgs84, ingestedAt };
  }

  private async project(stored: StoredEvent[]): Promise<void> {
    const { hotState, publisher } = this.deps;
    const byDay = new Map<string, Partial<Record<SourceKind, number>>>();
    for (const { event, kind } of stored) {
      const day = cityDayOf(new Date(event.time), this.options.timeZone);
      const counts = byDay.get(day) ?? {};
      counts[kind] = (counts[kind] ?? 0) + 1;
      byDay.set(day, counts);
    }
    const today = cityDay(this.now(), this.options.timeZone).day;
    for (const [day, deltas] of byDay) {
      const totals = await hotState.incrementCounters(dayCountersKey(day), deltas, 3 * 24 * 3600);
      if (day === today) publisher.publish('kpis', { day, totals: totals });
    }

    for (const projector of this.deps.projectors ?? []) await projector.project(stored, hotState);

    const live: LiveEvent[] = stored.map((s) => toLiveEvent(s.event, s.wgs84)).reverse();
    const feed = live.filter(isFeedWorthy).slice(0, this.options.feedLength);
    if (feed.length > 0) {
      await hotState.pushRecent(
        FEED_KEY,
        feed.map((event) => JSON.stringify(event)),
        this.options.feedLength,
      );
    }
    publisher.publish('events', { events: live });
  }

  /**
   * After a restart (or the loss of Redis) hot state is rebuilt from the warehouse: today's
   * counters, the live feed and the dedupe window.
   */
  async rebuildHotState(): Promise<{ dedupeIds: number; kpisRepaired: number }> {
    const { store, hotState } = this.deps;
    const now = this.now();
    // Only batches in flight at a crash can be half-written; ten minutes covers them with room to spare.
    const kpisRepaired = await store.reconcileKpis(10);
    const overview = await store.kpiOverview(now, 1);
    await hotState.setCounters(dayCountersKey(overview.day), overview.totals, 3 * 24 * 3600);
    const recent = await store.query({ limit: this.options.feedLength * 10 });
    await hotState.deleteKey(FEED_KEY);
    const feed = recent
      .filter(isFeedWorthy)
      .slice(0, this.options.feedLength)
      .map((event) =>
        JSON.stringify(toLiveEvent(event, event.location && this.deps.enricher?.toWgs84(event.location))),
      );
    if (feed.length > 0) await hotState.pushRecent(FEED_KEY, feed, this.options.feedLength);
    const ids = await store.recentIds(new Date(now.getTime() - this.options.dedupeTtlSeconds * 1000), 2_000_000);
    for (let i = 0; i < ids.length; i += 10_000) {
      await hotState.markSeen(ids.slice(i, i + 10_000), this.options.dedupeTtlSeconds);
    }
    return { dedupeIds: ids.length, kpisRepaired };
  }
}
