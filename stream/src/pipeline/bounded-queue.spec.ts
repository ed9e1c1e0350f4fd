import { describe, expect, it } from 'vitest';
import { BoundedQueue } from './bounded-queue';

describe('BoundedQueue', () => {
  it('refuses a batch that does not fit, whole', () => {
    const queue = new BoundedQueue<number>(3);
    expect(queue.offer([1, 2])).toBe(true);
    expect(queue.offer([3, 4])).toBe(false);
    expect(queue.size).toBe(2);
  });

  it('hands out at most max items in order and waits for the first one', async () => {
    const queue = new BoundedQueue<number>(10);
    const taken = queue.take(2, 0, new AbortController().signal);
    queue.offer([1, 2, 3]);
    expect(await taken).toEqual([1, 2]);
    expect(await queue.take(5, 0, new AbortController().signal)).toEqual([3]);
  });

  it('lingers for a fuller batch, but not beyond the linger time', async () => {
    const queue = new BoundedQueue<number>(10);
    queue.offer([1]);
    setTimeout(() => queue.offer([2]), 5);
    expect(await queue.take(5, 50, new AbortController().signal)).toEqual([1, 2]);
  });

  it('returns an empty batch when aborted while empty', async () => {
    const queue = new BoundedQueue<number>(10);
    const controller = new AbortController();
    const taken = queue.take(5, 0, controller.signal);
    controller.abort();
    expect(await taken).toEqual([]);
  });
});
