import type { CompareAndSetResult, HotState, Versioned } from '@zhongshu/stream';
import { Redis, type RedisOptions } from 'ioredis';
import { checkCount, checkIntegers, checkMaxLength, checkTtl, checkVersion, HotStateError } from './hot-state.errors';
import { VERSIONED_SCRIPTS, type VersionedCommands } from './redis.versioned-scripts';
import { decodeVersioned, encodeVersioned } from './versioned-field';

/**
 * Hot state on Redis, for when a district outgrows one process: every API and stream node sees the
 * same dedupe window, counters and feeds. Each operation is one round trip and atomic on its own:
 * - markSeen: one `SET <prefix>seen:<id> 1 NX EX ttl` per id, pipelined. A key per id (rather than a
 *   set) gives every id its own expiry, and NX makes "first writer wins" hold across nodes.
 * - counters: HINCRBY per field + EXPIRE + HGETALL in one MULTI, so the totals returned are the hash
 *   right after this increment, never a mix with a concurrent one.
 * - recent: LPUSH + LTRIM in one MULTI (items pushed last-to-first, so the first item ends up newest).
 * - versioned fields: one Lua script per call (compare and write in the server, so of several API nodes
 *   expecting the same version exactly one wins); see redis.versioned-scripts.ts.
 * Data keys live under `<prefix>k:` and dedupe ids under `<prefix>seen:`, so an event id cannot clash
 * with a data key, and one SCAN for `<prefix>*` finds everything a tenant or a test run wrote.
 *
 * Failure policy — fail fast, never replay:
 * - `enableOfflineQueue: false`: while disconnected, calls reject at once instead of queueing without
 *   bound; the pipeline does not acknowledge its source and redelivery retries later.
 * - `maxRetriesPerRequest: 0` and `autoResendUnfulfilledCommands: false`: a command in flight when the
 *   connection drops rejects and is not resent after reconnecting. Resending is unsafe here: a
 *   replayed HINCRBY counts twice and a replayed `SET NX` answers "seen" for the id it just set,
 *   which would drop a new event as a duplicate.
 * - `connectTimeout`/`commandTimeout`, and an overall deadline on the first connect (a server that
 *   accepts TCP but never answers would otherwise hang the boot), so nothing waits forever.
 * Every failure surfaces as a `HotStateError` naming the server (password masked).
 */
export interface RedisHotStateOptions {
  /** Deadline for the first connection (TCP + handshake). Default 5 s. */
  connectTimeoutMs?: number;
  /** Deadline for any single command. Default 5 s. */
  commandTimeoutMs?: number;
  /** Shown by CLIENT LIST, so operators can tell this connection apart. Default `zhongshu:hot-state`. */
  connectionName?: string;
}

const DEFAULT_PREFIX = 'zs:';

export class RedisHotState implements HotState {
  private readonly client: Redis;
  /** Whether this object created the connection, and so must close it. */
  private readonly owned: boolean;
  private readonly target: string;
  /** Resolves once the connection is usable; every call waits on it. */
  private readonly ready: Promise<void>;
  private lastError: Error | undefined;
  /** Reconnecting is for a connection that worked once; a failed first connect just fails. */
  private wasReady = false;
  private closed = false;

  /**
   * With a URL, connects (in the background) a client configured for fail-fast; prefer the `connect`
   * factory, which waits for it. With an existing client, uses it as configured and leaves closing it
   * to its owner: `close()` then only stops this object from using it.
   */
  constructor(
    clientOrUrl: Redis | string,
    private readonly prefix: string = DEFAULT_PREFIX,
    options: RedisHotStateOptions = {},
  ) {
    if (typeof clientOrUrl === 'string') {
      this.target = maskUrl(clientOrUrl);
      this.owned = true;
      this.client = new Redis(clientOrUrl, {
        ...failFastOptions(options),
        retryStrategy: (attempt) => (this.wasReady ? backoffMs(attempt) : null),
      });
      this.client.once('ready', () => {
        this.wasReady = true;
      });
      // Without a listener ioredis prints every reconnect error; keep the last one for messages.
      this.client.on('error', (error: Error) => {
        this.lastError = error;
      });
      this.ready = this.open(options.connectTimeoutMs ?? 5_000);
      // Calls surface a failed connect; this branch only keeps an unused rejection from crashing Node.
      this.ready.catch(() => undefined);
    } else {
      this.client = clientOrUrl;
      this.owned = false;
      this.target = `redis://${clientOrUrl.options.host ?? 'localhost'}:${clientOrUrl.options.port ?? 6379}`;
      this.ready = Promise.resolve();
    }
    for (const [name, lua] of Object.entries(VERSIONED_SCRIPTS)) {
      this.client.defineCommand(name, { numberOfKeys: 1, lua });
    }
  }

