import { OFF_THE_WALL_STATUSES, type LiveOrder } from '@zhongshu/stream/contracts';
import { describe, expect, it } from 'vitest';
import { OpenOrders } from './open-orders';

const order = (id: string, patch: Partial<LiveOrder> = {}): LiveOrder => ({
  id,
  version: 1,
  kind: 'single',
  status: 'dispatched',
  warning: 'none',
  title: `order ${id}`,
  category: 'general',
  urgency: 'normal',
  updatedAt: '2026-11-22T08:00:00.000Z',
  ...patch,
});

describe('OpenOrders (the wall map’s open work orders)', () => {
  it('replaces on snapshot, merges deltas by id and ignores a late older version', () => {
    const open = new OpenOrders();
    open.apply('snapshot', [order('a'), order('b')]);
    open.apply('delta', [order('a', { version: 3, warning: 'red' })]);
    const after = open.apply('delta', [order('a', { version: 2, warning: 'yellow' })]);
    expect(after.map((o) => [o.id, o.warning])).toEqual([
      ['a', 'red'],
      ['b', 'none'],
    ]);
    expect(open.apply('snapshot', [order('c')]).map((o) => o.id)).toEqual(['c']);
  });

  it('drops every status the live contract says leaves the wall', () => {
    const open = new OpenOrders();
    open.apply(
      'snapshot',
      OFF_THE_WALL_STATUSES.map((_, i) => order(`o${i}`)),
    );
    const after = open.apply(
      'delta',
      OFF_THE_WALL_STATUSES.map((status, i) => order(`o${i}`, { version: 2, status })),
    );
    expect(after).toEqual([]);
    expect(open.size).toBe(0);
  });

  it('stays bounded when orders are never closed, keeping the most urgent and most recently changed', () => {
    const open = new OpenOrders(100);
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 8, minute)).toISOString();
    const red = order('red', { warning: 'red', updatedAt: at(0) });
    open.apply('delta', [red]);
    for (let batch = 0; batch < 50; batch++) {
      open.apply(
        'delta',
        Array.from({ length: 40 }, (_, i) => order(`n${batch}-${i}`, { updatedAt: at(batch + 1) })),
      );
    }
    const fresh = order('fresh', { updatedAt: at(59) });
    const held = open.apply('delta', [fresh]);
    expect(open.size).toBe(100);
    expect(held).toHaveLength(100);
    expect(held.slice(0, 2).map((o) => o.id)).toEqual(['red', 'fresh']);
    // The rest are the newest calm ones: the last batches (40 + 40 + 18).
    expect(
      held.slice(2).every((o) => o.id.startsWith('n49-') || o.id.startsWith('n48-') || o.id.startsWith('n47-')),
    ).toBe(true);
    // A forgotten order comes back with its next change.
    expect(open.apply('delta', [order('n0-0', { version: 2, updatedAt: at(60) })])[1].id).toBe('n0-0');
  });
});
