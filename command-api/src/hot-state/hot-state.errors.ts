/**
 * One error type for both hot-state implementations, so callers (and the edge that maps errors to
 * HTTP/WebSocket) see the same codes whether the process runs on memory or on Redis. Arguments are
 * checked before anything is sent, so a bad call fails the same way on both sides instead of
 * surfacing as a Redis syntax error in production only.
 */
export type HotStateErrorCode =
  /** A caller bug: a TTL, delta, length or count the store cannot honour. */
  | 'INVALID_ARGUMENT'
  /** The key holds another kind of value (counters/fields hash vs recent list), like Redis WRONGTYPE. */
  | 'WRONG_TYPE'
  /** The store refused the command for another reason (e.g. a hash field that is not an integer). */
  | 'REJECTED'
  /** Unreachable, timed out or closed: the outcome of a write that was in flight is unknown. */
  | 'UNAVAILABLE';

export class HotStateError extends Error {
  override readonly name = 'HotStateError';

  constructor(
    readonly code: HotStateErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const WRONG_TYPE_MESSAGE = 'WRONGTYPE Operation against a key holding the wrong kind of value';

function invalid(message: string): HotStateError {
  return new HotStateError('INVALID_ARGUMENT', message);
}

/** Redis expiries (`EX`) take whole seconds greater than zero. */
export function checkTtl(ttlSeconds: number): void {
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw invalid(`ttlSeconds must be a positive whole number of seconds, got ${ttlSeconds}`);
  }
}

/** Counters are 64-bit integers in Redis; JavaScript numbers are exact only up to 2^53. */
export function checkIntegers(values: Readonly<Record<string, number>>, what: string): Array<[string, number]> {
  const entries = Object.entries(values);
  for (const [field, value] of entries) {
    if (!Number.isSafeInteger(value)) throw invalid(`${what} must be safe integers, got ${field}=${value}`);
  }
  return entries;
}

export function checkMaxLength(maxLength: number): void {
  // LTRIM 0 -1 keeps everything, so a zero length would silently disable the bound.
  if (!Number.isSafeInteger(maxLength) || maxLength < 1) {
    throw invalid(`maxLength must be a whole number of at least 1, got ${maxLength}`);
  }
}

export function checkCount(count: number): void {
  // LRANGE 0 -1 returns the whole list, so a zero count needs its own path, not count - 1.
  if (!Number.isSafeInteger(count) || count < 0) {
    throw invalid(`count must be a whole number of at least 0, got ${count}`);
  }
}

/** Versions are positive whole numbers; an expected version may be 0 ("the field is absent"). */
export function checkVersion(version: number, what: string, allowZero = false): void {
  if (!Number.isSafeInteger(version) || version < (allowZero ? 0 : 1)) {
    throw invalid(`${what} must be a whole number of at least ${allowZero ? 0 : 1}, got ${version}`);
  }
}