  /** Connects and checks the server answers; rejects with a clear message (and leaves nothing running) if not. */
  static async connect(
    url: string,
    prefix: string = DEFAULT_PREFIX,
    options: RedisHotStateOptions = {},
  ): Promise<RedisHotState> {
    const state = new RedisHotState(url, prefix, options);
    await state.ready;
    return state;
  }

  async markSeen(ids: readonly string[], ttlSeconds: number): Promise<boolean[]> {
    checkTtl(ttlSeconds);
    if (ids.length === 0) return this.run('markSeen', async () => []);
    return this.run('markSeen', async () => {
      const pipeline = this.client.pipeline();
      for (const id of ids) pipeline.set(this.seenKey(id), '1', 'EX', ttlSeconds, 'NX');
      return replies(await pipeline.exec()).map((reply) => reply === 'OK');
    });
  }

  async forgetSeen(ids: readonly string[]): Promise<void> {
    await this.run('forgetSeen', async () => {
      // Bounded argument lists: one DEL with a million keys would block the server for a while.
      for (let i = 0; i < ids.length; i += 1_000) {
        await this.client.del(...ids.slice(i, i + 1_000).map((id) => this.seenKey(id)));
      }
    });
  }

  async incrementCounters(
    key: string,
    deltas: Readonly<Record<string, number>>,
    ttlSeconds?: number,
  ): Promise<Record<string, number>> {
    const entries = checkIntegers(deltas, 'deltas');
    if (ttlSeconds !== undefined) checkTtl(ttlSeconds);
    if (entries.length === 0) return this.readCounters(key);
    return this.run('incrementCounters', async () => {
      const k = this.dataKey(key);
      const multi = this.client.multi();
      for (const [field, delta] of entries) multi.hincrby(k, field, delta);
      if (ttlSeconds !== undefined) multi.expire(k, ttlSeconds);
      multi.hgetall(k);
      const results = replies(await multi.exec());
      return toCounters(results[results.length - 1] as Record<string, string>);
    });
  }

  async readCounters(key: string): Promise<Record<string, number>> {
    return this.run('readCounters', async () => toCounters(await this.client.hgetall(this.dataKey(key))));
  }

  async setCounters(key: string, values: Readonly<Record<string, number>>, ttlSeconds?: number): Promise<void> {
    const entries = checkIntegers(values, 'values');
    if (ttlSeconds !== undefined) checkTtl(ttlSeconds);
    await this.run('setCounters', async () => {
      const k = this.dataKey(key);
      const multi = this.client.multi().del(k);
      if (entries.length > 0) {
        multi.hset(k, Object.fromEntries(entries));
        if (ttlSeconds !== undefined) multi.expire(k, ttlSeconds);
      }
      replies(await multi.exec());
    });
  }

  async pushRecent(key: string, items: readonly string[], maxLength: number): Promise<void> {
    checkMaxLength(maxLength);
    await this.run('pushRecent', async () => {
      const k = this.dataKey(key);
      const multi = this.client.multi();
      // LPUSH a b c leaves c at the head, so push reversed to make items[0] the newest. Items past
      // maxLength would be trimmed at once, so they are not sent.
      const kept = items.slice(0, maxLength).reverse();
      if (kept.length > 0) multi.lpush(k, ...kept);
      multi.ltrim(k, 0, maxLength - 1);
      replies(await multi.exec());
    });
  }

  async readRecent(key: string, count: number): Promise<string[]> {
    checkCount(count);
    return this.run('readRecent', async () => {
      // LRANGE 0 -1 would return the whole list, so a zero count still asks for a one-element range
      // (which also checks the key's type, as the memory side does) and returns nothing.
      const items = await this.client.lrange(this.dataKey(key), 0, Math.max(count, 1) - 1);
      return count === 0 ? [] : items;
    });
  }

  async putFields(key: string, fields: Readonly<Record<string, string>>): Promise<void> {
    // Redis has no empty HSET.
    if (Object.keys(fields).length === 0) return this.run('putFields', async () => undefined);
    await this.run('putFields', async () => {
      await this.client.hset(this.dataKey(key), fields);
    });
  }

  async readFields(key: string): Promise<Record<string, string>> {
    return this.run('readFields', async () => this.client.hgetall(this.dataKey(key)));
  }

  async deleteKey(key: string): Promise<void> {
    await this.run('deleteKey', async () => {
      await this.client.del(this.dataKey(key));
    });
  }

  async compareAndSet(
    key: string,
    field: string,
    expectedVersion: number,
    next: Versioned,
  ): Promise<CompareAndSetResult> {
    checkVersion(expectedVersion, 'expectedVersion', true);
    checkVersion(next.version, 'version');
    return this.run('compareAndSet', async () => {
      const current = await this.scripts().zsCompareAndSet(
        this.dataKey(key),
        field,
        expectedVersion,
        encodeVersioned(next),
      );
      return current < 0 ? { ok: true } : { ok: false, currentVersion: current };
    });
  }

