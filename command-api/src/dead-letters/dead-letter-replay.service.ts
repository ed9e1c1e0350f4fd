import { Inject, Injectable } from '@nestjs/common';
import type { DeadLetter, ItemResult } from '@zhongshu/stream';
import { ApiError } from '../http/api-error';
import { RUNTIME, type Runtime } from '../runtime';

/** Re-reads a dead letter's raw payload the way its boundary would have; adapters register their own. */
export type Replayer = (letter: DeadLetter) => Promise<ItemResult[]>;

export interface ReplayResult {
  id: string;
  outcome: 'stored' | 'rejected';
  items: ItemResult[];
}

/**
 * Replays a rejected payload after its cause was fixed (a producer bug, a missing type version, a
 * device that has since sent its birth certificate). The dead letter itself is never changed; each
 * attempt is recorded beside it.
 */
@Injectable()
export class DeadLetterReplayService {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  async replay(id: string): Promise<ReplayResult> {
    const { store } = this.runtime;
    const letter = await store.get(id);
    if (!letter) throw new ApiError(404, 'DEAD_LETTER_NOT_FOUND', `No dead letter ${id}`, `未找到死信 ${id}`);
    const replayer =
      this.runtime.replayers.find((r) => letter.origin.startsWith(r.originPrefix))?.replay ?? this.replayJson;
    const items = await replayer(letter);
    const outcome = items.length > 0 && items.every((item) => item.status !== 'rejected') ? 'stored' : 'rejected';
    const detail = items.map((item) => item.reason ?? item.status).join('; ');
    await store.recordReplay(id, new Date(), outcome, detail);
    return { id, outcome, items };
  }

  /** Default: the payload is a CityEvent, an array of them, or NDJSON. */
  private readonly replayJson: Replayer = async (letter) => {
    if (letter.encoding !== 'utf8')
      return [{ index: 0, status: 'rejected', reason: 'binary payload needs its adapter to replay' }];
    let items: unknown[];
    try {
      const parsed: unknown = JSON.parse(letter.raw);
      items = Array.isArray(parsed) ? parsed : [parsed];
    } catch {
      return [{ index: 0, status: 'rejected', reason: 'payload is not JSON' }];
    }
    return this.runtime.pipeline.submit(items, `replay:${letter.origin}`, { deadLetterInvalid: false });
  };
}
