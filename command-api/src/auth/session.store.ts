import { randomUUID } from 'node:crypto';
import type { HotState } from '@zhongshu/stream';
import type { SessionRef } from './token.service';

const sessionKey = (sessionId: string) => `auth:session:${sessionId}`;
const userCutKey = (userId: string) => `auth:user-cut:${userId}`;

export type RotateResult = { ok: true; generation: number } | { ok: false; reason: 'revoked' | 'reused' | 'ended' };

/**
 * Sessions in hot state, so every API node sees a logout at once. A session is two integers under one
 * key, `gen` (which refresh token is current) and `revoked`, expiring `ttlSeconds` after its last use.
 *
 * Rotation is one atomic increment: the caller holding generation g expects g + 1 back. Anything else
 * means the token was already used (a replay, or a stolen copy racing the owner), and the whole session
 * is revoked, as OAuth refresh-token rotation recommends.
 *
 * With the in-process hot state a restart forgets every session: users sign in again (access tokens die
 * with their session, even before they expire). With Redis sessions survive restarts and are shared.
 */
export class SessionStore {
  constructor(
    private readonly hotState: HotState,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  async start(userId: string): Promise<SessionRef & { generation: number }> {
    const sessionId = randomUUID();
    await this.hotState.setCounters(sessionKey(sessionId), { gen: 1, revoked: 0 }, this.ttlSeconds);
    return { userId, sessionId, sessionStart: this.now(), generation: 1 };
  }

  async rotate(ref: SessionRef, generation: number): Promise<RotateResult> {
    if (await this.cutAfter(ref)) return { ok: false, reason: 'ended' };
    const after = await this.hotState.incrementCounters(sessionKey(ref.sessionId), { gen: 1 }, this.ttlSeconds);
    if (after.revoked) return { ok: false, reason: 'revoked' };
    if (after.gen !== generation + 1) {
      await this.revoke(ref.sessionId);
      return { ok: false, reason: 'reused' };
    }
    return { ok: true, generation: after.gen };
  }

  /** Whether tokens of this session are still good: it exists, is not revoked and no user-wide cut ended it. */
  async isActive(ref: SessionRef): Promise<boolean> {
    const [session, cut] = await Promise.all([
      this.hotState.readCounters(sessionKey(ref.sessionId)),
      this.hotState.readCounters(userCutKey(ref.userId)),
    ]);
    if (!session.gen || session.revoked) return false;
    return !(cut.at !== undefined && cut.at >= ref.sessionStart);
  }

  async revoke(sessionId: string): Promise<void> {
    await this.hotState.incrementCounters(sessionKey(sessionId), { revoked: 1 }, this.ttlSeconds);
  }

  /** Ends every session of the user that began until now (disabled account, new password, new role). */
  async endAllFor(userId: string): Promise<void> {
    await this.hotState.setCounters(userCutKey(userId), { at: this.now() }, this.ttlSeconds);
  }

  private async cutAfter(ref: SessionRef): Promise<boolean> {
    const cut = await this.hotState.readCounters(userCutKey(ref.userId));
    return cut.at !== undefined && cut.at >= ref.sessionStart;
  }
}