  async setIfNewer(key: string, field: string, next: Versioned): Promise<boolean> {
    checkVersion(next.version, 'version');
    return this.run('setIfNewer', async () => {
      const written = await this.scripts().zsSetIfNewer(this.dataKey(key), field, next.version, encodeVersioned(next));
      return written === 1;
    });
  }

  async readVersioned(key: string, fields: readonly string[]): Promise<Array<Versioned | undefined>> {
    if (fields.length === 0) return this.run('readVersioned', async () => []);
    return this.run('readVersioned', async () => {
      const stored = await this.client.hmget(this.dataKey(key), ...fields);
      return stored.map((value, i) => (value === null ? undefined : decodeVersioned(value, key, fields[i])));
    });
  }

  async readAllVersioned(key: string): Promise<Record<string, Versioned>> {
    return this.run('readAllVersioned', async () => {
      const stored = await this.client.hgetall(this.dataKey(key));
      return Object.fromEntries(
        Object.entries(stored).map(([field, value]) => [field, decodeVersioned(value, key, field)]),
      );
    });
  }

  async deleteVersioned(key: string, field: string, expectedVersion: number): Promise<boolean> {
    checkVersion(expectedVersion, 'expectedVersion', true);
    return this.run('deleteVersioned', async () => {
      const deleted = await this.scripts().zsDeleteVersioned(this.dataKey(key), field, expectedVersion);
      return deleted === 1;
    });
  }

  async ping(): Promise<void> {
    await this.run('ping', async () => {
      await this.client.ping();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.owned) return;
    try {
      await this.ready;
    } catch {
      return; // never connected; open() already disconnected
    }
    if (this.client.status === 'end') return;
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }

  private scripts(): VersionedCommands {
    return this.client as unknown as VersionedCommands;
  }

  private seenKey(id: string): string {
    return `${this.prefix}seen:${id}`;
  }

  private dataKey(key: string): string {
    return `${this.prefix}k:${key}`;
  }

  private async open(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.client.connect(), deadline]);
    } catch (error) {
      // A refused connection has already ended (no retry before the first ready); one that hangs
      // is still open and must be dropped, so nothing keeps running after the rejection.
      if (this.client.status !== 'end') this.client.disconnect();
      const cause = this.lastError ?? error;
      const message = `Redis hot state at ${this.target} is not reachable: ${messageOf(cause)}`;
      throw new HotStateError('UNAVAILABLE', message, { cause });
    } finally {
      clearTimeout(timer);
    }
  }

  private async run<T>(operation: string, call: () => Promise<T>): Promise<T> {
    if (this.closed) throw new HotStateError('UNAVAILABLE', `Redis hot state at ${this.target} is closed`);
    await this.ready;
    try {
      return await call();
    } catch (error) {
      throw this.translate(operation, error);
    }
  }

  private translate(operation: string, error: unknown): HotStateError {
    if (error instanceof HotStateError) return error;
    const message = messageOf(error);
    // ReplyError: the server answered, and said no.
    if (error instanceof Error && error.name === 'ReplyError') {
      const code = message.startsWith('WRONGTYPE') ? 'WRONG_TYPE' : 'REJECTED';
      return new HotStateError(code, `Redis hot state ${operation}: ${message}`, { cause: error });
    }
    // ioredis's own wording ("Stream isn't writeable…") does not say the link is down; the status helps.
    return new HotStateError(
      'UNAVAILABLE',
      `Redis hot state at ${this.target} failed during ${operation} (connection ${this.client.status}): ${message}`,
      { cause: error },
    );
  }
}

function failFastOptions(options: RedisHotStateOptions): RedisOptions {
  return {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    connectTimeout: options.connectTimeoutMs ?? 5_000,
    commandTimeout: options.commandTimeoutMs ?? 5_000,
    connectionName: options.connectionName ?? 'zhongshu:hot-state',
  };
}

/** Exponential from 200 ms, capped at 5 s, with jitter so API nodes do not reconnect in lockstep. */
function backoffMs(attempt: number): number {
  return Math.min(100 * 2 ** Math.min(attempt, 6), 5_000) + Math.floor(Math.random() * 200);
}

/** Pipeline/MULTI replies, throwing the first per-command error instead of returning it. */
function replies(results: Array<[error: Error | null, result: unknown]> | null): unknown[] {
  if (results === null) throw new Error('transaction aborted');
  return results.map(([error, result]) => {
    if (error) throw error;
    return result;
  });
}

function toCounters(fields: Record<string, string>): Record<string, number> {
  return Object.fromEntries(Object.entries(fields).map(([field, value]) => [field, Number(value)]));
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0]);
  return error instanceof Error ? error.message || error.name : String(error);
}

/** The URL as safe to log: the password never appears in an error message. */
function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable Redis URL)';
  }
}
