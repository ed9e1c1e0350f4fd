/** A value stamped with the version it was written at (see the versioned-field operations below). */
export interface Versioned {
  version: number;
  value: string;
}

export type CompareAndSetResult = { ok: true } | { ok: false; currentVersion: number };

/**
 * Hot state: live counters, latest device state, recent feeds and the dedupe window.
 * The operations mirror Redis data types on purpose, so the Redis side is a thin mapping and the
 * in-memory side is easy to reason about. Values are strings (JSON where structured).
 * Versioned fields are stored as `<version>:<value>` in an ordinary hash; read them with the versioned
 * reads (`readFields` shows the stored form).
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
  /**
   * Optimistic concurrency on one field of a hash (the work-order projection, configuration): writes
   * `next` only if the field's current version is `expectedVersion` (0 = the field is absent). Atomic
   * across processes, so of several calls expecting the same version exactly one succeeds; the others
   * learn the version now stored. `next.version` may be any positive version (a rollback may lower it).
   */
  compareAndSet(key: string, field: string, expectedVersion: number, next: Versioned): Promise<CompareAndSetResult>;
  /** Writes `next` only if the field is absent or holds a lower version (rebuilds, projections); true if written. */
  setIfNewer(key: string, field: string, next: Versioned): Promise<boolean>;
  /** The versioned fields asked for, in order; `undefined` where absent. */
  readVersioned(key: string, fields: readonly string[]): Promise<Array<Versioned | undefined>>;
  /** Every versioned field of the hash. */
  readAllVersioned(key: string): Promise<Record<string, Versioned>>;
  /** Deletes the field only if it still holds `expectedVersion`; true if deleted. */
  deleteVersioned(key: string, field: string, expectedVersion: number): Promise<boolean>;
  /** Throws when the store is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
