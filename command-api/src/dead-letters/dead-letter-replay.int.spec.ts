import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES, exampleEvent } from '@zhongshu/stream';
import { loadConfig } from '../config/app.config';
import { closeRuntime, createRuntime, type Runtime } from '../runtime';
import { DeadLetterReplayService } from './dead-letter-replay.service';

describe('DeadLetterReplayService (real runtime on chDB)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zs-replay-'));
  let runtime: Runtime;
  let replays: DeadLetterReplayService;

  beforeAll(async () => {
    runtime = await createRuntime(loadConfig({ DATA_DIR: dir, SIMULATE: '0' }), () => undefined);
    replays = new DeadLetterReplayService(runtime);
  });
  afterAll(async () => {
    await closeRuntime(runtime);
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores a payload whose cause was fixed, and marks the dead letter replayed', async () => {
    // As if a producer's event had been refused by an older contract and is valid today.
    const event = exampleEvent(EVENT_TYPES.urbanCase);
    await runtime.store.put([
      {
        id: 'dl-fixed',
        receivedAt: new Date(),
        origin: 'http:/api/v1/events',
        reason: 'old contract',
        raw: JSON.stringify(event),
        encoding: 'utf8',
      },
    ]);
    const result = await replays.replay('dl-fixed');
    expect(result.outcome).toBe('stored');
    expect(result.items[0]).toMatchObject({ status: 'stored', id: event.id });
    expect((await runtime.store.getById(event.id))?.type).toBe(EVENT_TYPES.urbanCase);
    expect((await runtime.store.get('dl-fixed'))?.replayedAt).toBeInstanceOf(Date);
    // A second replay finds it stored already: still fine, and no second dead letter appears.
    expect((await replays.replay('dl-fixed')).items[0].status).toBe('duplicate');
  });

  it('reports a payload that is still invalid without dead-lettering it again', async () => {
    const before = (await runtime.store.list(1000)).length;
    await runtime.store.put([
      {
        id: 'dl-bad',
        receivedAt: new Date(),
        origin: 'http:/api/v1/events',
        reason: 'x',
        raw: '{"id":"x"}',
        encoding: 'utf8',
      },
    ]);
    const result = await replays.replay('dl-bad');
    expect(result.outcome).toBe('rejected');
    expect(result.items[0].reason).toMatch(/specversion|type/);
    expect((await runtime.store.list(1000)).length).toBe(before + 1);
    expect((await runtime.store.get('dl-bad'))?.replayedAt).toBeUndefined();
  });

  it('answers 404 for an unknown id', async () => {
    await expect(replays.replay('nope')).rejects.toMatchObject({ status: 404, code: 'DEAD_LETTER_NOT_FOUND' });
  });
});
