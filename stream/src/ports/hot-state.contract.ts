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
