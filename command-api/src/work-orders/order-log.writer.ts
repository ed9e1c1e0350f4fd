import { withRetry } from '@zhongshu/stream';
import type { LogEntry } from './order-log.repository';

interface Waiting {
  entries: readonly LogEntry[];
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Group commit for the order log: actions that arrive while an insert is in flight share the next one.
 * Each `write` resolves only once the insert holding its rows returned, so an action is acknowledged
 * after its transition is durable, and a thousand concurrent actions cost a handful of inserts instead
 * of a thousand tiny parts. One insert at a time, like the event pipeline.
 */
export class OrderLogWriter {
  private queue: Waiting[] = [];
  private running: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly append: (entries: readonly LogEntry[]) => Promise<void>,
    private readonly options: { maxBatch: number; attempts: number } = { maxBatch: 5_000, attempts: 3 },
  ) {}

  write(entries: readonly LogEntry[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the order log writer is closed'));
    if (entries.length === 0) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) => this.queue.push({ entries, resolve, reject }));
    this.running ??= this.drain();
    return done;
  }

  /** Waits for everything queued, then refuses new writes. */
  async close(): Promise<void> {
    this.closed = true;
    await this.running;
  }

  private async drain(): Promise<void> {
    // Let the actions of this tick join the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch: Waiting[] = [];
      let rows = 0;
      while (
        this.queue.length > 0 &&
        (batch.length === 0 || rows + this.queue[0].entries.length <= this.options.maxBatch)
      ) {
        const next = this.queue.shift()!;
        batch.push(next);
        rows += next.entries.length;
      }
      try {
        await withRetry(() => this.append(batch.flatMap((w) => w.entries)), {
          attempts: this.options.attempts,
          baseDelayMs: 50,
        });
        for (const waiting of batch) waiting.resolve();
      } catch (error) {
        const cause = error instanceof Error ? error : new Error(String(error));
        for (const waiting of batch) waiting.reject(cause);
      }
    }
    this.running = undefined;
  }
}
