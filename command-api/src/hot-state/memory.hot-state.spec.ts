import { afterEach, describe, expect, it, vi } from 'vitest';
import { hotStateContract } from '../../../stream/src/ports/hot-state.contract';
import { HotStateError } from './hot-state.errors';
import { MemoryHotState } from './memory.hot-state';

// The contract's expiry tests move this clock instead of sleeping, so the unit tier stays fast.
let clock = Date.now();
hotStateContract('memory', async () => new MemoryHotState({ now: () => clock }), undefined, {
  elapse: async (ms: number) => {
    clock += ms;
  },
});

describe('MemoryHotState', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('handles a dedupe window of 200k ids cheaply and sweeps them out once expired', async () => {
    let now = 0;
    const state = new MemoryHotState({ now: () => now });
    const ids = Array.from({ length: 200_000 }, (_, i) => `event-${i}`);
    const started = performance.now();
    const first = await state.markSeen(ids, 60);
    const again = await state.markSeen(ids, 60);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(first.every(Boolean)).toBe(true);
    expect(again.some(Boolean)).toBe(false);
    expect(state.stats().seenIds).toBe(200_000);

    now += 61_000;
    expect(state.sweep()).toBe(200_000);
    expect(state.stats().seenIds).toBe(0);
    await state.close();
  });

  it('sweeps expired ids and counters on its own timer, without anyone reading them', async () => {
    vi.useFakeTimers();
    const state = new MemoryHotState({ sweepIntervalMs: 1_000 });
    await state.markSeen(['a', 'b'], 1);
    await state.incrementCounters('day', { hotline: 1 }, 1);
    await state.putFields('device', { status: 'online' });
    expect(state.stats()).toEqual({ seenIds: 2, keys: 2 });

    vi.advanceTimersByTime(2_100);
    // Keys without a TTL stay; everything that expired is gone.
    expect(state.stats()).toEqual({ seenIds: 0, keys: 1 });
    await state.close();
  });

  it('stops its sweep timer on close', async () => {
    vi.useFakeTimers();
    const state = new MemoryHotState({ sweepIntervalMs: 1_000 });
    expect(vi.getTimerCount()).toBe(1);
    await state.close();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects with typed error codes', async () => {
    const state = new MemoryHotState();
    await state.pushRecent('feed', ['a'], 10);
    await state.putFields('device', { status: 'online' });
    await expect(state.markSeen(['a'], 0)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(state.incrementCounters('feed', { a: 1 })).rejects.toMatchObject({ code: 'WRONG_TYPE' });
    await expect(state.incrementCounters('device', { status: 1 })).rejects.toMatchObject({ code: 'REJECTED' });
    await state.close();
    await expect(state.ping()).rejects.toBeInstanceOf(HotStateError);
    await expect(state.ping()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
