import type { HotState } from '@zhongshu/stream';
import type { LockoutPolicy } from './auth.settings';

const failuresKey = (username: string) => `auth:login-failures:${username}`;
const lockKey = (username: string) => `auth:login-lock:${username}`;

/**
 * Lock-out after repeated failed sign-ins, per username (known or not, so a lock-out reveals nothing
 * about which accounts exist). Counters live in hot state: shared by every API node with Redis; with the
 * in-process hot state a restart clears them. The window slides: each failure extends it.
 */
export class LoginThrottle {
  constructor(
    private readonly hotState: HotState,
    private readonly policy: LockoutPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the username may try again; 0 when it is not locked. */
  async lockedFor(username: string): Promise<number> {
    const lock = await this.hotState.readCounters(lockKey(username));
    const remainingMs = (lock.until ?? 0) - this.now();
    return remainingMs > 0 ? Math.ceil(remainingMs / 1000) : 0;
  }

  /** Counts a failure; returns the lock-out in seconds when this failure locked the username, else 0. */
  async recordFailure(username: string): Promise<number> {
    const { n } = await this.hotState.incrementCounters(failuresKey(username), { n: 1 }, this.policy.windowSeconds);
    if ((n ?? 0) < this.policy.maxFailures) return 0;
    await this.hotState.setCounters(
      lockKey(username),
      { until: this.now() + this.policy.lockoutSeconds * 1000 },
      this.policy.lockoutSeconds,
    );
    await this.hotState.deleteKey(failuresKey(username));
    return this.policy.lockoutSeconds;
  }

  async recordSuccess(username: string): Promise<void> {
    await this.hotState.deleteKey(failuresKey(username));
  }
}
