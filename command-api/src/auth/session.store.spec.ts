import { afterEach, describe, expect, it } from 'vitest';
import { MemoryHotState } from '../hot-state/memory.hot-state';
import { SessionStore } from './session.store';

let now = Date.parse('2026-11-21T01:00:00Z');
const states: MemoryHotState[] = [];
function store(ttlSeconds = 3600) {
  const hotState = new MemoryHotState({ now: () => now });
  states.push(hotState);
  return new SessionStore(hotState, ttlSeconds, () => now);
}
afterEach(async () => {
  await Promise.all(states.splice(0).map((state) => state.close()));
});

describe('SessionStore', () => {
  it('starts an active session at generation 1', async () => {
    const sessions = store();
    const session = await sessions.start('u-1');
    expect(session.generation).toBe(1);
    expect(await sessions.isActive(session)).toBe(true);
  });

  it('rotates: each refresh token works once, and a second use ends the whole session', async () => {
    const sessions = store();
    const session = await sessions.start('u-1');
    expect(await sessions.rotate(session, 1)).toEqual({ ok: true, generation: 2 });
    expect(await sessions.rotate(session, 2)).toEqual({ ok: true, generation: 3 });
    expect(await sessions.rotate(session, 1)).toEqual({ ok: false, reason: 'reused' });
    expect(await sessions.isActive(session)).toBe(false);
    expect(await sessions.rotate(session, 3)).toEqual({ ok: false, reason: 'revoked' });
  });

  it('lets exactly one of two concurrent uses of the same refresh token through', async () => {
    const sessions = store();
    const session = await sessions.start('u-1');
    const results = await Promise.all([sessions.rotate(session, 1), sessions.rotate(session, 1)]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  });

  it('ends a session on logout', async () => {
    const sessions = store();
    const session = await sessions.start('u-1');
    await sessions.revoke(session.sessionId);
    expect(await sessions.isActive(session)).toBe(false);
    expect((await sessions.rotate(session, 1)).ok).toBe(false);
  });

  it('ends every earlier session of a user at once (disabled, new password), but not later ones', async () => {
    const sessions = store();
    const first = await sessions.start('u-1');
    const other = await sessions.start('u-2');
    now += 1;
    await sessions.endAllFor('u-1');
    now += 1;
    const later = await sessions.start('u-1');
    expect(await sessions.isActive(first)).toBe(false);
    expect(await sessions.rotate(first, 1)).toEqual({ ok: false, reason: 'ended' });
    expect(await sessions.isActive(later)).toBe(true);
    expect(await sessions.isActive(other)).toBe(true);
  });

  it('forgets an idle session after its lifetime', async () => {
    const sessions = store(60);
    const session = await sessions.start('u-1');
    now += 61_000;
    expect(await sessions.isActive(session)).toBe(false);
  });

  it('does not know sessions of another hot state (a restart of the in-process one)', async () => {
    const session = await store().start('u-1');
    expect(await store().isActive(session)).toBe(false);
  });
});
