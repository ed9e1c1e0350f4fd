import { BackpressureError, parseCityEvent, type CityEvent, type ItemResult } from '@zhongshu/stream';
import type { IngestSink } from '../shared/ingest-sink';

export interface RecordedDeadLetter {
  raw: Buffer | string;
  reason: string;
  origin: string;
}

/**
 * Test double of our own `IngestSink` port: validates like the pipeline (`parseCityEvent`), keeps
 * what it stored in memory and dedupes by id. `refuseNext` makes the next submits throw
 * `BackpressureError`, as a saturated pipeline does.
 */
export class RecordingIngestSink implements IngestSink {
  readonly stored: CityEvent[] = [];
  readonly duplicates: string[] = [];
  readonly rejected: Array<{ raw: unknown; reason: string }> = [];
  readonly deadLetters: RecordedDeadLetter[] = [];
  readonly origins = new Set<string>();
  submitCalls = 0;
  refusals = 0;
  /** Throw `BackpressureError` on this many more submits. */
  refuseNext = 0;
  private readonly ids = new Set<string>();
  private readonly waiters: Array<{ check: () => boolean; resolve: () => void }> = [];

  async submit(raws: readonly unknown[], origin: string): Promise<ItemResult[]> {
    this.submitCalls += 1;
    if (this.refuseNext > 0) {
      this.refuseNext -= 1;
      this.refusals += 1;
      throw new BackpressureError(0.01);
    }
    this.origins.add(origin);
    const results = raws.map((raw, index): ItemResult => {
      const parsed = parseCityEvent(raw);
      if (!parsed.ok) {
        this.rejected.push({ raw, reason: parsed.reason });
        return { index, status: 'rejected', reason: parsed.reason };
      }
      const { id } = parsed.event;
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
    this.deadLetters.push({ raw, reason, origin });
    this.wake();
  }

  /** Stored events of one type, in arrival order. */
  ofType<T extends CityEvent['type']>(type: T): Array<Extract<CityEvent, { type: T }>> {
    return this.stored.filter((event): event is Extract<CityEvent, { type: T }> => event.type === type);
  }

  /** Resolves once `check()` holds (re-checked after every submit and dead letter); rejects after `timeoutMs`. */
  until(check: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
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
