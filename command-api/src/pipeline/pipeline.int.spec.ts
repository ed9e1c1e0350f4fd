import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCityGis } from '@zhongshu/gis';
import {
  BackpressureError,
  EVENT_TYPES,
  FEED_KEY,
  Pipeline,
  exampleEvent,
  cityDay,
  dayCountersKey,
  type CityEventInput,
  type LiveChannel,
  type LiveDataByChannel,
  type StoredEvent,
} from '@zhongshu/stream';
import { MemoryHotState } from '../hot-state/memory.hot-state';
import { ChdbSqlClient } from '../warehouse/chdb.sql-client';
import { ClickHouseEventStore } from '../warehouse/clickhouse.event-store';

const gis = createCityGis('haikou-xiuying');
const alarm = (overrides: Partial<CityEventInput> = {}) =>
  exampleEvent(EVENT_TYPES.safetyAlarm, { category: 'fire', severity: 'major', ...overrides });

class RecordingPublisher {
  readonly messages: Array<{ channel: LiveChannel; data: unknown }> = [];
  publish<C extends LiveChannel>(channel: C, data: LiveDataByChannel[C]): void {
    this.messages.push({ channel, data });
  }
}

describe('Pipeline with chDB and memory hot state', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zs-pipeline-'));
  let store: ClickHouseEventStore;

  beforeAll(async () => {
    store = new ClickHouseEventStore(new ChdbSqlClient(dir), 'Asia/Shanghai');
    await store.migrate();
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function pipelineWith(overrides: { store?: ClickHouseEventStore; capacity?: number } = {}) {
    const hotState = new MemoryHotState();
    const publisher = new RecordingPublisher();
    const pipeline = new Pipeline(
      { store: overrides.store ?? store, deadLetters: store, hotState, publisher, enricher: gis, log: () => undefined },
      { lingerMs: 5, capacity: overrides.capacity ?? 1000 },
    );
    return { pipeline, hotState, publisher };
  }

  it('stores, enriches with town and grid, counts, feeds and publishes', async () => {
    const { pipeline, hotState, publisher } = pipelineWith();
    pipeline.start();
    const sent = [alarm(), alarm()];
    const results = await pipeline.submit(sent, 'test');
    await pipeline.stop();

    expect(results.map((r) => r.status)).toEqual(['stored', 'stored']);
    const [stored] = await store.query({ kind: 'safety', limit: 1 });
    expect(stored.region?.town?.code).toMatch(/^460105\d{3}$/);
    expect(stored.region?.grid).toMatch(/^460105\d{6}$/);
    const day = cityDay(new Date(), 'Asia/Shanghai').day;
    expect((await hotState.readCounters(dayCountersKey(day))).safety).toBe(2);
    expect((await hotState.readRecent(FEED_KEY, 10)).map((row) => (JSON.parse(row) as { id: string }).id)).toEqual([
      sent[1].id,
      sent[0].id,
    ]);
    expect(publisher.messages.map((m) => m.channel)).toEqual(['kpis', 'events']);
  });

  it('refuses work beyond its capacity instead of queueing without bound', async () => {
    const { pipeline } = pipelineWith({ capacity: 10 });
    // Not started: nothing drains the queue.
    await expect(
      pipeline.submit(
        Array.from({ length: 11 }, () => alarm()),
        'test',
      ),
    ).rejects.toBeInstanceOf(BackpressureError);
  });

  it('does not acknowledge when the warehouse fails, and forgets the ids so a retry is stored', async () => {
    const broken = new ClickHouseEventStore(new ChdbSqlClient(dir), 'Asia/Shanghai');
    broken.append = async (_batch: readonly StoredEvent[]) => {
      throw new Error('disk full');
    };
    const { pipeline, hotState } = pipelineWith({ store: broken });
    pipeline.start();
    const event = alarm();
    await expect(pipeline.submit([event], 'test')).rejects.toThrow('disk full');
    await pipeline.stop();
    expect(await hotState.markSeen([event.id], 60)).toEqual([true]);
  }, 20_000);

  it('sends invalid items to the dead-letter store with the raw payload', async () => {
    const { pipeline } = pipelineWith();
    pipeline.start();
    const bad = { ...alarm(), data: { level: 9 } };
    const [result] = await pipeline.submit([bad], 'test:dlq');
    await pipeline.stop();
    expect(result.status).toBe('rejected');
    const letters = await store.list(10);
    expect(letters.find((l) => l.origin === 'test:dlq')?.raw).toBe(JSON.stringify(bad));
  });

  it('keeps undecodable binary input as base64 with its reason', async () => {
    const { pipeline } = pipelineWith();
    await pipeline.deadLetter(Buffer.from([0x08, 0xff, 0x00]), 'not a Sparkplug B payload', 'mqtt:spBv1.0/g/NDATA/e');
    const letter = (await store.list(10)).find((l) => l.origin === 'mqtt:spBv1.0/g/NDATA/e');
    expect(letter).toMatchObject({ encoding: 'base64', reason: 'not a Sparkplug B payload' });
    expect(Buffer.from(letter?.raw ?? '', 'base64')).toEqual(Buffer.from([0x08, 0xff, 0x00]));
  });

  it('rebuilds counters, feed and the dedupe window from the warehouse after a restart', async () => {
    const first = pipelineWith();
    first.pipeline.start();
    const event = alarm();
    await first.pipeline.submit([event], 'test');
    await first.pipeline.stop();

    const second = pipelineWith();
    await second.pipeline.rebuildHotState();
    second.pipeline.start();
    const [again] = await second.pipeline.submit([event], 'test');
    await second.pipeline.stop();
    expect(again.status).toBe('duplicate');
    const day = cityDay(new Date(), 'Asia/Shanghai').day;
    expect((await second.hotState.readCounters(dayCountersKey(day))).safety).toBeGreaterThanOrEqual(3);
    const feed = await second.hotState.readRecent(FEED_KEY, 1);
    expect((JSON.parse(feed[0]) as { id: string }).id).toBe(event.id);
  });
});
