import type { WorkOrder } from '@zhongshu/ticketing';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from './order-log.repository';
import { OrderLogWriter } from './order-log.writer';

const entry = (id: string): LogEntry => ({ order: { id, version: 1 } as WorkOrder, sealed: '{}', events: [] });

describe('OrderLogWriter (group commit)', () => {
  it('shares one insert among the writes of a tick and resolves each only after its insert returned', async () => {
    const inserts: string[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const writer = new OrderLogWriter(async (entries) => {
      inserts.push(entries.map((e) => e.order.id));
      await gate;
    });
    const settled: string[] = [];
    const writes = ['a', 'b', 'c'].map((id) => writer.write([entry(id)]).then(() => settled.push(id)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(inserts).toEqual([['a', 'b', 'c']]);
    expect(settled).toEqual([]);
    const later = writer.write([entry('d')]).then(() => settled.push('d'));
    release();
    await Promise.all([...writes, later]);
    expect(inserts).toEqual([['a', 'b', 'c'], ['d']]);
    expect(settled).toEqual(['a', 'b', 'c', 'd']);
  });

  it('retries a failed insert, then rejects every write of the batch', async () => {
    let calls = 0;
    const writer = new OrderLogWriter(
      async () => {
        calls += 1;
        throw new Error('disk full');
      },
      { maxBatch: 100, attempts: 2 },
    );
    const results = await Promise.allSettled([writer.write([entry('a')]), writer.write([entry('b')])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toBe(2);
    const recovered = new OrderLogWriter(async () => undefined);
    await expect(recovered.write([entry('c')])).resolves.toBeUndefined();
  });

  it('keeps batches under the row limit and refuses writes once closed', async () => {
    const sizes: number[] = [];
    const writer = new OrderLogWriter(async (entries) => void sizes.push(entries.length), { maxBatch: 2, attempts: 1 });
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => writer.write([entry(id)])));
    expect(sizes).toEqual([2, 2, 1]);
    await writer.close();
    await expect(writer.write([entry('f')])).rejects.toThrow(/closed/);
  });
});
