/**
 * Hot state: live counters, latest device state, recent feeds and the dedupe window.
 * The operations mirror Redis data types on purpose, so the Redis side is a thin mapping and the
 * in-memory side is easy to reason about. Values are strings (JSON where structured).
 * Both implementations pass `hotStateContract` (hot-state.contract.ts).
 */
export interface HotState {
  /** Marks each id as seen for `ttlSeconds`; true where the id was new. Atomic per id. */
  markSeen(ids: readonly string[], ttlSeconds: number): Promise<boolean[]>;
  /** Undoes markSeen, e.g. when the write those ids belonged to failed. */
  forgetSeen(ids: readonly string[]): Promise<void>;
  /** Adds to integer counters in a hash; the key expires after `ttlSeconds` when given. */
  incrementCounters(
    key: string,
    deltas: Readonly<Record<string, number>>,
    ttlSeconds?: number,
  ): Promise<Record<string, number>>;
  readCounters(key: string): Promise<Record<string, number>>;
  /** Replaces whole counters (rebuild after a restart). */
  setCounters(key: string, values: Readonly<Record<string, number>>, ttlSeconds?: number): Promise<void>;
  /** Prepends `items` (given newest first, so items[0] becomes the newest) and trims to `maxLength`. */
  pushRecent(key: string, items: readonly string[], maxLength: number): Promise<void>;
  /** Newest first. */
  readRecent(key: string, count: number): Promise<string[]>;
  /** Sets fields of a hash (latest device state, open order projection…). */
  putFields(key: string, fields: Readonly<Record<string, string>>): Promise<void>;
  readFields(key: string): Promise<Record<string, string>>;
  deleteKey(key: string): Promise<void>;
  /** Throws when the store is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
