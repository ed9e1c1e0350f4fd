import { BackpressureError, parseCityEvent, type CityEvent, type ItemResult } from '@zhongshu/stream';
import type { IngestSink } from './ingest-sink';

export interface MemoryDeadLetter {
  raw: Buffer | string;
  reason: string;
  origin: string;
  receivedAt: Date;
}

/**
 * A test double of `IngestSink` that behaves like the pipeline at its edge: validates with
 * `parseCityEvent`, dead-letters what fails, stores each id once (`duplicate` after that). Knobs
 * let a spec refuse submits with `BackpressureError`, hold them open, or add latency. In memory
 * only: nothing is durable.
 */
export class MemoryIngestSink implements IngestSink {
  /** Accepted events, each id once, in arrival order. */
  readonly stored: CityEvent[] = [];
  /** Every valid id submitted, duplicates included, in submit order: what a source redelivered. */
  readonly submittedIds: string[] = [];
  /** Ids submitted again after they were stored. */
  readonly duplicates: string[] = [];
  /** Items that failed validation; each is also in `deadLetters`, as the pipeline keeps them. */
  readonly rejected: Array<{ raw: unknown; reason: string }> = [];
  readonly deadLetters: MemoryDeadLetter[] = [];
  /** Origins of the submits that got past backpressure. */
  readonly origins = new Set<string>();
  submitCalls = 0;
  backpressureRefusals = 0;
  /** Throw `BackpressureError` on this many more submits, before anything is validated or kept. */
  refuseNext = 0;
  /** Added before every submit resolves (a warehouse write takes time). */
  latencyMs: number;
  private readonly retryAfterSeconds: number;
  private readonly ids = new Set<string>();
  private gate: Promise<void> | undefined;
  private openGate: (() => void) | undefined;
  private readonly waiters: Array<{ check: () => boolean; resolve: () => void }> = [];

  constructor(options: { latencyMs?: number; retryAfterSeconds?: number } = {}) {
    this.latencyMs = options.latencyMs ?? 0;
    this.retryAfterSeconds = options.retryAfterSeconds ?? 0.05;
  }

  /** Holds every submit (after the backpressure check) until `release()`. */
  hold(): void {
    this.gate ??= new Promise<void>((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.openGate?.();
    this.gate = undefined;
    this.openGate = undefined;
  }

  async submit(raws: readonly unknown[], origin: string): Promise<ItemResult[]> {
    this.submitCalls += 1;
    if (this.refuseNext > 0) {
      this.refuseNext -= 1;
      this.backpressureRefusals += 1;
      throw new BackpressureError(this.retryAfterSeconds);
    }
    this.origins.add(origin);
    if (this.gate) await this.gate;
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    // Durable only now: validate and record like the pipeline.
    const results = raws.map((raw, index): ItemResult => {
      const parsed = parseCityEvent(raw);
      if (!parsed.ok) {
        const { reason } = parsed;
        this.rejected.push({ raw, reason });
        const text = typeof raw === 'string' ? raw : (JSON.stringify(raw) ?? String(raw));
        this.deadLetters.push({ raw: text, reason, origin, receivedAt: new Date() });
        return { index, status: 'rejected', reason };
      }
      const { id } = parsed.event;
      this.submittedIds.push(id);
      if (this.ids.has(id)) {
        this.duplicates.push(id);
        return { index, id, status: 'duplicate' };
      }
      this.ids.add(id);
      this.stored.push(parsed.event);
      return { index, id, status: 'stored' };
    });
    this.wake();
    return results;
  }

  async deadLetter(raw: Buffer | string, reason: string, origin: string): Promise<void> {
    this.deadLetters.push({ raw, reason, origin, receivedAt: new Date() });
    this.wake();
  }

  /** Stored events of one type, in arrival order. */
  ofType<T extends CityEvent['type']>(type: T): Array<Extract<CityEvent, { type: T }>> {
    return this.stored.filter((event): event is Extract<CityEvent, { type: T }> => event.type === type);
  }

  storedIds(): string[] {
    return this.stored.map((event) => event.id);
  }

  /** Resolves once `check()` holds (re-checked after every submit and dead letter); rejects after `timeoutMs`. */
  until(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`${what} not met within ${timeoutMs} ms (${this.stored.length} events stored)`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) {
      if (!waiter.check()) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }
}
