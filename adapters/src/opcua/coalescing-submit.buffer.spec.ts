import { BackpressureError, type ItemResult } from '@zhongshu/stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IngestSink } from '../shared/ingest-sink';
import {
  CoalescingSubmitBuffer,
  type BufferedEvent,
  type CoalescingSubmitBufferOptions,
} from './coalescing-submit.buffer';

const OPTIONS: CoalescingSubmitBufferOptions = {
  capacity: 100,
  maxBatch: 10,
  flushIntervalMs: 5,
  retryBaseDelayMs: 5,
  retryMaxDelayMs: 20,
};

class ScriptedSink implements IngestSink {
  readonly batches: Array<{ origin: string; events: unknown[] }> = [];
  /** Each submit takes the next outcome; `ok` once the script is done. */
  readonly script: Array<'ok' | 'backpressure' | 'fail'> = [];
  submit = async (raws: readonly unknown[], origin: string): Promise<ItemResult[]> => {
    const outcome = this.script.shift() ?? 'ok';
    if (outcome === 'backpressure') throw new BackpressureError(1);
    if (outcome === 'fail') throw new Error('warehouse down');
    this.batches.push({ origin, events: [...raws] });
    return raws.map((_, index) => ({ index, status: 'stored' as const }));
  };
  deadLetter = async (): Promise<void> => undefined;
  get events(): unknown[] {
    return this.batches.flatMap((batch) => batch.events);
  }
}

const item = (key: string, event: unknown, ticket = 0, origin = 'opcua:a'): BufferedEvent => ({
  key,
  origin,
  event,
  ticket,
});

function setup(options: Partial<CoalescingSubmitBufferOptions> = {}) {
  const sink = new ScriptedSink();
  const settled: Array<[unknown, ItemResult]> = [];
  const coalesced: unknown[] = [];
  const abandoned: unknown[] = [];
  const logs: string[] = [];
  const buffer = new CoalescingSubmitBuffer(
    sink,
    { ...OPTIONS, ...options },
    {
      settled: (i, result) => settled.push([i.event, result]),
      coalesced: (i) => coalesced.push(i.event),
      abandoned: (i) => abandoned.push(i.event),
      log: (message) => logs.push(message),
    },
  );
  return { sink, buffer, settled, coalesced, abandoned, logs };
}

describe('CoalescingSubmitBuffer', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it('submits in arrival order, in batches of at most maxBatch, one origin per batch', async () => {
    const { sink, buffer, settled } = setup();
    stop = () => buffer.stop(1_000);
    for (let i = 0; i < 25; i += 1) buffer.push(item(`k${i}`, i, i, i < 12 ? 'opcua:a' : 'opcua:b'));
    buffer.start();
    await vi.waitFor(() => expect(settled).toHaveLength(25));
    expect(sink.events).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(sink.batches.every((batch) => batch.events.length <= 10)).toBe(true);
    expect(sink.batches.map((batch) => batch.origin)).toEqual(['opcua:a', 'opcua:a', 'opcua:b', 'opcua:b']);
  });

  it('retries a refused batch until the sink takes it, losing nothing', async () => {
    const { sink, buffer, settled, logs } = setup();
    stop = () => buffer.stop(1_000);
    sink.script.push('backpressure', 'backpressure', 'fail', 'backpressure');
    buffer.start();
    for (let i = 0; i < 5; i += 1) buffer.push(item(`k${i}`, i));
    await vi.waitFor(() => expect(settled).toHaveLength(5));
    expect(sink.events).toEqual([0, 1, 2, 3, 4]);
    expect(buffer.stats).toMatchObject({ retries: 4, coalesced: 0, buffered: 0 });
    // Backpressure is expected; only real failures are logged.
    expect(logs).toEqual(['OPC UA: submit failed; retrying']);
  });

  it('keeps only the latest value per key once full, and counts what it coalesced', async () => {
    const { sink, buffer, coalesced } = setup({ capacity: 4 });
    stop = () => buffer.stop(1_000);
    ['p1', 'f1', 'p2', 'f2', 'p3', 'l1', 'p4'].forEach((event) => buffer.push(item(event[0] ?? '', event)));
    expect(coalesced).toEqual(['p2', 'f1', 'p1']);
    expect(buffer.stats).toMatchObject({ buffered: 4, coalesced: 3 });
    buffer.start();
    await vi.waitFor(() => expect(sink.events).toEqual(['f2', 'p3', 'l1', 'p4']));
  });

  it('stays bounded while the sink refuses, then delivers the latest values', async () => {
    const { sink, buffer } = setup({ capacity: 3, maxBatch: 2 });
    stop = () => buffer.stop(1_000);
    sink.script.push(...Array<'backpressure'>(6).fill('backpressure'));
    buffer.start();
    for (let i = 0; i < 30; i += 1) {
      buffer.push(item(`k${i % 3}`, i));
      expect(buffer.stats.buffered).toBeLessThanOrEqual(3 + 2);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await vi.waitFor(() => expect(buffer.stats.buffered).toBe(0));
    expect(sink.events.slice(-3)).toEqual([27, 28, 29]);
    expect(buffer.stats.coalesced + sink.events.length).toBe(30);
  });

  it('drains on stop, and abandons (and reports) what a saturated sink never took', async () => {
    const { sink, buffer, abandoned, logs } = setup();
    buffer.start();
    buffer.push(item('a', 1));
    await buffer.stop(1_000);
    expect(sink.events).toEqual([1]);

    const stuck = setup({ retryBaseDelayMs: 10, retryMaxDelayMs: 10 });
    stuck.sink.script.push(...Array<'backpressure'>(1_000).fill('backpressure'));
    stuck.buffer.start();
    stuck.buffer.push(item('a', 2));
    const started = Date.now();
    await stuck.buffer.stop(100);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(stuck.abandoned).toEqual([2]);
    expect(stuck.logs).toContain('OPC UA: 1 buffered values abandoned at stop');
    expect(abandoned).toEqual([]);
    expect(logs).toEqual([]);
  });
});
