import { afterEach, describe, expect, it } from 'vitest';
import { MemoryHotState } from '../hot-state/memory.hot-state';
import { LoginThrottle } from './login-throttle';

let now = 0;
const states: MemoryHotState[] = [];
function throttle() {
  const hotState = new MemoryHotState({ now: () => now });
  states.push(hotState);
  return new LoginThrottle(hotState, { maxFailures: 3, windowSeconds: 60, lockoutSeconds: 300 }, () => now);
}
afterEach(async () => {
  await Promise.all(states.splice(0).map((state) => state.close()));
});

describe('LoginThrottle', () => {
  it('locks a username on the Nth failure, for the lock-out time, and then lets it try again', async () => {
    const t = throttle();
    expect(await t.recordFailure('dispatcher')).toBe(0);
    expect(await t.recordFailure('dispatcher')).toBe(0);
    expect(await t.lockedFor('dispatcher')).toBe(0);
    expect(await t.recordFailure('dispatcher')).toBe(300);
    expect(await t.lockedFor('dispatcher')).toBe(300);
    now += 200_000;
    expect(await t.lockedFor('dispatcher')).toBe(100);
    now += 100_001;
    expect(await t.lockedFor('dispatcher')).toBe(0);
    // The count started over: one more failure does not lock again.
    expect(await t.recordFailure('dispatcher')).toBe(0);
  });

  it('counts usernames apart, known or not', async () => {
    const t = throttle();
    for (let i = 0; i < 3; i++) await t.recordFailure('nobody-here');
    expect(await t.lockedFor('nobody-here')).toBeGreaterThan(0);
    expect(await t.lockedFor('dispatcher')).toBe(0);
  });

  it('forgets failures after the window and after a success', async () => {
    const t = throttle();
    await t.recordFailure('leader');
    await t.recordFailure('leader');
    now += 61_000;
    expect(await t.recordFailure('leader')).toBe(0);
    await t.recordFailure('leader');
    await t.recordSuccess('leader');
    expect(await t.recordFailure('leader')).toBe(0);
  });
});
