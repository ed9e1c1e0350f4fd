import type { CompareAndSetResult, HotState, Versioned } from '@zhongshu/stream';
import {
  checkCount,
  checkIntegers,
  checkMaxLength,
  checkTtl,
  checkVersion,
  HotStateError,
  WRONG_TYPE_MESSAGE,
} from './hot-state.errors';
import { decodeVersioned, encodeVersioned } from './versioned-field';

/**
 * The embedded hot state (`npm start` with no Redis): plain maps in this process.
 *
 * It deliberately behaves like the Redis side rather than like "whatever is convenient in JS", so
 * code that works on a laptop keeps working on a cluster; both pass `hotStateContract`:
 * - one keyspace for counters, fields and recent lists, and a key holds one kind of value
 *   (counters and fields are both hashes, as in Redis; the wrong kind rejects like WRONGTYPE);
 * - the dedupe window is a separate namespace (Redis keeps it under `<prefix>seen:`), so an event
 *   id can never clash with a data key;
 * - expiry is lazy (checked on access, like Redis) plus a periodic sweep, because most dedupe ids are
 *   never looked at again and would otherwise stay in memory forever;
 * - every call is synchronous inside its promise, which makes each call atomic as a MULTI would be.
 *
 * The dedupe window is a `Map<id, expiresAtMs>`: O(1) per id, ~100 bytes per entry, so a window of
 * a few hundred thousand ids costs tens of megabytes and a full sweep a few milliseconds.
 */
export interface MemoryHotStateOptions {
  /** How often expired entries are swept out. Default 10 s. */
  sweepIntervalMs?: number;
  /** Clock in epoch ms; injectable so tests can move time instead of waiting. */
  now?: () => number;
}

type Entry =
  { kind: 'hash'; fields: Map<string, string>; expiresAt: number | undefined } | { kind: 'list'; items: string[] };

export class MemoryHotState implements HotState {
  private readonly seen = new Map<string, number>();
  private readonly keys = new Map<string, Entry>();
  private readonly now: () => number;
  private sweeper: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(options: MemoryHotStateOptions = {}) {
    this.now = options.now ?? (() => Date.now());
    this.sweeper = setInterval(() => this.sweep(), options.sweepIntervalMs ?? 10_000);
    // The sweep is housekeeping: it must never keep a finished process (or a test run) alive.
    this.sweeper.unref();
  }

  async markSeen(ids: readonly string[], ttlSeconds: number): Promise<boolean[]> {
    this.checkOpen();
    checkTtl(ttlSeconds);
    const now = this.now();
    const expiresAt = now + ttlSeconds * 1000;
    return ids.map((id) => {
      const until = this.seen.get(id);
      // Like SET NX EX: a live id keeps its original expiry, a repeat does not extend it.
      if (until !== undefined && until > now) return false;
      // Delete first so the re-inserted id moves to the end of the Map's insertion order.
      this.seen.delete(id);
      this.seen.set(id, expiresAt);
      return true;
    });
  }

  async forgetSeen(ids: readonly string[]): Promise<void> {
    this.checkOpen();
    for (const id of ids) this.seen.delete(id);
  }

  async incrementCounters(
    key: string,
    deltas: Readonly<Record<string, number>>,
    ttlSeconds?: number,
  ): Promise<Record<string, number>> {
    this.checkOpen();
    const entries = checkIntegers(deltas, 'deltas');
    if (ttlSeconds !== undefined) checkTtl(ttlSeconds);
    if (entries.length === 0) return this.readCountersNow(key);
    const existing = this.hash(key);
    // Compute everything before writing so a rejected field leaves the hash untouched (MULTI-like).
    const next = new Map(existing?.fields);
    for (const [field, delta] of entries) {
      const current = next.get(field);
      const base = current === undefined ? 0 : Number(current);
      if (!Number.isSafeInteger(base)) {
        throw new HotStateError('REJECTED', `ERR hash value is not an integer (${key} ${field})`);
      }
      const total = base + delta;
      if (!Number.isSafeInteger(total)) {
        throw new HotStateError('REJECTED', `ERR increment would overflow (${key} ${field})`);
      }
      next.set(field, String(total));
    }
    const expiresAt = ttlSeconds === undefined ? existing?.expiresAt : this.now() + ttlSeconds * 1000;
    this.keys.set(key, { kind: 'hash', fields: next, expiresAt });
    return toCounters(next);
  }

  async readCounters(key: string): Promise<Record<string, number>> {
    this.checkOpen();
    return this.readCountersNow(key);
  }

  async setCounters(key: string, values: Readonly<Record<string, number>>, ttlSeconds?: number): Promise<void> {
    this.checkOpen();
    const entries = checkIntegers(values, 'values');
    if (ttlSeconds !== undefined) checkTtl(ttlSeconds);
    // Replacing is DEL + HSET in Redis: whatever the key held before (even a list) is gone.
    if (entries.length === 0) {
      this.keys.delete(key);
      return;
    }
    const fields = new Map(entries.map(([field, value]) => [field, String(value)]));
    const expiresAt = ttlSeconds === undefined ? undefined : this.now() + ttlSeconds * 1000;
    this.keys.set(key, { kind: 'hash', fields, expiresAt });
  }

  async pushRecent(key: string, items: readonly string[], maxLength: number): Promise<void> {
    this.checkOpen();
    checkMaxLength(maxLength);
    const existing = this.entry(key);
    if (existing && existing.kind !== 'list') throw wrongType(key);
    const list = existing?.items ?? [];
    // Items beyond maxLength would be trimmed straight away; concat avoids spreading huge arrays.
    const merged = items.slice(0, maxLength).concat(list);
    if (merged.length > maxLength) merged.length = maxLength;
    if (merged.length === 0) return;
    this.keys.set(key, { kind: 'list', items: merged });
  }

