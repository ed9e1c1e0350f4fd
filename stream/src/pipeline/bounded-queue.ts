/**
 * A FIFO with a hard capacity: producers are refused (and must push back on their source)
 * instead of letting memory grow without bound when the warehouse falls behind.
 */
export class BoundedQueue<T> {
  private items: T[] = [];
  private head = 0;
  private waiter: (() => void) | undefined;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.items.length - this.head;
  }

  /** Adds all items or none; false when they do not fit. */
  offer(items: readonly T[]): boolean {
    if (this.size + items.length > this.capacity) return false;
    for (const item of items) this.items.push(item);
    this.wake();
    return true;
  }

  peek(): T | undefined {
    return this.size > 0 ? this.items[this.head] : undefined;
  }

  /**
   * Waits for at least one item, then lingers up to `lingerMs` for the batch to fill to `max`.
   * Resolves with an empty array when `signal` aborts while nothing is queued.
   */
  async take(max: number, lingerMs: number, signal: AbortSignal): Promise<T[]> {
    while (this.size === 0 && !signal.aborted) await this.waitForItems(signal, undefined);
    if (this.size < max && lingerMs > 0 && !signal.aborted) await this.waitForItems(signal, lingerMs, max);
    const count = Math.min(max, this.size);
    const batch = this.items.slice(this.head, this.head + count);
    this.head += count;
    // Compact now and then so the backing array does not keep consumed items alive.
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return batch;
  }

  private waitForItems(signal: AbortSignal, timeoutMs: number | undefined, until = 1): Promise<void> {
    return new Promise((resolve) => {
      const deadline = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        if (timer) clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.waiter = undefined;
        resolve();
      };
      this.waiter = () => {
        if (this.size >= until || (deadline !== undefined && Date.now() >= deadline)) done();
      };
      if (deadline !== undefined) timer = setTimeout(done, timeoutMs);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  private wake(): void {
    this.waiter?.();
  }
}
