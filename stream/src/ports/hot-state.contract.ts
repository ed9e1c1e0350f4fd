import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HotState } from './hot-state.port';

/**
 * The behaviour every HotState must show, run against each implementation (memory in the unit tier,
 * the real Redis in the integration tier), so the embedded default and the scaled-out store cannot
 * drift apart. Test-only: not exported from the package index, because it imports vitest.
 *
 * Every test writes under its own random key/id prefix, so runs against a shared Redis never collide.
 */
export interface HotStateContractOptions {
  /**
   * Lets time pass for the expiry tests. Defaults to real waiting; an implementation with an
   * injectable clock can move the clock instead and keep its tier fast.
   */
  elapse?: (ms: number) => Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function hotStateContract(
  name: string,
  create: () => Promise<HotState>,
  /** Runs after each test, before `close()`: e.g. delete what the run wrote to a shared store. */
  cleanup?: (state: HotState) => Promise<void>,
  options: HotStateContractOptions = {},
): void {
  const elapse = options.elapse ?? sleep;

  describe(`HotState contract: ${name}`, () => {
    let state: HotState;
    /** Set only once `create` succeeded, so a failed create is reported alone, not followed by teardown noise. */
    let opened: HotState | undefined;
    let run: string;
    /** A key or id no other test (or parallel run) uses. */
    const k = (suffix: string) => `contract:${run}:${suffix}`;

    beforeEach(async () => {
      run = randomUUID();
      opened = undefined;
      state = opened = await create();
    });

    afterEach(async () => {
      if (!opened) return;
      try {
        await cleanup?.(opened);
      } finally {
        await opened.close();
      }
    });

    describe('dedupe window (markSeen / forgetSeen)', () => {
      it('reports an id as new the first time and as seen afterwards', async () => {
        expect(await state.markSeen([k('a'), k('b')], 60)).toEqual([true, true]);
        expect(await state.markSeen([k('a'), k('c')], 60)).toEqual([false, true]);
        expect(await state.markSeen([k('a'), k('b'), k('c')], 60)).toEqual([false, false, false]);
      });

      it('counts an id repeated within one call as new only once', async () => {
        expect(await state.markSeen([k('a'), k('b'), k('a'), k('a')], 60)).toEqual([true, true, false, false]);
      });

      it('answers an empty batch with an empty array', async () => {
        expect(await state.markSeen([], 60)).toEqual([]);
      });

      it('forgets ids after the TTL', async () => {
        expect(await state.markSeen([k('short')], 1)).toEqual([true]);
        expect(await state.markSeen([k('long')], 60)).toEqual([true]);
        await elapse(1_200);
        expect(await state.markSeen([k('short'), k('long')], 60)).toEqual([true, false]);
      });

      it('does not extend the window when a seen id arrives again', async () => {
        await state.markSeen([k('a')], 1);
        await elapse(600);
        expect(await state.markSeen([k('a')], 1)).toEqual([false]);
        await elapse(600);
        expect(await state.markSeen([k('a')], 1)).toEqual([true]);
      });

      it('makes forgotten ids new again and ignores unknown ones', async () => {
        await state.markSeen([k('a'), k('b')], 60);
        await state.forgetSeen([k('a'), k('never-seen')]);
        await state.forgetSeen([]);
        expect(await state.markSeen([k('a'), k('b')], 60)).toEqual([true, false]);
      });

      it('keeps ids apart from data keys of the same name', async () => {
        await state.markSeen([k('x')], 60);
        await state.putFields(k('x'), { f: 'v' });
        await state.deleteKey(k('x'));
        expect(await state.markSeen([k('x')], 60)).toEqual([false]);
        expect(await state.readFields(k('x'))).toEqual({});
      });

      it('rejects a TTL that is not a positive whole number of seconds', async () => {
        await expect(state.markSeen([k('a')], 0)).rejects.toThrow();
        await expect(state.markSeen([k('a')], 1.5)).rejects.toThrow();
        expect(await state.markSeen([k('a')], 60)).toEqual([true]);
      });

      it('lets exactly one of 50 concurrent calls claim the same id', async () => {
        const results = await Promise.all(Array.from({ length: 50 }, () => state.markSeen([k('race')], 60)));
        expect(results.filter(([isNew]) => isNew)).toHaveLength(1);
      });
    });

    describe('counters', () => {
      it('returns the hash after each increment and accumulates across calls', async () => {
        expect(await state.incrementCounters(k('c'), { hotline: 2, urban: 1 })).toEqual({ hotline: 2, urban: 1 });
        // The whole hash comes back, not only the fields just incremented: callers publish it as totals.
        expect(await state.incrementCounters(k('c'), { hotline: 3, safety: -1 })).toEqual({
          hotline: 5,
          urban: 1,
          safety: -1,
        });
        expect(await state.readCounters(k('c'))).toEqual({ hotline: 5, urban: 1, safety: -1 });
      });

      it('reads a missing key as no counters', async () => {
        expect(await state.readCounters(k('missing'))).toEqual({});
        expect(await state.incrementCounters(k('missing'), {})).toEqual({});
        expect(await state.readCounters(k('missing'))).toEqual({});
      });

      it('expires counters after the TTL; an increment without a TTL keeps the current one', async () => {
        await state.incrementCounters(k('ttl'), { a: 1 }, 1);
        await state.incrementCounters(k('ttl'), { a: 1 });
        await state.incrementCounters(k('no-ttl'), { a: 1 });
        await elapse(1_200);
        expect(await state.readCounters(k('ttl'))).toEqual({});
        expect(await state.incrementCounters(k('ttl'), { a: 1 })).toEqual({ a: 1 });
        expect(await state.readCounters(k('no-ttl'))).toEqual({ a: 1 });
      });

      it('restarts the TTL on each increment that gives one', async () => {
        await state.incrementCounters(k('c'), { a: 1 }, 1);
        await elapse(600);
        await state.incrementCounters(k('c'), { a: 1 }, 1);
        await elapse(600);
        expect(await state.readCounters(k('c'))).toEqual({ a: 2 });
      });

      it('rejects deltas that are not integers and changes nothing', async () => {
        await state.incrementCounters(k('c'), { a: 1 });
        await expect(state.incrementCounters(k('c'), { a: 1, b: 0.5 })).rejects.toThrow();
        await expect(state.incrementCounters(k('c'), { a: Number.NaN })).rejects.toThrow();
        expect(await state.readCounters(k('c'))).toEqual({ a: 1 });
      });

      it('replaces all counters with setCounters', async () => {
        await state.incrementCounters(k('c'), { a: 5, b: 7 });
        await state.setCounters(k('c'), { a: 1, c: 3 });
        expect(await state.readCounters(k('c'))).toEqual({ a: 1, c: 3 });
        expect(await state.incrementCounters(k('c'), { c: 1 })).toEqual({ a: 1, c: 4 });
        await state.setCounters(k('c'), {});
        expect(await state.readCounters(k('c'))).toEqual({});
      });

      it('expires counters set with a TTL', async () => {
        await state.setCounters(k('ttl'), { a: 1 }, 1);
        await state.setCounters(k('no-ttl'), { a: 1 });
        await elapse(1_200);
        expect(await state.readCounters(k('ttl'))).toEqual({});
        expect(await state.readCounters(k('no-ttl'))).toEqual({ a: 1 });
      });

      it('loses no increment under 100 concurrent calls', async () => {
        const totals = await Promise.all(
          Array.from({ length: 100 }, () => state.incrementCounters(k('race'), { n: 1 }, 60)),
        );
        expect(await state.readCounters(k('race'))).toEqual({ n: 100 });
        // Each call saw its own increment applied: the totals it returned are 1..100, once each.
        expect(totals.map((t) => t.n).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      });
    });

    describe('recent lists', () => {
      it('keeps the newest first, the first pushed item being the newest of its call', async () => {
        await state.pushRecent(k('feed'), ['a'], 10);
        await state.pushRecent(k('feed'), ['c', 'b'], 10);
        expect(await state.readRecent(k('feed'), 10)).toEqual(['c', 'b', 'a']);
      });

      it('trims to maxLength, dropping the oldest', async () => {
        await state.pushRecent(k('feed'), ['3', '2', '1'], 4);
        await state.pushRecent(k('feed'), ['5', '4'], 4);
        expect(await state.readRecent(k('feed'), 10)).toEqual(['5', '4', '3', '2']);
        await state.pushRecent(k('feed'), ['9', '8', '7', '6', '0'], 3);
        expect(await state.readRecent(k('feed'), 10)).toEqual(['9', '8', '7']);
      });

      it('reads at most count items, and nothing from a missing key', async () => {
        await state.pushRecent(k('feed'), ['c', 'b', 'a'], 10);
        expect(await state.readRecent(k('feed'), 2)).toEqual(['c', 'b']);
        expect(await state.readRecent(k('feed'), 0)).toEqual([]);
        expect(await state.readRecent(k('missing'), 5)).toEqual([]);
      });

      it('rejects a maxLength below 1', async () => {
        await expect(state.pushRecent(k('feed'), ['a'], 0)).rejects.toThrow();
        expect(await state.readRecent(k('feed'), 10)).toEqual([]);
      });
    });

    describe('fields and keys', () => {
      it('merges fields into a hash and reads them back', async () => {
        await state.putFields(k('device'), { status: 'online', battery: '80' });
        await state.putFields(k('device'), { battery: '79', rssi: '-60' });
        await state.putFields(k('device'), {});
        expect(await state.readFields(k('device'))).toEqual({ status: 'online', battery: '79', rssi: '-60' });
        expect(await state.readFields(k('missing'))).toEqual({});
      });

      it('deletes a key of any kind', async () => {
        await state.putFields(k('fields'), { a: '1' });
        await state.incrementCounters(k('counters'), { a: 1 });
        await state.pushRecent(k('feed'), ['a'], 10);
        for (const key of [k('fields'), k('counters'), k('feed'), k('missing')]) await state.deleteKey(key);
        expect(await state.readFields(k('fields'))).toEqual({});
        expect(await state.readCounters(k('counters'))).toEqual({});
        expect(await state.readRecent(k('feed'), 10)).toEqual([]);
      });

      it('returns snapshots that do not change the store when mutated', async () => {
        await state.putFields(k('fields'), { a: '1' });
        await state.pushRecent(k('feed'), ['a'], 10);
        (await state.readFields(k('fields'))).a = 'changed';
        (await state.readRecent(k('feed'), 10)).push('extra');
        expect(await state.readFields(k('fields'))).toEqual({ a: '1' });
        expect(await state.readRecent(k('feed'), 10)).toEqual(['a']);
      });

      it('rejects using a key as another kind of value than it holds', async () => {
        await state.pushRecent(k('feed'), ['a'], 10);
        await state.putFields(k('fields'), { a: '1' });
        await expect(state.incrementCounters(k('feed'), { a: 1 })).rejects.toThrow();
        await expect(state.readFields(k('feed'))).rejects.toThrow();
        await expect(state.pushRecent(k('fields'), ['b'], 10)).rejects.toThrow();
        await expect(state.readRecent(k('fields'), 10)).rejects.toThrow();
        expect(await state.readRecent(k('feed'), 10)).toEqual(['a']);
        expect(await state.readFields(k('fields'))).toEqual({ a: '1' });
      });
    });

    describe('versioned fields (compareAndSet / setIfNewer / deleteVersioned)', () => {
      const v = (version: number, value: string) => ({ version, value });

      it('creates a field only when absent (expected version 0) and reads it back with its version', async () => {
        expect(await state.compareAndSet(k('orders'), 'WO-1', 0, v(1, '{"a":1}'))).toEqual({ ok: true });
        expect(await state.compareAndSet(k('orders'), 'WO-1', 0, v(1, 'again'))).toEqual({
          ok: false,
          currentVersion: 1,
        });
        expect(await state.readVersioned(k('orders'), ['WO-1', 'WO-2'])).toEqual([v(1, '{"a":1}'), undefined]);
      });

      it('writes only over the expected version and reports the current one otherwise', async () => {
        await state.compareAndSet(k('orders'), 'WO-1', 0, v(1, 'one'));
        expect(await state.compareAndSet(k('orders'), 'WO-1', 1, v(2, 'two'))).toEqual({ ok: true });
        expect(await state.compareAndSet(k('orders'), 'WO-1', 1, v(2, 'stale'))).toEqual({
          ok: false,
          currentVersion: 2,
        });
        expect(await state.compareAndSet(k('orders'), 'WO-9', 3, v(4, 'x'))).toEqual({ ok: false, currentVersion: 0 });
        // A rollback may lower the version again, but only over the version it expects.
        expect(await state.compareAndSet(k('orders'), 'WO-1', 2, v(1, 'one'))).toEqual({ ok: true });
        expect(await state.readVersioned(k('orders'), ['WO-1'])).toEqual([v(1, 'one')]);
      });

      it('lets exactly one of 50 concurrent writers expecting the same version win', async () => {
        await state.compareAndSet(k('orders'), 'race', 0, v(1, 'start'));
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) => state.compareAndSet(k('orders'), 'race', 1, v(2, `writer-${i}`))),
        );
        const winners = results.flatMap((r, i) => (r.ok ? [i] : []));
        expect(winners).toHaveLength(1);
        expect(results.filter((r) => !r.ok)).toEqual(
          Array.from({ length: 49 }, () => ({ ok: false, currentVersion: 2 })),
        );
        expect(await state.readVersioned(k('orders'), ['race'])).toEqual([v(2, `writer-${winners[0]}`)]);
      });

      it('keeps values with colons, newlines and non-ASCII text intact', async () => {
        const value = '{"title":"长滨路路灯不亮","at":"09:30"}\n2:3:';
        await state.compareAndSet(k('orders'), 'WO-1', 0, v(12, value));
        expect(await state.readVersioned(k('orders'), ['WO-1'])).toEqual([v(12, value)]);
        expect(await state.readAllVersioned(k('orders'))).toEqual({ 'WO-1': v(12, value) });
      });

      it('sets a field only when it is absent or older', async () => {
        expect(await state.setIfNewer(k('open'), 'WO-1', v(3, 'three'))).toBe(true);
        expect(await state.setIfNewer(k('open'), 'WO-1', v(2, 'two'))).toBe(false);
        expect(await state.setIfNewer(k('open'), 'WO-1', v(3, 'three again'))).toBe(false);
        expect(await state.setIfNewer(k('open'), 'WO-1', v(5, 'five'))).toBe(true);
        expect(await state.setIfNewer(k('open'), 'WO-2', v(1, 'one'))).toBe(true);
        expect(await state.readAllVersioned(k('open'))).toEqual({ 'WO-1': v(5, 'five'), 'WO-2': v(1, 'one') });
        expect(await state.readAllVersioned(k('missing'))).toEqual({});
        expect(await state.readVersioned(k('missing'), [])).toEqual([]);
      });

      it('deletes a field only at the expected version', async () => {
        await state.setIfNewer(k('open'), 'WO-1', v(4, 'four'));
        expect(await state.deleteVersioned(k('open'), 'WO-1', 3)).toBe(false);
        expect(await state.deleteVersioned(k('open'), 'WO-2', 1)).toBe(false);
        expect(await state.readVersioned(k('open'), ['WO-1'])).toEqual([v(4, 'four')]);
        expect(await state.deleteVersioned(k('open'), 'WO-1', 4)).toBe(true);
        expect(await state.readVersioned(k('open'), ['WO-1'])).toEqual([undefined]);
        expect(await state.compareAndSet(k('open'), 'WO-1', 0, v(1, 'new'))).toEqual({ ok: true });
      });

      it('rejects versions that are not whole numbers, and a key of another kind', async () => {
        await expect(state.compareAndSet(k('orders'), 'a', 0, v(0, 'x'))).rejects.toThrow();
        await expect(state.compareAndSet(k('orders'), 'a', -1, v(1, 'x'))).rejects.toThrow();
        await expect(state.compareAndSet(k('orders'), 'a', 0, v(1.5, 'x'))).rejects.toThrow();
        await expect(state.setIfNewer(k('orders'), 'a', v(Number.NaN, 'x'))).rejects.toThrow();
        await expect(state.deleteVersioned(k('orders'), 'a', 0.5)).rejects.toThrow();
        expect(await state.readAllVersioned(k('orders'))).toEqual({});
        await state.pushRecent(k('feed'), ['a'], 10);
        await expect(state.compareAndSet(k('feed'), 'a', 0, v(1, 'x'))).rejects.toThrow();
        await expect(state.readVersioned(k('feed'), ['a'])).rejects.toThrow();
      });

      it('rejects a versioned read of a plain field', async () => {
        await state.putFields(k('plain'), { a: 'not versioned' });
        await expect(state.readVersioned(k('plain'), ['a'])).rejects.toThrow();
        await expect(state.compareAndSet(k('plain'), 'a', 0, v(1, 'x'))).rejects.toThrow();
        expect(await state.readFields(k('plain'))).toEqual({ a: 'not versioned' });
      });

      it('is removed with its key', async () => {
        await state.compareAndSet(k('orders'), 'WO-1', 0, v(1, 'one'));
        await state.deleteKey(k('orders'));
        expect(await state.readAllVersioned(k('orders'))).toEqual({});
      });
    });

    describe('lifecycle', () => {
      it('answers ping while open', async () => {
        await expect(state.ping()).resolves.toBeUndefined();
      });

      it('rejects calls after close, and closing twice is harmless', async () => {
        await state.close();
        await expect(state.ping()).rejects.toThrow();
        await expect(state.markSeen([k('a')], 60)).rejects.toThrow();
        await expect(state.close()).resolves.toBeUndefined();
      });
    });
  });
}
