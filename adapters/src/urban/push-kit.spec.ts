import { BackpressureError, EVENT_TYPES, exampleEvent } from '@zhongshu/stream';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MemoryIngestSink } from '../shared/memory-ingest.sink';
import { deliver, labelled, normalise, platformTime, PushAdapter, stableId, StageRounds } from './push-kit';

describe('platformTime', () => {
  it('keeps ISO 8601 with an offset and reads a bare "yyyy-MM-dd HH:mm:ss" as 北京时间', () => {
    expect(platformTime.parse('2026-11-21T09:15:03+08:00')).toBe('2026-11-21T09:15:03+08:00');
    expect(platformTime.parse('2026-11-21T01:15:03.120Z')).toBe('2026-11-21T01:15:03.120Z');
    expect(platformTime.parse('2026-11-21 09:15:03')).toBe('2026-11-21T09:15:03+08:00');
    expect(platformTime.parse('2026-11-21T09:15:03')).toBe('2026-11-21T09:15:03+08:00');
    expect(new Date(platformTime.parse('2026-11-21 09:15:03')).toISOString()).toBe('2026-11-21T01:15:03.000Z');
  });

  it('refuses times without a date or a real calendar day, and foreign spellings', () => {
    for (const bad of [
      '09:15:03',
      '2026-11-21',
      '2026/11/21 09:15:03',
      '1763687703000',
      '2026-13-01 00:00:00',
      'yesterday',
    ]) {
      expect(platformTime.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe('labelled', () => {
  const stage = labelled(['accept', 'reject'], { 受理: 'accept', 不予受理: 'reject' });

  it('takes the code or the Chinese label and names what it accepts otherwise', () => {
    expect(stage.parse('accept')).toBe('accept');
    expect(stage.parse(' 不予受理 ')).toBe('reject');
    expect(stage.parse('ACCEPT')).toBe('accept');
    const failed = stage.safeParse('办结');
    expect(failed.success).toBe(false);
    expect(failed.error?.issues[0]?.message).toMatch(/accept, reject, 受理, 不予受理/);
  });
});

describe('stableId', () => {
  it('joins the platform keys and escapes separators so different keys never collide', () => {
    expect(stableId('urban', 'CG202611210001', 'register')).toBe('urban:CG202611210001:register');
    expect(stableId('x', 'a:b', 'c')).not.toBe(stableId('x', 'a', 'b:c'));
    expect(stableId('x', 'a%3Ab')).not.toBe(stableId('x', 'a:b'));
  });

  it('hashes ids that would exceed the 128-character contract limit, deterministically', () => {
    const long = stableId('evaluation', 'H'.repeat(40), 'C'.repeat(64), '2026-11-21T01:15:03.000Z');
    expect(long).toMatch(/^evaluation:sha256:[0-9a-f]{64}$/);
    expect(long.length).toBeLessThanOrEqual(128);
    expect(stableId('evaluation', 'H'.repeat(40), 'C'.repeat(64), '2026-11-21T01:15:03.000Z')).toBe(long);
  });
});

describe('StageRounds', () => {
  it('numbers re-entries of a stage per case', () => {
    const rounds = new StageRounds(2);
    expect(rounds.next('SP1', 'accept')).toBe(1);
    expect(rounds.next('SP1', 'supplement')).toBe(1);
    expect(rounds.next('SP1', 'accept')).toBe(2);
    expect(rounds.next('SP2', 'accept')).toBe(1);
    // Capacity 2: SP1/supplement was the oldest and is forgotten.
    expect(rounds.next('SP1', 'supplement')).toBe(1);
  });
});

const thing = z.object({ no: z.string().min(1), time: platformTime });
type Thing = z.output<typeof thing>;
const toEvent = (item: Thing) =>
  exampleEvent(EVENT_TYPES.hotlineTicket, { id: stableId('thing', item.no), time: item.time, source: '/test' });

describe('normalise and deliver', () => {
  it('rejects an item that fails the schema with the failing path, and one whose mapping breaks the contract', () => {
    expect(normalise(thing, toEvent, { no: '', time: '2026-11-21 09:00:00' })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^no: /) as unknown,
    });
    const broken = normalise(thing, (item) => ({ ...toEvent(item), category: '' }), {
      no: '1',
      time: '2026-11-21 09:00:00',
    });
    expect(broken).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^mapped event invalid: category/) as unknown,
    });
  });

  it('writes nothing at all when the sink refuses with BackpressureError, so a retry dead-letters nothing twice', async () => {
    const sink = new MemoryIngestSink();
    sink.refuseNext = 1;
    const entries = [{ no: '1', time: '2026-11-21 09:00:00' }, { no: '' }].map((raw) => ({
      ...normalise(thing, toEvent, raw),
      raw,
    }));
    await expect(deliver(sink, entries, 'test')).rejects.toBeInstanceOf(BackpressureError);
    expect(sink.deadLetters).toHaveLength(0);
    const results = await deliver(sink, entries, 'test');
    expect(results.map((result) => result.status)).toEqual(['stored', 'rejected']);
    expect(sink.deadLetters).toHaveLength(1);
    expect(sink.deadLetters[0]).toMatchObject({ raw: '{"no":""}', origin: 'test' });
  });
});

describe('PushAdapter', () => {
  it('answers per item in body order, NDJSON lines that were not JSON included, and counts', async () => {
    const sink = new MemoryIngestSink();
    const adapter = new PushAdapter('urban', { sink }, thing, toEvent);
    const valid = { no: 'A1', time: '2026-11-21 09:00:00' };
    const response = await adapter.ingestBody(
      { items: [valid, { no: 'A2' }, valid], unparseable: [{ index: 1, raw: '{oops', reason: 'invalid JSON' }] },
      'http:/test',
    );
    expect(response).toMatchObject({ errors: true, stored: 1, duplicates: 1, rejected: 2 });
    expect(response.items.map((item) => [item.index, item.status])).toEqual([
      [0, 'stored'],
      [1, 'rejected'],
      [2, 'rejected'],
      [3, 'duplicate'],
    ]);
    expect(response.items[0]?.id).toBe('thing:A1');
    expect(response.items[2]?.reason).toMatch(/time/);
    expect(sink.deadLetters.map((letter) => letter.raw)).toEqual(['{"no":"A2"}', '{oops']);
    expect(adapter.counters.stats()).toMatchObject({
      adapter: 'urban',
      received: 4,
      accepted: 1,
      duplicates: 1,
      rejected: 2,
      lagMs: 0,
    });
  });

  it('lets BackpressureError through with nothing stored and no lag left behind', async () => {
    const sink = new MemoryIngestSink({ retryAfterSeconds: 2 });
    sink.refuseNext = 1;
    const adapter = new PushAdapter('safety', { sink }, thing, toEvent);
    await expect(adapter.ingest([{ no: 'B1', time: '2026-11-21 09:00:00' }], 'http:/test')).rejects.toMatchObject({
      retryAfterSeconds: 2,
    });
    expect(sink.stored).toHaveLength(0);
    expect(adapter.counters.stats()).toMatchObject({ received: 1, accepted: 0, rejected: 0, lagMs: 0 });
  });

  it('replays its own dead letters without dead-lettering them again', async () => {
    const sink = new MemoryIngestSink();
    const adapter = new PushAdapter('approvals', { sink }, thing, toEvent);
    const origin = 'http:/api/v1/ingest/approvals';
    expect(await adapter.replay({ raw: '{"no":"R1","time":"2026-11-21 09:00:00"}', encoding: 'utf8', origin })).toEqual(
      [{ index: 0, id: 'thing:R1', status: 'stored' }],
    );
    expect(await adapter.replay({ raw: '[{"no":"R2"}]', encoding: 'utf8', origin })).toMatchObject([
      { index: 0, status: 'rejected', reason: expect.stringMatching(/^time: /) as unknown },
    ]);
    expect(await adapter.replay({ raw: 'AAEC', encoding: 'base64', origin })).toMatchObject([{ status: 'rejected' }]);
    expect(await adapter.replay({ raw: '{oops', encoding: 'utf8', origin })).toMatchObject([
      { status: 'rejected', reason: 'payload is not JSON' },
    ]);
    expect(sink.deadLetters).toHaveLength(0);
    expect(sink.stored.map((event) => event.id)).toEqual(['thing:R1']);
  });
});
