import { cityTimeStamp } from './city-time';

/**
 * Business numbers like `RX202606010915030017`: prefix, city-local creation time, then a run-wide
 * counter. The time part keeps two runs on the same day from reusing a ticket number (which the
 * ticketing side would read as the same ticket); the counter keeps numbers unique within a run.
 */
export class CaseNumbers {
  private sequence = 0;

  constructor(private readonly prefix: string) {}

  next(at: Date): string {
    this.sequence += 1;
    return `${this.prefix}${cityTimeStamp(at)}${String(this.sequence % 10_000).padStart(4, '0')}`;
  }
}

/**
 * Cases that are still open, for later-stage updates. Bounded: a simulator running for weeks must
 * not grow without limit, so the oldest open case is forgotten (it simply never updates again).
 */
export class OpenCases<T> {
  private readonly items: T[] = [];

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.items.length;
  }

  add(item: T): void {
    this.items.push(item);
    if (this.items.length > this.capacity) this.items.shift();
  }

  /** Removes and returns the case at a random index chosen by `roll` in [0, 1). */
  take(roll: number): T | undefined {
    if (this.items.length === 0) return undefined;
    const index = Math.floor(roll * this.items.length);
    return this.items.splice(index, 1)[0];
  }
}
