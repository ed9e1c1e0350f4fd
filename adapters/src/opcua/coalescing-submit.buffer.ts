import type { ItemResult } from '@zhongshu/stream';
import type { IngestSink } from '../shared/ingest-sink';

/** One event waiting for the pipeline. */
export interface BufferedEvent {
  /** What "the same value" means when coalescing: endpoint + node. */
  key: string;
  origin: string;
  event: unknown;
  /** `AdapterCounters` ticket, answered when the item settles or is coalesced. */
  ticket: number;
}

export interface CoalescingSubmitBufferOptions {
  capacity: number;
  maxBatch: number;
  flushIntervalMs: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
}

export interface BufferListener {
  settled(item: BufferedEvent, result: ItemResult): void;
  /** A newer value of the same key replaced this one while the buffer was full. */
  coalesced(item: BufferedEvent): void;
  /** Still buffered when `stop` gave up waiting for the sink. */
  abandoned(item: BufferedEvent): void;
  log(message: string, error?: unknown): void;
}

export interface BufferStats {
  buffered: number;
  coalesced: number;
  retries: number;
  abandoned: number;
}

const isBackpressure = (error: unknown): boolean =>
  error instanceof Error && (error as { code?: unknown }).code === 'PIPELINE_SATURATED';

/**
 * Collects events and submits them in small batches, one batch at a time, in arrival order. A batch
 * the sink refuses (`BackpressureError`) or fails is kept and retried with backoff — event ids are
 * deterministic, so a retry after a partial write only finds duplicates. When more than `capacity`
 * events wait, only the latest per key is kept and the rest are counted as coalesced.
 */
export class CoalescingSubmitBuffer {
  private waiting: BufferedEvent[] = [];
  private loop: Promise<void> | undefined;
  private stopping = false;
  private drainDeadline = Infinity;
  private sleeper: { wakeOnData: boolean; done: () => void } | undefined;
  private readonly counts = { coalesced: 0, retries: 0, abandoned: 0 };
  private inFlight = 0;

  constructor(
    private readonly sink: IngestSink,
    private readonly options: CoalescingSubmitBufferOptions,
    private readonly listener: BufferListener,
  ) {}

  get stats(): BufferStats {
    return { buffered: this.waiting.length + this.inFlight, ...this.counts };
  }

  push(item: BufferedEvent): void {
    this.waiting.push(item);
    if (this.waiting.length > this.options.capacity) this.coalesce();
    if (this.waiting.length >= this.options.maxBatch && this.sleeper?.wakeOnData) this.sleeper.done();
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.drainDeadline = Infinity;
    this.loop = this.run();
  }

  /** Submits what is buffered, waiting at most `drainMs` for a saturated sink; the rest is abandoned. */
  async stop(drainMs: number): Promise<void> {
    this.stopping = true;
    this.drainDeadline = Date.now() + drainMs;
    this.sleeper?.done();
    await this.loop;
    this.loop = undefined;
    const left = this.waiting;
    this.waiting = [];
    for (const item of left) this.listener.abandoned(item);
    this.counts.abandoned += left.length;
    if (left.length > 0) this.listener.log(`OPC UA: ${left.length} buffered values abandoned at stop`);
  }

  /** Keeps the latest event per key, in the order of those latest events. */
  private coalesce(): void {
    const seen = new Set<string>();
    const kept: BufferedEvent[] = [];
    for (let i = this.waiting.length - 1; i >= 0; i -= 1) {
      const item = this.waiting[i];
      if (!item) continue;
      if (seen.has(item.key)) {
        this.counts.coalesced += 1;
        this.listener.coalesced(item);
      } else {
        seen.add(item.key);
        kept.push(item);
      }
    }
    this.waiting = kept.reverse();
  }

  private async run(): Promise<void> {
    let failures = 0;
    for (;;) {
      if (this.waiting.length === 0) {
        if (this.stopping) return;
        await this.sleep(this.options.flushIntervalMs);
        continue;
      }
      const ok = await this.flushOnce();
      if (ok) {
        failures = 0;
        // Linger so values arriving together travel together, unless a full batch is waiting.
        if (this.waiting.length < this.options.maxBatch && !this.stopping)
          await this.sleep(this.options.flushIntervalMs);
        continue;
      }
      failures += 1;
      this.counts.retries += 1;
      const delay = Math.min(this.options.retryMaxDelayMs, this.options.retryBaseDelayMs * 2 ** (failures - 1));
      if (this.stopping && Date.now() + delay > this.drainDeadline) return;
      // A saturated sink is not hurried by more data arriving; only `stop` cuts the wait short.
      await this.sleep(delay, false);
    }
  }

  /** Submits the head of the buffer (one origin); false when the sink refused or failed. */
  private async flushOnce(): Promise<boolean> {
    const origin = this.waiting[0]?.origin ?? '';
    let count = 0;
    while (count < this.options.maxBatch && this.waiting[count]?.origin === origin) count += 1;
    const batch = this.waiting.splice(0, count);
    this.inFlight = batch.length;
    try {
      const results = await this.sink.submit(
        batch.map((item) => item.event),
        origin,
      );
      batch.forEach((item, index) =>
        this.listener.settled(item, results[index] ?? { index, status: 'rejected', reason: 'no result from sink' }),
      );
      return true;
    } catch (error) {
      // Not acknowledged: back to the head, oldest first, bounded like everything else.
      this.waiting = batch.concat(this.waiting);
      if (this.waiting.length > this.options.capacity) this.coalesce();
      if (!isBackpressure(error)) this.listener.log('OPC UA: submit failed; retrying', error);
      return false;
    } finally {
      this.inFlight = 0;
    }
  }

  /** Waits `ms`; `stop` cuts it short, and so does a full batch arriving when `wakeOnData`. */
  private sleep(ms: number, wakeOnData = true): Promise<void> {
    return new Promise((resolve) => {
      const sleeper = {
        wakeOnData,
        done: () => {
          clearTimeout(timer);
          if (this.sleeper === sleeper) this.sleeper = undefined;
          resolve();
        },
      };
      const timer = setTimeout(sleeper.done, ms);
      this.sleeper = sleeper;
    });
  }
}