  async readRecent(key: string, count: number): Promise<string[]> {
    this.checkOpen();
    checkCount(count);
    const existing = this.entry(key);
    if (existing && existing.kind !== 'list') throw wrongType(key);
    return existing ? existing.items.slice(0, count) : [];
  }

  async putFields(key: string, fields: Readonly<Record<string, string>>): Promise<void> {
    this.checkOpen();
    const entries = Object.entries(fields);
    // Redis has no empty HSET, so nothing is sent and nothing is checked.
    if (entries.length === 0) return;
    const existing = this.hash(key);
    if (existing) {
      // HSET keeps the key's expiry.
      for (const [field, value] of entries) existing.fields.set(field, value);
    } else {
      this.keys.set(key, { kind: 'hash', fields: new Map(entries), expiresAt: undefined });
    }
  }

  async readFields(key: string): Promise<Record<string, string>> {
    this.checkOpen();
    const existing = this.hash(key);
    return existing ? Object.fromEntries(existing.fields) : {};
  }

  async deleteKey(key: string): Promise<void> {
    this.checkOpen();
    this.keys.delete(key);
  }

  async compareAndSet(
    key: string,
    field: string,
    expectedVersion: number,
    next: Versioned,
  ): Promise<CompareAndSetResult> {
    this.checkOpen();
    checkVersion(expectedVersion, 'expectedVersion', true);
    checkVersion(next.version, 'version');
    const current = this.versionOf(key, field);
    if (current !== expectedVersion) return { ok: false, currentVersion: current };
    this.writeField(key, field, encodeVersioned(next));
    return { ok: true };
  }

  async setIfNewer(key: string, field: string, next: Versioned): Promise<boolean> {
    this.checkOpen();
    checkVersion(next.version, 'version');
    if (this.versionOf(key, field) >= next.version) return false;
    this.writeField(key, field, encodeVersioned(next));
    return true;
  }

  async readVersioned(key: string, fields: readonly string[]): Promise<Array<Versioned | undefined>> {
    this.checkOpen();
    const existing = this.hash(key);
    return fields.map((field) => {
      const stored = existing?.fields.get(field);
      return stored === undefined ? undefined : decodeVersioned(stored, key, field);
    });
  }

  async readAllVersioned(key: string): Promise<Record<string, Versioned>> {
    this.checkOpen();
    const existing = this.hash(key);
    if (!existing) return {};
    return Object.fromEntries(
      Array.from(existing.fields, ([field, stored]) => [field, decodeVersioned(stored, key, field)]),
    );
  }

  async deleteVersioned(key: string, field: string, expectedVersion: number): Promise<boolean> {
    this.checkOpen();
    checkVersion(expectedVersion, 'expectedVersion', true);
    const existing = this.hash(key);
    const stored = existing?.fields.get(field);
    if (!existing || stored === undefined || decodeVersioned(stored, key, field).version !== expectedVersion)
      return false;
    existing.fields.delete(field);
    // Redis removes a hash with its last field.
    if (existing.fields.size === 0) this.keys.delete(key);
    return true;
  }

  async ping(): Promise<void> {
    this.checkOpen();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
    this.seen.clear();
    this.keys.clear();
  }

  /** Drops every expired id and key now; returns how many were dropped. Runs on the sweep timer. */
  sweep(): number {
    const now = this.now();
    let dropped = 0;
    for (const [id, expiresAt] of this.seen) {
      if (expiresAt <= now) {
        this.seen.delete(id);
        dropped += 1;
      }
    }
    for (const [key, entry] of this.keys) {
      if (entry.kind === 'hash' && entry.expiresAt !== undefined && entry.expiresAt <= now) {
        this.keys.delete(key);
        dropped += 1;
      }
    }
    return dropped;
  }

  /** Entries held right now, expired-but-unswept ones included: for health metrics and tests. */
  stats(): { seenIds: number; keys: number } {
    return { seenIds: this.seen.size, keys: this.keys.size };
  }

  private checkOpen(): void {
    if (this.closed) throw new HotStateError('UNAVAILABLE', 'Memory hot state is closed');
  }

  /** The live entry under `key`, dropping it first if it has expired. */
  private entry(key: string): Entry | undefined {
    const entry = this.keys.get(key);
    if (entry?.kind === 'hash' && entry.expiresAt !== undefined && entry.expiresAt <= this.now()) {
      this.keys.delete(key);
      return undefined;
    }
    return entry;
  }

  private hash(key: string): Extract<Entry, { kind: 'hash' }> | undefined {
    const entry = this.entry(key);
    if (entry && entry.kind !== 'hash') throw wrongType(key);
    return entry;
  }

  /** 0 when the field is absent; rejects a key of another kind and a plain (unversioned) field. */
  private versionOf(key: string, field: string): number {
    const stored = this.hash(key)?.fields.get(field);
    return stored === undefined ? 0 : decodeVersioned(stored, key, field).version;
  }

  private writeField(key: string, field: string, stored: string): void {
    const existing = this.hash(key);
    if (existing) existing.fields.set(field, stored);
    else this.keys.set(key, { kind: 'hash', fields: new Map([[field, stored]]), expiresAt: undefined });
  }

  private readCountersNow(key: string): Record<string, number> {
    const existing = this.hash(key);
    return existing ? toCounters(existing.fields) : {};
  }
}

function toCounters(fields: ReadonlyMap<string, string>): Record<string, number> {
  // fromEntries, not assignment: a field named `__proto__` must stay a field.
  return Object.fromEntries(Array.from(fields, ([field, value]) => [field, Number(value)]));
}

function wrongType(key: string): HotStateError {
  return new HotStateError('WRONG_TYPE', `${WRONG_TYPE_MESSAGE} (${key})`);
}
