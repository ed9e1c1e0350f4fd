import { BackpressureError, type ItemResult } from '@zhongshu/stream';
import type { IngestSink } from '../shared/ingest-sink';

/** One received message: what it became, and how to answer its source once that is durable. */
export interface AckItem {
  /** Validated items to submit (may be empty). */
  events: readonly unknown[];
  /** Set when the message never became items: kept with its raw bytes instead. */
  deadLetter?: { raw: Buffer | string; reason: string; origin: string };
  /** Called once, in arrival order, after everything above is durable. */
  settle(results: ItemResult[]): void;
}

export interface DurableAckBatcherOptions {
  /** `origin` passed to `sink.submit`. */
  origin: string;
  /** Items per submit. */
  maxBatch: number;
  /** How long a batch waits to fill before it is submitted anyway. */
  lingerMs: number;
  /** First retry delay after a failed submit; doubles up to `maxRetryDelayMs`. */
  retryDelayMs: number;
  maxRetryDelayMs: number;
  onRetry?: (error: unknown, attempt: number) => void;
  /** Runs each round of settles, e.g. inside a corked socket so a batch's acks leave in one write. */
  settling?: (settleAll: () => void) => void;
}

interface Batch {
  items: AckItem[];
  results?: ItemResult[][];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Groups received messages into batches for the sink and answers each message only after its batch
 * is durable. Batches are written concurrently (the pipeline merges them), but settled strictly in
 * arrival order, because MQTT requires PUBACKs in the order the PUBLISHes came (MQTT-4.6.0-2).
 *
 * Failures are retried, never dropped: `BackpressureError` waits the sink's `retryAfterSeconds` at
 * most, other errors (warehouse down) back off exponentially. Dead letters of a batch are written
 * once even when its submit is retried.
 */
export class DurableAckBatcher {
  private open: AckItem[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly order: Batch[] = [];
  private abandoned = false;
  private outstanding = 0;
  private idle: Array<() => void> = [];

  constructor(
    private readonly sink: IngestSink,
    private readonly options: DurableAckBatcherOptions,
  ) {}

  /** Items added and not settled yet. */
  get pending(): number {
    return this.outstanding;
  }

  add(item: AckItem): void {
    if (this.abandoned) return;
    this.outstanding += 1;
    this.open.push(item);
    if (this.open.length >= this.options.maxBatch) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.options.lingerMs);
  }

  /** Submits what is waiting now instead of after the linger. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.open.length === 0) return;
    const batch: Batch = { items: this.open };
    this.open = [];
    this.order.push(batch);
    // write() never rejects: every failure is retried inside it until it succeeds or is abandoned.
    void this.write(batch);
  }

  /** Resolves true once every added item settled, false if `timeoutMs` passed first. */
  async drain(timeoutMs: number): Promise<boolean> {
    this.flush();
    if (this.outstanding === 0) return true;
    let timeout: NodeJS.Timeout | undefined;
    const settled = new Promise<boolean>((resolve) => this.idle.push(() => resolve(true)));
    const expired = new Promise<boolean>((resolve) => (timeout = setTimeout(() => resolve(false), timeoutMs)));
    const result = await Promise.race([settled, expired]);
    clearTimeout(timeout);
    return result;
  }

  /**
   * Gives up on everything unsettled: no more writes, retries or settles. The source redelivers
   * what was never answered (dedupe by event id makes that safe).
   */
  abandon(): void {
    this.abandoned = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.open = [];
    this.order.length = 0;
    this.outstanding = 0;
  }

  private async write(batch: Batch): Promise<void> {
    const lettered = new Set<AckItem>();
    for (let attempt = 1; !this.abandoned; attempt++) {
      try {
        for (const item of batch.items) {
          if (!item.deadLetter || lettered.has(item)) continue;
          const { raw, reason, origin } = item.deadLetter;
          await this.sink.deadLetter(raw, reason, origin);
          lettered.add(item);
        }
        batch.results = await this.submit(batch.items);
        this.release();
        return;
      } catch (error) {
        if (this.abandoned) return;
        this.options.onRetry?.(error, attempt);
        const backoff = Math.min(this.options.maxRetryDelayMs, this.options.retryDelayMs * 2 ** (attempt - 1));
        const delay = error instanceof BackpressureError ? Math.min(backoff, error.retryAfterSeconds * 1000) : backoff;
        await sleep(delay);
      }
    }
  }

  private async submit(items: readonly AckItem[]): Promise<ItemResult[][]> {
    const raws = items.flatMap((item) => item.events);
    const results = raws.length > 0 ? await this.sink.submit(raws, this.options.origin) : [];
    let next = 0;
    return items.map((item) => {
      const mine = results.slice(next, next + item.events.length);
      next += item.events.length;
      return mine;
    });
  }

  /** Settles finished batches from the head only, so answers leave in arrival order. */
  private release(): void {
    const settleAll = () => {
      while (!this.abandoned && this.order.length > 0 && this.order[0].results) {
        const batch = this.order.shift()!;
        batch.items.forEach((item, i) => {
          // Counted out before settle runs, so a settle that checks `pending` (to resume reading) sees it.
          this.outstanding -= 1;
          item.settle(batch.results![i]);
        });
      }
    };
    if (this.options.settling) this.options.settling(settleAll);
    else settleAll();
    if (this.outstanding === 0) {
      const waiting = this.idle;
      this.idle = [];
      for (const resolve of waiting) resolve();
    }
  }
}
