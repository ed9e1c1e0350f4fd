import { BackpressureError, parseCityEvent, type CityEvent, type ItemResult } from '@zhongshu/stream';
import type { IngestSink } from '../shared/ingest-sink';

/**
 * Test double of our own `IngestSink` port: validates like the pipeline (`parseCityEvent`), stores
 * in memory, dedupes by id. Knobs let specs hold a submit open, refuse with backpressure, or add
 * latency like a warehouse write.
 */
export class RecordingIngestSink implements IngestSink {
  readonly stored: CityEvent[] = [];
  /** Every id submitted, duplicates included, in submit order. */
  readonly submittedIds: string[] = [];
  readonly deadLetters: Array<{ raw: Buffer | string; reason: string; origin: string }> = [];
  readonly rejected: Array<{ raw: unknown; reason: string }> = [];
  submitCalls = 0;
  backpressureRefusals = 0;
  /** Throw `BackpressureError` for this many more submits. */
  refuseNext = 0;
  /** Added before every submit resolves (a warehouse write takes time). */
  latencyMs = 0;
  private readonly ids = new Set<string>();
  private gate: Promise<void> | undefined;
  private openGate: (() => void) | undefined;
  private readonly waiters: Array<{ done: () => boolean; resolve: () => void }> = [];

  /** Holds every submit until `release()`. */
  hold(): void {
    this.gate ??= new Promise<void>((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.openGate?.();
    this.gate = undefined;
    this.openGate = undefined;
  }

  async submit(raws: readonly unknown[]): Promise<ItemResult[]> {
    this.submitCalls += 1;
    if (this.refuseNext > 0) {
      this.refuseNext -= 1;
      this.backpressureRefusals += 1;
      throw new BackpressureError(0.05);
    }
    if (this.gate) await this.gate;
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    // Durable only now: validate and record like the pipeline.
    const results = raws.map((raw, index): ItemResult => {
      const parsed = parseCityEvent(raw);
      if (!parsed.ok) {
        this.rejected.push({ raw, reason: parsed.reason });
        return { index, status: 'rejected', reason: parsed.reason };
      }
      const { event } = parsed;
      this.submittedIds.push(event.id);
      if (this.ids.has(event.id)) return { index, id: event.id, status: 'duplicate' };
      this.ids.add(event.id);
      this.stored.push(event);
      return { index, id: event.id, status: 'stored' };
    });
    this.wake();
    return results;
  }

  async deadLetter(raw: Buffer | string, reason: string, origin: string): Promise<void> {
    this.deadLetters.push({ raw, reason, origin });
    this.wake();
  }

  /** Resolves once `done()` holds (checked after every submit and dead letter). */
  until(done: () => boolean, timeoutMs = 10_000): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`sink condition not met in ${timeoutMs} ms (${this.stored.length} stored)`)),
        timeoutMs,
      );
      this.waiters.push({
        done,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) {
      if (!waiter.done()) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }
}
