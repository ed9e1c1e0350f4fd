import { BackpressureError, EVENT_TYPES, exampleEvent, type ItemResult } from '@zhongshu/stream';
import { describe, expect, it } from 'vitest';
import type { IngestSink } from '../shared/ingest-sink';
import { DurableAckBatcher, type AckItem } from './durable-ack.batcher';
import { MemoryIngestSink } from '../shared/memory-ingest.sink';

const options = { origin: 'mqtt', maxBatch: 3, lingerMs: 5, retryDelayMs: 5, maxRetryDelayMs: 20 };
const event = (n: number) => exampleEvent(EVENT_TYPES.deviceTelemetry, { id: `e-${n}` });

function item(n: number, settled: number[], results: ItemResult[][] = []): AckItem {
  return {
    events: [event(n)],
    settle: (r) => {
      settled.push(n);
      results.push(r);
    },
  };
}

describe('DurableAckBatcher', () => {
  it('submits by size and by linger, settling each item with its own results', async () => {
    const sink = new MemoryIngestSink();
    const batcher = new DurableAckBatcher(sink, options);
    const settled: number[] = [];
    const results: ItemResult[][] = [];
    for (let n = 0; n < 4; n++) batcher.add(item(n, settled, results));
    expect(batcher.pending).toBe(4);
    await expect(batcher.drain(1000)).resolves.toBe(true);
    expect(sink.submitCalls).toBe(2); // 3 by size + 1 after the linger
    expect(settled).toEqual([0, 1, 2, 3]);
    expect(results.map((r) => r.map((x) => x.id))).toEqual([['e-0'], ['e-1'], ['e-2'], ['e-3']]);
    expect(batcher.pending).toBe(0);
  });

  it('counts an item out before its settle runs', async () => {
    const batcher = new DurableAckBatcher(new MemoryIngestSink(), options);
    const seen: number[] = [];
    batcher.add({ events: [event(0)], settle: () => seen.push(batcher.pending) });
    batcher.add({ events: [event(1)], settle: () => seen.push(batcher.pending) });
    await batcher.drain(1000);
    expect(seen).toEqual([1, 0]);
  });

  it('settles in arrival order even when a later batch is durable first', async () => {
    const releases: Array<() => void> = [];
    const sink: IngestSink = {
      submit: (raws) =>
        new Promise((resolve) =>
          releases.push(() => resolve(raws.map((_, index) => ({ index, status: 'stored' as const })))),
        ),
      deadLetter: async () => undefined,
    };
    const batcher = new DurableAckBatcher(sink, { ...options, maxBatch: 1 });
    const settled: number[] = [];
    [0, 1, 2].forEach((n) => batcher.add(item(n, settled)));
    expect(releases).toHaveLength(3); // all three written concurrently
    releases[2]();
    releases[1]();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(settled).toEqual([]);
    releases[0]();
    await batcher.drain(1000);
    expect(settled).toEqual([0, 1, 2]);
  });

  it('retries through backpressure and failures without losing items or repeating dead letters', async () => {
    const sink = new MemoryIngestSink();
    sink.refuseNext = 3;
    const errors: unknown[] = [];
    const batcher = new DurableAckBatcher(sink, { ...options, onRetry: (error) => errors.push(error) });
    const settled: number[] = [];
    batcher.add(item(0, settled));
    batcher.add({
      events: [],
      deadLetter: { raw: Buffer.from([1, 2]), reason: 'bad', origin: 'mqtt:x' },
      settle: () => settled.push(1),
    });
    batcher.add(item(2, settled));
    await expect(batcher.drain(2000)).resolves.toBe(true);
    expect(errors).toHaveLength(3);
    expect(errors.every((error) => error instanceof BackpressureError)).toBe(true);
    expect(settled).toEqual([0, 1, 2]);
    expect(sink.stored.map((e) => e.id)).toEqual(['e-0', 'e-2']);
    expect(sink.deadLetters).toHaveLength(1);
  });

  it('reports a drain that times out, and settles nothing once abandoned', async () => {
    const sink = new MemoryIngestSink();
    sink.hold();
    const batcher = new DurableAckBatcher(sink, options);
    const settled: number[] = [];
    batcher.add(item(0, settled));
    await expect(batcher.drain(30)).resolves.toBe(false);
    batcher.abandon();
    sink.release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settled).toEqual([]);
    batcher.add(item(1, settled));
    expect(batcher.pending).toBe(0);
  });
});
