import { BackpressureError, parseCityEvent, type CityEvent, type ItemResult } from '@zhongshu/stream';
import type { IngestSink } from '../shared/ingest-sink';

export interface MemoryDeadLetter {
  raw: Buffer | string;
  reason: string;
  origin: string;
  receivedAt: Date;
}

/**
 * An in-memory `IngestSink` that behaves like the pipeline at its edge: validates with the CityEvent
 * contract, stores each id once (`duplicate` after that), keeps dead letters, and can be told to
 * refuse the next submits with `BackpressureError`. For specs and demos; nothing is durable.
 */
export class MemoryIngestSink implements IngestSink {
  readonly events: CityEvent[] = [];
  readonly deadLetters: MemoryDeadLetter[] = [];
  /** Every id handed to `submit`, in order, duplicates included: what a source redelivered. */
  readonly submittedIds: string[] = [];
  submitCalls = 0;
  private readonly seen = new Set<string>();
  private refusals = 0;

  constructor(private readonly options: { delayMs?: number; retryAfterSeconds?: number } = {}) {}

  /** The next `count` calls to `submit` throw `BackpressureError` before storing anything. */
  refuseNext(count: number): void {
    this.refusals += count;
  }

  ids(): string[] {
    return this.events.map((event) => event.id);
  }

  async submit(raws: readonly unknown[], origin: string): Promise<ItemResult[]> {
    this.submitCalls += 1;
    if (this.refusals > 0) {
      this.refusals -= 1;
      throw new BackpressureError(this.options.retryAfterSeconds ?? 0);
    }
    if (this.options.delayMs) await new Promise((resolve) => setTimeout(resolve, this.options.delayMs));
    const results: ItemResult[] = [];
    for (const [index, raw] of raws.entries()) {
      const parsed = parseCityEvent(raw);
      if (!parsed.ok) {
        this.deadLetters.push({ raw: JSON.stringify(raw), reason: parsed.reason, origin, receivedAt: new Date() });
        results.push({ index, status: 'rejected', reason: parsed.reason });
        continue;
      }
      const { event } = parsed;
      this.submittedIds.push(event.id);
      if (this.seen.has(event.id)) {
        results.push({ index, id: event.id, status: 'duplicate' });
        continue;
      }
      this.seen.add(event.id);
      this.events.push(event);
      results.push({ index, id: event.id, status: 'stored' });
    }
    return results;
  }

  async deadLetter(raw: Buffer | string, reason: string, origin: string): Promise<void> {
    this.deadLetters.push({ raw, reason, origin, receivedAt: new Date() });
  }
}
